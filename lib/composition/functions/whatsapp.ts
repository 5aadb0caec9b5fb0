import type { Ports } from '../ports.js';
import { createWhatsAppHandler } from '../../whatsapp/http.js';

/** Meta's WhatsApp webhook (lib/whatsapp/http.ts): verification, messages into the conversation, statuses onto the outbox. */
export function create(p: Pick<Ports, 'cases' | 'outbox' | 'directory' | 'reporters' | 'counters' | 'reads' | 'whatsappSecrets' | 'clock' | 'policy' | 'metrics'>) {
  const { cases, outbox, directory, reporters, counters, reads, clock, policy, metrics } = p;
  return createWhatsAppHandler({ deps: { cases, outbox, directory, reporters, counters, reads, clock, policy, metrics }, secrets: p.whatsappSecrets });
}
