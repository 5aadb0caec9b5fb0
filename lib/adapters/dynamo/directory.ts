import { ConditionalCheckFailedException, DeleteItemCommand, PutItemCommand, UpdateItemCommand } from '@aws-sdk/client-dynamodb';
import { marshall, unmarshall } from '@aws-sdk/util-dynamodb';
import { randomBytes } from 'node:crypto';
import type { OfficialEvent } from '../../domain/official-event.js';
import type { Cipher } from '../../cipher.js';
import type { OutboundMessage } from '../../domain/message.js';
import type { Official, PinDoor } from '../../domain/official.js';
import type { Directory, UnreadMark } from '../../officials/port.js';
import { indexKeys, keys } from './keys.js';
import { messagePut } from './outbox.js';
import { type DynamoTable, type Item, type LabelledWrite, TransactionCancelled } from './table.js';
import { TABLE } from './table-definition.js';

// ---- codec ----------------------------------------------------------------------------------------

/** Officials' numbers are work numbers the system must match on, so they are stored as given. */
export function encodeOfficial(official: Official): Item {
  return { ...keys.official(official.id), ...official, ...indexKeys.officialPhone(official.phone, official.id) };
}

export function decodeOfficial(item: Item): Official {
  const o: Official = {
    id: String(item.id), name: String(item.name), phone: String(item.phone),
    level: Number(item.level) as Official['level'], regencies: (item.regencies as string[]) ?? [],
    active: Boolean(item.active), failedPins: Number(item.failedPins ?? 0), locked: Boolean(item.locked),
  };
  if (item.categories) o.categories = item.categories as Official['categories'];
  if (item.pinHash) o.pinHash = String(item.pinHash);
  if (item.consoleFailedPins !== undefined) o.consoleFailedPins = Number(item.consoleFailedPins);
  if (item.consoleLockedUntil) o.consoleLockedUntil = String(item.consoleLockedUntil);
  if (item.consoleLocks !== undefined) o.consoleLocks = Number(item.consoleLocks);
  if (item.whatsapp !== undefined) o.whatsapp = Boolean(item.whatsapp);
  if (item.sessionsEndedAt) o.sessionsEndedAt = String(item.sessionsEndedAt);
  return o;
}

/** Each door's wrong-PIN count is its own attribute: the console's never locks the SMS commands. */
const COUNT: Record<PinDoor, string> = { sms: 'failedPins', console: 'consoleFailedPins' };
/** Locked by SMS (or disabled) closes every door; a console lock closes only the console's. */
const OPEN = 'attribute_exists(pk) AND active = :t AND (attribute_not_exists(locked) OR locked = :f)';
const CONSOLE_OPEN = '(attribute_not_exists(consoleLockedUntil) OR consoleLockedUntil <= :now)';

// ---- the aggregate ------------------------------------------------------------------------------

/** The officials directory: one partition, an official per item, found by phone through gsi1. */
export class DynamoDirectory implements Directory {
  /** The cipher seals the outbox messages (lock and unlock notices) written with the audit trail. */
  constructor(private readonly table: DynamoTable, private readonly cipher: Cipher) {}

  async listOfficials(): Promise<Official[]> {
    const items = await this.table.queryAll({
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :o)',
      ExpressionAttributeValues: marshall({ ':pk': keys.directoryPartition, ':o': keys.officialPrefix }),
    });
    return items.map(decodeOfficial);
  }

  async endConsoleSessions(officialId: string, at: string): Promise<boolean> {
    try {
      await this.table.db.send(new UpdateItemCommand({
        TableName: this.table.name, Key: marshall(keys.official(officialId)),
        UpdateExpression: 'SET sessionsEndedAt = :at', ConditionExpression: 'attribute_exists(pk)',
        ExpressionAttributeValues: marshall({ ':at': at }),
      }));
      return true;
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return false;
      throw error;
    }
  }

  async putOfficial(official: Official): Promise<void> {
    await this.table.db.send(new PutItemCommand({
      TableName: this.table.name, Item: marshall(encodeOfficial(official), { removeUndefinedValues: true }),
    }));
  }

  /** One official, read consistently: every console request checks the official is still active with the same PIN. */
  async getOfficial(id: string): Promise<Official | undefined> {
    const item = await this.table.get(keys.official(id), true);
    return item ? decodeOfficial(item) : undefined;
  }

  async getOfficialByPhone(phone: string): Promise<Official | undefined> {
    const [hit] = await this.table.query({
      IndexName: TABLE.byContactIndex.name,
      KeyConditionExpression: '#pk = :pk',
      ExpressionAttributeNames: { '#pk': TABLE.byContactIndex.partitionKey },
      ExpressionAttributeValues: marshall({ ':pk': indexKeys.officialPhonePartition(phone) }),
      Limit: 1,
    });
    if (!hit) return undefined;
    // The index lags; the PIN state must be current.
    const fresh = await this.table.get(keys.official(String(hit.id)), true);
    return fresh ? decodeOfficial(fresh) : undefined;
  }

  async reservePinCheck(officialId: string, max: number, door: PinDoor = 'sms', now: Date = new Date()): Promise<{ reserved: true; failedPins: number } | { reserved: false }> {
    const count = COUNT[door];
    try {
      const out = await this.table.db.send(new UpdateItemCommand({
        TableName: this.table.name, Key: marshall(keys.official(officialId)),
        UpdateExpression: 'ADD #count :one',
        ConditionExpression: `${OPEN} AND (attribute_not_exists(#count) OR #count < :max)${door === 'console' ? ` AND ${CONSOLE_OPEN}` : ''}`,
        ExpressionAttributeNames: { '#count': count },
        ExpressionAttributeValues: marshall({ ':one': 1, ':t': true, ':f': false, ':max': max, ...(door === 'console' ? { ':now': now.toISOString() } : {}) }),
        ReturnValues: 'UPDATED_NEW',
      }));
      return { reserved: true, failedPins: Number(unmarshall(out.Attributes ?? {})[count] ?? 1) };
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return { reserved: false };
      throw error;
    }
  }

  async lockOfficial(officialId: string, door: PinDoor = 'sms', until?: Date): Promise<void> {
    if (door === 'console' && !until) throw new Error('A console lock needs its end');
    await this.table.db.send(new UpdateItemCommand({
      TableName: this.table.name, Key: marshall(keys.official(officialId)),
      ...(door === 'sms'
        ? { UpdateExpression: 'SET locked = :t', ExpressionAttributeValues: marshall({ ':t': true }) }
        // The count starts again for after the pause; the locks in a row make the next pause longer.
        : { UpdateExpression: 'SET consoleLockedUntil = :until, consoleFailedPins = :zero ADD consoleLocks :one', ExpressionAttributeValues: marshall({ ':until': until!.toISOString(), ':zero': 0, ':one': 1 }) }),
      ConditionExpression: 'attribute_exists(pk)',
    }));
  }

  async releasePinCheck(officialId: string, door: PinDoor = 'sms'): Promise<void> {
    try {
      await this.table.db.send(new UpdateItemCommand({
        TableName: this.table.name, Key: marshall(keys.official(officialId)),
        UpdateExpression: 'ADD #count :minus',
        ConditionExpression: '#count > :zero',
        ExpressionAttributeNames: { '#count': COUNT[door] },
        ExpressionAttributeValues: marshall({ ':minus': -1, ':zero': 0 }),
      }));
    } catch (error) {
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
    }
  }

  async clearPinFailures(officialId: string, door: PinDoor = 'sms'): Promise<void> {
    try {
      await this.table.db.send(new UpdateItemCommand({
        TableName: this.table.name, Key: marshall(keys.official(officialId)),
        UpdateExpression: door === 'sms' ? 'SET failedPins = :zero' : 'SET consoleFailedPins = :zero, consoleLocks = :zero',
        // A lock set meanwhile by parallel wrong guesses, or a disable from the CLI, stands.
        ConditionExpression: OPEN,
        ExpressionAttributeValues: marshall({ ':zero': 0, ':t': true, ':f': false }),
      }));
    } catch (error) {
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
    }
  }

  async unlockOfficial(officialId: string, write: { onceKey: string; events: OfficialEvent[]; messages: OutboundMessage[] }, now: Date = new Date()): Promise<boolean> {
    const items: LabelledWrite[] = [
      this.table.update('official', keys.official(officialId), {
        // Both doors open again; the console's locks in a row are kept, so its next pause stays long.
        expression: 'SET locked = :f, failedPins = :zero, consoleFailedPins = :zero REMOVE consoleLockedUntil',
        condition: 'attribute_exists(pk) AND (locked = :t OR consoleLockedUntil > :now)',
        values: { ':f': false, ':t': true, ':zero': 0, ':now': now.toISOString() },
      }),
      this.table.putNew('once', { ...keys.officialOnce(officialId, write.onceKey) }),
      ...this.trailPuts(officialId, write.events),
      ...(await this.messagePuts(write.messages)),
    ];
    try {
      await this.table.transact(items);
      return true;
    } catch (error) {
      // Unlocked meanwhile, or this SMS did it before.
      if (error instanceof TransactionCancelled && (error.failed('official') || error.failed('once'))) return false;
      throw error;
    }
  }

  async recordForOfficial(officialId: string, write: { onceKey?: string; events?: OfficialEvent[]; messages?: OutboundMessage[] }): Promise<boolean> {
    const items: LabelledWrite[] = [
      ...(write.onceKey ? [this.table.putNew('once', { ...keys.officialOnce(officialId, write.onceKey) })] : []),
      ...this.trailPuts(officialId, write.events ?? []),
      ...(await this.messagePuts(write.messages ?? [])),
    ];
    return this.table.transactOnce(items);
  }

  async officialTimeline(officialId: string): Promise<OfficialEvent[]> {
    const items = await this.table.queryPrefix(keys.officialTrailPartition(officialId), keys.eventPrefix);
    return items.map((item) => ({ at: String(item.at), actor: String(item.actor), type: item.type, detail: item.detail ?? {} }) as OfficialEvent);
  }

  async markUnread(officialIds: readonly string[], c: { id: string; reference: string }, at: string): Promise<void> {
    // One small item per official and case; a later message only moves its time forward (an older one is a refused condition, nothing written).
    await Promise.all([...new Set(officialIds)].map((officialId) => this.table.updateItem(keys.officialUnread(officialId, c.id), {
      UpdateExpression: 'SET #at = :at, #reference = :reference, caseId = :caseId',
      ConditionExpression: 'attribute_not_exists(#at) OR #at < :at',
      ExpressionAttributeNames: { '#at': 'at', '#reference': 'reference' },
      values: { ':at': at, ':reference': c.reference, ':caseId': c.id },
    })));
  }

  async unreadCases(officialId: string, limit: number): Promise<UnreadMark[]> {
    const page = await this.table.queryPage({
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :p)',
      values: { ':pk': keys.officialTrailPartition(officialId), ':p': keys.officialUnreadPrefix },
      Limit: limit,
    });
    return page.items.map((i) => ({ caseId: String(i.caseId), reference: String(i.reference), at: String(i.at) }))
      .sort((a, b) => (a.at < b.at ? 1 : a.at > b.at ? -1 : 0));
  }

  async markRead(officialId: string, caseId: string, upTo: string): Promise<void> {
    try {
      await this.table.db.send(new DeleteItemCommand({
        TableName: this.table.name, Key: marshall(keys.officialUnread(officialId, caseId)),
        ConditionExpression: 'attribute_exists(pk) AND #at <= :upTo', ExpressionAttributeNames: { '#at': 'at' },
        ExpressionAttributeValues: marshall({ ':upTo': upTo }),
      }));
    } catch (error) {
      // No mark (nothing new), or a message newer than the page: it stays unread.
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
    }
  }

  private trailPuts(officialId: string, events: OfficialEvent[]): LabelledWrite[] {
    return events.map((e, i) => this.table.putNew(`event:${i}`, { ...keys.officialEvent(officialId, e.at, randomBytes(4).toString('hex')), ...e }));
  }

  private async messagePuts(messages: OutboundMessage[]): Promise<LabelledWrite[]> {
    return Promise.all(messages.map(async (m, i) => this.table.putNew(`message:${i}`, await messagePut(this.cipher, m))));
  }
}
