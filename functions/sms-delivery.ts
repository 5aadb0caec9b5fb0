// Written by `npm run functions` from lib/composition/manifest.ts (smsDelivery): edit the manifest, not this file.
import { DynamoCaseStore } from '../lib/adapters/dynamo/cases.js';
import { DynamoDirectory } from '../lib/adapters/dynamo/directory.js';
import { DynamoOutbox } from '../lib/adapters/dynamo/outbox.js';
import { CloudWatchMetrics } from '../lib/adapters/metrics/cloudwatch.js';
import { systemClock } from '../lib/clock.js';
import { awsConfig, handlerWhenReady } from '../lib/composition/aws-config.js';
import { gatewaySecret } from '../lib/composition/aws-gateway.js';
import { awsSealedTable } from '../lib/composition/aws-store.js';
import { create } from '../lib/composition/functions/sms-delivery.js';

/** SMS delivery report callback. Grants: store, callbackKey. */
const cfg = awsConfig();

export const handler = handlerWhenReady(async () => {
  const [store, gateway] = await Promise.all([awsSealedTable(cfg), gatewaySecret(cfg)]);
  const cases = new DynamoCaseStore(store.table, store.cipher);
  return create({
    cases,
    outbox: new DynamoOutbox(store.table, store.cipher),
    directory: new DynamoDirectory(store.table, store.cipher),
    callbackKey: gateway.callbackKey,
    clock: systemClock,
    metrics: new CloudWatchMetrics(),
  });
});
