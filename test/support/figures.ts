import type { DynamoDBRecord } from 'aws-lambda';
import type { FiguresDeps } from '../../lib/figures/update-figures.js';
import type { StreamConsumers } from '../../lib/local/triggers.js';
import { startStreams, type TestSystem } from './local-deps.js';

/** The figures consumer on a test system's table, fed as `npm start` feeds it (its own poller, its own filter). */
export async function startFigures(system: TestSystem): Promise<{ poller: StreamConsumers; seen: DynamoDBRecord[]; deps: FiguresDeps }> {
  const poller = await startStreams(system, ['figures']);
  return { poller, seen: poller.seen.figures!, deps: { figures: system.local.figures, policy: system.deps.policy } };
}
