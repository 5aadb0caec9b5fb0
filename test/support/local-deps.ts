import { afterAll, beforeAll, inject } from 'vitest';
import { randomBytes } from 'node:crypto';
import { DeleteTableCommand } from '@aws-sdk/client-dynamodb';
import { localDynamoClient, ensureTable } from '../../lib/local/dynamo-local.js';
import { keysTableNameFor } from '../../lib/adapters/crypto/subject-keys.js';
import type { DynamoStores } from '../../lib/adapters/dynamo/stores.js';
import { storeView, type StoreView } from './store-view.js';
import type { FieldCipher } from '../../lib/adapters/crypto/field-cipher.js';
import type { LocalOutbox } from '../../lib/adapters/sms/outbox.js';
import type { AdjustableClock } from '../../lib/clock.js';
import { parseConfig, type Policy } from '../../lib/config.js';
import type { Deps } from '../../lib/use-cases/deps.js';
import { composeLocal, type LocalSystem, type PolicyOverrides } from '../../lib/composition/local.js';
import { seedDemoDirectory } from '../../lib/local/seed.js';
import { StreamPoller } from '../../lib/local/stream-poller.js';
import { isNotifierRecord } from '../../lib/adapters/dynamo/stream-filter.js';
import { reactToTableChange } from '../../lib/use-cases/react-to-table-change.js';
import type { DynamoDBRecord } from 'aws-lambda';

/**
 * Real adapters on the DynamoDB Local that test/support/global-dynamo.ts started: a fresh table per
 * call, so test files never see each other's data. Refuses any endpoint that is not loopback.
 * Built by the same composition as `npm start` (lib/composition/local.ts): `handlers` are the
 * functions' handlers, made by the same factories as the Lambda entry points.
 */
export interface TestSystem {
  deps: Deps;
  handlers: LocalSystem['handlers'];
  callbackKey: string;
  metrics: LocalSystem['metrics'];
  /** The aggregates as built for the deps. */
  stores: DynamoStores;
  /** All aggregates' methods on one object, for reading what the system stored. */
  store: StoreView;
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
  const system = composeLocal(cfg, { db, ...(options.policy ? { policy: options.policy } : {}) });
  const { stores, outbox, clock, cipher, deps, handlers, callbackKey, metrics } = system;
  const store = storeView(stores.ports);
  if (options.seed !== false) await seedDemoDirectory(stores.directory);
  return {
    stores, store, outbox, clock, cipher, tableName, endpoint, deps, handlers, callbackKey, metrics,
    drop: async () => {
      await db.send(new DeleteTableCommand({ TableName: tableName })).catch(() => undefined);
      await db.send(new DeleteTableCommand({ TableName: keysTableNameFor(tableName) })).catch(() => undefined);
      db.destroy();
    },
  };
}

/**
 * The same stream poller `npm start` uses, on the test system's table: every committed write reaches
 * reactToTableChange as it would the notifier in AWS. `seen` keeps every record it delivered.
 */
export async function startNotifier(system: TestSystem): Promise<{ poller: StreamPoller; seen: DynamoDBRecord[] }> {
  const seen: DynamoDBRecord[] = [];
  const poller = new StreamPoller({
    endpoint: system.endpoint, db: localDynamoClient(system.endpoint), tableName: system.tableName, accept: isNotifierRecord,
    deliver: async (event) => {
      const failures: { itemIdentifier: string }[] = [];
      for (const record of event.Records) {
        seen.push(record);
        try {
          await reactToTableChange(system.deps, system.stores.cases, record);
        } catch {
          failures.push({ itemIdentifier: record.dynamodb!.SequenceNumber! });
        }
      }
      return { batchItemFailures: failures };
    },
  });
  await poller.start();
  return { poller, seen };
}

/**
 * For a test file: a fresh test system with the notifier polling its stream, built before the
 * file's tests and torn down after them. Read `system` and `poller` inside tests and hooks.
 */
export function useSystemWithNotifier(options: Parameters<typeof createTestSystem>[0] = {}): { readonly system: TestSystem; readonly poller: StreamPoller } {
  let system: TestSystem | undefined;
  let poller: StreamPoller | undefined;
  beforeAll(async () => {
    system = await createTestSystem(options);
    ({ poller } = await startNotifier(system));
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
