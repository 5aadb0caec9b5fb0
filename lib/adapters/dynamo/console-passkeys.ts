import type { Passkey, PasskeyStore } from '../../console/ports.js';
import { consoleKeys } from './console-keys.js';
import { ConsoleTable, type Item } from './console-table.js';
import { TABLE } from './table-definition.js';

/** Officials' passkeys, found by credential id at sign-in and listed per official on gsi1. */
export class DynamoPasskeyStore implements PasskeyStore {
  constructor(private readonly table: ConsoleTable) {}

  async putPasskey(p: Passkey): Promise<void> {
    await this.table.put({
      ...consoleKeys.passkey(p.credentialId), ...p,
      [TABLE.byContactIndex.partitionKey]: consoleKeys.passkeysOf(p.officialId),
      [TABLE.byContactIndex.sortKey]: p.createdAt,
    }, { onlyNew: true });
  }

  async getPasskey(credentialId: string): Promise<Passkey | undefined> {
    const item = await this.table.get(consoleKeys.passkey(credentialId));
    return item ? passkeyFromItem(item) : undefined;
  }

  async passkeysOf(officialId: string): Promise<Passkey[]> {
    const { items } = await this.table.query({
      IndexName: TABLE.byContactIndex.name,
      KeyConditionExpression: '#pk = :pk',
      ExpressionAttributeNames: { '#pk': TABLE.byContactIndex.partitionKey },
      values: { ':pk': consoleKeys.passkeysOf(officialId) },
      Limit: 20,
    });
    return items.map(passkeyFromItem);
  }

  async updateCounter(credentialId: string, counter: number): Promise<void> {
    await this.table.update(consoleKeys.passkey(credentialId), {
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
