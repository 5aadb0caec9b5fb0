import type { Policy } from '../config.js';
import type { CallbackKey } from '../http/api.js';
import type { CaseStore } from '../cases/port.js';
import type { Clock } from '../clock.js';
import type { Metrics } from '../metrics.js';
import type { Directory } from '../officials/port.js';
import type { Outbox, SmsSender, WhatsAppSender } from '../use-cases/outbox-port.js';
import type { Reporters } from '../use-cases/reporters-port.js';
import type { RateCounter } from '../rate-counter.js';
import type { UssdDrafts } from '../ussd/port.js';
import type { WhatsAppSecrets } from '../whatsapp/http.js';
import type { CaseEventPublisher } from '../use-cases/deps.js';
import type { StreamDecoder } from '../jobs/notifier.js';
import type { DynamoStores } from '../adapters/dynamo/stores.js';
import type { AgentsPort } from '../figures/agent-watch.js';
import type { ReadsStore } from '../use-cases/reader-watch-port.js';
import type { FiguresPort } from '../figures/port.js';
import type { ConsoleOptions } from '../console/kit.js';

/**
 * Every port a function can be built with. A function's manifest entry (manifest.ts) names the ones
 * it takes, and its factory (functions/<name>.ts in this folder) is typed to receive exactly those:
 * in AWS its entry point builds them from what its grants allow, locally `composeLocal` hands it
 * the same names on local adapters.
 */
export interface Ports {
  cases: CaseStore;
  outbox: Outbox;
  directory: Directory;
  reporters: Reporters;
  counters: RateCounter;
  ussdDrafts: UssdDrafts;
  /** The aggregates on one table (the console builds its own aggregates on them). */
  stores: DynamoStores;
  /** Turns table-stream images into cases (the case store, which owns the item format). */
  decoder: StreamDecoder;
  figures: FiguresPort;
  agents: AgentsPort;
  /** The reader watch's record of officials' views of personal data (INFO by SMS or WhatsApp counts too). */
  reads: ReadsStore;
  /** The key Africa's Talking appends to its callback URLs (read from the gateway secret in AWS). */
  callbackKey: CallbackKey;
  /** Reporter SMS through Africa's Talking. */
  reporterSms: SmsSender;
  /** Officials' alerts through SNS. */
  officialSms: SmsSender;
  /** The WhatsApp webhook's app secret and verify token (the WhatsApp secret in AWS). */
  whatsappSecrets: WhatsAppSecrets | (() => Promise<WhatsAppSecrets>);
  /** WhatsApp Cloud API messages (the Graph API in AWS, the outbox locally); absent: everything by SMS. */
  whatsappSender: WhatsAppSender | undefined;
  /** Case events for other systems (the SNS topic); absent when no topic is configured. */
  events: CaseEventPublisher | undefined;
  /** Cookie and origin settings of the console: Secure `__Host-` cookies in AWS, plain http locally. */
  consoleSite: ConsoleOptions;
  clock: Clock;
  policy: Policy;
  metrics: Metrics;
}

export type PortName = keyof Ports;

/** Ports every function gets, whatever its grants: they touch nothing outside the function. */
export const BASE_PORTS = ['clock', 'policy', 'metrics'] as const satisfies readonly PortName[];
export type BasePort = (typeof BASE_PORTS)[number];
