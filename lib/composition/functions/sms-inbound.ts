import type { Ports } from '../ports.js';
import { createSmsInboundHandler } from '../../sms/http.js';

/** Africa's Talking incoming-SMS callback (lib/sms/http.ts). */
export function create(p: Pick<Ports, 'cases' | 'directory' | 'reporters' | 'counters' | 'reads' | 'callbackKey' | 'clock' | 'policy' | 'metrics'>) {
  const { cases, directory, reporters, counters, reads, clock, policy, metrics } = p;
  return createSmsInboundHandler({ deps: { cases, directory, reporters, counters, reads, clock, policy, metrics }, callbackKey: p.callbackKey });
}
