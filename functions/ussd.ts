// Written by `npm run functions` from lib/composition/manifest.ts (ussd): edit the manifest, not this file.
import { CloudWatchMetrics } from '../lib/adapters/metrics/cloudwatch.js';
import { systemClock } from '../lib/clock.js';
import { awsConfig, handlerWhenReady } from '../lib/composition/aws-config.js';
import { gatewaySecret } from '../lib/composition/aws-gateway.js';
import { awsStores } from '../lib/composition/aws-store.js';
import { create } from '../lib/composition/functions/ussd.js';

/** USSD session and end-of-session callbacks. Grants: store, callbackKey. */
const cfg = awsConfig();

export const handler = handlerWhenReady(async () => {
  const [stores, gateway] = await Promise.all([awsStores(cfg), gatewaySecret(cfg)]);
  return create({
    cases: stores.cases,
    reporters: stores.reporters,
    counters: stores.counters,
    ussdDrafts: stores.ussdDrafts,
    callbackKey: gateway.callbackKey,
    clock: systemClock,
    policy: cfg.policy,
    metrics: new CloudWatchMetrics(),
  });
});
