import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { Policy } from '../config.js';
import type { FieldCipher } from '../adapters/crypto/field-cipher.js';
import { DynamoAccessLog } from '../adapters/dynamo/console-access-log.js';
import { DynamoCaseReader } from '../adapters/dynamo/console-cases.js';
import { DynamoOfficialLookup } from '../adapters/dynamo/console-directory.js';
import { DynamoPasskeyStore } from '../adapters/dynamo/console-passkeys.js';
import { DynamoSessionStore } from '../adapters/dynamo/console-sessions.js';
import { DynamoSignInStore } from '../adapters/dynamo/console-sign-in.js';
import { ConsoleTable } from '../adapters/dynamo/console-table.js';
import type { DynamoHotlineStore } from '../adapters/dynamo/hotline-store.js';
import type { Clock } from '../ports.js';
import type { ConsoleDeps } from '../use-cases/console/deps.js';

/** The console's ports on the one table: used by functions/console.ts, the tests and the bench alike. */
export function consoleDeps(parts: { db: DynamoDBClient; tableName: string; cipher: FieldCipher; store: DynamoHotlineStore; clock: Clock; policy: Policy }): ConsoleDeps {
  const table = new ConsoleTable(parts.db, parts.tableName);
  return {
    store: parts.store, clock: parts.clock, policy: parts.policy, cipher: parts.cipher,
    sessions: new DynamoSessionStore(table), signIns: new DynamoSignInStore(table), passkeys: new DynamoPasskeyStore(table),
    accessLog: new DynamoAccessLog(table, parts.cipher), cases: new DynamoCaseReader(table, parts.cipher, parts.store),
    officials: new DynamoOfficialLookup(table),
  };
}
