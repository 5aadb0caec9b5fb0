import { DeleteItemCommand, PutItemCommand } from '@aws-sdk/client-dynamodb';
import { marshall } from '@aws-sdk/util-dynamodb';
import type { Language } from '../../domain/categories.js';
import type { Cipher } from '../../cipher.js';
import type { UssdDraft } from '../../ussd/menu.js';
import type { UssdDrafts } from '../../ussd/port.js';
import { keys } from './keys.js';
import { placeOf } from './table.js';
import { type DynamoTable, epochSeconds, type Item } from './table.js';
import { TABLE } from './table-definition.js';

// ---- codec ----------------------------------------------------------------------------------------

async function encodeDraft(cipher: Cipher, phone: string, draft: UssdDraft, expiresAt: Date): Promise<Item> {
  const key = keys.ussdDraft(cipher.lookupHash(phone));
  return {
    ...key,
    textEnc: await cipher.encrypt(draft.text, { ...key, field: 'text' }), language: draft.language,
    [TABLE.ttlAttribute]: epochSeconds(expiresAt),
  };
}

async function decodeDraft(cipher: Cipher, item: Item): Promise<UssdDraft> {
  return { text: await cipher.decrypt(String(item.textEnc), placeOf(item, 'text')), language: item.language as Language };
}

// ---- the aggregate ------------------------------------------------------------------------------

/** Interrupted USSD reports: one per phone hash, the inputs sealed, gone by TTL after 30 minutes. */
export class DynamoUssdDrafts implements UssdDrafts {
  constructor(private readonly table: DynamoTable, private readonly cipher: Cipher) {}

  async saveUssdDraft(phone: string, draft: UssdDraft, expiresAt: Date): Promise<void> {
    await this.table.db.send(new PutItemCommand({ TableName: this.table.name, Item: marshall(await encodeDraft(this.cipher, phone, draft, expiresAt)) }));
  }

  async getUssdDraft(phone: string, now: Date): Promise<UssdDraft | undefined> {
    const item = await this.table.get(keys.ussdDraft(this.cipher.lookupHash(phone)), true);
    // TTL deletion lags by up to two days: an expired draft must not be offered.
    if (!item || Number(item[TABLE.ttlAttribute]) <= epochSeconds(now)) return undefined;
    return decodeDraft(this.cipher, item);
  }

  async deleteUssdDraft(phone: string): Promise<void> {
    await this.table.db.send(new DeleteItemCommand({ TableName: this.table.name, Key: marshall(keys.ussdDraft(this.cipher.lookupHash(phone))) }));
  }
}
