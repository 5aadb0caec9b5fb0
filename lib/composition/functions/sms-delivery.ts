import type { Ports } from '../ports.js';
import { createSmsDeliveryHandler } from '../../sms/delivery-http.js';

/** Africa's Talking delivery-report callback (lib/sms/delivery-http.ts). */
export function create(p: Pick<Ports, 'cases' | 'outbox' | 'directory' | 'callbackKey' | 'clock' | 'metrics'>) {
  const { cases, outbox, directory, clock, metrics } = p;
  return createSmsDeliveryHandler({ deps: { cases, outbox, directory, clock, metrics }, callbackKey: p.callbackKey });
}
