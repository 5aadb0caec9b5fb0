import { ClientError, ForbiddenError, PayloadTooLargeError, ValidationError } from '../domain/errors.js';
import { header, httpHandler, MAX_BODY_BYTES, text, type HttpEvent } from '../http/api.js';
import { checkSignature, verifyTokenMatches } from './signature.js';
import { WhatsAppWebhook } from './payload.js';
import { handleWebhook, type WhatsAppDeps } from './receive.js';

export interface WhatsAppSecrets {
  /** The Meta app's secret: the key of every webhook's X-Hub-Signature-256. */
  appSecret: string;
  /** The token typed into the app's webhook settings, echoed back by GET verification. */
  verifyToken: string;
}

export interface WhatsAppRuntime {
  deps: WhatsAppDeps;
  /** Fixed locally; read through the secrets cache in AWS. */
  secrets: WhatsAppSecrets | (() => Promise<WhatsAppSecrets>);
}

export class UnsignedError extends ClientError {
  constructor() {
    super('UNSIGNED', 401, 'Missing X-Hub-Signature-256');
  }
}

/** The body's bytes as Meta sent them (the signature is over these), refused past the size limit. */
export function rawBytes(event: HttpEvent): Buffer {
  const body = event.body ? Buffer.from(event.body, event.isBase64Encoded ? 'base64' : 'utf8') : Buffer.alloc(0);
  if (body.length > MAX_BODY_BYTES) throw new PayloadTooLargeError(MAX_BODY_BYTES);
  return body;
}

/** A parsed, verified payload; a bad one becomes a 400 naming the first fields at fault. */
export function parseWebhook(body: Buffer): WhatsAppWebhook {
  let json: unknown;
  try {
    json = JSON.parse(body.toString('utf8'));
  } catch {
    throw new ValidationError({ body: 'Not JSON' });
  }
  const parsed = WhatsAppWebhook.safeParse(json);
  if (parsed.success) return parsed.data;
  const fields: Record<string, string> = {};
  for (const issue of parsed.error.issues.slice(0, 5)) fields[issue.path.join('.') || 'body'] ??= issue.message;
  throw new ValidationError(fields);
}

/**
 * `GET /whatsapp`: Meta's verification (echo `hub.challenge` when `hub.verify_token` matches, else
 * 403 without it). `POST /whatsapp`: every body is checked against X-Hub-Signature-256 before
 * anything is parsed or stored (unsigned 401, wrongly signed or tampered 403), then parsed (400),
 * then handled; 200 once everything it asks for is stored. A failure to store answers 5xx on
 * purpose: Meta delivers again, and the wamid keys make the redelivery harmless.
 */
export function createWhatsAppHandler(runtime: WhatsAppRuntime) {
  const secrets = async () => (typeof runtime.secrets === 'function' ? runtime.secrets() : runtime.secrets);
  return httpHandler('whatsapp', async (event) => {
    const method = event.requestContext?.http?.method ?? 'POST';
    if (method === 'GET') {
      const q = event.queryStringParameters ?? {};
      const challenge = q['hub.challenge'];
      if (q['hub.mode'] !== 'subscribe' || !challenge || !verifyTokenMatches(q['hub.verify_token'], (await secrets()).verifyToken)) {
        throw new ForbiddenError();
      }
      return text(200, challenge);
    }
    const body = rawBytes(event);
    const check = checkSignature(body, header(event, 'x-hub-signature-256'), (await secrets()).appSecret);
    if (check === 'missing') throw new UnsignedError();
    if (check === 'invalid') throw new ForbiddenError('Signature does not match');
    await handleWebhook(runtime.deps, parseWebhook(body));
    return text(200, 'OK');
  });
}

