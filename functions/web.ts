// Written by `npm run functions` from lib/composition/manifest.ts (web): edit the manifest, not this file.
import { DynamoFiguresStore } from '../lib/adapters/dynamo/figures-store.js';
import { CloudWatchMetrics } from '../lib/adapters/metrics/cloudwatch.js';
import { systemClock } from '../lib/clock.js';
import { awsConfig, handlerWhenReady } from '../lib/composition/aws-config.js';
import { awsStores } from '../lib/composition/aws-store.js';
import { create } from '../lib/composition/functions/web.js';

/** Web report form. Grants: store. */
const cfg = awsConfig();

export const handler = handlerWhenReady(async () => {
  const stores = await awsStores(cfg);
  return create({
    cases: stores.cases,
    reporters: stores.reporters,
    counters: stores.counters,
    figures: new DynamoFiguresStore(stores.table),
    clock: systemClock,
    policy: cfg.policy,
    metrics: new CloudWatchMetrics(),
  });
});
