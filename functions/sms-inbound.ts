// Written by `npm run functions` from lib/composition/manifest.ts (smsInbound): edit the manifest, not this file.
import { DynamoReads } from '../lib/adapters/dynamo/reads.js';
import { CloudWatchMetrics } from '../lib/adapters/metrics/cloudwatch.js';
import { systemClock } from '../lib/clock.js';
import { awsConfig, handlerWhenReady } from '../lib/composition/aws-config.js';
import { gatewaySecret } from '../lib/composition/aws-gateway.js';
import { awsStores } from '../lib/composition/aws-store.js';
import { create } from '../lib/composition/functions/sms-inbound.js';

/** Incoming SMS callback. Grants: store, callbackKey. */
const cfg = awsConfig();

export const handler = handlerWhenReady(async () => {
  const [stores, gateway] = await Promise.all([awsStores(cfg), gatewaySecret(cfg)]);
  return create({
    cases: stores.cases,
    directory: stores.directory,
    reporters: stores.reporters,
    counters: stores.counters,
    reads: new DynamoReads(stores.table),
    callbackKey: gateway.callbackKey,
    clock: systemClock,
    policy: cfg.policy,
    metrics: new CloudWatchMetrics(),
  });
});
