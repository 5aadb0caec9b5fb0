import {
  type AttributeValue,
  ConditionalCheckFailedException,
  DeleteItemCommand,
  type DynamoDBClient,
  GetItemCommand,
  PutItemCommand,
  QueryCommand,
  type QueryCommandInput,
  UpdateItemCommand,
  type UpdateItemCommandInput,
  TransactionCanceledException,
  TransactWriteItemsCommand,
  type TransactWriteItem,
} from '@aws-sdk/client-dynamodb';
import { marshall, unmarshall } from '@aws-sdk/util-dynamodb';
import { TABLE } from './table-definition.js';
import type { ItemKey } from './keys.js';
import type { SealedPlace } from '../../cipher.js';

export type Item = Record<string, unknown>;

export const epochSeconds = (d: Date) => Math.floor(d.getTime() / 1000);

/** The place a stored field was read from: its item's own key (stream images carry it too). */
export function placeOf(item: Item, field: string): SealedPlace {
  return { pk: String(item.pk), sk: String(item.sk), field };
}

const CONFLICT_ATTEMPTS = 10;

/** Exponential with jitter, capped: about 3 s over all attempts, well inside a callback's time. */
export const conflictPause = (attempt: number) =>
  new Promise((r) => setTimeout(r, Math.min(400, 20 * 2 ** attempt) * (0.5 + Math.random())));

/**
 * A write that met another transaction on the same item (TransactionConflict: the other one was in
 * flight) is tried again after a short pause; hot items such as a reporter's meet this under bursts.
 */
export async function retryTransactionConflicts<T>(write: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await write();
    } catch (error) {
      const conflict = (error as { name?: string }).name === 'TransactionConflictException'
        || (error instanceof TransactionCancelled && error.conflicted && !Object.values(error.reasons).includes('ConditionalCheckFailed'));
      if (!conflict || attempt >= CONFLICT_ATTEMPTS) throw error;
      await conflictPause(attempt);
    }
  }
}

/** One item of a transaction, with the name its cancellation reason is read by. */
export interface LabelledWrite {
  label: string;
  write: TransactWriteItem;
}

/**
 * A cancelled transaction, its reasons by label (`ConditionalCheckFailed`, `TransactionConflict`...;
 * items that were fine are absent), so callers ask "did the intake key fail?" instead of counting
 * positions in the item list.
 */
export class TransactionCancelled extends Error {
  override readonly name = 'TransactionCancelled';
  constructor(readonly reasons: Readonly<Record<string, string>>, options: { cause: unknown }) {
    super(`Transaction cancelled: ${Object.entries(reasons).map(([l, r]) => `${l}=${r}`).join(', ')}`, options);
  }

  failed(label: string, code = 'ConditionalCheckFailed'): boolean {
    return this.reasons[label] === code;
  }

  /** Any item whose label starts with `prefix` failed with `code`. */
  anyFailed(prefix: string, code = 'ConditionalCheckFailed'): boolean {
    return Object.entries(this.reasons).some(([label, reason]) => label.startsWith(prefix) && reason === code);
  }

  get conflicted(): boolean {
    return Object.values(this.reasons).includes('TransactionConflict');
  }
}

/**
 * The table as the aggregate modules use it: marshalled gets and queries, conditional puts, and
 * transactions whose items carry labels. Field encryption happens in the codecs, before this.
 */
export class DynamoTable {
  constructor(readonly db: DynamoDBClient, readonly name: string) {}

  async get(key: ItemKey, consistent = false): Promise<Item | undefined> {
    const out = await this.db.send(new GetItemCommand({ TableName: this.name, Key: marshall(key), ConsistentRead: consistent }));
    return out.Item ? unmarshall(out.Item) : undefined;
  }

  async queryAll(input: Omit<ConstructorParameters<typeof QueryCommand>[0], 'TableName'>): Promise<Item[]> {
    const items: Item[] = [];
    let start: Record<string, AttributeValue> | undefined;
    do {
      const out = await this.db.send(new QueryCommand({ TableName: this.name, ...input, ExclusiveStartKey: start }));
      items.push(...(out.Items ?? []).map((i) => unmarshall(i)));
      start = out.LastEvaluatedKey;
    } while (start);
    return items;
  }

  async query(input: Omit<ConstructorParameters<typeof QueryCommand>[0], 'TableName'>): Promise<Item[]> {
    const out = await this.db.send(new QueryCommand({ TableName: this.name, ...input }));
    return (out.Items ?? []).map((i) => unmarshall(i));
  }

  /** A put that fails when the item exists: what makes references, intake keys and once-keys unique. */
  putNew(label: string, item: Item): LabelledWrite {
    return {
      label,
      write: { Put: { TableName: this.name, Item: marshall(item, { removeUndefinedValues: true }), ConditionExpression: 'attribute_not_exists(pk)' } },
    };
  }

  put(label: string, item: Item, condition?: { expression: string; names?: Record<string, string>; values?: Item }): LabelledWrite {
    return {
      label,
      write: {
        Put: {
          TableName: this.name, Item: marshall(item, { removeUndefinedValues: true }),
          ...(condition ? {
            ConditionExpression: condition.expression,
            ...(condition.names ? { ExpressionAttributeNames: condition.names } : {}),
            ...(condition.values ? { ExpressionAttributeValues: marshall(condition.values, { removeUndefinedValues: true }) } : {}),
          } : {}),
        },
      },
    };
  }

  update(label: string, key: ItemKey, update: { expression: string; condition?: string; names?: Record<string, string>; values?: Item }): LabelledWrite {
    return {
      label,
      write: {
        Update: {
          TableName: this.name, Key: marshall(key), UpdateExpression: update.expression,
          ...(update.condition ? { ConditionExpression: update.condition } : {}),
          ...(update.names ? { ExpressionAttributeNames: update.names } : {}),
          ...(update.values ? { ExpressionAttributeValues: marshall(update.values, { removeUndefinedValues: true }) } : {}),
        },
      },
    };
  }

  /** A condition on an item the transaction does not write (another case still at the version read). */
  check(label: string, key: ItemKey, condition: { expression: string; names?: Record<string, string>; values?: Item }): LabelledWrite {
    return {
      label,
      write: {
        ConditionCheck: {
          TableName: this.name, Key: marshall(key), ConditionExpression: condition.expression,
          ...(condition.names ? { ExpressionAttributeNames: condition.names } : {}),
          ...(condition.values ? { ExpressionAttributeValues: marshall(condition.values, { removeUndefinedValues: true }) } : {}),
        },
      },
    };
  }

  /** Writes all or nothing; a cancellation is thrown as TransactionCancelled with reasons by label. */
  async transact(items: LabelledWrite[]): Promise<void> {
    const labels = items.map((i) => i.label);
    if (new Set(labels).size !== labels.length) throw new Error(`Duplicate transaction labels: ${labels.join(', ')}`);
    try {
      await this.db.send(new TransactWriteItemsCommand({ TransactItems: items.map((i) => i.write) }));
    } catch (error) {
      if (!(error instanceof TransactionCanceledException)) throw error;
      const reasons: Record<string, string> = {};
      (error.CancellationReasons ?? []).forEach((r, i) => {
        if (r.Code && r.Code !== 'None') reasons[labels[i] ?? `#${i}`] = r.Code;
      });
      throw new TransactionCancelled(reasons, { cause: error });
    }
  }

  /**
   * Writes a recorded effect (a `once` item, events, deterministic outbox messages) all or nothing.
   * False when its once-key or one of its message ids was already written: the effect happened before.
   */
  async transactOnce(items: LabelledWrite[]): Promise<boolean> {
    if (items.length === 0) return true;
    try {
      await this.transact(items);
      return true;
    } catch (error) {
      if (error instanceof TransactionCancelled && (error.failed('once') || error.anyFailed('message:'))) return false;
      throw error;
    }
  }

  /** Every item of one partition whose sort key starts with `prefix`, read consistently, in order. */
  async queryPrefix(pk: string, prefix: string): Promise<Item[]> {
    return this.queryAll({
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
      ExpressionAttributeValues: marshall({ ':pk': pk, ':prefix': prefix }),
      ConsistentRead: true,
    });
  }

  /**
   * One partition of the due index (cases to check, messages to re-send), up to a time: the one index
   * both the escalator's sweeps read.
   */
  async dueUpTo(partition: string, until: string, { inclusive, limit }: { inclusive: boolean; limit: number }): Promise<Item[]> {
    return this.query({
      IndexName: TABLE.dueIndex.name,
      KeyConditionExpression: `#pk = :p AND #sk ${inclusive ? '<=' : '<'} :until`,
      ExpressionAttributeNames: { '#pk': TABLE.dueIndex.partitionKey, '#sk': TABLE.dueIndex.sortKey },
      ExpressionAttributeValues: marshall({ ':p': partition, ':until': until }),
      Limit: limit,
    });
  }

  // ---- single-item writes and paged queries (the console's aggregates) -----------------------------

  /** With `onlyNew`, answers false instead of overwriting an existing item. */
  async putItem(item: Item, { onlyNew = false } = {}): Promise<boolean> {
    try {
      await this.db.send(new PutItemCommand({
        TableName: this.name, Item: marshall(item, { removeUndefinedValues: true }),
        ...(onlyNew ? { ConditionExpression: 'attribute_not_exists(pk)' } : {}),
      }));
      return true;
    } catch (error) {
      if (onlyNew && error instanceof ConditionalCheckFailedException) return false;
      throw error;
    }
  }

  /** Returns the item after the update (ALL_NEW unless told otherwise), or undefined when the condition failed. */
  async updateItem(key: ItemKey, input: Omit<UpdateItemCommandInput, 'TableName' | 'Key' | 'ExpressionAttributeValues'> & { values?: Item }): Promise<Item | undefined> {
    const { values, ...rest } = input;
    try {
      const out = await this.db.send(new UpdateItemCommand({
        TableName: this.name, Key: marshall(key), ReturnValues: 'ALL_NEW', ...rest,
        ...(values ? { ExpressionAttributeValues: marshall(values, { removeUndefinedValues: true }) } : {}),
      }));
      return unmarshall(out.Attributes ?? {});
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return undefined;
      throw error;
    }
  }

  async deleteItem(key: ItemKey): Promise<void> {
    await this.db.send(new DeleteItemCommand({ TableName: this.name, Key: marshall(key) }));
  }

  /** One page of a query, with where the next page starts and the count (for `Select: 'COUNT'`). */
  async queryPage(input: Omit<QueryCommandInput, 'TableName' | 'ExpressionAttributeValues' | 'ExclusiveStartKey'> & { values: Item; start?: Record<string, AttributeValue> }) {
    const { values, start, ...rest } = input;
    const out = await this.db.send(new QueryCommand({
      TableName: this.name, ...rest, ExpressionAttributeValues: marshall(values), ...(start ? { ExclusiveStartKey: start } : {}),
    }));
    return { items: (out.Items ?? []).map((i) => unmarshall(i)), last: out.LastEvaluatedKey, count: out.Count ?? 0 };
  }
}
