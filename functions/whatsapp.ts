// Written by `npm run functions` from lib/composition/manifest.ts (whatsapp): edit the manifest, not this file.
import { DynamoCaseStore } from '../lib/adapters/dynamo/cases.js';
import { DynamoDirectory } from '../lib/adapters/dynamo/directory.js';
import { DynamoOutbox } from '../lib/adapters/dynamo/outbox.js';
import { DynamoRateCounter } from '../lib/adapters/dynamo/rate-counter.js';
import { DynamoReads } from '../lib/adapters/dynamo/reads.js';
import { DynamoReporters } from '../lib/adapters/dynamo/reporters.js';
import { CloudWatchMetrics } from '../lib/adapters/metrics/cloudwatch.js';
import { systemClock } from '../lib/clock.js';
import { awsConfig, handlerWhenReady } from '../lib/composition/aws-config.js';
import { awsSealedTable } from '../lib/composition/aws-store.js';
import { whatsappWebhookSecrets } from '../lib/composition/aws-whatsapp.js';
import { create } from '../lib/composition/functions/whatsapp.js';

/** WhatsApp Cloud API webhook (verification, messages, statuses). Grants: store, whatsapp. */
const cfg = awsConfig();

export const handler = handlerWhenReady(async () => {
  const store = await awsSealedTable(cfg);
  const cases = new DynamoCaseStore(store.table, store.cipher);
  return create({
    cases,
    outbox: new DynamoOutbox(store.table, store.cipher),
    directory: new DynamoDirectory(store.table, store.cipher),
    reporters: new DynamoReporters(store.table, store.cipher),
    counters: new DynamoRateCounter(store.table, store.cipher),
    reads: new DynamoReads(store.table),
    whatsappSecrets: whatsappWebhookSecrets(cfg),
    clock: systemClock,
    policy: cfg.policy,
    metrics: new CloudWatchMetrics(),
  });
});
