// Written by `npm run functions` from lib/composition/manifest.ts (console): edit the manifest, not this file.
import { DynamoAgentsStore } from '../lib/adapters/dynamo/agents-store.js';
import { DynamoFiguresStore } from '../lib/adapters/dynamo/figures-store.js';
import { CloudWatchMetrics } from '../lib/adapters/metrics/cloudwatch.js';
import { systemClock } from '../lib/clock.js';
import { awsConfig, awsConsoleSite, handlerWhenReady } from '../lib/composition/aws-config.js';
import { awsStores } from '../lib/composition/aws-stores.js';
import { create } from '../lib/composition/functions/console.js';

/** Officials' console. Grants: store, queueIndexes, monthIndex, consoleOrigin. */
const cfg = awsConfig();

export const handler = handlerWhenReady(async () => {
  const stores = await awsStores(cfg);
  return create({
    stores,
    figures: new DynamoFiguresStore(stores.table),
    agents: new DynamoAgentsStore(stores.table),
    consoleSite: awsConsoleSite(cfg),
    clock: systemClock,
    policy: cfg.policy,
    metrics: new CloudWatchMetrics(),
  });
});
