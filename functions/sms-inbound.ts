// Written by `npm run functions` from lib/composition/manifest.ts (smsInbound): edit the manifest, not this file.
import { DynamoCaseStore } from '../lib/adapters/dynamo/cases.js';
import { DynamoDirectory } from '../lib/adapters/dynamo/directory.js';
import { DynamoRateCounter } from '../lib/adapters/dynamo/rate-counter.js';
import { DynamoReads } from '../lib/adapters/dynamo/reads.js';
import { DynamoReporters } from '../lib/adapters/dynamo/reporters.js';
import { CloudWatchMetrics } from '../lib/adapters/metrics/cloudwatch.js';
import { systemClock } from '../lib/clock.js';
import { awsConfig, handlerWhenReady } from '../lib/composition/aws-config.js';
import { gatewaySecret } from '../lib/composition/aws-gateway.js';
import { awsSealedTable } from '../lib/composition/aws-store.js';
import { create } from '../lib/composition/functions/sms-inbound.js';

/** Incoming SMS callback. Grants: store, callbackKey. */
const cfg = awsConfig();

export const handler = handlerWhenReady(async () => {
  const [store, gateway] = await Promise.all([awsSealedTable(cfg), gatewaySecret(cfg)]);
  const cases = new DynamoCaseStore(store.table, store.cipher);
  return create({
    cases,
    directory: new DynamoDirectory(store.table, store.cipher),
    reporters: new DynamoReporters(store.table, store.cipher),
    counters: new DynamoRateCounter(store.table, store.cipher),
    reads: new DynamoReads(store.table),
    callbackKey: gateway.callbackKey,
    clock: systemClock,
    policy: cfg.policy,
    metrics: new CloudWatchMetrics(),
  });
});
