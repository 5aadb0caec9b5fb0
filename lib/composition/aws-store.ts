import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { KMSClient } from '@aws-sdk/client-kms';
import { getSecret } from '@aws-lambda-powertools/parameters/secrets';
import { ConfigurationError, type Config } from '../config.js';
import { DynamoTable } from '../adapters/dynamo/table.js';
import { FieldCipher } from '../adapters/crypto/field-cipher.js';
import { DynamoSubjectKeyStore, keysTableNameFor, SubjectKeys } from '../adapters/crypto/subject-keys.js';
import { KmsDataKeySource } from '../adapters/crypto/kms-data-keys.js';

/**
 * The lookup (HMAC) key never changes in a deployment's life (every stored lookup hash depends on
 * it): it is read once at cold start.
 */
async function readLookupKey(arn: string): Promise<string> {
  const value = await getSecret<string>(arn);
  if (typeof value !== 'string' || value.length < 16) throw new Error('The lookup-key secret has no usable value');
  return value;
}

/** The table and the field cipher every aggregate is built on (`new DynamoCaseStore(store.table, store.cipher)`). */
export interface SealedTable {
  db: DynamoDBClient;
  table: DynamoTable;
  cipher: FieldCipher;
}

/**
 * The table with field encryption: DynamoDB, KMS data keys and the lookup key. Each function's entry
 * point builds on it only the aggregates it takes, so its bundle holds (and its cold start compiles)
 * no other aggregate's adapter (issue 18); the console and the officials CLI take them all
 * (aws-stores.ts). Clients are made once per cold start, before the lookup key is read.
 */
export async function awsSealedTable(cfg: Pick<Config, 'region' | 'tableName' | 'kmsKeyArn' | 'lookupKeySecretArn'>, clients: { db?: DynamoDBClient; kms?: KMSClient } = {}): Promise<SealedTable> {
  const missing = [...(cfg.kmsKeyArn ? [] : ['KMS_KEY_ARN']), ...(cfg.lookupKeySecretArn ? [] : ['LOOKUP_KEY_SECRET_ARN'])];
  if (missing.length) throw new ConfigurationError(`Invalid configuration: ${missing.join(', ')} required by the store (the function's "store" grant)`);
  const db = clients.db ?? new DynamoDBClient({ region: cfg.region });
  const kms = clients.kms ?? new KMSClient({ region: cfg.region });
  const dataKeys = new KmsDataKeySource(kms, cfg.kmsKeyArn!);
  // Per-case keys live in the key table (no PITR, no stream): see subject-keys.ts.
  const subjects = new SubjectKeys(new DynamoSubjectKeyStore(db, keysTableNameFor(cfg.tableName)), dataKeys);
  const cipher = new FieldCipher(dataKeys, await readLookupKey(cfg.lookupKeySecretArn!), subjects);
  return { db, table: new DynamoTable(db, cfg.tableName), cipher };
}
