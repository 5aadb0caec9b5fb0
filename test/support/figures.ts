import type { DynamoDBRecord } from 'aws-lambda';
import { localDynamoClient } from '../../lib/local/dynamo-local.js';
import { StreamPoller } from '../../lib/local/stream-poller.js';
import { DynamoFiguresStore } from '../../lib/adapters/dynamo/figures-store.js';
import { isFiguresRecord } from '../../lib/figures/stream-filter.js';
import { updateFiguresFromRecord, type FiguresDeps } from '../../lib/figures/update-figures.js';
import type { TestSystem } from './local-deps.js';

/** The figures consumer on a test system's table, fed by the same poller `npm start` uses. */
export async function startFigures(system: TestSystem): Promise<{ poller: StreamPoller; seen: DynamoDBRecord[]; deps: FiguresDeps }> {
  const deps: FiguresDeps = { figures: new DynamoFiguresStore(system.stores.table), policy: system.deps.policy };
  const seen: DynamoDBRecord[] = [];
  const poller = new StreamPoller({
    endpoint: system.endpoint, db: localDynamoClient(system.endpoint), tableName: system.tableName, accept: isFiguresRecord,
    deliver: async (event) => {
      const failures: { itemIdentifier: string }[] = [];
      for (const record of event.Records) {
        seen.push(record);
        try {
          await updateFiguresFromRecord(deps, record);
        } catch {
          failures.push({ itemIdentifier: record.dynamodb!.SequenceNumber! });
        }
      }
      return { batchItemFailures: failures };
    },
  });
  await poller.start();
  return { poller, seen, deps };
}
