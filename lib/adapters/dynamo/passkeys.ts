import type { Passkey, PasskeyStore } from '../../console/ports.js';
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
    const { items } = await this.table.queryPage({
      IndexName: TABLE.byContactIndex.name,
      KeyConditionExpression: '#pk = :pk',
      ExpressionAttributeNames: { '#pk': TABLE.byContactIndex.partitionKey },
      values: { ':pk': indexKeys.officialPasskeysPartition(officialId) },
      Limit: 20,
    });
    return items.map(passkeyFromItem);
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
  };
}
