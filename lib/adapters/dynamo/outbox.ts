import { ConditionalCheckFailedException, PutItemCommand, UpdateItemCommand } from '@aws-sdk/client-dynamodb';
import { marshall, unmarshall } from '@aws-sdk/util-dynamodb';
import type { Cipher } from '../../cipher.js';
import type { MessageStatus, OutboundMessage } from '../../domain/message.js';
import type { Outbox } from '../../use-cases/outbox-port.js';
import { indexKeys, keys } from './keys.js';
import { placeOf } from './table.js';
import type { DynamoTable, Item } from './table.js';
import { TABLE } from './table-definition.js';
import { caseSubject } from '../crypto/field-cipher.js';
import { ErasedDataError } from '../crypto/subject-keys.js';

// ---- codec ----------------------------------------------------------------------------------------

/** The message item: number and text sealed; pending messages sit in the due index for the sweeper. */
export async function messagePut(cipher: Cipher, m: OutboundMessage): Promise<Item> {
  const { to, text, ...rest } = m;
  const key = keys.message(m.id);
  // A message about a case is sealed under the case's key: erasing the case shreds its SMS too.
  const subject = m.caseId ? { subject: caseSubject(m.caseId) } : {};
  return {
    ...key, ...rest,
    toEnc: await cipher.encrypt(to, { ...key, field: 'to', ...subject }), textEnc: await cipher.encrypt(text, { ...key, field: 'text', ...subject }),
    ...(m.status === 'pending' ? indexKeys.pending(m.createdAt) : {}),
  };
}

export async function decodeMessage(cipher: Cipher, item: Item): Promise<OutboundMessage> {
  const m: OutboundMessage = {
    id: String(item.id), audience: item.audience as OutboundMessage['audience'],
    to: await cipher.decrypt(String(item.toEnc), placeOf(item, 'to')), text: await cipher.decrypt(String(item.textEnc), placeOf(item, 'text')),
    purpose: String(item.purpose), status: item.status as MessageStatus,
    attempts: Number(item.attempts ?? 0), createdAt: String(item.createdAt),
  };
  for (const key of ['caseId', 'officialId', 'providerMessageId', 'failureReason', 'deliveryDueAt'] as const) {
    if (item[key] !== undefined) m[key] = String(item[key]);
  }
  if (item.level !== undefined) m.level = Number(item.level) as OutboundMessage['level'];
  if (item.channel === 'sms' || item.channel === 'whatsapp') m.channel = item.channel;
  if (item.template !== undefined) m.template = String(item.template);
  if (item.asks === 'regency') m.asks = 'regency';
  return m;
}

// ---- the aggregate ------------------------------------------------------------------------------

/** Why a message of an erased case was taken out of the sending queues: its number and text are gone. */
export const ERASED_MESSAGE_REASON = 'erased';

/**
 * The outbox on DynamoDB. Messages are created by the case transactions (cases.ts uses messagePut);
 * here they are claimed, moved through their statuses conditionally, and linked to the gateway's id.
 *
 * A message of an erased case (its key destroyed) can no longer be read, so it cannot be sent either:
 * wherever it turns up (a claim, the sweeper's pending list, the delivery watch, a late delivery
 * report) it is retired from the due index and reads as absent. One unreadable message must not make
 * the whole sweep throw, run after run, and hold back every message queued behind it.
 */
export class DynamoOutbox implements Outbox {
  constructor(private readonly table: DynamoTable, private readonly cipher: Cipher) {}

  async getMessage(id: string): Promise<OutboundMessage | undefined> {
    const item = await this.table.get(keys.message(id), true);
    return item ? this.decodeUnlessErased(item) : undefined;
  }

  /** The message, or undefined when its case was erased (then it is retired, once, from the queues). */
  private async decodeUnlessErased(item: Item): Promise<OutboundMessage | undefined> {
    try {
      return await decodeMessage(this.cipher, item);
    } catch (error) {
      if (!(error instanceof ErasedDataError)) throw error;
      const status = item.status as MessageStatus;
      if (item.failureReason !== ERASED_MESSAGE_REASON) {
        // A message still waiting to go is given up; a sent one only leaves the delivery watch.
        const final = status === 'pending' || status === 'sending' ? 'failed' : status;
        await this.updateMessage(String(item.id), [status], { status: final, failureReason: ERASED_MESSAGE_REASON });
      }
      return undefined;
    }
  }

  private async decodeReadable(items: Item[]): Promise<OutboundMessage[]> {
    const messages = await Promise.all(items.map((i) => this.decodeUnlessErased(i)));
    return messages.filter((m): m is OutboundMessage => m !== undefined);
  }

  async updateMessage(id: string, from: MessageStatus[], patch: Partial<Pick<OutboundMessage, 'status' | 'attempts' | 'providerMessageId' | 'failureReason' | 'channel' | 'template' | 'deliveryDueAt'>>): Promise<boolean> {
    const names: Record<string, string> = { '#status': 'status' };
    const values: Record<string, unknown> = {};
    const sets: string[] = [];
    const removes: string[] = [];
    for (const [key, value] of Object.entries(patch)) {
      if (value === undefined) continue;
      names[`#${key}`] = key;
      values[`:${key}`] = value;
      sets.push(`#${key} = :${key}`);
    }
    if (patch.deliveryDueAt) {
      // Sent, and watched until Meta reports it delivered: the index entry moves from "pending" to "delivery due".
      const due = indexKeys.deliveryDue(patch.deliveryDueAt);
      names['#g2pk'] = TABLE.dueIndex.partitionKey;
      names['#g2sk'] = TABLE.dueIndex.sortKey;
      values[':g2pk'] = due[TABLE.dueIndex.partitionKey];
      values[':g2sk'] = due[TABLE.dueIndex.sortKey];
      sets.push('#g2pk = :g2pk', '#g2sk = :g2sk');
    } else if (patch.status && patch.status !== 'pending' && patch.status !== 'sending') {
      names['#g2pk'] = TABLE.dueIndex.partitionKey;
      names['#g2sk'] = TABLE.dueIndex.sortKey;
      removes.push('#g2pk', '#g2sk');
    }
    from.forEach((s, i) => { values[`:from${i}`] = s; });
    try {
      await this.table.db.send(new UpdateItemCommand({
        TableName: this.table.name,
        Key: marshall(keys.message(id)),
        UpdateExpression: `SET ${sets.join(', ')}${removes.length ? ` REMOVE ${removes.join(', ')}` : ''}`,
        ConditionExpression: `#status IN (${from.map((_, i) => `:from${i}`).join(', ')})`,
        ExpressionAttributeNames: names,
        ExpressionAttributeValues: marshall(values),
      }));
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return false;
      throw error;
    }
    if (patch.providerMessageId) {
      await this.table.db.send(new PutItemCommand({
        TableName: this.table.name,
        Item: marshall({ ...keys.providerMessage(patch.providerMessageId), messageId: id }),
      }));
    }
    return true;
  }

  async claimMessage(id: string, now: Date, staleBefore: Date): Promise<OutboundMessage | undefined> {
    try {
      const out = await this.table.db.send(new UpdateItemCommand({
        TableName: this.table.name,
        Key: marshall(keys.message(id)),
        UpdateExpression: 'SET #status = :sending, claimedAt = :now, attempts = if_not_exists(attempts, :zero) + :one',
        ConditionExpression: '#status = :pending OR (#status = :sending AND claimedAt < :stale)',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: marshall({
          ':sending': 'sending', ':pending': 'pending', ':now': now.toISOString(), ':stale': staleBefore.toISOString(), ':zero': 0, ':one': 1,
        }),
        ReturnValues: 'ALL_NEW',
      }));
      return await this.decodeUnlessErased(unmarshall(out.Attributes ?? {}));
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return undefined;
      throw error;
    }
  }

  async getMessageByProviderId(providerMessageId: string): Promise<OutboundMessage | undefined> {
    const link = await this.table.get(keys.providerMessage(providerMessageId), true);
    return link ? this.getMessage(String(link.messageId)) : undefined;
  }

  async pendingMessagesOlderThan(before: Date, limit = 50): Promise<OutboundMessage[]> {
    const items = await this.table.dueUpTo(indexKeys.pendingPartition, before.toISOString(), { inclusive: false, limit });
    return this.decodeReadable(items);
  }

  async undeliveredDueBy(until: Date, limit = 50): Promise<OutboundMessage[]> {
    const items = await this.table.dueUpTo(indexKeys.deliveryDuePartition, until.toISOString(), { inclusive: true, limit });
    return this.decodeReadable(items);
  }
}
