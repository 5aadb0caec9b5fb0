import { awsConfig, handlerWhenReady } from '../lib/composition/aws-config.js';
import { awsStores } from '../lib/composition/aws-store.js';
import { gatewaySecret } from '../lib/composition/aws-gateway.js';
import { CloudWatchMetrics } from '../lib/adapters/metrics/cloudwatch.js';
import { systemClock } from '../lib/clock.js';
import { createSmsInboundHandler } from '../lib/sms/http.js';

/** AT incoming-SMS callback (lib/sms/http.ts). Ports: cases, directory, reporters, the callback key, metrics. */
const cfg = awsConfig();

export const handler = handlerWhenReady(async () => {
  const [{ cases, directory, reporters }, gateway] = await Promise.all([awsStores(cfg), gatewaySecret(cfg)]);
  return createSmsInboundHandler({
    deps: { cases, directory, reporters, clock: systemClock, policy: cfg.policy, metrics: new CloudWatchMetrics() },
    callbackKey: gateway.callbackKey,
  });
});
