import type { Ports } from '../ports.js';
import { createNotifierHandler } from '../../jobs/notifier.js';

/**
 * The table stream consumer (lib/jobs/notifier.ts): both SMS routes, case events, and the agents
 * named in cases (the agent watch of lib/figures/agent-watch.ts).
 */
export function create(p: Pick<Ports, 'cases' | 'outbox' | 'directory' | 'reporters' | 'counters' | 'decoder' | 'agents' | 'reporterSms' | 'officialSms' | 'whatsappSender' | 'events' | 'clock' | 'policy' | 'metrics'>) {
  const { cases, outbox, directory, reporters, counters, clock, policy, metrics, events } = p;
  return createNotifierHandler({
    deps: {
      cases, outbox, directory, reporters, counters, clock, policy, metrics,
      senders: { reporter: p.reporterSms, official: p.officialSms, ...(p.whatsappSender ? { whatsapp: p.whatsappSender } : {}) },
      ...(events ? { events } : {}),
    },
    decoder: p.decoder,
    agents: p.agents,
  });
}
