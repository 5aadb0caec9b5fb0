import type { AccessEntry } from '../../domain/access.js';
import type { AccessLog } from '../../cases/access-log-port.js';

/**
 * The access log read for an audit (issue 23, item 10): a period of WITA days, filtered by official,
 * case and kind (viewed, NIK revealed, denied, exported, printed, reader alert), and grouped per
 * action: the entries one request wrote together (a search listing five cases, the agents page)
 * are one row naming every case. The log is stored per UTC day (lib/adapters/dynamo/access-log.ts),
 * so a WITA day (16:00 UTC the day before to 16:00 UTC) reads two partitions; nothing is filtered
 * out before it is read, and a period is at most MAX_AUDIT_DAYS long.
 */
export const ACCESS_KINDS = ['viewed', 'nik_revealed', 'denied', 'exported', 'printed', 'reader_alert'] as const satisfies readonly AccessEntry['action'][];
export type AccessKind = (typeof ACCESS_KINDS)[number];

export const MAX_AUDIT_DAYS = 31;
/** Entries read at most for one page or one CSV; past it the answer says so (narrow the period or the filters). */
export const MAX_AUDIT_ENTRIES = 20_000;
const PAGE = 1000;
const WITA_MS = 8 * 3600_000;
const DAY_MS = 86_400_000;

export interface AuditQuery {
  /** WITA days, `YYYY-MM-DD`, from <= to, at most MAX_AUDIT_DAYS. */
  from: string;
  to: string;
  officialId?: string;
  /** A normalised case reference (`ABC-234`). */
  reference?: string;
  kind?: AccessKind;
}

export interface AuditRead {
  /** Newest first. */
  entries: AccessEntry[];
  /** More than MAX_AUDIT_ENTRIES in the period: the oldest were not read. */
  truncated: boolean;
}

/** The WITA day of an instant, `YYYY-MM-DD`. */
export const witaDay = (iso: string) => new Date(Date.parse(iso) + WITA_MS).toISOString().slice(0, 10);

/** The days between two `YYYY-MM-DD` dates, both counted. */
export const daysIn = (from: string, to: string) => Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS) + 1;

export function matches(e: AccessEntry, q: Omit<AuditQuery, 'from' | 'to'>): boolean {
  return (!q.officialId || e.officialId === q.officialId) && (!q.reference || e.reference === q.reference) && (!q.kind || e.action === q.kind);
}

export async function readAccessAudit(log: Pick<AccessLog, 'day'>, q: AuditQuery, limit = MAX_AUDIT_ENTRIES): Promise<AuditRead> {
  const start = Date.parse(`${q.from}T00:00:00Z`) - WITA_MS;
  const end = Date.parse(`${q.to}T00:00:00Z`) + DAY_MS - WITA_MS;
  const entries: AccessEntry[] = [];
  // UTC partitions newest first, each newest first: the page lists newest first and a cut keeps the newest.
  for (let day = end - 1; day >= start - (start % DAY_MS); day -= DAY_MS) {
    const partition = new Date(day).toISOString().slice(0, 10);
    let cursor: string | undefined;
    do {
      const page = await log.day(partition, PAGE, cursor);
      for (const e of page.entries) {
        const at = Date.parse(e.at);
        if (at < start || at >= end || !matches(e, q)) continue;
        if (entries.length === limit) return { entries, truncated: true };
        entries.push(e);
      }
      cursor = page.cursor;
    } while (cursor);
  }
  return { entries, truncated: false };
}

/** One action of one official: the entries one request wrote, with every case it touched. */
export interface AuditRow {
  /** The newest of the action's repeats. */
  at: string;
  /** The oldest of them, and how many requests did the same (a page reloaded): `since` = `at` and 1 for one. */
  since: string;
  times: number;
  officialId: string;
  action: AccessEntry['action'];
  fields: AccessEntry['fields'];
  references: string[];
  reason?: string;
  cases?: number;
}

/** Repeats of one action closer together than this (a page reloaded, opened again) are one row with their count. */
export const REPEAT_WINDOW_MS = 5 * 60_000;

/**
 * Entries of the same official, action, instant, fields and reason are one action (one request
 * writes its entries with one `at`): one row, its cases sorted. Then the same action on the same
 * cases repeated back to back within REPEAT_WINDOW_MS of each other (a reload) is one row saying
 * from when to when and how often. Order kept (newest first); the CSV keeps every entry.
 */
export function groupPerAction(entries: readonly AccessEntry[]): AuditRow[] {
  const out: AuditRow[] = [];
  for (const row of groupPerRequest(entries)) {
    const last = out.at(-1);
    const same = last && last.officialId === row.officialId && last.action === row.action && last.reason === row.reason && last.cases === row.cases
      && JSON.stringify(last.fields) === JSON.stringify(row.fields) && JSON.stringify(last.references) === JSON.stringify(row.references)
      && Date.parse(last.since) - Date.parse(row.at) <= REPEAT_WINDOW_MS;
    if (same) {
      last.since = row.at;
      last.times += 1;
    } else out.push(row);
  }
  return out;
}

function groupPerRequest(entries: readonly AccessEntry[]): AuditRow[] {
  const rows: AuditRow[] = [];
  const byKey = new Map<string, AuditRow>();
  for (const e of entries) {
    const key = JSON.stringify([e.officialId, e.action, e.at, e.fields, e.reason ?? '', e.cases ?? '']);
    const row = byKey.get(key);
    if (row) {
      if (!row.references.includes(e.reference)) row.references.push(e.reference);
      continue;
    }
    const fresh: AuditRow = {
      at: e.at, since: e.at, times: 1, officialId: e.officialId, action: e.action, fields: e.fields, references: [e.reference],
      ...(e.reason ? { reason: e.reason } : {}), ...(e.cases !== undefined ? { cases: e.cases } : {}),
    };
    byKey.set(key, fresh);
    rows.push(fresh);
  }
  for (const r of rows) r.references.sort();
  return rows;
}

/** How many entries of each kind the period holds (before the kind filter), for the summary and its links. */
export function countPerKind(entries: readonly AccessEntry[]): Record<AccessKind, number> {
  const counts = Object.fromEntries(ACCESS_KINDS.map((k) => [k, 0])) as Record<AccessKind, number>;
  for (const e of entries) counts[e.action as AccessKind] = (counts[e.action as AccessKind] ?? 0) + 1;
  return counts;
}
