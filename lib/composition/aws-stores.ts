import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { KMSClient } from '@aws-sdk/client-kms';
import type { Config } from '../config.js';
import { DynamoStores } from '../adapters/dynamo/stores.js';
import { awsSealedTable } from './aws-store.js';

/**
 * Every aggregate on the sealed table (aws-store.ts): for the console, which builds its own
 * aggregates on them, and the officials CLI against AWS. A function that takes single aggregates
 * builds only those (its entry point, written from the manifest).
 */
export async function awsStores(cfg: Pick<Config, 'region' | 'tableName' | 'kmsKeyArn' | 'lookupKeySecretArn'>, clients: { db?: DynamoDBClient; kms?: KMSClient } = {}): Promise<DynamoStores> {
  const { db, cipher } = await awsSealedTable(cfg, clients);
  return new DynamoStores(db, cfg.tableName, cipher);
}
