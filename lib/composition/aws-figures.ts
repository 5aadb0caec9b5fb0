import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { Config } from '../config.js';
import { DynamoTable } from '../adapters/dynamo/table.js';

/**
 * The table for the figures consumer, which holds the `figures` grant only: no KMS client and no
 * lookup key, since it never seals or opens a personal field.
 */
export function figuresTable(cfg: Pick<Config, 'region' | 'tableName'>): DynamoTable {
  return new DynamoTable(new DynamoDBClient({ region: cfg.region }), cfg.tableName);
}
