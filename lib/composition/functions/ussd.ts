import type { Ports } from '../ports.js';
import { createUssdHandler } from '../../ussd/http.js';

/** Africa's Talking USSD: `POST /ussd` (one request per screen) and `POST /ussd/events` (lib/ussd/http.ts). */
export function create(p: Pick<Ports, 'cases' | 'reporters' | 'counters' | 'ussdDrafts' | 'callbackKey' | 'clock' | 'policy' | 'metrics'>) {
  const { cases, reporters, counters, ussdDrafts, clock, policy, metrics } = p;
  return createUssdHandler({ deps: { cases, reporters, counters, ussdDrafts, clock, policy, metrics }, callbackKey: p.callbackKey });
}
