import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { Config, Policy } from '../config.js';
import { DynamoStores } from '../adapters/dynamo/stores.js';
import { FieldCipher } from '../adapters/crypto/field-cipher.js';
import { StaticDataKeySource } from '../adapters/crypto/data-keys.js';
import { DynamoSubjectKeyStore, keysTableNameFor, SubjectKeys } from '../adapters/crypto/subject-keys.js';
import { LocalOutbox } from '../adapters/sms/outbox.js';
import { LocalMetrics } from '../adapters/metrics/local.js';
import { AdjustableClock } from '../clock.js';
import { localDynamoClient } from '../adapters/dynamo/local-client.js';
import type { Deps } from '../use-cases/deps.js';
import type { UssdDeps } from '../ussd/handle-ussd.js';
import { DynamoAgentsStore } from '../adapters/dynamo/agents-store.js';
import { DynamoReads } from '../adapters/dynamo/reads.js';
import { DynamoFiguresStore } from '../adapters/dynamo/figures-store.js';
import { FUNCTIONS, FUNCTION_NAMES, type FunctionName, type FunctionSpec, type HandlerOf } from './manifest.js';
import type { Ports } from './ports.js';

/**
 * Every function of the system in one process, on local adapters: DynamoDB Local, the embedded demo
 * keys, the outbox for every SMS, an adjustable clock. `npm start`, the tests and the bench build it
 * here: each function of the manifest (lib/composition/manifest.ts) from its own factory, given the
 * ports its entry names and no others, as its Lambda entry point in functions/ does in AWS.
 */
export interface LocalSystem {
  config: Config;
  db: DynamoDBClient;
  cipher: FieldCipher;
  /** The table's aggregates (`stores.ports` are what use cases take). */
  stores: DynamoStores;
  outbox: LocalOutbox;
  clock: AdjustableClock;
  metrics: LocalMetrics;
  callbackKey: string;
  /** The use cases' ports (and the USSD door's drafts), for tests that call a use case directly. */
  deps: Deps & Pick<UssdDeps, 'ussdDrafts'>;
  /** The figures aggregate (the figures consumer's, /statistik's and the dashboard's port). */
  figures: DynamoFiguresStore;
  /** Every function's handler, by its manifest name. */
  handlers: { [N in FunctionName]: HandlerOf<N> };
}

/** The aggregates on DynamoDB Local with the local demo keys (also used by the officials CLI's `--endpoint`). */
export function localStores(cfg: Pick<Config, 'tableName' | 'local'>, db: DynamoDBClient): { stores: DynamoStores; cipher: FieldCipher } {
  const dataKeys = new StaticDataKeySource(cfg.local.dataKeyHex);
  const subjects = new SubjectKeys(new DynamoSubjectKeyStore(db, keysTableNameFor(cfg.tableName)), dataKeys);
  const cipher = new FieldCipher(dataKeys, cfg.local.lookupKey, subjects);
  return { cipher, stores: new DynamoStores(db, cfg.tableName, cipher) };
}

/** Policy values to change, limits one by one (tests lower a single limit). */
export type PolicyOverrides = Omit<Partial<Policy>, 'limits'> & { limits?: Partial<Policy['limits']> };

/** A function's handler from its factory, given only the ports its manifest entry names. */
async function build<N extends FunctionName>(name: N, ports: Ports): Promise<HandlerOf<N>> {
  const spec: FunctionSpec = FUNCTIONS[name];
  const own = Object.fromEntries(spec.ports.map((port) => [port, ports[port]])) as unknown as Ports;
  const factory = await spec.load();
  return factory.create(own) as HandlerOf<N>;
}

export async function composeLocal(cfg: Config, options: { db?: DynamoDBClient; policy?: PolicyOverrides } = {}): Promise<LocalSystem> {
  if (!cfg.dynamoEndpoint && !options.db) throw new Error('The local system needs DYNAMODB_ENDPOINT (DynamoDB Local)');
  const db = options.db ?? localDynamoClient(cfg.dynamoEndpoint!);
  const { stores, cipher } = localStores(cfg, db);
  const clock = new AdjustableClock();
  const outbox = new LocalOutbox();
  const metrics = new LocalMetrics();
  const now = () => clock.now();
  const policy = { ...cfg.policy, ...options.policy, limits: { ...cfg.policy.limits, ...options.policy?.limits } };
  const figures = new DynamoFiguresStore(stores.table);
  const ports: Ports = {
    ...stores.ports, stores, decoder: stores.cases, figures, agents: new DynamoAgentsStore(stores.table), reads: new DynamoReads(stores.table),
    callbackKey: cfg.local.callbackKey,
    reporterSms: outbox.sender('africastalking', now), officialSms: outbox.sender('sns', now), events: outbox.publisher(),
    // The Graph API stand-in: every WhatsApp message lands in the outbox with route `whatsapp`.
    whatsappSender: outbox.whatsappSender(now),
    whatsappSecrets: { appSecret: cfg.local.whatsappAppSecret, verifyToken: cfg.local.whatsappVerifyToken },
    consoleSite: { secureCookies: false, rpName: 'Hotline PMI NTB (local)' },
    clock, policy, metrics,
  };
  const deps: LocalSystem['deps'] = {
    ...stores.ports, clock, metrics, policy,
    senders: { reporter: ports.reporterSms, official: ports.officialSms, whatsapp: outbox.whatsappSender(now) }, events: outbox.publisher(),
  };
  const built = await Promise.all(FUNCTION_NAMES.map(async (name) => [name, await build(name, ports)] as const));
  return {
    config: cfg, db, cipher, stores, outbox, clock, metrics, callbackKey: cfg.local.callbackKey, deps, figures,
    handlers: Object.fromEntries(built) as LocalSystem['handlers'],
  };
}
