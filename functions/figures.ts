import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { awsConfig, handlerWhenReady } from '../lib/composition/aws-config.js';
import { DynamoTable } from '../lib/adapters/dynamo/table.js';
import { DynamoFiguresStore } from '../lib/adapters/dynamo/figures-store.js';
import { createFiguresHandler } from '../lib/jobs/figures.js';

/**
 * The figures stream consumer (lib/jobs/figures.ts). Ports: the figures aggregate only. No key, no
 * secret: it reads the non-personal facts of case images and writes counters.
 */
const cfg = awsConfig();

export const handler = handlerWhenReady(async () => createFiguresHandler({
  figures: new DynamoFiguresStore(new DynamoTable(new DynamoDBClient({ region: cfg.region }), cfg.tableName)),
  policy: cfg.policy,
}));
