import { createRequire } from 'node:module';
import type africastalkingType from 'africastalking';
import type { SendResult, SmsSender } from '../../use-cases/outbox-port.js';

/**
 * The SDK and its dependencies weigh about 1.7 MB: it is not bundled into the functions but shipped
 * as a Lambda layer (infra/), and loaded on the first reporter SMS, so a cold start that never texts
 * a reporter never pays for it. CommonJS `require` resolves the layer through Lambda's NODE_PATH.
 */
const requireSdk = () => createRequire(import.meta.url)('africastalking') as typeof africastalkingType;

/** The apiKey the stack writes into the gateway secret until an operator puts the real one there. */
export const AT_PLACEHOLDER_API_KEY = 'set-me';

/** What `SMS.send` resolves (AT API docs); only the fields we read. */
interface AtSendResponse {
  SMSMessageData?: {
    Message?: string;
    Recipients?: Array<{ statusCode?: number; number?: string; status?: string; messageId?: string; cost?: string }>;
  };
}

/** AT per-recipient codes: 100 Processed, 101 Sent, 102 Queued are accepted. */
const ACCEPTED = new Set([100, 101, 102]);
/**
 * Per-recipient failures worth another try later: 405 InsufficientBalance (until the account is topped
 * up), 500 InternalServerError, 501 GatewayError, 502 RejectedByGateway. The others are about the
 * number or the account (403 InvalidPhoneNumber, 406 UserInBlacklist, 409 DoNotDisturb...): a retry
 * gives the same answer and may cost money.
 */
const RETRYABLE = new Set([405, 500, 501, 502]);
/** Transport errors that happen before AT could have read the request: a retry cannot duplicate. */
const NOT_SENT_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'ENETUNREACH', 'EHOSTUNREACH', 'CERT_HAS_EXPIRED']);

export interface AtCredentials {
  username: string;
  apiKey: string;
  senderId?: string;
}

export interface AtSenderOptions {
  /** Pauses between in-process attempts for failures AT certainly did not accept; the outbox retries later ones. */
  backoffMs?: number[];
  /** An answer that takes longer is treated as of unknown outcome (the SDK sets no timeout of its own). */
  timeoutMs?: number;
  sleep?: (ms: number) => Promise<void>;
}

const DEFAULTS = { backoffMs: [250, 1000], timeoutMs: 10_000 };

type Attempt = SendResult & { again?: boolean };

/**
 * Reporter SMS through Africa's Talking, with the real SDK. Only this file knows AT: another
 * aggregator with the same callback formats is a new adapter, not a rewrite (DOMAIN.md).
 *
 * Retrying must never send an SMS twice. A failure is retryable only when AT certainly did not take
 * the message: it refused the recipient with a transient code, answered an HTTP error, or could not
 * be reached at all. A timeout or a dropped connection after the request went out may have been
 * accepted, so it is reported as failed (reason `outcome_unknown`) and not retried.
 */
export class AfricasTalkingSender implements SmsSender {
  private client?: ReturnType<typeof africastalkingType>['SMS'];
  private readonly options: Required<AtSenderOptions>;

  constructor(private readonly credentials: AtCredentials, options: AtSenderOptions = {}) {
    this.options = {
      backoffMs: options.backoffMs ?? DEFAULTS.backoffMs,
      timeoutMs: options.timeoutMs ?? DEFAULTS.timeoutMs,
      sleep: options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms))),
    };
  }

  private get sms(): ReturnType<typeof africastalkingType>['SMS'] {
    // Username `sandbox` switches the whole SDK (process-wide) to the sandbox endpoints.
    this.client ??= requireSdk()({ username: this.credentials.username, apiKey: this.credentials.apiKey }).SMS;
    return this.client;
  }

  async send(message: { id: string; to: string; text: string }): Promise<SendResult> {
    for (let attempt = 0; ; attempt++) {
      const { again, ...result } = await this.attempt(message);
      const pause = this.options.backoffMs[attempt];
      if (!again || pause === undefined) return result;
      await this.options.sleep(pause);
    }
  }

  private async attempt(message: { to: string; text: string }): Promise<Attempt> {
    let response: unknown;
    let timer: NodeJS.Timeout | undefined;
    try {
      const timeout = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new TimeoutError()), this.options.timeoutMs);
      });
      response = await Promise.race([
        this.sms.send({
          to: [message.to],
          message: message.text,
          ...(this.credentials.senderId ? { from: this.credentials.senderId } : {}),
        }),
        timeout,
      ]);
    } catch (error) {
      return classifyError(error);
    } finally {
      clearTimeout(timer);
    }
    return classifyResponse(response);
  }
}

class TimeoutError extends Error {}

function classifyResponse(response: unknown): Attempt {
  const data = (response as AtSendResponse | undefined)?.SMSMessageData;
  const recipient = data?.Recipients?.[0];
  if (!recipient || recipient.statusCode === undefined) {
    // No per-recipient answer: AT refused the whole request (e.g. `InvalidSenderId`).
    return { ok: false, reason: `rejected_${reasonWord(data?.Message)}`, retryable: false };
  }
  if (ACCEPTED.has(recipient.statusCode) && recipient.messageId) {
    return { ok: true, providerMessageId: recipient.messageId };
  }
  return {
    ok: false,
    reason: `${recipient.statusCode}_${reasonWord(recipient.status)}`,
    retryable: RETRYABLE.has(recipient.statusCode),
  };
}

function classifyError(error: unknown): Attempt {
  if (error instanceof TimeoutError) return { ok: false, reason: 'outcome_unknown_timeout', retryable: false };
  const e = error as { isAxiosError?: boolean; code?: string; response?: { status?: number }; SMSMessageData?: unknown } | undefined;
  // The SDK rejects with the body when AT answers 2xx but not 201: read it like an answer.
  if (e && typeof e === 'object' && 'SMSMessageData' in e) return classifyResponse(e);
  if (e?.isAxiosError) {
    const status = e.response?.status;
    if (status !== undefined) {
      const transient = status === 429 || status >= 500;
      // Refused credentials (401/403 before any recipient was read) mean nothing was sent and the
      // secret needs fixing: the message stays pending for the scheduled re-send instead of being
      // lost, but retrying at once would only be refused again.
      const credentials = status === 401 || status === 403;
      return { ok: false, reason: `http_${status}`, retryable: transient || credentials, again: transient };
    }
    if (e.code && NOT_SENT_CODES.has(e.code)) return { ok: false, reason: `network_${e.code}`, retryable: true, again: true };
    return { ok: false, reason: `outcome_unknown_${e.code ?? 'network'}`, retryable: false };
  }
  // The SDK validates before sending (e.g. a number it cannot parse): nothing left the process.
  if (error instanceof Error) return { ok: false, reason: 'invalid_request', retryable: false };
  return { ok: false, reason: 'unexpected_response', retryable: false };
}

/** AT's status words are safe to keep (`InvalidPhoneNumber`); anything else is cut to a short token. */
function reasonWord(value: string | undefined): string {
  return (value ?? 'unknown').replace(/[^A-Za-z0-9]+/g, '').slice(0, 40) || 'unknown';
}
