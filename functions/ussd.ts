// Written by `npm run functions` from lib/composition/manifest.ts (ussd): edit the manifest, not this file.
import { DynamoCaseStore } from '../lib/adapters/dynamo/cases.js';
import { DynamoRateCounter } from '../lib/adapters/dynamo/rate-counter.js';
import { DynamoReporters } from '../lib/adapters/dynamo/reporters.js';
import { DynamoUssdDrafts } from '../lib/adapters/dynamo/ussd-drafts.js';
import { CloudWatchMetrics } from '../lib/adapters/metrics/cloudwatch.js';
import { systemClock } from '../lib/clock.js';
import { awsConfig, handlerWhenReady } from '../lib/composition/aws-config.js';
import { gatewaySecret } from '../lib/composition/aws-gateway.js';
import { awsSealedTable } from '../lib/composition/aws-store.js';
import { create } from '../lib/composition/functions/ussd.js';

/** USSD session and end-of-session callbacks. Grants: store, callbackKey. */
const cfg = awsConfig();

export const handler = handlerWhenReady(async () => {
  const [store, gateway] = await Promise.all([awsSealedTable(cfg), gatewaySecret(cfg)]);
  const cases = new DynamoCaseStore(store.table, store.cipher);
  return create({
    cases,
    reporters: new DynamoReporters(store.table, store.cipher),
    counters: new DynamoRateCounter(store.table, store.cipher),
    ussdDrafts: new DynamoUssdDrafts(store.table, store.cipher),
    callbackKey: gateway.callbackKey,
    clock: systemClock,
    policy: cfg.policy,
    metrics: new CloudWatchMetrics(),
  });
});
