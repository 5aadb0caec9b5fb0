import { BatchGetItemCommand, type BatchGetItemCommandInput, type BatchGetItemCommandOutput, TransactWriteItemsCommand } from '@aws-sdk/client-dynamodb';
import { marshall, unmarshall } from '@aws-sdk/util-dynamodb';
import { randomBytes } from 'node:crypto';
import type { Case, CaseEvent } from '../../domain/case.js';
import type { Cipher } from '../../cipher.js';
import type { Urgency } from '../../domain/categories.js';
import type { CaseFile, CaseReader, Note, QueueCountResult, QueueFilterExpr, QueueRead, QueueReadResult, QueueRow, QueueRowsResult, QueueSlice } from '../../use-cases/console/case-pages-port.js';
import { readAlone } from '../../use-cases/console/case-pages-port.js';
import { decodeEvent } from './cases.js';
import { keys, queueKeys, URGENCY_RANK } from './keys.js';
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
  constructor(
    private readonly table: DynamoTable, private readonly cipher: Cipher, private readonly cases: { decodeCase(item: Item): Promise<Case> },
    /** Index entries a filtered read evaluates; smaller only in tests, to reach its edges with a few cases. */
    private readonly filteredRead = FILTERED_READ,
  ) {}

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
    const page = await this.table.queryPage({ ...query, Limit: query.FilterExpression ? this.filteredRead : counting ? Math.max(limit, countUpTo) : limit });
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
    const page = await this.table.queryPage({ ...query, Select: 'COUNT', Limit: query.FilterExpression ? this.filteredRead : cap });
    return { count: Math.min(page.count, cap), more: page.count > cap || page.last !== undefined };
  }

  /**
   * A page's reads, with every group of reads that start where one index partition starts (a slice's
   * first page or count; the overdue range of the most urgent cases, which opens the partition)
   * answered from one Query of that partition: as many entries as the widest of them reads, no
   * filter, and each read's window, range and filter applied here to what came back. Each answer is
   * what the read alone would get (the same entries evaluated, the same rows, counts, `more` and
   * cursor), so the desk's all tab reads its two status partitions once for its rows, the tab's
   * count, the unassigned tab's count and the most urgent overdue counts (was four Queries each).
   * A read after a cursor, or alone in its partition, is made as before, filtered by DynamoDB.
   */
  async queueReads(reads: readonly QueueRead[]): Promise<QueueReadResult[]> {
    const plans = reads.map((read) => this.planOf(read));
    const groups = new Map<string, number[]>();
    plans.forEach((plan, i) => {
      if (!plan.fromStart) return;
      const group = `${plan.partition.index}|${plan.partition.key}`;
      groups.set(group, [...(groups.get(group) ?? []), i]);
    });
    const shared = new Map<number, Promise<QueueReadResult>>();
    for (const members of groups.values()) {
      if (members.length < 2) continue;
      const entries = this.readPartition(members.map((i) => plans[i]!));
      for (const i of members) shared.set(i, entries.then((e) => answerFrom(e, plans[i]!)));
    }
    return Promise.all(reads.map((read, i) => shared.get(i) ?? readAlone(this, read)));
  }

  /** Where a read looks, how many index entries it evaluates (its Limit), and whether its range opens its partition. */
  private planOf(read: QueueRead): ReadPlan {
    const partition = partitionOf(read.slice);
    const filtered = this.partitionQuery(partition, read.filter).FilterExpression !== undefined;
    const window = read.kind === 'count'
      ? (filtered ? this.filteredRead : read.cap)
      : (filtered ? this.filteredRead : read.countUpTo !== undefined && read.after === undefined ? Math.max(read.limit, read.countUpTo) : read.limit);
    const high = partition.before ?? (partition.prefix ? `${partition.prefix}\uffff` : undefined);
    const fromStart = (read.kind === 'count' || read.after === undefined) && (partition.prefix === undefined || partition.prefix === FIRST_SORT_PREFIX);
    return { read, partition, window, ...(high !== undefined ? { high } : {}), fromStart };
  }

  /**
   * The first entries of one partition, as many as the widest read evaluates, with only the
   * attributes the reads use. When every read evaluates as many and their filters share conditions
   * (the page's own filter), DynamoDB applies those and returns only the matches, with where it
   * stopped; otherwise it returns every entry evaluated.
   */
  private async readPartition(plans: ReadPlan[]): Promise<PartitionRead> {
    const { partition } = plans[0]!;
    const index = INDEX[partition.index];
    const window = Math.max(...plans.map((p) => p.window));
    const common = plans.every((p) => p.window === window) ? commonFilter(plans.map((p) => p.read.filter)) : {};
    const query = this.partitionQuery({ index: partition.index, key: partition.key }, common);
    const rows = plans.some((p) => p.read.kind === 'rows');
    const attributes = new Set<string>([index.sortKey, ...(rows ? QUEUE_INDEX_ATTRIBUTES : plans.flatMap((p) => filterAttributes(p.read.filter)))]);
    const names = Object.fromEntries([...attributes].map((a, i) => [`#p${i}`, a]));
    const page = await this.table.queryPage({
      ...query, ExpressionAttributeNames: { ...query.ExpressionAttributeNames, ...names }, ProjectionExpression: Object.keys(names).join(', '), Limit: window,
    });
    if (!query.FilterExpression) return { entries: page.items };
    return { entries: page.items, filtered: page.last ? { stoppedAt: String(unmarshall(page.last)[index.sortKey]) } : {} };
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

/** The sort-key prefix of the most urgent cases: every key of a queue partition sorts at or after it. */
const FIRST_SORT_PREFIX = queueKeys.sortPrefix((Object.keys(URGENCY_RANK) as Urgency[]).reduce((a, b) => (URGENCY_RANK[a] <= URGENCY_RANK[b] ? a : b)));

interface ReadPlan {
  read: QueueRead;
  partition: QueuePartition;
  /** Index entries the read alone evaluates: its Query's Limit. */
  window: number;
  /** Inclusive upper bound of its sort-key range. */
  high?: string;
  /** Its range starts where the partition starts (no cursor; no prefix but the first). */
  fromStart: boolean;
}

/** What one Query of a partition gave its group of reads. */
interface PartitionRead {
  /** In sort-key order: every entry evaluated, or (`filtered`) only those matching the group's common filter. */
  entries: Item[];
  /** Present when the Query was filtered: the sort key of the entry it stopped at (its Limit reached), if it did. */
  filtered?: { stoppedAt?: string };
}

/**
 * A read answered from its partition's read: the entries its own Query would evaluate are the first
 * `window` of the partition's within its range, and DynamoDB returns a LastEvaluatedKey exactly when
 * a Query stops at its Limit (also when nothing follows: the integration test checks it). A
 * filtered partition read evaluated the read's own window (every read of its group has the same),
 * so the read stopped where the partition read did, when that is within its range.
 */
function answerFrom(read: PartitionRead, plan: ReadPlan): QueueReadResult {
  const sortKey = INDEX[plan.partition.index].sortKey;
  const inRange = plan.high === undefined ? read.entries : read.entries.filter((e) => String(e[sortKey]) <= plan.high!);
  let evaluated: Item[];
  let stoppedAt: string | undefined;
  if (read.filtered) {
    evaluated = inRange;
    const at = read.filtered.stoppedAt;
    stoppedAt = at !== undefined && (plan.high === undefined || at <= plan.high) ? at : undefined;
  } else {
    evaluated = inRange.slice(0, plan.window);
    stoppedAt = inRange.length >= plan.window ? String(evaluated[evaluated.length - 1]![sortKey]) : undefined;
  }
  const stopped = stoppedAt !== undefined;
  const { read: asked } = plan;
  const matches = evaluated.filter((e) => matchesFilter(e, asked.filter));
  if (asked.kind === 'count') {
    return { count: Math.min(matches.length, asked.cap), more: matches.length > asked.cap || stopped } satisfies QueueCountResult;
  }
  const rows = matches.map((e) => rowFromItem(e, sortKey));
  return {
    rows: rows.slice(0, asked.limit), more: stopped || rows.length > asked.limit, ...(stopped && rows.length <= asked.limit ? { lastRead: stoppedAt } : {}),
    ...(asked.countUpTo !== undefined ? { count: { count: Math.min(matches.length, asked.countUpTo), more: matches.length > asked.countUpTo || stopped } } : {}),
  } satisfies QueueRowsResult;
}

/** The conditions every one of these filters has, with the same value. */
function commonFilter(filters: QueueFilterExpr[]): QueueFilterExpr {
  const [first, ...rest] = filters;
  return Object.fromEntries(Object.entries(first ?? {})
    .filter(([k, v]) => v !== undefined && rest.every((f) => JSON.stringify(f[k as keyof QueueFilterExpr]) === JSON.stringify(v)))) as QueueFilterExpr;
}

/** The attributes `partitionQuery`'s FilterExpression reads for this filter. */
function filterAttributes(f: QueueFilterExpr): string[] {
  return [
    ...(f.category !== undefined || f.categories?.length ? ['category'] : []), ...(f.channel !== undefined ? ['channel'] : []),
    ...(f.level !== undefined ? ['level'] : []), ...(f.regency !== undefined ? ['homeRegency'] : []),
    ...(f.from || f.to ? ['createdAt'] : []), ...(f.unassignedOnly ? ['assignee'] : []),
  ];
}

/**
 * `partitionQuery`'s FilterExpression, evaluated here on an index entry: the same conditions with
 * DynamoDB's meaning (equality of the stored value and type, IN, a string BETWEEN, attribute_not_exists).
 */
function matchesFilter(e: Item, f: QueueFilterExpr): boolean {
  const eq = (attribute: string, value: unknown) => value === undefined || e[attribute] === value;
  return eq('category', f.category) && eq('channel', f.channel) && eq('level', f.level) && eq('homeRegency', f.regency)
    && (!f.categories?.length || f.categories.includes(e.category as never))
    && (!(f.from || f.to) || (typeof e.createdAt === 'string' && e.createdAt >= (f.from ?? '0000') && e.createdAt <= (f.to ?? '9999')))
    && (!f.unassignedOnly || e.assignee === undefined);
}
