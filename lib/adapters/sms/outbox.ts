import type { SendResult, SmsSender } from '../../use-cases/outbox-port.js';
import type { CaseEventPublisher } from '../../use-cases/deps.js';

export interface OutboxEntry {
  seq: number;
  /** `africastalking` for reporter SMS, `sns` for official alerts: the route it would take in AWS. */
  route: 'africastalking' | 'sns';
  to: string;
  message: string;
  at: string;
  providerMessageId: string;
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

  sender(route: OutboxEntry['route'], clock: () => Date): SmsSender {
    return {
      send: async (m): Promise<SendResult> => {
        if (this.failing.has(route)) return { ok: false, reason: 'local_fault', retryable: true };
        const seq = ++this.seq;
        const providerMessageId = `local-${route}-${seq}`;
        this.entries.push({ seq, route, to: m.to, message: m.text, at: clock().toISOString(), providerMessageId });
        return { ok: true, providerMessageId };
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
