import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { Config, Policy } from '../config.js';
import { DynamoStores } from '../adapters/dynamo/stores.js';
import { FieldCipher, StaticDataKeySource } from '../adapters/crypto/field-cipher.js';
import { DynamoSubjectKeyStore, keysTableNameFor, SubjectKeys } from '../adapters/crypto/subject-keys.js';
import { LocalOutbox } from '../adapters/sms/outbox.js';
import { LocalMetrics } from '../adapters/metrics/local.js';
import { AdjustableClock } from '../clock.js';
import { localDynamoClient } from '../local/dynamo-local.js';
import type { Deps } from '../use-cases/deps.js';
import { handlersFor, type Handlers } from './handlers.js';
import { DynamoAgentsStore } from '../adapters/dynamo/agents-store.js';
import { DynamoFiguresStore } from '../adapters/dynamo/figures-store.js';
import { createConsoleHandler } from '../console/http.js';
import { consoleDeps } from '../console/wiring.js';
import { FIGURES_SCREEN_CSS, figuresScreen } from '../figures/console-screen.js';
import type { createFiguresHandler } from '../jobs/figures.js';

/**
 * Every function of the system in one process, on local adapters: DynamoDB Local, the embedded demo
 * keys, the outbox for every SMS, an adjustable clock. `npm start`, the tests and the bench build it
 * here and get the same handlers (the same factories) the Lambda entry points in functions/ build.
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
  /** Every port; each handler gets only its part (lib/composition/handlers.ts). */
  deps: Deps;
  /** The figures aggregate (the figures consumer's, /statistik's and the dashboard's port). */
  figures: DynamoFiguresStore;
  handlers: Handlers & {
    figures: ReturnType<typeof createFiguresHandler>;
    /** The console with its figures screen, as functions/console.ts mounts it (plain http cookies). */
    console: ReturnType<typeof createConsoleHandler>;
  };
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

export function composeLocal(cfg: Config, options: { db?: DynamoDBClient; policy?: PolicyOverrides } = {}): LocalSystem {
  if (!cfg.dynamoEndpoint && !options.db) throw new Error('The local system needs DYNAMODB_ENDPOINT (DynamoDB Local)');
  const db = options.db ?? localDynamoClient(cfg.dynamoEndpoint!);
  const { stores, cipher } = localStores(cfg, db);
  const clock = new AdjustableClock();
  const outbox = new LocalOutbox();
  const metrics = new LocalMetrics();
  const now = () => clock.now();
  const deps: Deps = {
    ...stores.ports, clock, metrics,
    policy: { ...cfg.policy, ...options.policy, limits: { ...cfg.policy.limits, ...options.policy?.limits } },
    senders: { reporter: outbox.sender('africastalking', now), official: outbox.sender('sns', now) },
    events: outbox.publisher(),
  };
  const callbackKey = cfg.local.callbackKey;
  const figures = new DynamoFiguresStore(stores.table);
  const agents = new DynamoAgentsStore(stores.table);
  const functions = handlersFor(deps, stores.cases, callbackKey, { agents, figures });
  const console = consoleDeps({ stores, clock, policy: deps.policy, metrics });
  const consoleHandler = createConsoleHandler({
    deps: console,
    options: { secureCookies: false, rpName: 'Hotline PMI NTB (local)' },
    screens: [{
      path: '/figures', css: FIGURES_SCREEN_CSS,
      routes: figuresScreen({ figures, agents, accessLog: console.accessLog, cases: stores.cases, cipher, clock }),
    }],
  });
  return {
    config: cfg, db, cipher, stores, outbox, clock, metrics, callbackKey, deps, figures,
    handlers: { ...functions, figures: functions.figures!, console: consoleHandler },
  };
}
