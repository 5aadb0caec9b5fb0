import { awsConfig, handlerWhenReady } from '../lib/composition/aws-config.js';
import { awsStores } from '../lib/composition/aws-store.js';
import { gatewaySecret } from '../lib/composition/aws-gateway.js';
import { CloudWatchMetrics } from '../lib/adapters/metrics/cloudwatch.js';
import { systemClock } from '../lib/clock.js';
import { createUssdHandler } from '../lib/ussd/http.js';

/**
 * AT USSD: `POST /ussd` (one request per screen) and `POST /ussd/events` (end-of-session notice),
 * lib/ussd/http.ts. Ports: cases, reporters, USSD drafts, the callback key, metrics.
 */
const cfg = awsConfig();

export const handler = handlerWhenReady(async () => {
  const [{ cases, reporters, ussdDrafts }, gateway] = await Promise.all([awsStores(cfg), gatewaySecret(cfg)]);
  return createUssdHandler({
    deps: { cases, reporters, ussdDrafts, clock: systemClock, policy: cfg.policy, metrics: new CloudWatchMetrics() },
    callbackKey: gateway.callbackKey,
  });
});
