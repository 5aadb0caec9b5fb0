import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PutItemCommand } from '@aws-sdk/client-dynamodb';
import { GetRecordsCommand } from '@aws-sdk/client-dynamodb-streams';
import type { DynamoDBRecord } from 'aws-lambda';
import { StreamPoller } from '../../lib/local/stream-poller.js';
import { localDynamoClient } from '../../lib/adapters/dynamo/local-client.js';
import { createTestSystem, type TestSystem } from '../support/local-deps.js';

/**
 * Every integration test waits for the stream with settled() before it asserts. On a loaded machine
 * DynamoDB Local can answer a poll half a second late: a poll that read the stream just before the
 * test's write must not count as "quiet" for a settled() called after that write.
 */
let system: TestSystem;
beforeAll(async () => { system = await createTestSystem({ seed: false }); });
afterAll(async () => { await system.drop(); });

describe('the stream poller\'s settled()', () => {
  it('waits for a poll begun after it was called, however late the poll before it was answered', async () => {
    const db = localDynamoClient(system.endpoint);
    const delivered: DynamoDBRecord[] = [];
    const poller = new StreamPoller({
      name: 'probe', endpoint: system.endpoint, db, tableName: system.tableName,
      deliver: async (event) => { delivered.push(...event.Records); },
      accept: () => true,
    });
    // A late answer, made by holding one GetRecords answer that has already come back (empty).
    let holdNext = false;
    let answered: () => void = () => undefined;
    const readBeforeTheWrite = new Promise<void>((resolve) => { answered = resolve; });
    const streams = (poller as unknown as { streams: { send: (command: unknown) => Promise<unknown> } }).streams;
    const send = streams.send.bind(streams);
    streams.send = async (command) => {
      const out = await send(command);
      if (holdNext && command instanceof GetRecordsCommand) {
        holdNext = false;
        answered();
        await new Promise((r) => setTimeout(r, 1_000));
      }
      return out;
    };
    await poller.start();
    try {
      holdNext = true;
      await readBeforeTheWrite;
      await db.send(new PutItemCommand({ TableName: system.tableName, Item: { pk: { S: 'PROBE#1' }, sk: { S: 'PROBE' } } }));

      await poller.settled(400);

      expect(delivered.map((r) => r.dynamodb?.Keys?.pk?.S)).toContain('PROBE#1');
    } finally {
      await poller.stop();
      db.destroy();
    }
  });
});
