import type { CaseStatus } from '../../domain/case.js';
import { URGENCIES } from '../../domain/categories.js';
import { deadlineOf } from '../../domain/sla.js';
import type { Official } from '../../domain/official.js';
import { canSee } from '../../domain/visibility.js';
import type { QueueCountResult, QueueFilter, QueueFilterExpr, QueueRead, QueueRow, QueueRowsResult, QueueSlice, QueueTab } from './case-pages-port.js';
import type { ConsoleDeps } from './deps.js';

export const QUEUE_TABS: QueueTab[] = ['unassigned', 'mine', 'overdue', 'all'];
/** The queue's tabs and "Pesan baru": cases the reporter wrote on since this official last opened them (their read state, not an index). */
export type ConsoleTab = QueueTab | 'unread';
export const CONSOLE_TABS: ConsoleTab[] = [...QUEUE_TABS, 'unread'];
export const PAGE_SIZE = 25;
/** Tab counts stop here ("100+"): counting further would cost reads in proportion to the cases. */
export const COUNT_CAP = 100;

export interface QueueRowView extends QueueRow {
  deadline?: string;
  overdue: boolean;
}

export interface QueuePage {
  tab: ConsoleTab;
  rows: QueueRowView[];
  counts: Record<ConsoleTab, { count: number; more: boolean }>;
  /** Ids of the cases with a message this official has not read yet: their cards say "Pesan baru". */
  unread: ReadonlySet<string>;
  /** Opaque; pass back as `after` for the next page. */
  next?: string;
}

const OPEN: CaseStatus[] = ['new', 'acknowledged'];

/**
 * The slices of the queue a tab reads for an official: their regencies (level 1) or every regency
 * (levels 2 and 3; a regency filter narrows to that regency). The number of slices depends on the
 * official and the filter, never on the number of cases.
 */
export function slicesFor(official: Official, tab: QueueTab, filter: QueueFilter, policy: ConsoleDeps['policy'], now: Date): QueueSlice[] {
  const statuses = filter.status ? [filter.status] : OPEN;
  const scope = (status: CaseStatus): QueueSlice[] => {
    if (official.level > 1) return [{ status, of: filter.regency ? { regency: filter.regency } : 'everywhere' }];
    const regencies = filter.regency ? official.regencies.filter((r) => r === filter.regency) : official.regencies;
    return regencies.map((regency) => ({ status, of: { regency } }));
  };
  switch (tab) {
    case 'mine':
      return statuses.map((status) => ({ status, of: { holder: official.id } }));
    case 'unassigned':
      return statuses.includes('new') ? scope('new') : [];
    case 'all':
      return statuses.flatMap(scope);
    case 'overdue':
      // Overdue when the level got the case longer ago than its deadline allows: one range per urgency.
      return statuses.filter((s) => OPEN.includes(s)).flatMap((status) => URGENCIES.flatMap((urgency) => {
        const minutes = status === 'new' ? policy.slaMinutes.acknowledge[urgency] : policy.slaMinutes.resolve[urgency];
        const threshold = new Date(now.getTime() - minutes * 60_000).toISOString();
        return scope(status).map((s) => ({ ...s, overdue: { urgency, levelSinceBefore: threshold } }));
      }));
  }
}

/** A slice's name in the cursor. */
const sliceId = (s: QueueSlice) =>
  `${s.of === 'everywhere' ? 'all' : s.of === 'data_requests' ? 'requests' : 'holder' in s.of ? `holder:${s.of.holder}` : `regency:${s.of.regency}`}|${s.status}|${s.overdue?.urgency ?? ''}`;

function filterExpr(official: Official, tab: QueueTab, filter: QueueFilter): QueueFilterExpr {
  const { status: _status, ...rest } = filter;
  return {
    ...rest,
    // A slice is of one regency already, except an official's own cases.
    ...(tab === 'mine' ? {} : { regency: undefined }),
    ...(tab === 'unassigned' ? { unassignedOnly: true } : {}),
    ...(official.categories?.length && tab !== 'mine' ? { categories: official.categories } : {}),
  };
}

/** Urgent first, then the nearest deadline. */
function orderKey(row: QueueRowView): string {
  return `${URGENCIES.indexOf(row.urgency)}#${row.deadline ?? row.levelSince}#${row.id}`;
}

const QUEUE_SORT_KEY = /^[0-9]#[0-9T:.\-Z]{10,30}#[A-Za-z0-9_-]{1,64}$/;

export function decodeCursor(raw: string | undefined): Record<string, string> {
  if (!raw) return {};
  try {
    const parsed: unknown = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8'));
    if (!parsed || typeof parsed !== 'object') return {};
    // A tampered or truncated cursor is ignored entry by entry: only what looks like a queue sort key
    // (`<rank>#<ISO time>#<case id>`, short) is passed on, so a crafted one reaches no query.
    return Object.fromEntries(Object.entries(parsed).filter(([k, v]) => k.length <= 200 && typeof v === 'string' && QUEUE_SORT_KEY.test(v))) as Record<string, string>;
  } catch {
    return {};
  }
}

/**
 * One page of a tab and the counts of every tab: reads of the queue indexes, all handed to the store
 * at once (`queueReads`), merged in memory by urgency then deadline. The cursor holds, per slice,
 * the last row shown from it.
 */
export async function queuePage(
  deps: Pick<ConsoleDeps, 'casePages' | 'clock' | 'policy' | 'directory'>,
  official: Official,
  input: { tab: ConsoleTab; filter: QueueFilter; after?: string },
): Promise<QueuePage> {
  const now = deps.clock.now();
  const after = decodeCursor(input.after);
  const unreadTab = input.tab === 'unread';
  const tab: QueueTab = input.tab === 'unread' ? 'all' : input.tab;
  const slices = unreadTab ? [] : slicesFor(official, tab, input.filter, deps.policy, now);
  const filter = filterExpr(official, tab, input.filter);
  const view = (row: QueueRow): QueueRowView => {
    const deadline = deadlineOf({ status: row.status, urgency: row.urgency, createdAt: row.createdAt }, deps.policy, row.levelSince)?.toISOString();
    return { ...row, ...(deadline ? { deadline } : {}), overdue: deadline !== undefined && deadline < now.toISOString() };
  };

  // A slice this page reads from its start is counted by the same read: the shown tab's count costs no Query of its own.
  // Every read of the page goes to the store at once, which may answer several from one Query.
  const rowReads: QueueRead[] = slices.map((s) => {
    const from = after[sliceId(s)];
    return { kind: 'rows', slice: s, filter, limit: PAGE_SIZE, ...(from !== undefined ? { after: from } : {}), countUpTo: COUNT_CAP };
  });
  const countReads: QueueRead[] = [];
  const tabParts = QUEUE_TABS.map((tab) => {
    const shown = !unreadTab && tab === input.tab;
    const tabFilter = filterExpr(official, tab, input.filter);
    return [tab, slicesFor(official, tab, input.filter, deps.policy, now).map((s, i) => (shown && after[sliceId(s)] === undefined
      ? { read: i }
      : { count: countReads.push({ kind: 'count', slice: s, filter: tabFilter, cap: COUNT_CAP }) - 1 }))] as const;
  });
  const [answers, unreadRows] = await Promise.all([deps.casePages.queueReads([...rowReads, ...countReads]), unreadFor(deps, official, input.filter)]);
  const results = slices.map((s, i) => ({ s, ...(answers[i] as QueueRowsResult) }));
  const counts = tabParts.map(([tab, parts]) => {
    const each = parts.map((part): QueueCountResult => {
      if (part.count !== undefined) return answers[rowReads.length + part.count] as QueueCountResult;
      const counted = results[part.read]!.count;
      if (!counted) throw new Error('queue: the store read a first page without counting it');
      return counted;
    });
    const count = each.reduce((n, c) => n + c.count, 0);
    return [tab, { count: Math.min(count, COUNT_CAP), more: count > COUNT_CAP || each.some((c) => c.more) }] as const;
  });
  const unread = { count: Math.min(unreadRows.rows.length, COUNT_CAP), more: unreadRows.more };
  const unreadIds = new Set(unreadRows.rows.map((r) => r.id));
  if (unreadTab) {
    // Newest message first: what the reporter just wrote is what the official looks for here.
    const rows = unreadRows.rows.slice(0, COUNT_CAP).map(view);
    return { tab: 'unread', rows, counts: { ...Object.fromEntries(counts) as Record<QueueTab, { count: number; more: boolean }>, unread }, unread: unreadIds };
  }

  const merged = results.flatMap(({ s, rows }) => rows.map((row) => ({ pid: sliceId(s), row: view(row) })))
    .sort((a, b) => (orderKey(a.row) < orderKey(b.row) ? -1 : 1));
  const page = merged.slice(0, PAGE_SIZE);
  const nextAfter = { ...after };
  for (const { pid, row } of page) nextAfter[pid] = row.sortKey;
  // A slice whose every row made this page continues after all it read (a filter may have
  // skipped entries), so the next page does not read them again.
  for (const { s, rows, lastRead } of results) {
    const pid = sliceId(s);
    const shown = page.filter((e) => e.pid === pid).length;
    if (lastRead && shown === rows.length) nextAfter[pid] = lastRead;
  }
  const more = merged.length > PAGE_SIZE || results.some((r) => r.more);
  return {
    tab: input.tab, rows: page.map((e) => e.row), counts: { ...Object.fromEntries(counts) as Record<QueueTab, { count: number; more: boolean }>, unread }, unread: unreadIds,
    ...(more ? { next: Buffer.from(JSON.stringify(nextAfter)).toString('base64url') } : {}),
  };
}

/**
 * This official's unread cases ("Pesan baru") as queue rows, newest message first: their read state
 * (one Query of their own partition) and the rows of those cases (one batch read of non-personal
 * attributes), both bounded by COUNT_CAP, never by the number of cases. A case the official can no
 * longer see (moved to another regency, handed to someone else) is left out, as are the filters' misses.
 */
async function unreadFor(
  deps: Pick<ConsoleDeps, 'casePages' | 'directory'>, official: Official, filter: QueueFilter,
): Promise<{ rows: QueueRow[]; more: boolean }> {
  const marks = await deps.directory.unreadCases(official.id, COUNT_CAP + 1);
  if (marks.length === 0) return { rows: [], more: false };
  const order = new Map(marks.map((m, i) => [m.caseId, i]));
  const rows = (await deps.casePages.queueRowsOf(marks.slice(0, COUNT_CAP).map((m) => m.caseId)))
    .filter((r) => canSee(official, r) && matches(r, filter))
    .sort((a, b) => order.get(a.id)! - order.get(b.id)!);
  return { rows, more: marks.length > COUNT_CAP };
}

function matches(r: QueueRow, f: QueueFilter): boolean {
  return (!f.regency || r.homeRegency === f.regency) && (!f.category || r.category === f.category) && (!f.status || r.status === f.status)
    && (!f.channel || r.channel === f.channel) && (!f.level || r.level === f.level)
    && (!f.from || r.createdAt >= f.from) && (!f.to || r.createdAt <= f.to);
}
