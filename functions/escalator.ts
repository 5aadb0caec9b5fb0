import { awsConfig, handlerWhenReady } from '../lib/composition/aws-config.js';
import { awsStore } from '../lib/composition/aws-store.js';
import { CurrentCredentialsAtSender, gatewaySecret } from '../lib/composition/aws-gateway.js';
import { snsPorts } from '../lib/composition/aws-sns.js';
import { CloudWatchMetrics } from '../lib/adapters/metrics/cloudwatch.js';
import { systemClock } from '../lib/clock.js';
import { createEscalatorHandler } from '../lib/jobs/escalator.js';

/**
 * Every 5 minutes: SLA escalation and the re-send sweep (lib/jobs/escalator.ts). Ports: the table,
 * both SMS routes, metrics; no case events.
 */
const cfg = awsConfig();

export const handler = handlerWhenReady(async () => {
  const { official } = snsPorts({ ...cfg, eventsTopicArn: undefined });
  const [store, gateway] = await Promise.all([awsStore(cfg), gatewaySecret(cfg)]);
  return createEscalatorHandler({
    deps: {
      store, clock: systemClock, policy: cfg.policy, metrics: new CloudWatchMetrics(),
      senders: { reporter: new CurrentCredentialsAtSender(gateway, cfg.atSenderId), official },
    },
  });
});
