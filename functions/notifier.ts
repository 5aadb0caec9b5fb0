import { awsConfig, handlerWhenReady } from '../lib/composition/aws-config.js';
import { awsStore } from '../lib/composition/aws-store.js';
import { CurrentCredentialsAtSender, gatewaySecret } from '../lib/composition/aws-gateway.js';
import { snsPorts } from '../lib/composition/aws-sns.js';
import { CloudWatchMetrics } from '../lib/adapters/metrics/cloudwatch.js';
import { systemClock } from '../lib/clock.js';
import { createNotifierHandler } from '../lib/jobs/notifier.js';

/**
 * The table stream consumer (lib/jobs/notifier.ts). Ports: the table, both SMS routes (Africa's
 * Talking with the gateway secret's current credentials, SNS), case events, metrics.
 */
const cfg = awsConfig();

export const handler = handlerWhenReady(async () => {
  const { official, events } = snsPorts(cfg);
  const [store, gateway] = await Promise.all([awsStore(cfg), gatewaySecret(cfg)]);
  return createNotifierHandler({
    deps: {
      store, clock: systemClock, metrics: new CloudWatchMetrics(),
      senders: { reporter: new CurrentCredentialsAtSender(gateway, cfg.atSenderId), official },
      ...(events ? { events } : {}),
    },
    decoder: store,
  });
});
