import type { CallbackKey } from '../http/api.js';
import type { Deps } from '../use-cases/deps.js';
import type { StreamDecoder } from '../use-cases/react-to-table-change.js';
import { createSmsInboundHandler } from '../sms/http.js';
import { createSmsDeliveryHandler } from '../sms/delivery-http.js';
import { createUssdHandler } from '../ussd/http.js';
import { createWebHandler } from '../web/http.js';
import { createNotifierHandler } from '../jobs/notifier.js';
import { createEscalatorHandler } from '../jobs/escalator.js';
import type { AgentsPort } from '../figures/agent-watch.js';
import type { FiguresPort } from '../figures/port.js';
import { statistikRoutes } from '../figures/http.js';
import { createFiguresHandler } from '../jobs/figures.js';

/**
 * Every function's handler from one set of ports, each given only the ports it uses, as its Lambda
 * entry point in functions/ builds them. For the local system and tests: in AWS each function
 * builds its own ports and nothing more.
 */
export function handlersFor(deps: Deps, decoder: StreamDecoder, callbackKey: CallbackKey, extras: { agents?: AgentsPort; figures?: FiguresPort } = {}) {
  const { cases, outbox, directory, reporters, ussdDrafts, clock, policy, senders, events, metrics } = deps;
  const opt = { ...(metrics ? { metrics } : {}) };
  return {
    smsInbound: createSmsInboundHandler({ deps: { cases, directory, reporters, clock, policy, ...opt }, callbackKey }),
    smsDelivery: createSmsDeliveryHandler({ deps: { cases, outbox, directory, clock, ...opt }, callbackKey }),
    ussd: createUssdHandler({ deps: { cases, reporters, ussdDrafts, clock, policy, ...opt }, callbackKey }),
    web: createWebHandler({
      deps: { cases, reporters, clock, policy, ...opt },
      ...(extras.figures ? { statistik: statistikRoutes(() => ({ figures: extras.figures!, clock })) } : {}),
    }),
    notifier: createNotifierHandler({ deps: { cases, outbox, directory, reporters, clock, policy, senders, ...(events ? { events } : {}), ...opt }, decoder, ...(extras.agents ? { agents: extras.agents } : {}) }),
    escalator: createEscalatorHandler({ deps: { cases, outbox, directory, reporters, clock, policy, senders, ...opt } }),
    ...(extras.figures ? { figures: createFiguresHandler({ figures: extras.figures, policy }) } : {}),
  };
}

export type Handlers = ReturnType<typeof handlersFor>;
