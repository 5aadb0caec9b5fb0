import { afterAll, beforeAll, inject } from 'vitest';
import { randomBytes } from 'node:crypto';
import { DeleteTableCommand } from '@aws-sdk/client-dynamodb';
import { ensureTable } from '../../lib/local/dynamo-local.js';
import { localDynamoClient } from '../../lib/adapters/dynamo/local-client.js';
import { keysTableNameFor } from '../../lib/adapters/crypto/subject-keys.js';
import type { DynamoStores } from '../../lib/adapters/dynamo/stores.js';
import { storeView, type StoreView } from './store-view.js';
import type { FieldCipher } from '../../lib/adapters/crypto/field-cipher.js';
import type { LocalOutbox } from '../../lib/adapters/sms/outbox.js';
import type { AdjustableClock } from '../../lib/clock.js';
import { parseConfig, type Policy } from '../../lib/config.js';
import { composeLocal, type LocalSystem, type PolicyOverrides } from '../../lib/composition/local.js';
import { seedDemoDirectory } from '../../lib/local/seed.js';
import { startStreamConsumers, type StreamConsumers } from '../../lib/local/triggers.js';
import type { FunctionName } from '../../lib/composition/manifest.js';
import type { DynamoDBRecord } from 'aws-lambda';

/**
 * Real adapters on the DynamoDB Local that test/support/global-dynamo.ts started: a fresh table per
 * call, so test files never see each other's data. Refuses any endpoint that is not loopback.
 * Built by the same composition as `npm start` (lib/composition/local.ts): `handlers` are the
 * functions' handlers, made by the same factories as the Lambda entry points.
 */
export interface TestSystem {
  deps: LocalSystem['deps'];
  handlers: LocalSystem['handlers'];
  callbackKey: string;
  metrics: LocalSystem['metrics'];
  /** The aggregates as built for the deps. */
  stores: DynamoStores;
  /** What the system stored, read back (reads only; see store-view.ts). */
  store: StoreView;
  /** The whole local system as `npm start` composes it. */
  local: LocalSystem;
  outbox: LocalOutbox;
  clock: AdjustableClock;
  cipher: FieldCipher;
  tableName: string;
  endpoint: string;
  drop(): Promise<void>;
}

export async function createTestSystem(options: { policy?: Omit<Partial<Policy>, 'limits'> & { limits?: Partial<Policy['limits']> }; seed?: boolean } = {}): Promise<TestSystem> {
  const endpoint = inject('dynamoEndpoint');
  const host = new URL(endpoint).hostname;
  if (host !== '127.0.0.1' && host !== 'localhost') throw new Error('Integration tests only run against DynamoDB Local on loopback');
  const db = localDynamoClient(endpoint);
  const tableName = `test-${randomBytes(6).toString('hex')}`;
  await ensureTable(db, tableName);
  const cfg = parseConfig({
    STAGE: 'local', DYNAMODB_ENDPOINT: endpoint, TABLE_NAME: tableName,
    LOCAL_DATA_KEY: '11'.repeat(32), LOCAL_LOOKUP_KEY: 'test-lookup-key-0123456789',
  });
  const system = await composeLocal(cfg, { db, ...(options.policy ? { policy: options.policy } : {}) });
  const { stores, outbox, clock, cipher, deps, handlers, callbackKey, metrics } = system;
  const store = storeView(stores);
  if (options.seed !== false) await seedDemoDirectory(stores.directory);
  return {
    stores, store, outbox, clock, cipher, tableName, endpoint, deps, handlers, callbackKey, metrics, local: system,
    drop: async () => {
      await db.send(new DeleteTableCommand({ TableName: tableName })).catch(() => undefined);
      await db.send(new DeleteTableCommand({ TableName: keysTableNameFor(tableName) })).catch(() => undefined);
      db.destroy();
    },
  };
}

/**
 * The table stream fed to the system's stream consumers exactly as `npm start` feeds it
 * (lib/local/triggers.ts, from the manifest): the notifier's handler with its agent watch, and the
 * figures consumer. `settled()` waits for all of them and rejects, naming what is pending, when
 * they do not go quiet. `seen` keeps every record the notifier was given.
 */
export async function startStreams(system: TestSystem, only?: readonly FunctionName[]): Promise<StreamConsumers> {
  const consumers = await startStreamConsumers(system.local, {
    endpoint: system.endpoint, db: localDynamoClient(system.endpoint), tableName: system.tableName, ...(only ? { only } : {}),
  });
  return consumers;
}

/** The stream consumers of `npm start` on the test system's table; `seen` holds what the notifier was given. */
export async function startNotifier(system: TestSystem): Promise<{ poller: StreamConsumers; seen: DynamoDBRecord[] }> {
  const poller = await startStreams(system);
  return { poller, seen: poller.seen.notifier! };
}

/**
 * For a test file: a fresh test system with the stream consumers of `npm start` (notifier and
 * figures) reading its stream, built before the file's tests and torn down after them. Read
 * `system` and `poller` inside tests and hooks.
 */
export function useSystemWithNotifier(options: Parameters<typeof createTestSystem>[0] = {}): { readonly system: TestSystem; readonly poller: StreamConsumers } {
  let system: TestSystem | undefined;
  let poller: StreamConsumers | undefined;
  beforeAll(async () => {
    system = await createTestSystem(options);
    poller = await startStreams(system);
  });
  afterAll(async () => {
    await poller?.stop();
    await system?.drop();
  });
  return {
    get system() { return system!; },
    get poller() { return poller!; },
  };
}
