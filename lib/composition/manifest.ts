import type { DynamoDBRecord } from 'aws-lambda';
import { FIGURES_EVENTS, isFiguresRecord, NOTIFIER_EVENTS, isNotifierRecord } from '../adapters/dynamo/stream-filter.js';
import type { BasePort, PortName, Ports } from './ports.js';

/**
 * THE list of functions. Everything else that describes a function is derived from its entry here:
 * - its Lambda entry point `functions/<kebab-name>.ts`, written by `npm run functions` (which builds,
 *   from the grants, exactly the ports the entry names, and nothing more);
 * - the stack (infra/hotline-stack.ts): the function, its limits, its grants, its environment (the
 *   variables its grants imply, and only those), its HTTP routes and their throttles, its stream
 *   mapping or its schedule, its layers;
 * - the local system (`npm start`, the tests, the bench: lib/composition/local.ts and
 *   lib/local/main.ts): the same factory on local adapters, the same routes, the same stream filter.
 *
 * This module holds data only and loads a factory with `import()` when asked: the CDK app reads it
 * without loading any handler, and no Lambda bundle imports it (an entry point imports its own
 * factory), so no function's cold start reads another function's code.
 */

/** What a function may touch in AWS. Each grant is IAM statements in the stack and the environment below. */
export type Grant =
  /** The table's aggregates with their key and the lookup (HMAC) secret: personal fields sealed and opened. */
  | 'store'
  /** The figures' counters only: table items, the key only through DynamoDB, no lookup secret. */
  | 'figures'
  /** Query on the console's queue indexes (gsi3-5). */
  | 'queueIndexes'
  /** Query on the cases-by-month index (gsi6). */
  | 'monthIndex'
  /** Read the gateway secret for its callback key (Africa's Talking callbacks). */
  | 'callbackKey'
  /** Read the gateway secret for its credentials and send reporter SMS through Africa's Talking. */
  | 'reporterSms'
  /** Send officials' alerts by SNS SMS (Publish to a phone number). */
  | 'officialSms'
  /** Publish case events to the events topic. */
  | 'caseEvents'
  /** Know the console's public origin (checked against Origin on writes, the WebAuthn origin). */
  | 'consoleOrigin'
  /** Read the WhatsApp secret: the webhook's app secret and verify token, the senders' access token. */
  | 'whatsapp';

/** Variables every function gets: its stage, logging, and the numbers it tells people. */
export const BASE_ENV = ['STAGE', 'LOG_LEVEL', 'POWERTOOLS_SERVICE_NAME', 'SMS_SHORTCODE', 'HOTLINE_PHONE'] as const;

/**
 * The environment each grant implies: a function knows the name of a resource exactly when it may
 * touch it. (The sender IDs are set only when configured.)
 */
export const GRANT_ENV = {
  store: ['TABLE_NAME', 'KMS_KEY_ARN', 'LOOKUP_KEY_SECRET_ARN'],
  figures: ['TABLE_NAME'],
  queueIndexes: [],
  monthIndex: [],
  callbackKey: ['GATEWAY_SECRET_ARN'],
  reporterSms: ['GATEWAY_SECRET_ARN', 'AT_SENDER_ID'],
  officialSms: ['SNS_SENDER_ID'],
  caseEvents: ['EVENTS_TOPIC_ARN'],
  consoleOrigin: ['CONSOLE_ORIGIN'],
  whatsapp: ['WHATSAPP_SECRET_ARN'],
} as const satisfies Record<Grant, readonly string[]>;

export type EnvName = (typeof BASE_ENV)[number] | (typeof GRANT_ENV)[Grant][number];

/** Which grants let a function build a port (any one of them); the base ports need none. */
export const PORT_GRANTS: Record<Exclude<PortName, BasePort>, readonly Grant[]> = {
  cases: ['store'], outbox: ['store'], directory: ['store'], reporters: ['store'], counters: ['store'], ussdDrafts: ['store'],
  stores: ['store'], decoder: ['store'], agents: ['store'], reads: ['store'],
  figures: ['store', 'figures'],
  callbackKey: ['callbackKey'],
  reporterSms: ['reporterSms'],
  officialSms: ['officialSms'],
  events: ['caseEvents'],
  consoleSite: ['consoleOrigin'],
  whatsappSecrets: ['whatsapp'],
  whatsappSender: ['whatsapp'],
};

export interface HttpRoute {
  method: 'GET' | 'POST' | 'ANY';
  /** An API Gateway path; `/{proxy+}` at the end takes every sub-path (locally: a path prefix). */
  path: string;
  /** Route limits below the stage default (requests per second, burst). */
  throttle?: { rateLimit: number; burstLimit: number };
}

/** A table-stream consumer: the records it reads (the event source mapping's filter, and the same rule as a predicate for the local poller). */
export interface StreamTrigger {
  events: Readonly<Record<string, ReadonlyArray<'INSERT' | 'MODIFY'>>>;
  accept: (record: DynamoDBRecord) => boolean;
  /** Older records go to the dead-letter queue. */
  maxRecordAgeHours: number;
}

export interface FunctionSpec<P extends PortName = PortName> {
  /** Construct id in the stack (and the logical ids it keeps). */
  id: string;
  description: string;
  timeoutSeconds: number;
  /** @default 256 */
  memorySize?: number;
  routes?: readonly HttpRoute[];
  stream?: StreamTrigger;
  schedule?: { everyMinutes: number; locallyEverySeconds: number };
  grants: readonly Grant[];
  /** Ports whose client the AWS entry loads with their first use, not at cold start (seldom used). */
  loadOnFirstUse?: readonly PortName[];
  /** Lambda layers: the Africa's Talking SDK for the functions that send reporter SMS. */
  layers?: readonly 'africastalking'[];
  /** The ports the factory takes; it gets these and no others, in AWS and locally. */
  ports: readonly P[];
  /** The function's factory (lib/composition/functions/<kebab-name>.ts), loaded when asked. */
  load: () => Promise<{ create: (ports: Pick<Ports, NoInfer<P>>) => unknown }>;
}

/** Keeps an entry's own types (its factory's handler) while checking it against FunctionSpec. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
const fn = <const S extends FunctionSpec<any>>(spec: S & FunctionSpec<S['ports'][number]>): S => spec;

/** Africa's Talking drops a callback after 15 s, so HTTP handlers must give up well before that. */
const API_TIMEOUT = 10;

export const FUNCTIONS = {
  smsInbound: fn({
    // Officials' PINs are checked with scrypt (N=2^15, r=8: 32 MB, ~100 ms at 256 MB): more memory is more CPU.
    id: 'SmsInbound', description: 'Incoming SMS callback', timeoutSeconds: API_TIMEOUT, memorySize: 512,
    routes: [{ method: 'POST', path: '/sms' }],
    grants: ['store', 'callbackKey'],
    ports: ['cases', 'directory', 'reporters', 'counters', 'reads', 'callbackKey', 'clock', 'policy', 'metrics'],
    load: () => import('./functions/sms-inbound.js'),
  }),
  smsDelivery: fn({
    id: 'SmsDelivery', description: 'SMS delivery report callback', timeoutSeconds: API_TIMEOUT,
    routes: [{ method: 'POST', path: '/sms/delivery' }],
    grants: ['store', 'callbackKey'],
    ports: ['cases', 'outbox', 'directory', 'callbackKey', 'clock', 'metrics'],
    load: () => import('./functions/sms-delivery.js'),
  }),
  ussd: fn({
    id: 'Ussd', description: 'USSD session and end-of-session callbacks', timeoutSeconds: API_TIMEOUT,
    routes: [{ method: 'POST', path: '/ussd' }, { method: 'POST', path: '/ussd/events' }],
    grants: ['store', 'callbackKey'],
    ports: ['cases', 'reporters', 'counters', 'ussdDrafts', 'callbackKey', 'clock', 'policy', 'metrics'],
    load: () => import('./functions/ussd.js'),
  }),
  web: fn({
    id: 'Web', description: 'Web report form', timeoutSeconds: API_TIMEOUT,
    // The public form gets its own, tighter limits, so a flood of form posts is cut off at the route
    // and cannot eat into what the gateway callbacks (a USSD session on the line) may use. The public
    // figures are answered with Cache-Control public, max-age=300 for a CDN or browser to keep; the
    // route limit caps what a flood can cost meanwhile.
    routes: [
      { method: 'GET', path: '/', throttle: { rateLimit: 10, burstLimit: 20 } },
      { method: 'POST', path: '/reports', throttle: { rateLimit: 2, burstLimit: 5 } },
      { method: 'GET', path: '/reports/done', throttle: { rateLimit: 5, burstLimit: 10 } },
      { method: 'GET', path: '/statistik', throttle: { rateLimit: 10, burstLimit: 20 } },
      { method: 'GET', path: '/statistik.json', throttle: { rateLimit: 10, burstLimit: 20 } },
    ],
    grants: ['store'],
    ports: ['cases', 'reporters', 'counters', 'figures', 'clock', 'policy', 'metrics'],
    load: () => import('./functions/web.js'),
  }),
  notifier: fn({
    id: 'Notifier', description: 'Table stream consumer: sends SMS, publishes case events', timeoutSeconds: 60,
    // Alerts are time-critical; an older record goes to the DLQ and the escalator's outbox sweep
    // (gsi2 PENDING) still sends the message.
    stream: { events: NOTIFIER_EVENTS, accept: isNotifierRecord, maxRecordAgeHours: 1 },
    grants: ['store', 'reporterSms', 'officialSms', 'caseEvents', 'whatsapp'],
    layers: ['africastalking'],
    ports: ['cases', 'outbox', 'directory', 'reporters', 'counters', 'decoder', 'agents', 'reporterSms', 'officialSms', 'whatsappSender', 'events', 'clock', 'policy', 'metrics'],
    load: () => import('./functions/notifier.js'),
  }),
  escalator: fn({
    id: 'Escalator', description: 'Scheduled SLA escalation and SMS retry', timeoutSeconds: 120,
    // Locally every 5 seconds, so that `POST /dev/clock` makes deadlines pass within a demo.
    schedule: { everyMinutes: 5, locallyEverySeconds: 5 },
    grants: ['store', 'reporterSms', 'officialSms', 'whatsapp'],
    // Most runs alert nobody: the SNS client loads with the first alert of a cold-started function.
    loadOnFirstUse: ['officialSms'],
    layers: ['africastalking'],
    ports: ['cases', 'outbox', 'directory', 'reporters', 'counters', 'reporterSms', 'officialSms', 'whatsappSender', 'clock', 'policy', 'metrics'],
    load: () => import('./functions/escalator.js'),
  }),
  console: fn({
    // Sign-in checks the PIN with scrypt, as the SMS commands do: the same memory.
    id: 'Console', description: "Officials' console", timeoutSeconds: API_TIMEOUT, memorySize: 512,
    // A few dozen officials; sign-in is also limited per phone and per source address in the table.
    routes: [
      { method: 'ANY', path: '/console', throttle: { rateLimit: 5, burstLimit: 10 } },
      { method: 'ANY', path: '/console/{proxy+}', throttle: { rateLimit: 10, burstLimit: 20 } },
    ],
    // The queue indexes; the figures screen's case-list export reads the cases-by-month index. No
    // gateway secret and no SMS of its own: sign-in codes go out through the outbox like every SMS.
    grants: ['store', 'queueIndexes', 'monthIndex', 'consoleOrigin'],
    ports: ['stores', 'figures', 'agents', 'consoleSite', 'clock', 'policy', 'metrics'],
    load: () => import('./functions/console.js'),
  }),
  whatsapp: fn({
    // Officials' commands from WhatsApp check the PIN with scrypt, as by SMS: the same memory.
    id: 'WhatsApp', description: 'WhatsApp Cloud API webhook (verification, messages, statuses)', timeoutSeconds: API_TIMEOUT, memorySize: 512,
    // Meta verifies now and then; messages and statuses come in bursts (a status per message sent).
    routes: [
      { method: 'GET', path: '/whatsapp', throttle: { rateLimit: 1, burstLimit: 5 } },
      { method: 'POST', path: '/whatsapp', throttle: { rateLimit: 50, burstLimit: 100 } },
    ],
    // The WhatsApp secret only (app secret, verify token), never the gateway's; it sends nothing itself.
    grants: ['store', 'whatsapp'],
    ports: ['cases', 'outbox', 'directory', 'reporters', 'counters', 'reads', 'whatsappSecrets', 'clock', 'policy', 'metrics'],
    load: () => import('./functions/whatsapp.js'),
  }),
  figures: fn({
    id: 'Figures', description: 'Table stream consumer: keeps the figures (counters per month, regency, category, channel, level)', timeoutSeconds: 60,
    // Its own mapping: figures never hold up an alert. Counters are not time-critical, so records may
    // wait a day before they are given up (then `npm run figures:rebuild` recounts).
    stream: { events: FIGURES_EVENTS, accept: isFiguresRecord, maxRecordAgeHours: 24 },
    grants: ['figures'],
    ports: ['figures', 'policy'],
    load: () => import('./functions/figures.js'),
  }),
};

export type FunctionName = keyof typeof FUNCTIONS;
export const FUNCTION_NAMES = Object.keys(FUNCTIONS) as FunctionName[];

/** `smsInbound` -> `sms-inbound`: the entry point's file name and the function's local name. */
export const kebab = (name: string): string => name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);

/** The Lambda entry point of a function, from the repository root. */
export const entryOf = (name: FunctionName): string => `functions/${kebab(name)}.ts`;

/** The handler a function's factory makes. */
export type HandlerOf<N extends FunctionName> = ReturnType<Awaited<ReturnType<(typeof FUNCTIONS)[N]['load']>>['create']>;

/** The environment variables a function gets: the base ones and those its grants imply, nothing else. */
export function envOf(name: FunctionName): EnvName[] {
  const spec: FunctionSpec = FUNCTIONS[name];
  return [...new Set<EnvName>([...BASE_ENV, ...spec.grants.flatMap((grant) => GRANT_ENV[grant])])];
}

/** The ports of a function that no grant of its allows (an empty list for a sound entry). */
export function ungrantedPorts(name: FunctionName): PortName[] {
  const spec: FunctionSpec = FUNCTIONS[name];
  return spec.ports.filter((port) => port in PORT_GRANTS && !PORT_GRANTS[port as Exclude<PortName, BasePort>].some((g) => spec.grants.includes(g)));
}
