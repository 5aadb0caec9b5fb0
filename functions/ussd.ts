import { awsConfig, handlerWhenReady } from '../lib/composition/aws-config.js';
import { awsStore } from '../lib/composition/aws-store.js';
import { gatewaySecret } from '../lib/composition/aws-gateway.js';
import { CloudWatchMetrics } from '../lib/adapters/metrics/cloudwatch.js';
import { systemClock } from '../lib/clock.js';
import { createUssdHandler } from '../lib/ussd/http.js';

/**
 * AT USSD: `POST /ussd` (one request per screen) and `POST /ussd/events` (end-of-session notice),
 * lib/ussd/http.ts. Ports: the table, the callback key, metrics.
 */
const cfg = awsConfig();

export const handler = handlerWhenReady(async () => {
  const [store, gateway] = await Promise.all([awsStore(cfg), gatewaySecret(cfg)]);
  return createUssdHandler({
    deps: { store, clock: systemClock, policy: cfg.policy, metrics: new CloudWatchMetrics() },
    callbackKey: gateway.callbackKey,
  });
});
