// Written by `npm run functions` from lib/composition/manifest.ts (whatsapp): edit the manifest, not this file.
import { DynamoReads } from '../lib/adapters/dynamo/reads.js';
import { CloudWatchMetrics } from '../lib/adapters/metrics/cloudwatch.js';
import { systemClock } from '../lib/clock.js';
import { awsConfig, handlerWhenReady } from '../lib/composition/aws-config.js';
import { awsStores } from '../lib/composition/aws-store.js';
import { whatsappWebhookSecrets } from '../lib/composition/aws-whatsapp.js';
import { create } from '../lib/composition/functions/whatsapp.js';

/** WhatsApp Cloud API webhook (verification, messages, statuses). Grants: store, whatsapp. */
const cfg = awsConfig();

export const handler = handlerWhenReady(async () => {
  const stores = await awsStores(cfg);
  return create({
    cases: stores.cases,
    outbox: stores.outbox,
    directory: stores.directory,
    reporters: stores.reporters,
    counters: stores.counters,
    reads: new DynamoReads(stores.table),
    whatsappSecrets: whatsappWebhookSecrets(cfg),
    clock: systemClock,
    policy: cfg.policy,
    metrics: new CloudWatchMetrics(),
  });
});
