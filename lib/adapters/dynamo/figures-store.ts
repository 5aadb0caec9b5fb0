import { BatchWriteItemCommand, ConditionalCheckFailedException, UpdateItemCommand, type WriteRequest } from '@aws-sdk/client-dynamodb';
import { marshall } from '@aws-sdk/util-dynamodb';
import { cellFromId, delta, type CaseFacts, type Cell, type Contribution, type Counts, type FigureRegency } from '../../figures/contribution.js';
import type { FiguresPort, CellCounts } from '../../figures/port.js';
import { indexKeys, keys, type ItemKey } from './keys.js';
import { type DynamoTable, type Item, TransactionCancelled } from './table.js';
import { TABLE } from './table-definition.js';

const MAX_ATTEMPTS = 6;

// ---- codec ---------------------------------------------------------------------------------------

/** The figure facts of a case item (table item, stream image or index projection); no personal field is read. */
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

export function cellKey(id: string): ItemKey {
  const cell = cellFromId(id);
  switch (cell.kind) {
    case 'open': return keys.figuresOpenCell(cell.day, cell.regency);
    case 'month': return keys.figuresMonthCell(cell.month, cell.regency, cell.category, cell.channel, cell.level);
    case 'summary': return keys.figuresSummaryCell(cell.month, cell.regency, cell.category);
    case 'channel': return keys.figuresChannelCell(cell.month, cell.regency, cell.channel);
    case 'regency': return keys.figuresRollUpCell(cell.month, cell.regency);
  }
}

function decodeCell(item: Item): CellCounts {
  const { pk, sk, ...counts } = item;
  const p = String(pk);
  const parts = String(sk).split('#');
  let cell: Cell;
  if (p === keys.figuresOpenPartition) cell = { kind: 'open', day: parts[0]!, regency: parts[1] as FigureRegency };
  else if (p === keys.figuresRollUpPartition) cell = { kind: 'regency', month: parts[0]!, regency: parts[1] as FigureRegency };
  else if (p.startsWith('FIGS#')) {
    const month = p.slice('FIGS#'.length);
    cell = parts[0] === 'C'
      ? { kind: 'channel', month, regency: parts[1] as FigureRegency, channel: parts[2] as 'sms' }
      : { kind: 'summary', month, regency: parts[1] as FigureRegency, category: parts[2] as 'other' };
  } else cell = cellFromId(`M|${p.slice('FIG#'.length)}|${parts[0]}|${parts[1]}|${parts[2]}|${parts[3]!.slice(1)}`);
  return { cell, counts: counts as Counts };
}

// ---- the aggregate --------------------------------------------------------------------------------

/**
 * The figures aggregate on the one table: counters per cell (month x regency x category x channel x
 * level, and open cases per filing day), and per case the contribution last applied with the case
 * version it came from. Applying a case change is one transaction: the contribution record moves
 * from the stored version to the new one (conditional), and the counters move by the difference.
 * A redelivered or older stream record finds a version at least as new and changes nothing.
 */
export class DynamoFiguresStore implements FiguresPort {
  constructor(private readonly table: DynamoTable) {}

  async applyCase(facts: CaseFacts, next: Contribution): Promise<'applied' | 'stale'> {
    const key = keys.caseContribution(facts.id);
    for (let attempt = 1; ; attempt++) {
      const stored = await this.table.get(key, true);
      if (stored && Number(stored.version) >= facts.version) return 'stale';
      const change = delta((stored?.contribution as Contribution | undefined) ?? {}, next);
      const guard = stored
        ? { condition: '#v = :prev', values: { ':prev': Number(stored.version) } }
        : { condition: 'attribute_not_exists(pk)', values: {} };
      try {
        if (Object.keys(change).length === 0) {
          // Nothing to count (a reminder, a note): only the version moves, in one request.
          await this.table.db.send(new UpdateItemCommand({
            TableName: this.table.name, Key: marshall(key),
            UpdateExpression: 'SET #v = :v, contribution = if_not_exists(contribution, :none)',
            ConditionExpression: guard.condition, ExpressionAttributeNames: { '#v': 'version' },
            ExpressionAttributeValues: marshall({ ':v': facts.version, ':none': {}, ...guard.values }),
          }));
          return 'applied';
        }
        await this.table.transact([
          this.table.put('contribution', { ...key, version: facts.version, contribution: next }, {
            expression: guard.condition, ...(stored ? { names: { '#v': 'version' }, values: guard.values } : {}),
          }),
          ...Object.entries(change).map(([id, counts]) => this.addTo(id, counts)),
        ]);
        return 'applied';
      } catch (error) {
        // Another delivery of a record of this case got there first: read again and decide again.
        const lost = error instanceof ConditionalCheckFailedException
          || (error instanceof TransactionCancelled && (error.failed('contribution') || error.conflicted));
        if (!lost || attempt >= MAX_ATTEMPTS) throw error;
      }
    }
  }

  async monthCells(month: string): Promise<CellCounts[]> {
    return (await this.table.queryAll({
      KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: marshall({ ':pk': keys.figuresMonthPartition(month) }),
    })).map(decodeCell);
  }

  /** The month x regency roll-ups of the months `from` to `to` (YYYY-MM, inclusive): one Query (at most 12 items a month). */
  async rollUps(from: string, to: string): Promise<CellCounts[]> {
    return (await this.table.queryAll({
      KeyConditionExpression: 'pk = :pk AND sk BETWEEN :from AND :to',
      ExpressionAttributeValues: marshall({ ':pk': keys.figuresRollUpPartition, ':from': `${from}#`, ':to': `${to}#~` }),
    })).map(decodeCell);
  }

  async openCells(): Promise<CellCounts[]> {
    return (await this.table.queryAll({
      KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: marshall({ ':pk': keys.figuresOpenPartition }),
    })).map(decodeCell);
  }

  /** The cases filed in one month (WITA), from the cases-by-month index: facts only, no personal field is projected. */
  async casesOfMonth(month: string): Promise<CaseFacts[]> {
    return (await this.table.queryAll({
      IndexName: TABLE.byMonthIndex.name,
      KeyConditionExpression: '#pk = :pk',
      ExpressionAttributeNames: { '#pk': TABLE.byMonthIndex.partitionKey },
      ExpressionAttributeValues: marshall({ ':pk': indexKeys.caseMonthPartition(month) }),
    })).map(caseFactsFromItem);
  }

  /** Replaces the counters of the months' partitions outright (rebuild): cells not listed are deleted. */
  async replaceFigures(months: string[], cells: Contribution, contributions: Array<{ facts: CaseFacts; contribution: Contribution }>): Promise<void> {
    // Open-by-day cells are rebuilt for the whole range: the FIGOPEN partition is replaced too. The
    // months' roll-ups as written before the month x regency ones (FIGS#) are deleted, none are put back.
    const partitions = [...months.map(keys.figuresMonthPartition), ...months.map(keys.figuresSummaryPartition), keys.figuresOpenPartition];
    const sorted = [...months].sort();
    const existing = (await Promise.all([
      ...partitions.map((pk) => this.table.queryAll({
        KeyConditionExpression: 'pk = :pk', ProjectionExpression: 'pk, sk', ExpressionAttributeValues: marshall({ ':pk': pk }),
      })),
      ...(sorted.length ? [this.table.queryAll({
        KeyConditionExpression: 'pk = :pk AND sk BETWEEN :from AND :to', ProjectionExpression: 'pk, sk',
        ExpressionAttributeValues: marshall({ ':pk': keys.figuresRollUpPartition, ':from': `${sorted[0]}#`, ':to': `${sorted[sorted.length - 1]}#~` }),
      })] : []),
    ])).flat().filter((e) => e.pk !== keys.figuresRollUpPartition || months.includes(String(e.sk).slice(0, 7)));
    const puts = Object.entries(cells).map(([id, counts]) => ({ ...cellKey(id), ...counts }));
    const keep = new Set(puts.map((p) => `${p.pk}|${p.sk}`));
    const writes: WriteRequest[] = [
      ...existing.filter((e) => !keep.has(`${e.pk}|${e.sk}`)).map((e) => ({ DeleteRequest: { Key: marshall({ pk: e.pk, sk: e.sk }) } })),
      ...puts.map((p) => ({ PutRequest: { Item: marshall(p) } })),
      ...contributions.map(({ facts, contribution }) => ({
        PutRequest: { Item: marshall({ ...keys.caseContribution(facts.id), version: facts.version, contribution }) },
      })),
    ];
    for (let i = 0; i < writes.length; i += 25) {
      let pending: WriteRequest[] = writes.slice(i, i + 25);
      for (let tries = 0; pending.length && tries < 8; tries++) {
        if (tries) await new Promise((r) => setTimeout(r, 50 * 2 ** tries));
        const out = await this.table.db.send(new BatchWriteItemCommand({ RequestItems: { [this.table.name]: pending } }));
        pending = out.UnprocessedItems?.[this.table.name] ?? [];
      }
      if (pending.length) throw new Error('Rebuild could not write every item');
    }
  }

  private addTo(id: string, counts: Counts) {
    const names: Record<string, string> = {};
    const values: Record<string, number> = {};
    const adds = Object.entries(counts).map(([k, v], i) => {
      names[`#c${i}`] = k;
      values[`:c${i}`] = v;
      return `#c${i} :c${i}`;
    });
    return this.table.update(`cell ${id}`, cellKey(id), { expression: `ADD ${adds.join(', ')}`, names, values });
  }
}
