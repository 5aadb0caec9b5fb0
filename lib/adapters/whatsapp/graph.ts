import { wamidKey } from '../../domain/wamid.js';
import type { SendResult, WhatsAppOutbound, WhatsAppSender } from '../../use-cases/outbox-port.js';

/**
 * The Graph API version every request names. Pinned: Meta changes behaviour between versions and
 * retires each about two years after release; moving it is a deliberate change, tested like any other.
 */
export const GRAPH_API_VERSION = 'v23.0';
const GRAPH = 'https://graph.facebook.com';
const TIMEOUT_MS = 5_000;

export interface GraphCredentials {
  accessToken: string;
  phoneNumberId: string;
}

/**
 * Graph API error codes worth another try: throttling and Meta's transient failures. Anything else
 * (a number not on WhatsApp, a template not approved, the 24-hour window closed) fails for good, and
 * an official's message then goes by SMS (deliverMessage).
 */
const RETRYABLE_CODES = new Set([1, 2, 4, 80007, 130429, 131000, 131016, 131048, 131056, 133004]);

/**
 * WhatsApp Cloud API: `POST /<version>/<phone-number-id>/messages` with a bearer token. A thin
 * `fetch` rather than a client library: the three request shapes the hotline sends are all it needs,
 * and the well-kept clients (whatsapp-api-js and others) would add their weight to a function that
 * otherwise loads only what it uses (README "WhatsApp").
 */
export class GraphWhatsAppSender implements WhatsAppSender {
  constructor(
    private readonly credentials: () => Promise<GraphCredentials>,
    private readonly fetchImpl: typeof fetch = fetch,
  ) {}

  async send(message: WhatsAppOutbound): Promise<SendResult> {
    const { accessToken, phoneNumberId } = await this.credentials();
    if (!accessToken || !phoneNumberId) return { ok: false, reason: 'whatsapp_not_configured', retryable: false };
    let response: Response;
    try {
      response = await this.fetchImpl(`${GRAPH}/${GRAPH_API_VERSION}/${encodeURIComponent(phoneNumberId)}/messages`, {
        method: 'POST',
        headers: { authorization: `Bearer ${accessToken}`, 'content-type': 'application/json' },
        body: JSON.stringify(graphBody(message)),
        signal: AbortSignal.timeout(TIMEOUT_MS),
      });
    } catch (error) {
      return { ok: false, reason: error instanceof Error ? `network_${error.name}` : 'network', retryable: true };
    }
    const body = await response.json().catch(() => undefined) as GraphAnswer | undefined;
    const id = body?.messages?.[0]?.id;
    // Kept as its digest, as the status webhooks' ids are (lib/domain/wamid.ts).
    if (response.ok && id) return { ok: true, providerMessageId: wamidKey(id) };
    const code = body?.error?.code;
    return {
      ok: false, reason: `whatsapp_${code ?? response.status}`,
      retryable: response.status >= 500 || response.status === 429 || (code !== undefined && RETRYABLE_CODES.has(code)),
    };
  }
}

interface GraphAnswer {
  messages?: Array<{ id: string }>;
  error?: { code?: number; message?: string };
}

/**
 * The request body for one message: text (links not previewed), a template with body parameters (an
 * authentication template also fills its copy-code button with the code, as Meta requires), or an
 * interactive list.
 */
export function graphBody(message: WhatsAppOutbound): Record<string, unknown> {
  // A business-scoped user id (no number) is addressed as `recipient`; a number as `to`, digits only.
  const to = message.to.startsWith('+') ? { to: message.to.slice(1) } : { recipient: message.to };
  const base = { messaging_product: 'whatsapp', recipient_type: 'individual', ...to };
  if (message.kind === 'text') return { ...base, type: 'text', text: { preview_url: false, body: message.rendered } };
  if (message.kind === 'list') {
    return {
      ...base, type: 'interactive',
      interactive: {
        type: 'list', body: { text: message.body },
        action: { button: message.button, sections: [{ title: message.section, rows: message.rows.map(({ id, title }) => ({ id, title })) }] },
      },
    };
  }
  const parameters = message.parameters.map((text) => ({ type: 'text', text }));
  return {
    ...base, type: 'template',
    template: {
      name: message.name, language: { code: message.language },
      components: message.category === 'authentication'
        ? [{ type: 'body', parameters }, { type: 'button', sub_type: 'url', index: '0', parameters: [{ type: 'text', text: message.parameters[0] ?? '' }] }]
        : [{ type: 'body', parameters }],
    },
  };
}
