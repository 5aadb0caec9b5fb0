import { randomBytes } from 'node:crypto';
import type { Context } from 'aws-lambda';
import type { HttpEvent, HttpResult } from '../../lib/http/api.js';
import { signBody } from '../../lib/whatsapp/signature.js';
import { localContext } from '../../lib/local/lambda-shim.js';

/** The local demo app secret (lib/config.ts): what `npm start` and the test systems verify against. */
export const LOCAL_APP_SECRET = 'local-demo-whatsapp-app-secret';

/** An HTTP API event for /whatsapp, as API Gateway would pass Meta's request. */
export function whatsappEvent(method: 'GET' | 'POST', options: { body?: string; headers?: Record<string, string>; query?: Record<string, string> } = {}): HttpEvent {
  return {
    version: '2.0', routeKey: `${method} /whatsapp`, rawPath: '/whatsapp', rawQueryString: new URLSearchParams(options.query ?? {}).toString(),
    headers: { 'content-type': 'application/json', ...options.headers },
    ...(options.query ? { queryStringParameters: options.query } : {}),
    requestContext: {
      accountId: 'test', apiId: 'test', domainName: 'localhost', domainPrefix: 'localhost',
      http: { method, path: '/whatsapp', protocol: 'HTTP/1.1', sourceIp: '127.0.0.1', userAgent: 'facebookexternalua' },
      requestId: randomBytes(8).toString('hex'), routeKey: `${method} /whatsapp`, stage: '$default', time: '', timeEpoch: Date.now(),
    },
    ...(options.body !== undefined ? { body: options.body } : {}), isBase64Encoded: false,
  };
}

/** A body signed as Meta signs it. */
export const signedPost = (body: string, secret = LOCAL_APP_SECRET): HttpEvent =>
  whatsappEvent('POST', { body, headers: { 'x-hub-signature-256': signBody(body, secret) } });

export const newWamid = () => `wamid.HBgN${randomBytes(12).toString('hex').toUpperCase()}`;

/** Meta's webhook body with messages from one sender (digits without "+"). */
export function messagesPayload(from: string, messages: Array<Record<string, unknown>>, extra: Record<string, unknown> = {}): string {
  return JSON.stringify({
    object: 'whatsapp_business_account',
    entry: [{
      id: '102290129340398',
      changes: [{
        field: 'messages',
        value: {
          messaging_product: 'whatsapp',
          metadata: { display_phone_number: '6281100001708', phone_number_id: '106540352242922' },
          contacts: [{ profile: { name: 'Sari' }, wa_id: from }],
          messages: messages.map((m) => ({ from, timestamp: '1764985485', ...m })),
          ...extra,
        },
      }],
    }],
  });
}

export const textMessage = (from: string, body: string, id = newWamid()) => messagesPayload(from, [{ id, type: 'text', text: { body } }]);

export function statusPayload(id: string, status: 'sent' | 'delivered' | 'read' | 'failed', recipient: string, errors?: Array<{ code: number; title: string }>): string {
  return JSON.stringify({
    object: 'whatsapp_business_account',
    entry: [{ id: '102290129340398', changes: [{ field: 'messages', value: {
      messaging_product: 'whatsapp', metadata: { display_phone_number: '6281100001708', phone_number_id: '106540352242922' },
      statuses: [{ id, status, timestamp: '1764985490', recipient_id: recipient, ...(errors ? { errors } : {}) }],
    } }] }],
  });
}

export type Handler = (event: HttpEvent, context: Context) => Promise<HttpResult>;
export const call = (handler: unknown, event: HttpEvent) => (handler as Handler)(event, localContext('whatsapp'));

/** Polls until `check` returns something (the stream poller delivers within a second or two). */
export async function waitFor<T>(check: () => T | undefined | Promise<T | undefined>, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 100));
  }
}
