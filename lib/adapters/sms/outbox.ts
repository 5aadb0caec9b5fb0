import type { SendResult, SmsSender, WhatsAppSender } from '../../use-cases/outbox-port.js';
import type { CaseEventPublisher } from '../../use-cases/deps.js';
import { wamidKey } from '../../domain/wamid.js';

export interface OutboxEntry {
  seq: number;
  /** `africastalking` for reporter SMS, `sns` for official alerts: the route it would take in AWS. */
  route: 'africastalking' | 'sns' | 'whatsapp';
  to: string;
  message: string;
  at: string;
  providerMessageId: string;
  /** WhatsApp only: the template's name when the message went as one (its rendered text is `message`). */
  template?: string;
  /** WhatsApp only: the list offered to tap (its body and rows are also in `message`), as the simulator shows it. */
  list?: { button: string; rows: Array<{ id: string; title: string }> };
}

/**
 * Local stand-in for the SMS gateways: every outbound SMS lands here, readable at GET /dev/outbox.
 * A fault switch lets tests and demos make a route fail for a while.
 */
export class LocalOutbox {
  readonly entries: OutboxEntry[] = [];
  readonly events: Array<Parameters<CaseEventPublisher['publish']>[0]> = [];
  private failing = new Set<string>();
  private seq = 0;
  private listeners = new Set<(entry: OutboxEntry) => void>();

  /**
   * Called with each SMS as it leaves (the bench times alerts through the real notifier path with
   * it). Returns the function that stops listening.
   */
  onSent(listener: (entry: OutboxEntry) => void): () => void {
    this.listeners.add(listener);
    return () => { this.listeners.delete(listener); };
  }

  sender(route: OutboxEntry['route'], clock: () => Date): SmsSender {
    return {
      send: async (m): Promise<SendResult> => {
        if (this.failing.has(route)) return { ok: false, reason: 'local_fault', retryable: true };
        const seq = ++this.seq;
        const providerMessageId = `local-${route}-${seq}`;
        const entry: OutboxEntry = { seq, route, to: m.to, message: m.text, at: clock().toISOString(), providerMessageId };
        this.entries.push(entry);
        for (const listener of this.listeners) listener(entry);
        return { ok: true, providerMessageId };
      },
    };
  }

  /**
   * The Graph API stand-in: what the WhatsApp Cloud API would be asked to send, as an outbox entry
   * with route `whatsapp`, and a wamid-like id that status webhooks (POST /whatsapp) can reference.
   */
  whatsappSender(clock: () => Date): WhatsAppSender {
    return {
      send: async (m): Promise<SendResult> => {
        if (this.failing.has('whatsapp')) return { ok: false, reason: 'local_fault', retryable: true };
        const seq = ++this.seq;
        // The entry keeps the raw id the simulator's status webhooks carry; the hotline keeps its digest, as from Meta.
        const providerMessageId = `wamid.local-${seq}`;
        this.entries.push({
          seq, route: 'whatsapp', to: m.to, message: m.rendered, at: clock().toISOString(), providerMessageId,
          ...(m.kind === 'template' ? { template: m.name } : {}),
          ...(m.kind === 'list' ? { list: { button: m.button, rows: m.rows } } : {}),
        });
        return { ok: true, providerMessageId: wamidKey(providerMessageId) };
      },
    };
  }

  publisher(): CaseEventPublisher {
    return { publish: async (event) => { this.events.push(event); } };
  }

  setFailing(route: OutboxEntry['route'], failing: boolean): void {
    if (failing) this.failing.add(route);
    else this.failing.delete(route);
  }

  clear(): void {
    this.entries.length = 0;
    this.events.length = 0;
  }
}
