import { type AttributeValue, ConditionalCheckFailedException, DeleteItemCommand } from '@aws-sdk/client-dynamodb';
import { marshall } from '@aws-sdk/util-dynamodb';
import type { Passkey, PasskeyStore } from '../../officials/passkeys-port.js';
import { indexKeys, keys } from './keys.js';
import { DynamoTable, type Item } from './table.js';
import { TABLE } from './table-definition.js';

/** Officials' passkeys, found by credential id at sign-in and listed per official on gsi1. */
export class DynamoPasskeyStore implements PasskeyStore {
  constructor(private readonly table: DynamoTable) {}

  async putPasskey(p: Passkey): Promise<void> {
    await this.table.putItem({
      ...keys.passkey(p.credentialId), ...p,
      ...indexKeys.officialPasskeys(p.officialId, p.createdAt),
    }, { onlyNew: true });
  }

  async getPasskey(credentialId: string): Promise<Passkey | undefined> {
    const item = await this.table.get(keys.passkey(credentialId), true);
    return item ? passkeyFromItem(item) : undefined;
  }

  async passkeysOf(officialId: string): Promise<Passkey[]> {
    const found: Item[] = [];
    let start: Record<string, AttributeValue> | undefined;
    // Every page: a reset must find every passkey, and a list must show every one (they are few).
    do {
      const page = await this.table.queryPage({
        IndexName: TABLE.byContactIndex.name,
        KeyConditionExpression: '#pk = :pk',
        ExpressionAttributeNames: { '#pk': TABLE.byContactIndex.partitionKey },
        values: { ':pk': indexKeys.officialPasskeysPartition(officialId) },
        Limit: 50,
        ...(start ? { start } : {}),
      });
      found.push(...page.items);
      start = page.last;
    } while (start);
    return found.map(passkeyFromItem);
  }

  async deletePasskey(credentialId: string, officialId: string): Promise<boolean> {
    try {
      await this.table.db.send(new DeleteItemCommand({
        TableName: this.table.name, Key: marshall(keys.passkey(credentialId)),
        ConditionExpression: 'officialId = :official', ExpressionAttributeValues: marshall({ ':official': officialId }),
      }));
      return true;
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return false;
      throw error;
    }
  }

  async removePasskeysOf(officialId: string): Promise<number> {
    const all = await this.passkeysOf(officialId);
    let removed = 0;
    for (const p of all) if (await this.deletePasskey(p.credentialId, officialId)) removed++;
    return removed;
  }

  async updateCounter(credentialId: string, counter: number): Promise<void> {
    await this.table.updateItem(keys.passkey(credentialId), {
      UpdateExpression: 'SET #c = :c', ConditionExpression: 'attribute_exists(pk)',
      ExpressionAttributeNames: { '#c': 'counter' }, values: { ':c': counter }, ReturnValues: 'NONE',
    });
  }
}

function passkeyFromItem(item: Item): Passkey {
  return {
    credentialId: String(item.credentialId), officialId: String(item.officialId), publicKey: String(item.publicKey),
    counter: Number(item.counter ?? 0), createdAt: String(item.createdAt), label: String(item.label ?? ''),
    ...(Array.isArray(item.transports) ? { transports: item.transports as string[] } : {}),
    ...(typeof item.stamp === 'string' ? { stamp: item.stamp } : {}),
  };
}
