import africastalking from 'africastalking';
import type { SendResult, SmsSender } from '../../ports.js';

/** What `SMS.send` resolves (AT API docs); only the fields we read. */
interface AtSendResponse {
  SMSMessageData?: {
    Message?: string;
    Recipients?: Array<{ statusCode?: number; number?: string; status?: string; messageId?: string; cost?: string }>;
  };
}

/** AT per-recipient codes: 100 Processed, 101 Sent, 102 Queued are accepted. */
const ACCEPTED = new Set([100, 101, 102]);
/** 405 InsufficientBalance and 5xx are the gateway's trouble and pass; the rest are about the number. */
const RETRYABLE = new Set([405, 500, 501, 502]);

export interface AtCredentials {
  username: string;
  apiKey: string;
  senderId?: string;
}

/**
 * Reporter SMS through Africa's Talking, with the real SDK. Only this file knows AT: another
 * aggregator with the same callback formats is a new adapter, not a rewrite (DOMAIN.md).
 */
export class AfricasTalkingSender implements SmsSender {
  private readonly sms: ReturnType<typeof africastalking>['SMS'];

  constructor(private readonly credentials: AtCredentials) {
    this.sms = africastalking({ username: credentials.username, apiKey: credentials.apiKey }).SMS;
  }

  async send(message: { id: string; to: string; text: string }): Promise<SendResult> {
    let response: AtSendResponse;
    try {
      response = (await this.sms.send({
        to: [message.to],
        message: message.text,
        ...(this.credentials.senderId ? { from: this.credentials.senderId } : {}),
      })) as AtSendResponse;
    } catch (error) {
      // Network errors and non-201 answers: AT did not accept the message, so a retry cannot duplicate it.
      const status = (error as { response?: { status?: number } })?.response?.status;
      return { ok: false, reason: status ? `http_${status}` : 'network', retryable: status === undefined || status >= 500 || status === 429 };
    }
    const recipient = response.SMSMessageData?.Recipients?.[0];
    if (!recipient || recipient.statusCode === undefined) {
      return { ok: false, reason: 'no_recipient_status', retryable: false };
    }
    if (ACCEPTED.has(recipient.statusCode) && recipient.messageId) {
      return { ok: true, providerMessageId: recipient.messageId };
    }
    return {
      ok: false,
      reason: `${recipient.statusCode}_${recipient.status ?? 'unknown'}`,
      retryable: RETRYABLE.has(recipient.statusCode),
    };
  }
}
