import type { ConsoleSession, SessionStore } from '../../use-cases/console/sessions-port.js';
import { keys } from './keys.js';
import { DynamoTable, epochSeconds, type Item } from './table.js';
import { TABLE } from './table-definition.js';

/** Console sessions: one item per session, keyed by the hash of its id, gone by TTL when it expires. */
export class DynamoSessionStore implements SessionStore {
  constructor(private readonly table: DynamoTable) {}

  async createSession(s: ConsoleSession, expiresAt: Date): Promise<void> {
    await this.table.putItem({ ...keys.session(s.idHash), ...s, [TABLE.ttlAttribute]: epochSeconds(expiresAt) }, { onlyNew: true });
  }

  async getSession(idHash: string): Promise<ConsoleSession | undefined> {
    const item = await this.table.get(keys.session(idHash), true);
    return item ? sessionFromItem(item) : undefined;
  }

  async touchSession(idHash: string, lastSeenAt: string, expiresAt: Date): Promise<void> {
    // Conditional: a signed-out (deleted) session must not come back as a bare item.
    await this.table.updateItem(keys.session(idHash), {
      UpdateExpression: 'SET lastSeenAt = :seen, #exp = :exp',
      ConditionExpression: 'attribute_exists(pk)',
      ExpressionAttributeNames: { '#exp': TABLE.ttlAttribute },
      values: { ':seen': lastSeenAt, ':exp': epochSeconds(expiresAt) },
      ReturnValues: 'NONE',
    });
  }

  async setPasskeyChallenge(idHash: string, challenge: string | undefined): Promise<void> {
    await this.table.updateItem(keys.session(idHash), challenge
      ? { UpdateExpression: 'SET passkeyChallenge = :c', ConditionExpression: 'attribute_exists(pk)', values: { ':c': challenge }, ReturnValues: 'NONE' }
      : { UpdateExpression: 'REMOVE passkeyChallenge', ConditionExpression: 'attribute_exists(pk)', ReturnValues: 'NONE' });
  }

  async deleteSession(idHash: string): Promise<void> {
    await this.table.deleteItem(keys.session(idHash));
  }
}

function sessionFromItem(item: Item): ConsoleSession {
  return {
    idHash: String(item.idHash), officialId: String(item.officialId), credentialStamp: String(item.credentialStamp),
    csrfToken: String(item.csrfToken), createdAt: String(item.createdAt), lastSeenAt: String(item.lastSeenAt),
    ...(item.passkeyChallenge ? { passkeyChallenge: String(item.passkeyChallenge) } : {}),
  };
}
