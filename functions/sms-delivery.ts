import { awsConfig, handlerWhenReady } from '../lib/composition/aws-config.js';
import { awsStores } from '../lib/composition/aws-store.js';
import { gatewaySecret } from '../lib/composition/aws-gateway.js';
import { CloudWatchMetrics } from '../lib/adapters/metrics/cloudwatch.js';
import { systemClock } from '../lib/clock.js';
import { createSmsDeliveryHandler } from '../lib/sms/delivery-http.js';

/** AT delivery-report callback (lib/sms/delivery-http.ts). Ports: cases, outbox, directory, the callback key, metrics. */
const cfg = awsConfig();

export const handler = handlerWhenReady(async () => {
  const [{ cases, outbox, directory }, gateway] = await Promise.all([awsStores(cfg), gatewaySecret(cfg)]);
  return createSmsDeliveryHandler({ deps: { cases, outbox, directory, clock: systemClock, metrics: new CloudWatchMetrics() }, callbackKey: gateway.callbackKey });
});
