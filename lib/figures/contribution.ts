import type { Case, Level } from '../domain/case.js';
import type { Category } from '../domain/categories.js';
import type { Policy } from '../config.js';

/**
 * Figures as a pure function of one case. The running totals are the sum of every case's
 * contribution; the stream applies `contribution(new) - contribution(stored)` per case change, so a
 * corrected category or regency moves the case between cells and a merged duplicate leaves them.
 */
export type CaseFacts = Pick<Case,
  'id' | 'reference' | 'category' | 'urgency' | 'homeRegency' | 'channel' | 'status' | 'level' | 'createdAt' | 'version'
  | 'acknowledgedAt' | 'resolvedAt' | 'escalations' | 'confirmedAt' | 'reopenings' | 'mergedInto'>;

/** Upper bounds in minutes of the time histograms (the last bucket is "longer"). */
export const TIME_BUCKETS_MINUTES = [15, 30, 60, 120, 240, 480, 1440, 2880, 4320, 10080, 20160, 43200] as const;
export const BUCKET_COUNT = TIME_BUCKETS_MINUTES.length + 1;

export const COUNTERS = ['filed', 'ackOnTime', 'ackLate', 'escalations', 'resolved', 'confirmed', 'reopened', 'open'] as const;
export type Counter = (typeof COUNTERS)[number];
/** Histogram counters are named `ack<i>` (time to first response) and `res<i>` (time to resolution). */
export type Counts = Record<string, number>;

/** NTB runs on WITA (UTC+8): a report filed at 23:30 WITA on the 31st belongs to that month. */
const WITA_OFFSET_MS = 8 * 3600_000;
export const monthOf = (iso: string) => new Date(Date.parse(iso) + WITA_OFFSET_MS).toISOString().slice(0, 7);
export const dayOf = (iso: string) => new Date(Date.parse(iso) + WITA_OFFSET_MS).toISOString().slice(0, 10);

/** The public figures know NTB regencies and "unknown" (outside NTB or not said). */
export type FigureRegency = Case['homeRegency'];

export type Cell =
  | { kind: 'month'; month: string; regency: FigureRegency; category: Category; channel: Case['channel']; level: Level }
  /** Open cases by the day they were filed: the dashboard's "open cases by age". */
  | { kind: 'open'; day: string; regency: FigureRegency }
  /**
   * The roll-up kept in the same transaction, so that the public page and the dashboard read one
   * item per month and regency (at most 12 a month) whatever the volume: the month x regency totals
   * of every counter and histogram, with, per category, reports, answered on time and resolved
   * (`<category>#filed`, ...) and, per channel, reports (`<channel>#filed`): see `rollUpCounts`.
   */
  | { kind: 'regency'; month: string; regency: FigureRegency }
  /**
   * Roll-ups written before the month x regency one (month x regency x category, month x regency x
   * channel): no longer written nor read; a rebuild deletes them, a case change still moves the
   * counts its stored contribution names there.
   */
  | { kind: 'summary'; month: string; regency: FigureRegency; category: Category }
  | { kind: 'channel'; month: string; regency: FigureRegency; channel: Case['channel'] };

export function cellId(cell: Cell): string {
  switch (cell.kind) {
    case 'month': return `M|${cell.month}|${cell.regency}|${cell.category}|${cell.channel}|${cell.level}`;
    case 'open': return `O|${cell.day}|${cell.regency}`;
    case 'summary': return `S|${cell.month}|${cell.regency}|${cell.category}`;
    case 'channel': return `C|${cell.month}|${cell.regency}|${cell.channel}`;
    case 'regency': return `R|${cell.month}|${cell.regency}`;
  }
}

export function cellFromId(id: string): Cell {
  const [kind, a, b, c, d, e] = id.split('|');
  if (kind === 'O') return { kind: 'open', day: a!, regency: b as FigureRegency };
  if (kind === 'S') return { kind: 'summary', month: a!, regency: b as FigureRegency, category: c as Category };
  if (kind === 'C') return { kind: 'channel', month: a!, regency: b as FigureRegency, channel: c as Case['channel'] };
  if (kind === 'R') return { kind: 'regency', month: a!, regency: b as FigureRegency };
  return { kind: 'month', month: a!, regency: b as FigureRegency, category: c as Category, channel: d as Case['channel'], level: Number(e) as Level };
}

/** cell id -> counts; absent cells count nothing. */
export type Contribution = Record<string, Counts>;

export function bucketOf(minutes: number): number {
  const i = TIME_BUCKETS_MINUTES.findIndex((bound) => minutes <= bound);
  return i === -1 ? TIME_BUCKETS_MINUTES.length : i;
}

const minutesBetween = (from: string, to: string) => Math.max(0, (Date.parse(to) - Date.parse(from)) / 60_000);

export function contribution(c: CaseFacts, policy: Policy): Contribution {
  if (c.mergedInto) return {};
  const counts: Counts = { filed: 1 };
  if (c.acknowledgedAt) {
    const minutes = minutesBetween(c.createdAt, c.acknowledgedAt);
    // On time: within the acknowledgement deadline the hotline promises from filing; a case that had
    // to be escalated before anyone answered is late by definition.
    counts[minutes <= policy.slaMinutes.acknowledge[c.urgency] ? 'ackOnTime' : 'ackLate'] = 1;
    counts[`ack${bucketOf(minutes)}`] = 1;
  }
  if (c.escalations) counts.escalations = c.escalations;
  const resolved = c.resolvedAt && (c.status === 'resolved' || c.status === 'closed');
  if (resolved) {
    counts.resolved = 1;
    counts[`res${bucketOf(minutesBetween(c.createdAt, c.resolvedAt!))}`] = 1;
  }
  if (c.confirmedAt && c.status === 'closed') counts.confirmed = 1;
  if (c.reopenings) counts.reopened = c.reopenings;
  const open = c.status === 'new' || c.status === 'acknowledged';
  if (open) counts.open = 1;
  const month = monthOf(c.createdAt);
  const out: Contribution = {
    [cellId({ kind: 'month', month, regency: c.homeRegency, category: c.category, channel: c.channel, level: c.level })]: counts,
    [cellId({ kind: 'regency', month, regency: c.homeRegency })]: rollUpCounts(counts, c.category, c.channel),
  };
  if (open) out[cellId({ kind: 'open', day: dayOf(c.createdAt), regency: c.homeRegency })] = { open: 1 };
  return out;
}

/** The counters of a month x regency roll-up (per category and per channel: `categoryCounter`, `channelFiled`). */
export const CATEGORY_MEASURES = ['filed', 'ackOnTime', 'resolved'] as const;
export type CategoryMeasure = (typeof CATEGORY_MEASURES)[number];
export const categoryCounter = (category: Category, measure: CategoryMeasure) => `${category}#${measure}`;
export const channelFiled = (channel: Case['channel']) => `${channel}#filed`;

/** A case's counts in its month x regency roll-up: its own counters, and the same by its category and channel. */
export function rollUpCounts(counts: Counts, category: Category, channel: Case['channel']): Counts {
  const out: Counts = { ...counts };
  for (const measure of CATEGORY_MEASURES) if (counts[measure]) out[categoryCounter(category, measure)] = counts[measure];
  out[channelFiled(channel)] = counts.filed ?? 0;
  return out;
}

/** What to add to each cell to go from `before` to `after`; cells and counters with no change are left out. */
export function delta(before: Contribution, after: Contribution): Contribution {
  const out: Contribution = {};
  for (const id of new Set([...Object.keys(before), ...Object.keys(after)])) {
    const b = before[id] ?? {};
    const a = after[id] ?? {};
    const d: Counts = {};
    for (const k of new Set([...Object.keys(b), ...Object.keys(a)])) {
      const diff = (a[k] ?? 0) - (b[k] ?? 0);
      if (diff !== 0) d[k] = diff;
    }
    if (Object.keys(d).length) out[id] = d;
  }
  return out;
}

/** Sum of many contributions: the recount the running totals must equal. */
export function sumContributions(all: Iterable<Contribution>): Contribution {
  const out: Contribution = {};
  for (const c of all) {
    for (const [id, counts] of Object.entries(c)) {
      const cell = (out[id] ??= {});
      for (const [k, v] of Object.entries(counts)) cell[k] = (cell[k] ?? 0) + v;
    }
  }
  return out;
}

/** Median and 90th percentile from a histogram, as the bucket's upper bound (undefined: longer than the last). */
export function quantileMinutes(histogram: number[], q: number): number | undefined | null {
  const total = histogram.reduce((a, b) => a + b, 0);
  if (total === 0) return null;
  let seen = 0;
  for (let i = 0; i < histogram.length; i++) {
    seen += histogram[i]!;
    if (seen >= q * total) return TIME_BUCKETS_MINUTES[i];
  }
  return undefined;
}

// The counters' names made once: a dashboard sums the histograms of some 1,500 cells per request,
// and building each name again per cell and bucket was most of its time.
const HISTOGRAM_KEYS = {
  ack: Array.from({ length: BUCKET_COUNT }, (_, i) => `ack${i}`),
  res: Array.from({ length: BUCKET_COUNT }, (_, i) => `res${i}`),
} as const;

/** The counter names of a histogram, `ack0`, `ack1`, ... (made once). */
export const histogramKeys = (prefix: 'ack' | 'res'): readonly string[] => HISTOGRAM_KEYS[prefix];

export function histogramOf(counts: Counts, prefix: 'ack' | 'res'): number[] {
  return addHistogram(new Array<number>(BUCKET_COUNT).fill(0), counts, prefix);
}

/** Adds a cell's histogram to `into` (BUCKET_COUNT long) and returns it. */
export function addHistogram(into: number[], counts: Counts, prefix: 'ack' | 'res'): number[] {
  const keys = HISTOGRAM_KEYS[prefix];
  for (let i = 0; i < BUCKET_COUNT; i++) into[i]! += counts[keys[i]!] ?? 0;
  return into;
}
