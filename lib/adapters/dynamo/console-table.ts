import {
  type AttributeValue, ConditionalCheckFailedException, DeleteItemCommand, type DynamoDBClient, GetItemCommand,
  PutItemCommand, QueryCommand, type QueryCommandInput, UpdateItemCommand, type UpdateItemCommandInput,
} from '@aws-sdk/client-dynamodb';
import { marshall, unmarshall } from '@aws-sdk/util-dynamodb';

export type Item = Record<string, unknown>;
export const epochSeconds = (d: Date) => Math.floor(d.getTime() / 1000);

/** The few table operations the console's aggregate modules share. */
export class ConsoleTable {
  constructor(readonly db: DynamoDBClient, readonly tableName: string) {}

  async get(key: { pk: string; sk: string }, consistent = true): Promise<Item | undefined> {
    const out = await this.db.send(new GetItemCommand({ TableName: this.tableName, Key: marshall(key), ConsistentRead: consistent }));
    return out.Item ? unmarshall(out.Item) : undefined;
  }

  /** With `onlyNew`, returns false instead of overwriting an existing item. */
  async put(item: Item, { onlyNew = false } = {}): Promise<boolean> {
    try {
      await this.db.send(new PutItemCommand({
        TableName: this.tableName, Item: marshall(item, { removeUndefinedValues: true }),
        ...(onlyNew ? { ConditionExpression: 'attribute_not_exists(pk)' } : {}),
      }));
      return true;
    } catch (error) {
      if (onlyNew && error instanceof ConditionalCheckFailedException) return false;
      throw error;
    }
  }

  /** Returns the new item, or undefined when the condition failed. */
  async update(key: { pk: string; sk: string }, input: Omit<UpdateItemCommandInput, 'TableName' | 'Key' | 'ExpressionAttributeValues'> & { values?: Item }): Promise<Item | undefined> {
    const { values, ...rest } = input;
    try {
      const out = await this.db.send(new UpdateItemCommand({
        TableName: this.tableName, Key: marshall(key), ReturnValues: 'ALL_NEW', ...rest,
        ...(values ? { ExpressionAttributeValues: marshall(values, { removeUndefinedValues: true }) } : {}),
      }));
      return unmarshall(out.Attributes ?? {});
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return undefined;
      throw error;
    }
  }

  async delete(key: { pk: string; sk: string }): Promise<void> {
    await this.db.send(new DeleteItemCommand({ TableName: this.tableName, Key: marshall(key) }));
  }

  async query(input: Omit<QueryCommandInput, 'TableName' | 'ExpressionAttributeValues' | 'ExclusiveStartKey'> & { values: Item; start?: Record<string, AttributeValue> }) {
    const { values, start, ...rest } = input;
    const out = await this.db.send(new QueryCommand({
      TableName: this.tableName, ...rest, ExpressionAttributeValues: marshall(values), ...(start ? { ExclusiveStartKey: start } : {}),
    }));
    return { items: (out.Items ?? []).map((i) => unmarshall(i)), last: out.LastEvaluatedKey, count: out.Count ?? 0 };
  }
}
