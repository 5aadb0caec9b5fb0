import type { SignInChallenge, SignInStore } from '../../use-cases/console/sessions-port.js';
import { keys } from './keys.js';
import { DynamoTable, epochSeconds } from './table.js';
import { TABLE } from './table-definition.js';

/** Pending sign-ins (SMS code or passkey challenge): short-lived, tries counted atomically. */
export class DynamoSignInStore implements SignInStore {
  constructor(private readonly table: DynamoTable) {}

  async putChallenge(c: SignInChallenge): Promise<void> {
    // The TTL attribute holds epoch seconds; the exact ISO time is kept apart as `validUntil`.
    const { expiresAt, ...rest } = c;
    await this.table.putItem({ ...keys.signIn(c.idHash), ...rest, validUntil: expiresAt, [TABLE.ttlAttribute]: epochSeconds(new Date(expiresAt)) });
  }

  async getChallenge(idHash: string): Promise<SignInChallenge | undefined> {
    const item = await this.table.get(keys.signIn(idHash), true);
    if (!item) return undefined;
    if (item.kind === 'code') {
      return {
        kind: 'code', idHash, officialId: String(item.officialId), codeHash: String(item.codeHash),
        tries: Number(item.tries ?? 0), expiresAt: String(item.validUntil),
      };
    }
    return { kind: 'passkey', idHash, challenge: String(item.challenge), expiresAt: String(item.validUntil) };
  }

  async countTry(idHash: string, maxTries: number): Promise<number | undefined> {
    // Parallel guesses cannot share a try: the count and its limit are one conditional update.
    const after = await this.table.updateItem(keys.signIn(idHash), {
      UpdateExpression: 'ADD tries :one',
      ConditionExpression: 'attribute_exists(pk) AND (attribute_not_exists(tries) OR tries < :max)',
      values: { ':one': 1, ':max': maxTries },
    });
    return after ? Number(after.tries) : undefined;
  }

  async deleteChallenge(idHash: string): Promise<void> {
    await this.table.deleteItem(keys.signIn(idHash));
  }
}
