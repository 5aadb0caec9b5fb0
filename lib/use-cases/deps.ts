import type { ReadsStore } from './reader-watch-port.js';
import type { Policy } from '../config.js';
import type { CaseStore } from '../cases/port.js';
import type { Clock } from '../clock.js';
import type { Metrics } from '../metrics.js';
import type { Directory } from '../officials/port.js';
import type { Outbox, SmsSender, WhatsAppSender } from './outbox-port.js';
import type { Reporters } from './reporters-port.js';
import type { RateCounter } from '../rate-counter.js';

/**
 * Everything a use case may be given: one port per aggregate plus clock, policy and senders. Each
 * use case declares the parts it uses (`Pick<Deps, ...>`), so a function is built with, and granted,
 * only those.
 */
export interface Deps {
  cases: CaseStore;
  outbox: Outbox;
  directory: Directory;
  reporters: Reporters;
  /** What bounds what one caller can cost: per address, per official, per case. */
  counters: RateCounter;
  clock: Clock;
  policy: Policy;
  /** Reporter SMS go through the gateway (Africa's Talking); official alerts through SNS. */
  senders: { reporter: SmsSender; official: SmsSender; whatsapp?: WhatsAppSender };
  events?: CaseEventPublisher;
  /** Counts operators alarm on (CloudWatch metrics in AWS); optional, nothing depends on it. */
  metrics?: Metrics;
  /**
   * The reader watch's store (lib/use-cases/reader-watch.ts): the text doors count an official's INFO
   * reads of personal data as the console counts its page views. Absent in a door that shows none.
   */
  reads?: ReadsStore;
}

export interface CaseEventPublisher {
  publish(event: { event: string; reference: string; regency: string; category: string; urgency: string; status: string; level: number; at: string }): Promise<void>;
}
