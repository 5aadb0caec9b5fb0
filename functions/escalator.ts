import { awsConfig, handlerWhenReady } from '../lib/composition/aws-config.js';
import { awsStores } from '../lib/composition/aws-store.js';
import { CurrentCredentialsAtSender, gatewaySecret } from '../lib/composition/aws-gateway.js';
import { officialSenderOnFirstAlert } from '../lib/composition/aws-sns-on-first-alert.js';
import { CloudWatchMetrics } from '../lib/adapters/metrics/cloudwatch.js';
import { systemClock } from '../lib/clock.js';
import { createEscalatorHandler } from '../lib/jobs/escalator.js';

/**
 * Every 5 minutes: SLA escalation and the re-send sweep (lib/jobs/escalator.ts). Ports: cases, outbox,
 * directory, reporters (the hour's SMS count), both SMS routes, metrics; no case events.
 */
const cfg = awsConfig();

export const handler = handlerWhenReady(async () => {
  const official = officialSenderOnFirstAlert(cfg);
  const [{ cases, outbox, directory, reporters }, gateway] = await Promise.all([awsStores(cfg), gatewaySecret(cfg)]);
  return createEscalatorHandler({
    deps: {
      cases, outbox, directory, reporters, clock: systemClock, policy: cfg.policy, metrics: new CloudWatchMetrics(),
      senders: { reporter: new CurrentCredentialsAtSender(gateway, cfg.atSenderId), official },
    },
  });
});
