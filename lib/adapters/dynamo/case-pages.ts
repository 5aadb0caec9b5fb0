import { BatchGetItemCommand, type BatchGetItemCommandInput, type BatchGetItemCommandOutput, TransactWriteItemsCommand } from '@aws-sdk/client-dynamodb';
import { marshall, unmarshall } from '@aws-sdk/util-dynamodb';
import { randomBytes } from 'node:crypto';
import type { Case, CaseEvent } from '../../domain/case.js';
import type { Cipher } from '../../cipher.js';
import type { CaseFile, CaseReader, Note, QueueFilterExpr, QueueRow, QueueSlice } from '../../use-cases/console/case-pages-port.js';
import { decodeEvent } from './cases.js';
import { keys, queueKeys } from './keys.js';
import { DynamoTable, type Item, placeOf } from './table.js';

import { QUEUE_INDEX_ATTRIBUTES, TABLE } from './table-definition.js';

const INDEX = { area: TABLE.areaIndex, all: TABLE.allIndex, assignee: TABLE.assigneeIndex } as const;

/** One partition of a queue index and an optional sort-key range. */
export interface QueuePartition {
  index: keyof typeof INDEX;
  key: string;
  /** Inclusive upper bound on the sort key (overdue). */
  before?: string;
  /** Sort-key prefix (overdue per urgency). */
  prefix?: string;
}

/**
 * Where a slice of the queue is kept: the assignee index for an official's own cases, the area index
 * for a regency, the all index for every regency, each partitioned by status; an overdue slice is
 * the range of one urgency (its sort-key prefix) up to the time its level got the case.
 */
export function partitionOf(slice: QueueSlice): QueuePartition {
  const { status, of, overdue } = slice;
  const where: QueuePartition = of === 'everywhere' ? { index: 'all', key: queueKeys.all(status) }
    : of === 'data_requests' ? { index: 'all', key: queueKeys.requests(status) }
    : 'holder' in of ? { index: 'assignee', key: queueKeys.assignee(of.holder, status) }
    : { index: 'area', key: queueKeys.area(of.regency, status) };
  if (!overdue) return where;
  const prefix = queueKeys.sortPrefix(overdue.urgency);
  return { ...where, prefix, before: `${prefix}${overdue.levelSinceBefore}` };
}
/**
 * Index entries read per partition for a filtered page: one Query per partition whatever the table
 * holds. A filter may leave fewer rows than a page; the cursor then continues after what was read.
 */
const FILTERED_READ = 200;

/**
 * What the console reads: a case page (the case, its timeline and its notes in one Query) and the
 * queue (Queries on the queue indexes, never a Scan). Queue rows carry no personal field: the list
 * shows category, urgency, country and regency only, so listing is not a view of personal data.
 */
export class DynamoCaseReader implements CaseReader {
  constructor(private readonly table: DynamoTable, private readonly cipher: Cipher, private readonly cases: { decodeCase(item: Item): Promise<Case> }) {}

  async caseFile(reference: string): Promise<CaseFile | undefined> {
    const ref = await this.table.get(keys.reference(reference));
    if (!ref) return undefined;
    const items: Item[] = [];
    let start;
    do {
      const page = await this.table.queryPage({
        KeyConditionExpression: 'pk = :pk AND sk BETWEEN :from AND :to',
        values: { ':pk': keys.casePartition(String(ref.caseId)), ':from': keys.casePageRange.from, ':to': keys.casePageRange.to },
        ConsistentRead: true, ...(start ? { start } : {}),
      });
      items.push(...page.items);
      start = page.last;
    } while (start);
    const caseItem = items.find((i) => i.sk === 'CASE');
    if (!caseItem) return undefined;
    const events: CaseEvent[] = items.filter((i) => String(i.sk).startsWith(keys.eventPrefix)).map(decodeEvent);
    const notes = await Promise.all(items.filter((i) => String(i.sk).startsWith(keys.notePrefix)).map(async (i): Promise<Note> => ({
      at: String(i.at), officialId: String(i.officialId), ...(i.kind === 'question' ? { kind: 'question' as const } : {}), text: await this.cipher.decrypt(String(i.textEnc), placeOf(i, 'text')),
    })));
    return { case: await this.cases.decodeCase(caseItem), events, notes };
  }

  async queueRows(
    slice: QueueSlice, filter: QueueFilterExpr, limit: number, after?: string, countUpTo?: number,
  ): Promise<{ rows: QueueRow[]; more: boolean; lastRead?: string; count?: { count: number; more: boolean } }> {
    const partition = partitionOf(slice);
    const query = this.partitionQuery(partition, filter, after);
    // A cursor past the partition's range (another urgency's key, a time beyond the overdue bound)
    // has nothing after it; DynamoDB would refuse the inverted BETWEEN as a fault of ours.
    const { ':lo': lo, ':hi': hi } = query.values as { ':lo'?: string; ':hi'?: string };
    if (lo !== undefined && hi !== undefined && lo > hi) return { rows: [], more: false };
    // Counting too: the read `count` makes (same key range and filter, same Limit), whose items give the page as well.
    const counting = countUpTo !== undefined && after === undefined;
    const page = await this.table.queryPage({ ...query, Limit: query.FilterExpression ? FILTERED_READ : counting ? Math.max(limit, countUpTo) : limit });
    // Each queue index projects its own sort key only: the row's cursor is read from the index queried.
    const rows = page.items.map((i) => rowFromItem(i, INDEX[partition.index].sortKey));
    // Where the read stopped, when every row it found is returned (none held back by `limit`).
    const lastRead = page.last && rows.length <= limit ? String(unmarshall(page.last)[INDEX[partition.index].sortKey]) : undefined;
    return {
      rows: rows.slice(0, limit), more: page.last !== undefined || rows.length > limit, ...(lastRead ? { lastRead } : {}),
      ...(counting ? { count: { count: Math.min(page.count, countUpTo), more: page.count > countUpTo || page.last !== undefined } } : {}),
    };
  }

  async queueRowsOf(caseIds: readonly string[]): Promise<QueueRow[]> {
    const ids = [...new Set(caseIds)].slice(0, 100);
    if (ids.length === 0) return [];
    // Only the attributes a queue row shows (the queue indexes' projection): no personal field is read.
    const names = Object.fromEntries([...new Set(['kind', 'mergedInto', ...QUEUE_INDEX_ATTRIBUTES])].map((a, i) => [`#a${i}`, a]));
    const rows: QueueRow[] = [];
    let request: BatchGetItemCommandInput['RequestItems'] = {
      [this.table.name]: { Keys: ids.map((id) => marshall(keys.case(id))), ProjectionExpression: Object.keys(names).join(', '), ExpressionAttributeNames: names },
    };
    for (let round = 0; request && Object.keys(request).length > 0 && round < 5; round++) {
      const out: BatchGetItemCommandOutput = await this.table.db.send(new BatchGetItemCommand({ RequestItems: request }));
      for (const item of out.Responses?.[this.table.name] ?? []) {
        const i = unmarshall(item);
        if (i.kind !== 'data_request') rows.push(rowFromItem(i, 'createdAt'));
      }
      request = out.UnprocessedKeys;
    }
    return rows;
  }

  async count(slice: QueueSlice, filter: QueueFilterExpr, cap: number): Promise<{ count: number; more: boolean }> {
    const query = this.partitionQuery(partitionOf(slice), filter);
    const page = await this.table.queryPage({ ...query, Select: 'COUNT', Limit: query.FilterExpression ? FILTERED_READ : cap });
    return { count: Math.min(page.count, cap), more: page.count > cap || page.last !== undefined };
  }

  async addNote(c: Case, note: Note, event: CaseEvent): Promise<void> {
    const suffix = randomBytes(4).toString('hex');
    const noteKey = keys.note(c.id, note.at, suffix);
    const put = (item: Item) => ({ Put: { TableName: this.table.name, Item: marshall(item, { removeUndefinedValues: true }), ConditionExpression: 'attribute_not_exists(pk)' } });
    await this.table.db.send(new TransactWriteItemsCommand({
      TransactItems: [
        put({ ...noteKey, at: note.at, officialId: note.officialId, textEnc: await this.cipher.encrypt(note.text, { pk: noteKey.pk, sk: noteKey.sk, field: 'text' }) }),
        put({ ...keys.event(c.id, event.at, suffix), ...event }),
      ],
    }));
  }

  private partitionQuery(partition: QueuePartition, filter: QueueFilterExpr, after?: string) {
    const index = INDEX[partition.index];
    const names: Record<string, string> = { '#pk': index.partitionKey };
    const values: Item = { ':pk': partition.key };
    const low = after ? `${after}\u0000` : partition.prefix;
    const high = partition.before ?? (partition.prefix ? `${partition.prefix}\uffff` : undefined);
    let key = '#pk = :pk';
    if (low !== undefined || high !== undefined) names['#sk'] = index.sortKey;
    if (low !== undefined && high !== undefined) { key += ' AND #sk BETWEEN :lo AND :hi'; values[':lo'] = low; values[':hi'] = high; }
    else if (low !== undefined) { key += ' AND #sk >= :lo'; values[':lo'] = low; }
    else if (high !== undefined) { key += ' AND #sk <= :hi'; values[':hi'] = high; }

    const conditions: string[] = [];
    const eq = (attribute: string, value: unknown) => {
      if (value === undefined) return;
      names[`#${attribute}`] = attribute;
      values[`:${attribute}`] = value;
      conditions.push(`#${attribute} = :${attribute}`);
    };
    eq('category', filter.category);
    eq('channel', filter.channel);
    eq('level', filter.level);
    eq('homeRegency', filter.regency);
    if (filter.categories?.length) {
      names['#cats'] = 'category';
      conditions.push(`#cats IN (${filter.categories.map((c, i) => { values[`:cat${i}`] = c; return `:cat${i}`; }).join(', ')})`);
    }
    if (filter.from || filter.to) {
      names['#created'] = 'createdAt';
      values[':from'] = filter.from ?? '0000';
      values[':to'] = filter.to ?? '9999';
      conditions.push('#created BETWEEN :from AND :to');
    }
    if (filter.unassignedOnly) { names['#assignee'] = 'assignee'; conditions.push('attribute_not_exists(#assignee)'); }
    return {
      IndexName: index.name, KeyConditionExpression: key, ExpressionAttributeNames: names, values,
      ...(conditions.length ? { FilterExpression: conditions.join(' AND ') } : {}),
    };
  }
}

function rowFromItem(i: Item, sortKey: string): QueueRow {
  return {
    id: String(i.id), reference: String(i.reference), category: i.category as QueueRow['category'], urgency: i.urgency as QueueRow['urgency'],
    status: i.status as QueueRow['status'], level: Number(i.level) as QueueRow['level'], homeRegency: i.homeRegency as QueueRow['homeRegency'],
    country: i.country as QueueRow['country'], channel: i.channel as QueueRow['channel'],
    ...(i.assignee ? { assignee: String(i.assignee) } : {}),
    levelSince: String(i.levelSince ?? i.createdAt), createdAt: String(i.createdAt), sortKey: String(i[sortKey]),
  };
}
