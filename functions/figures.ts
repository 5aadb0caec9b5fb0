// Written by `npm run functions` from lib/composition/manifest.ts (figures): edit the manifest, not this file.
import { DynamoFiguresStore } from '../lib/adapters/dynamo/figures-store.js';
import { awsConfig, handlerWhenReady } from '../lib/composition/aws-config.js';
import { figuresTable } from '../lib/composition/aws-figures.js';
import { create } from '../lib/composition/functions/figures.js';

/** Table stream consumer: keeps the figures (counters per month, regency, category, channel, level). Grants: figures. */
const cfg = awsConfig();

export const handler = handlerWhenReady(async () => {
  const table = figuresTable(cfg);
  return create({
    figures: new DynamoFiguresStore(table),
    policy: cfg.policy,
  });
});
