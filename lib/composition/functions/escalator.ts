import type { Ports } from '../ports.js';
import { createEscalatorHandler } from '../../jobs/escalator.js';

/** SLA escalation and the re-send sweep (lib/jobs/escalator.ts): both SMS routes, no case events. */
export function create(p: Pick<Ports, 'cases' | 'outbox' | 'directory' | 'reporters' | 'counters' | 'reporterSms' | 'officialSms' | 'whatsappSender' | 'clock' | 'policy' | 'metrics'>) {
  const { cases, outbox, directory, reporters, counters, clock, policy, metrics } = p;
  return createEscalatorHandler({
    deps: { cases, outbox, directory, reporters, counters, clock, policy, metrics, senders: { reporter: p.reporterSms, official: p.officialSms, ...(p.whatsappSender ? { whatsapp: p.whatsappSender } : {}) } },
  });
}
