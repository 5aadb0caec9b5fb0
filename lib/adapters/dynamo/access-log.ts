import { randomBytes } from 'node:crypto';
import type { AccessLog } from '../../cases/access-log-port.js';
import type { Cipher } from '../../cipher.js';
import type { AccessEntry, AccessedField } from '../../domain/access.js';
import { keys } from './keys.js';
import { DynamoTable, type Item, placeOf } from './table.js';

/** One entry as stored; also written inside a case's transaction (an SMS INFO read and its reply commit together). */
export async function encodeAccessEntry(cipher: Cipher, e: AccessEntry): Promise<Item> {
  const key = keys.accessLogEntry(e.at, randomBytes(4).toString('hex'));
  return {
    ...key,
    at: e.at, officialId: e.officialId, action: e.action, reference: e.reference, fields: e.fields, ...(e.cases !== undefined ? { cases: e.cases } : {}),
    ...(e.reason ? { reasonEnc: await cipher.encrypt(e.reason, { pk: key.pk, sk: key.sk, field: 'reason' }) } : {}),
  };
}

/**
 * The access log (UU 27/2022 accountability): one item per view, in a partition per UTC day, written
 * only if new (append-only: nothing here updates or deletes). A NIK reveal's reason is free text
 * and may name people, so it is encrypted like every other personal field.
 */
export class DynamoAccessLog implements AccessLog {
  constructor(private readonly table: DynamoTable, private readonly cipher: Cipher) {}

  async append(e: AccessEntry): Promise<void> {
    await this.table.putItem(await encodeAccessEntry(this.cipher, e), { onlyNew: true });
  }

  async day(day: string, limit: number, cursor?: string): Promise<{ entries: AccessEntry[]; cursor?: string }> {
    const { items, last } = await this.table.queryPage({
      KeyConditionExpression: cursor ? 'pk = :pk AND sk < :after' : 'pk = :pk',
      values: { ':pk': keys.accessLogDay(day), ...(cursor ? { ':after': cursor } : {}) },
      ScanIndexForward: false, Limit: limit,
    });
    const entries = await Promise.all(items.map((i) => this.decode(i)));
    return { entries, ...(last ? { cursor: String(items.at(-1)?.sk) } : {}) };
  }

  private async decode(i: Item): Promise<AccessEntry> {
    return {
      at: String(i.at), officialId: String(i.officialId), action: i.action as AccessEntry['action'],
      reference: String(i.reference), fields: (i.fields as AccessedField[]) ?? [], ...(i.cases !== undefined ? { cases: Number(i.cases) } : {}),
      ...(i.reasonEnc ? { reason: await this.cipher.decrypt(String(i.reasonEnc), placeOf(i, 'reason')) } : {}),
    };
  }
}
