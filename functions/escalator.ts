// Written by `npm run functions` from lib/composition/manifest.ts (escalator): edit the manifest, not this file.
import { DynamoCaseStore } from '../lib/adapters/dynamo/cases.js';
import { DynamoDirectory } from '../lib/adapters/dynamo/directory.js';
import { DynamoOutbox } from '../lib/adapters/dynamo/outbox.js';
import { DynamoRateCounter } from '../lib/adapters/dynamo/rate-counter.js';
import { DynamoReporters } from '../lib/adapters/dynamo/reporters.js';
import { CloudWatchMetrics } from '../lib/adapters/metrics/cloudwatch.js';
import { systemClock } from '../lib/clock.js';
import { awsConfig, handlerWhenReady } from '../lib/composition/aws-config.js';
import { CurrentCredentialsAtSender, gatewaySecret } from '../lib/composition/aws-gateway.js';
import { officialSenderOnFirstAlert } from '../lib/composition/aws-sns-on-first-alert.js';
import { awsSealedTable } from '../lib/composition/aws-store.js';
import { whatsappSender } from '../lib/composition/aws-whatsapp.js';
import { create } from '../lib/composition/functions/escalator.js';

/** Scheduled SLA escalation and SMS retry. Grants: store, reporterSms, officialSms, whatsapp. */
const cfg = awsConfig();

export const handler = handlerWhenReady(async () => {
  const [store, gateway] = await Promise.all([awsSealedTable(cfg), gatewaySecret(cfg)]);
  const cases = new DynamoCaseStore(store.table, store.cipher);
  return create({
    cases,
    outbox: new DynamoOutbox(store.table, store.cipher),
    directory: new DynamoDirectory(store.table, store.cipher),
    reporters: new DynamoReporters(store.table, store.cipher),
    counters: new DynamoRateCounter(store.table, store.cipher),
    reporterSms: new CurrentCredentialsAtSender(gateway, cfg.atSenderId),
    officialSms: officialSenderOnFirstAlert(cfg),
    whatsappSender: whatsappSender(cfg),
    clock: systemClock,
    policy: cfg.policy,
    metrics: new CloudWatchMetrics(),
  });
});
