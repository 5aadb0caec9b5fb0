import { inject } from 'vitest';
import { randomBytes } from 'node:crypto';
import { DeleteTableCommand } from '@aws-sdk/client-dynamodb';
import { localDynamoClient, ensureTable } from '../../lib/local/dynamo-local.js';
import { DynamoHotlineStore } from '../../lib/adapters/dynamo/hotline-store.js';
import { FieldCipher, StaticDataKeySource } from '../../lib/adapters/crypto/field-cipher.js';
import { LocalOutbox } from '../../lib/adapters/sms/outbox.js';
import { AdjustableClock } from '../../lib/clock.js';
import { defaultPolicy, type Policy } from '../../lib/config.js';
import type { Deps } from '../../lib/use-cases/deps.js';
import { seedDemoDirectory } from '../../lib/local/seed.js';

/**
 * Real adapters on the DynamoDB Local that test/support/global-dynamo.ts started: a fresh table per
 * call, so test files never see each other's data. Refuses any endpoint that is not loopback.
 */
export interface TestSystem {
  deps: Deps;
  store: DynamoHotlineStore;
  outbox: LocalOutbox;
  clock: AdjustableClock;
  cipher: FieldCipher;
  tableName: string;
  endpoint: string;
  drop(): Promise<void>;
}

export async function createTestSystem(options: { policy?: Partial<Policy>; seed?: boolean } = {}): Promise<TestSystem> {
  const endpoint = inject('dynamoEndpoint');
  const host = new URL(endpoint).hostname;
  if (host !== '127.0.0.1' && host !== 'localhost') throw new Error('Integration tests only run against DynamoDB Local on loopback');
  const db = localDynamoClient(endpoint);
  const tableName = `test-${randomBytes(6).toString('hex')}`;
  await ensureTable(db, tableName);
  const cipher = new FieldCipher(new StaticDataKeySource('11'.repeat(32)), 'test-lookup-key-0123456789');
  const store = new DynamoHotlineStore(db, tableName, cipher);
  const clock = new AdjustableClock();
  const outbox = new LocalOutbox();
  const now = () => clock.now();
  const policy = { ...defaultPolicy(), ...options.policy };
  if (options.seed !== false) await seedDemoDirectory(store);
  return {
    store, outbox, clock, cipher, tableName, endpoint,
    deps: {
      store, clock, policy,
      senders: { reporter: outbox.sender('africastalking', now), official: outbox.sender('sns', now) },
      events: outbox.publisher(),
    },
    drop: async () => {
      await db.send(new DeleteTableCommand({ TableName: tableName })).catch(() => undefined);
      db.destroy();
    },
  };
}
