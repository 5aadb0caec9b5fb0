import { awsConfig, handlerWhenReady } from '../lib/composition/aws-config.js';
import { awsStores } from '../lib/composition/aws-store.js';
import { CurrentCredentialsAtSender, gatewaySecret } from '../lib/composition/aws-gateway.js';
import { snsPorts } from '../lib/composition/aws-sns.js';
import { CloudWatchMetrics } from '../lib/adapters/metrics/cloudwatch.js';
import { systemClock } from '../lib/clock.js';
import { createNotifierHandler } from '../lib/jobs/notifier.js';
import { DynamoAgentsStore } from '../lib/adapters/dynamo/agents-store.js';

/**
 * The table stream consumer (lib/jobs/notifier.ts). Ports: cases, outbox, directory, reporters, both SMS routes (Africa's
 * Talking with the gateway secret's current credentials, SNS), case events, metrics, and the agents
 * named in cases (the agent watch of lib/figures/agent-watch.ts).
 */
const cfg = awsConfig();

export const handler = handlerWhenReady(async () => {
  const { official, events } = snsPorts(cfg);
  const [stores, gateway] = await Promise.all([awsStores(cfg), gatewaySecret(cfg)]);
  const { cases, outbox, directory, reporters } = stores;
  return createNotifierHandler({
    deps: {
      cases, outbox, directory, reporters, clock: systemClock, policy: cfg.policy, metrics: new CloudWatchMetrics(),
      senders: { reporter: new CurrentCredentialsAtSender(gateway, cfg.atSenderId), official },
      ...(events ? { events } : {}),
    },
    decoder: cases,
    agents: new DynamoAgentsStore(stores.table),
  });
});
