// Written by `npm run functions` from lib/composition/manifest.ts (notifier): edit the manifest, not this file.
import { DynamoAgentsStore } from '../lib/adapters/dynamo/agents-store.js';
import { CloudWatchMetrics } from '../lib/adapters/metrics/cloudwatch.js';
import { systemClock } from '../lib/clock.js';
import { awsConfig, handlerWhenReady } from '../lib/composition/aws-config.js';
import { CurrentCredentialsAtSender, gatewaySecret } from '../lib/composition/aws-gateway.js';
import { snsPorts } from '../lib/composition/aws-sns.js';
import { awsStores } from '../lib/composition/aws-store.js';
import { whatsappSender } from '../lib/composition/aws-whatsapp.js';
import { create } from '../lib/composition/functions/notifier.js';

/** Table stream consumer: sends SMS, publishes case events. Grants: store, reporterSms, officialSms, caseEvents, whatsapp. */
const cfg = awsConfig();

export const handler = handlerWhenReady(async () => {
  const sns = snsPorts(cfg);
  const [stores, gateway] = await Promise.all([awsStores(cfg), gatewaySecret(cfg)]);
  return create({
    cases: stores.cases,
    outbox: stores.outbox,
    directory: stores.directory,
    reporters: stores.reporters,
    counters: stores.counters,
    decoder: stores.cases,
    agents: new DynamoAgentsStore(stores.table),
    reporterSms: new CurrentCredentialsAtSender(gateway, cfg.atSenderId),
    officialSms: sns.official,
    whatsappSender: whatsappSender(cfg),
    events: sns.events,
    clock: systemClock,
    policy: cfg.policy,
    metrics: new CloudWatchMetrics(),
  });
});
