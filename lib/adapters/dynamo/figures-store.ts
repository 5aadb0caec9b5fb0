import {
  type AttributeValue, ConditionalCheckFailedException, type DynamoDBClient, BatchWriteItemCommand, GetItemCommand,
  QueryCommand, TransactionCanceledException, TransactWriteItemsCommand, type TransactWriteItem, UpdateItemCommand,
} from '@aws-sdk/client-dynamodb';
import { marshall, unmarshall } from '@aws-sdk/util-dynamodb';
import { delta, type CaseFacts, type Cell, type Contribution, type Counts } from '../../figures/contribution.js';
import type { FiguresPort, CellCounts } from '../../figures/port.js';
import { cellFromKey, cellKey, figuresKeys } from './figures-keys.js';
import { TABLE } from './table-definition.js';

type Item = Record<string, unknown>;
const MAX_ATTEMPTS = 6;

/** Codec: the figure facts of a case item (table item, stream image or index projection); no personal field is read. */
export function caseFactsFromItem(item: Item): CaseFacts {
  const f: CaseFacts = {
    id: String(item.id), reference: String(item.reference), category: item.category as CaseFacts['category'],
    urgency: item.urgency as CaseFacts['urgency'], homeRegency: item.homeRegency as CaseFacts['homeRegency'],
    channel: item.channel as CaseFacts['channel'], status: item.status as CaseFacts['status'],
    level: Number(item.level) as CaseFacts['level'], createdAt: String(item.createdAt), version: Number(item.version),
  };
  for (const key of ['acknowledgedAt', 'resolvedAt', 'confirmedAt', 'mergedInto'] as const) if (item[key] !== undefined) f[key] = String(item[key]);
  if (item.escalations !== undefined) f.escalations = Number(item.escalations);
  if (item.reopenings !== undefined) f.reopenings = Number(item.reopenings);
  return f;
}

/**
 * The figures aggregate on the one table: counters per cell (month x regency x category x channel x
 * level, and open cases per filing day), and per case the contribution last applied with the case
 * version it came from. Applying a case change is one transaction: the contribution record moves
 * from the stored version to the new one (conditional), and the counters move by the difference.
 * A redelivered or older stream record finds a version at least as new and changes nothing.
 */
export class DynamoFiguresStore implements FiguresPort {
  constructor(private readonly db: DynamoDBClient, private readonly tableName: string) {}

  async applyCase(facts: CaseFacts, next: Contribution): Promise<'applied' | 'stale'> {
    const key = figuresKeys.caseContribution(facts.id);
    for (let attempt = 1; ; attempt++) {
      const out = await this.db.send(new GetItemCommand({ TableName: this.tableName, Key: marshall(key), ConsistentRead: true }));
      const stored = out.Item ? unmarshall(out.Item) : undefined;
      if (stored && Number(stored.version) >= facts.version) return 'stale';
      const before = (stored?.contribution as Contribution | undefined) ?? {};
      const change = delta(before, next);
      const guard = stored
        ? { ConditionExpression: '#v = :prev', ExpressionAttributeNames: { '#v': 'version' }, ExpressionAttributeValues: marshall({ ':prev': Number(stored.version) }) }
        : { ConditionExpression: 'attribute_not_exists(pk)' };
      try {
        if (Object.keys(change).length === 0) {
          // Nothing to count (a reminder, a note): only the version moves, in one request.
          await this.db.send(new UpdateItemCommand({
            TableName: this.tableName, Key: marshall(key),
            UpdateExpression: 'SET #v = :v, contribution = if_not_exists(contribution, :none)',
            ExpressionAttributeNames: { '#v': 'version' },
            ConditionExpression: stored ? '#v = :prev' : 'attribute_not_exists(pk)',
            ExpressionAttributeValues: marshall({ ':v': facts.version, ':none': {}, ...(stored ? { ':prev': Number(stored.version) } : {}) }),
          }));
          return 'applied';
        }
        const items: TransactWriteItem[] = [
          { Put: { TableName: this.tableName, Item: marshall({ ...key, version: facts.version, contribution: next }), ...guard } },
          ...Object.entries(change).map(([id, counts]) => this.addTo(id, counts)),
        ];
        await this.db.send(new TransactWriteItemsCommand({ TransactItems: items }));
        return 'applied';
      } catch (error) {
        const lost = error instanceof ConditionalCheckFailedException
          || (error instanceof TransactionCanceledException && error.CancellationReasons?.some((r) => r.Code === 'ConditionalCheckFailed' || r.Code === 'TransactionConflict'));
        // Another delivery of a record of this case won the race: read again and decide again.
        if (!lost || attempt >= MAX_ATTEMPTS) throw error;
      }
    }
  }

  async monthCells(month: string): Promise<CellCounts[]> {
    return (await this.queryAll({
      KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: marshall({ ':pk': figuresKeys.monthCells(month) }),
    })).map(decodeCell);
  }

  async openCells(): Promise<CellCounts[]> {
    return (await this.queryAll({
      KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: marshall({ ':pk': figuresKeys.openCells }),
    })).map(decodeCell);
  }

  /** The cases filed in one month (WITA), from the cases-by-month index: facts only, no personal field is projected. */
  async casesOfMonth(month: string): Promise<CaseFacts[]> {
    return (await this.queryAll({
      IndexName: TABLE.byMonthIndex.name,
      KeyConditionExpression: '#pk = :pk',
      ExpressionAttributeNames: { '#pk': TABLE.byMonthIndex.partitionKey },
      ExpressionAttributeValues: marshall({ ':pk': figuresKeys.casesOfMonth(month) }),
    })).map(caseFactsFromItem);
  }

  async contributionOf(caseId: string): Promise<{ version: number; contribution: Contribution } | undefined> {
    const out = await this.db.send(new GetItemCommand({ TableName: this.tableName, Key: marshall(figuresKeys.caseContribution(caseId)), ConsistentRead: true }));
    if (!out.Item) return undefined;
    const item = unmarshall(out.Item);
    return { version: Number(item.version), contribution: (item.contribution as Contribution) ?? {} };
  }

  /** Replaces the counters of the given cells outright (rebuild): cells not listed are deleted. */
  async replaceCells(partitions: string[], cells: Contribution, contributions: Array<{ facts: CaseFacts; contribution: Contribution }>): Promise<void> {
    const existing = (await Promise.all(partitions.map((pk) => this.queryAll({
      KeyConditionExpression: 'pk = :pk', ProjectionExpression: 'pk, sk', ExpressionAttributeValues: marshall({ ':pk': pk }),
    })))).flat();
    const puts = Object.entries(cells).map(([id, counts]) => ({ ...cellKey(id), ...counts }));
    const keep = new Set(puts.map((p) => `${p.pk}|${p.sk}`));
    const deletes = existing.filter((e) => !keep.has(`${e.pk}|${e.sk}`)).map((e) => ({ DeleteRequest: { Key: marshall({ pk: e.pk, sk: e.sk }) } }));
    const writes = [
      ...deletes,
      ...puts.map((p) => ({ PutRequest: { Item: marshall(p) } })),
      ...contributions.map(({ facts, contribution }) => ({
        PutRequest: { Item: marshall({ ...figuresKeys.caseContribution(facts.id), version: facts.version, contribution }) },
      })),
    ];
    for (let i = 0; i < writes.length; i += 25) {
      let request: Record<string, typeof writes> | undefined = { [this.tableName]: writes.slice(i, i + 25) };
      for (let tries = 0; request && Object.keys(request).length && tries < 8; tries++) {
        const out = await this.db.send(new BatchWriteItemCommand({ RequestItems: request as never }));
        request = out.UnprocessedItems as typeof request;
        if (request && Object.keys(request).length) await new Promise((r) => setTimeout(r, 50 * 2 ** tries));
      }
    }
  }

  private addTo(id: string, counts: Counts): TransactWriteItem {
    const names: Record<string, string> = {};
    const values: Record<string, number> = {};
    const adds = Object.entries(counts).map(([k, v], i) => {
      names[`#c${i}`] = k;
      values[`:c${i}`] = v;
      return `#c${i} :c${i}`;
    });
    return {
      Update: {
        TableName: this.tableName, Key: marshall(cellKey(id)),
        UpdateExpression: `ADD ${adds.join(', ')}`,
        ExpressionAttributeNames: names, ExpressionAttributeValues: marshall(values),
      },
    };
  }

  private async queryAll(input: Omit<ConstructorParameters<typeof QueryCommand>[0], 'TableName'>): Promise<Item[]> {
    const items: Item[] = [];
    let start: Record<string, AttributeValue> | undefined;
    do {
      const out = await this.db.send(new QueryCommand({ TableName: this.tableName, ...input, ExclusiveStartKey: start }));
      items.push(...(out.Items ?? []).map((i) => unmarshall(i)));
      start = out.LastEvaluatedKey;
    } while (start);
    return items;
  }
}

function decodeCell(item: Item): CellCounts {
  const { pk, sk, ...counts } = item;
  return { cell: cellFromKey(String(pk), String(sk)) as Cell, counts: counts as Counts };
}
