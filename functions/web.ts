// Written by `npm run functions` from lib/composition/manifest.ts (web): edit the manifest, not this file.
import { DynamoCaseStore } from '../lib/adapters/dynamo/cases.js';
import { DynamoFiguresStore } from '../lib/adapters/dynamo/figures-store.js';
import { DynamoRateCounter } from '../lib/adapters/dynamo/rate-counter.js';
import { DynamoReporters } from '../lib/adapters/dynamo/reporters.js';
import { CloudWatchMetrics } from '../lib/adapters/metrics/cloudwatch.js';
import { systemClock } from '../lib/clock.js';
import { awsConfig, handlerWhenReady } from '../lib/composition/aws-config.js';
import { awsSealedTable } from '../lib/composition/aws-store.js';
import { create } from '../lib/composition/functions/web.js';

/** Web report form. Grants: store. */
const cfg = awsConfig();

export const handler = handlerWhenReady(async () => {
  const store = await awsSealedTable(cfg);
  const cases = new DynamoCaseStore(store.table, store.cipher);
  return create({
    cases,
    reporters: new DynamoReporters(store.table, store.cipher),
    counters: new DynamoRateCounter(store.table, store.cipher),
    figures: new DynamoFiguresStore(store.table),
    clock: systemClock,
    policy: cfg.policy,
    metrics: new CloudWatchMetrics(),
  });
});
