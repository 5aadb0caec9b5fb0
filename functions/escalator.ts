// Written by `npm run functions` from lib/composition/manifest.ts (escalator): edit the manifest, not this file.
import { CloudWatchMetrics } from '../lib/adapters/metrics/cloudwatch.js';
import { systemClock } from '../lib/clock.js';
import { awsConfig, handlerWhenReady } from '../lib/composition/aws-config.js';
import { CurrentCredentialsAtSender, gatewaySecret } from '../lib/composition/aws-gateway.js';
import { officialSenderOnFirstAlert } from '../lib/composition/aws-sns-on-first-alert.js';
import { awsStores } from '../lib/composition/aws-store.js';
import { whatsappSender } from '../lib/composition/aws-whatsapp.js';
import { create } from '../lib/composition/functions/escalator.js';

/** Scheduled SLA escalation and SMS retry. Grants: store, reporterSms, officialSms, whatsapp. */
const cfg = awsConfig();

export const handler = handlerWhenReady(async () => {
  const [stores, gateway] = await Promise.all([awsStores(cfg), gatewaySecret(cfg)]);
  return create({
    cases: stores.cases,
    outbox: stores.outbox,
    directory: stores.directory,
    reporters: stores.reporters,
    counters: stores.counters,
    reporterSms: new CurrentCredentialsAtSender(gateway, cfg.atSenderId),
    officialSms: officialSenderOnFirstAlert(cfg),
    whatsappSender: whatsappSender(cfg),
    clock: systemClock,
    policy: cfg.policy,
    metrics: new CloudWatchMetrics(),
  });
});
