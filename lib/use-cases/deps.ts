import type { Policy } from '../config.js';
import type { Clock, HotlineStore, Metrics, SmsSender } from '../ports.js';

/** What every use case may be given. Each takes only the parts it needs (`Pick<Deps, ...>`). */
export interface Deps {
  store: HotlineStore;
  clock: Clock;
  policy: Policy;
  /** Reporter SMS go through the gateway (Africa's Talking); official alerts through SNS. */
  senders: { reporter: SmsSender; official: SmsSender };
  events?: CaseEventPublisher;
  /** Counts operators alarm on (CloudWatch in AWS); absent in most tests. */
  metrics?: Metrics;
}

export interface CaseEventPublisher {
  publish(event: { event: string; reference: string; regency: string; category: string; urgency: string; status: string; level: number; at: string }): Promise<void>;
}
