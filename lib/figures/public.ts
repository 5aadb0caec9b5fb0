import { CATEGORIES, type Category } from '../domain/categories.js';
import { CHANNELS, type Channel } from '../domain/case.js';
import { REGENCY_CODES, isNtbRegency } from '../domain/regions.js';
import { addHistogram, BUCKET_COUNT, categoryCounter, channelFiled, histogramKeys, quantileMinutes, type CategoryMeasure, type Counts } from './contribution.js';
import type { CellCounts } from './port.js';
import {
  type Arc, type Figure, type HiddenCell, K, nearestTotal, protect, shownTable, suppress, SUPPRESSED, tableArcs, tableFigures,
  type Shown, type SuppressedTable, type TableFigures, WITHHELD,
} from './suppression.js';

/** Rows of the public table: NTB regencies, then everything else (outside NTB or not said) as "unknown". */
export const PUBLIC_REGENCIES = [...REGENCY_CODES, 'unknown'] as const;
export type PublicRegency = (typeof PUBLIC_REGENCIES)[number];
export const publicRegencyOf = (code: string): PublicRegency => (isNtbRegency(code) ? code : 'unknown');

export const PUBLIC_MEASURES = ['reports', 'acknowledgedOnTime', 'resolved'] as const;
export type PublicMeasure = (typeof PUBLIC_MEASURES)[number];
const COUNTER_OF: Record<PublicMeasure, string> = { reports: 'filed', acknowledgedOnTime: 'ackOnTime', resolved: 'resolved' };

export interface PublicMonth {
  month: string;
  /** Whether anything was reported that month (months without reports are not listed). */
  reported: boolean;
  /** Rows PUBLIC_REGENCIES, columns CATEGORIES, after small-cell and complementary suppression. */
  tables: Record<PublicMeasure, SuppressedTable>;
  /** Reports per channel (CHANNELS order), suppressed together with the reports' table: they share its month total. */
  channels: ChannelTable;
  /** Shares of the month's reports, only where both totals are published; null otherwise. */
  shareAcknowledgedOnTime: number | null;
  shareResolved: number | null;
  /** Median minutes to first response as the histogram bucket's bound; null when fewer than 5 responses; undefined: longer than the last bucket. */
  medianFirstResponseMinutes: number | null | undefined;
}

/**
 * Reports per channel in a month: a number (5 or more), `<5`, or `*` withheld to protect another
 * figure (then the reader knows only that it is 5 or more). `published: false` when no channel
 * breakdown could be published without giving a small figure away; every cell is then `*`.
 */
export interface ChannelTable { cells: Shown[]; total: number | null; published: boolean }

export interface PublicRow {
  month: string;
  regency: PublicRegency;
  category: Category;
  reports: Shown;
  acknowledgedOnTime: Shown;
  resolved: Shown;
}

/**
 * The public figures of one month, from its month x regency roll-ups (or, equally, from its finest
 * cells, channel and level summed away, or from the regency x category and channel roll-ups written
 * before those). Pass one kind, not several.
 */
export function publicMonth(month: string, cells: CellCounts[]): PublicMonth {
  return publicMonthWithFigures(month, cells).month;
}

// The roll-ups' counter names made once: a request reads some 140 roll-ups.
const CATEGORY_COUNTERS = Object.fromEntries(PUBLIC_MEASURES.map((m) => [m, CATEGORIES.map((c) => categoryCounter(c, COUNTER_OF[m] as CategoryMeasure))])) as Record<PublicMeasure, string[]>;
const CHANNEL_COUNTERS = CHANNELS.map(channelFiled);

/** Every counter of a month x regency roll-up that the public figures read: nothing else of it changes them. */
export const PUBLIC_ROLL_UP_COUNTERS: readonly string[] = [...PUBLIC_MEASURES.flatMap((m) => CATEGORY_COUNTERS[m]), ...CHANNEL_COUNTERS, ...histogramKeys('ack')];

/** publicMonth, and the month's figures after suppression (true values inside) for its quarter's suppression. */
export function publicMonthWithFigures(month: string, cells: CellCounts[]): { month: PublicMonth; figures: MonthFigures } {
  const grids = Object.fromEntries(PUBLIC_MEASURES.map((m) => [m, PUBLIC_REGENCIES.map(() => CATEGORIES.map(() => 0))])) as Record<PublicMeasure, number[][]>;
  const ackHistogram = new Array<number>(BUCKET_COUNT).fill(0);
  const channels = CHANNELS.map(() => 0);
  const fromFinest = cells.some((c) => c.cell.kind === 'month');
  for (const { cell, counts } of cells) {
    if (cell.kind === 'regency') {
      // One regency's month: its categories and channels as counters of their own.
      const r = PUBLIC_REGENCIES.indexOf(publicRegencyOf(cell.regency));
      for (const m of PUBLIC_MEASURES) {
        const names = CATEGORY_COUNTERS[m];
        const row = grids[m][r]!;
        for (let c = 0; c < names.length; c++) row[c]! += Math.max(0, counts[names[c]!] ?? 0);
      }
      for (let k = 0; k < CHANNEL_COUNTERS.length; k++) channels[k]! += Math.max(0, counts[CHANNEL_COUNTERS[k]!] ?? 0);
      addHistogram(ackHistogram, counts, 'ack');
      continue;
    }
    // Channels from the channel roll-up, or from the finest cells when those were given instead.
    if (cell.kind === (fromFinest ? 'month' : 'channel') && 'channel' in cell) {
      const k = CHANNELS.indexOf(cell.channel);
      if (k >= 0) channels[k]! += Math.max(0, counts.filed ?? 0);
    }
    if (cell.kind !== 'summary' && cell.kind !== 'month') continue;
    const r = PUBLIC_REGENCIES.indexOf(publicRegencyOf(cell.regency));
    const c = CATEGORIES.indexOf(cell.category);
    if (r < 0 || c < 0) continue;
    for (const m of PUBLIC_MEASURES) grids[m][r]![c]! += Math.max(0, counts[COUNTER_OF[m]] ?? 0);
    addHistogram(ackHistogram, counts as Counts, 'ack');
  }
  // Reports show every total on the page; the other measures only their month total (for the shares).
  const figures = decideMonth(grids.reports, channels);
  const { reports, channels: channelTable } = shownMonth(figures);
  const tables: Record<PublicMeasure, SuppressedTable> = {
    reports,
    acknowledgedOnTime: suppressLinked(grids.reports, reports, grids.acknowledgedOnTime),
    resolved: suppressLinked(grids.reports, reports, grids.resolved),
  };
  const share = (part: number | null, whole: number | null) => (part !== null && whole !== null && whole > 0 ? part / whole : null);
  const responses = ackHistogram.reduce((a, b) => a + b, 0);
  return {
    figures,
    month: {
      month, tables, channels: channelTable, reported: grids.reports.some((row) => row.some((v) => v > 0)),
      shareAcknowledgedOnTime: share(tables.acknowledgedOnTime.grandTotal, tables.reports.grandTotal),
      shareResolved: share(tables.resolved.grandTotal, tables.reports.grandTotal),
      medianFirstResponseMinutes: responses >= 5 ? quantileMinutes(ackHistogram, 0.5) : null,
    },
  };
}

/**
 * A month's reports per regency x category with their totals, and its reports per channel: two
 * tables that share the month total, suppressed as one network (lib/figures/suppression.ts):
 * categories -> cells -> regencies -> month total -> channels -> back to the categories. A channel
 * under 5 is `<5`; one that would let a small figure be worked out (the month total minus the other
 * channels) is withheld (`*`, the smallest first; the reader then knows only that it is 5 or more).
 * Where the month total must be withheld, a channel goes with it, or the channels would give it
 * back. If even that leaves a small figure determined, no channel breakdown is published that
 * month and the reports' table is suppressed as if there were none.
 */
export function suppressMonth(reports: number[][], channels: number[]): { reports: SuppressedTable; channels: ChannelTable } {
  return shownMonth(decideMonth(reports, channels));
}

/** A month's figures after suppression, true values inside: what the quarter's suppression builds on. Never rendered as such. */
export interface MonthFigures { t: TableFigures; ch: Figure[]; channelsPublished: boolean }

export function shownMonth(d: MonthFigures): { reports: SuppressedTable; channels: ChannelTable } {
  const shown = shownTable(d.t);
  return {
    reports: shown,
    channels: d.channelsPublished
      ? { cells: d.ch.map((f) => (!f.hidden ? f.value : f.protect ? SUPPRESSED : WITHHELD)), total: shown.grandTotal, published: true }
      : { cells: d.ch.map(() => WITHHELD), total: shown.grandTotal, published: false },
  };
}

const smallCell = (v: number): Figure => (v < K
  ? { value: v, lo: 0, hi: K - 1, hidden: true, protect: true, withholdable: false }
  : { value: v, lo: K, hi: Infinity, hidden: false, protect: false, withholdable: true });

/** The month's suppression decided (suppressMonth without the presentation). */
export function decideMonth(reports: number[][], channels: number[]): MonthFigures {
  const t = tableFigures(reports, { totals: 'all' });
  const ch = channels.map(smallCell);
  const C = reports[0]?.length ?? 0;
  const R = reports.length;
  const [source, sink, hub] = [C + R, C + R + 1, C + R + 2];
  const arcs: Arc[] = [
    ...tableArcs(t, { source, sink, col: (j) => j, row: (i) => C + i }),
    { from: sink, to: hub, figure: t.grand },
    ...ch.map((figure) => ({ from: hub, to: source, figure })),
  ];
  const smallestChannel = () => ch.filter((f) => !f.hidden).sort((a, b) => a.value - b.value)[0];
  const safe = protect([() => arcs], (exposed) => {
    const next = ch.includes(exposed) ? smallestChannel() ?? (t.grand.hidden ? undefined : t.grand) ?? nearestTotal(t, exposed) : nearestTotal(t, exposed) ?? smallestChannel();
    // A withheld month total with every channel published would be their sum: one channel goes too.
    if (next === t.grand && ch.every((f) => !f.hidden)) smallestChannel()!.hidden = true;
    return next;
  });
  if (safe) return { t, ch, channelsPublished: true };
  // No breakdown by channel: the table alone, and channels the reader knows nothing of.
  const alone = tableFigures(reports, { totals: 'all' });
  const aloneArcs = [...tableArcs(alone, { source, sink, col: (j) => j, row: (i) => C + i }), { from: sink, to: source, figure: alone.grand }];
  protect([() => aloneArcs], (f) => nearestTotal(alone, f));
  return { t: alone, ch: channels.map((value) => ({ value, lo: 0, hi: Infinity, hidden: true, protect: false, withholdable: false })), channelsPublished: false };
}

/**
 * A measure that counts some of a cell's reports (answered on time, resolved). Its complement (late,
 * unresolved) is a count as well, which a reader gets by subtraction: reports 6, on time 5 is one
 * late report. So the complement is treated as a cell: a measure is withheld (`*`) where it is under
 * 5 or where reports minus it is between 1 and 4. Its month total (the only total it shows, for the
 * share) is published only with the reports' month total, only if the month's complement is not
 * between 1 and 4 either, and only if neither the measure's withheld cells nor the complement's
 * unknown cells could then be worked out (the same cycle search as for the reports, once on the
 * measure and once on the complement). `test/unit/figures-suppression.test.ts` checks it against a
 * solver that enumerates every pair of tables consistent with what is published.
 */
export function suppressLinked(reports: number[][], published: SuppressedTable, measure: number[][]): SuppressedTable {
  const measureHidden = measure.map((row, i) => row.map((m, j): HiddenCell | null => {
    const r = reports[i]![j]!;
    if (m < K) return { lo: 0, hi: K - 1 };
    const late = r - m;
    return late >= 1 && late < K ? { lo: Math.max(0, r - (K - 1)), hi: r - 1 } : null;
  }));
  const table = suppress(measure, { totals: 'grand', hidden: measureHidden });
  if (table.grandTotal === null) return table;
  const grand = published.grandTotal;
  const complementOfMonth = grand === null ? undefined : grand - table.grandTotal;
  if (complementOfMonth === undefined || (complementOfMonth >= 1 && complementOfMonth < K)) return { ...table, grandTotal: null };
  // The complement's cells: known where both the reports and the measure are published, else what the rule lets a reader infer.
  const complement = reports.map((row, i) => row.map((r, j) => r - measure[i]![j]!));
  const complementHidden = complement.map((row, i) => row.map((d, j): HiddenCell | null => {
    const r = reports[i]![j]!;
    if (r < K) return { lo: 0, hi: K - 1 };
    if (!measureHidden[i]![j]) return null;
    if (d >= 1 && d < K) return { lo: 1, hi: K - 1 };
    return { lo: Math.max(0, r - (K - 1)), hi: r };
  }));
  const complementTable = suppress(complement, { totals: 'grand', hidden: complementHidden });
  return complementTable.grandTotal === null ? { ...table, grandTotal: null } : table;
}

/**
 * `GET /statistik.json`: one row per month x regency x category, cells only (no totals); reports
 * under 5 as "<5", the linked measures withheld as "*" (under 5, or under 5 short of the reports).
 */
export function publicRows(months: PublicMonth[]): PublicRow[] {
  const rows: PublicRow[] = [];
  for (const m of months.filter((x) => x.reported)) {
    PUBLIC_REGENCIES.forEach((regency, r) => CATEGORIES.forEach((category, c) => {
      rows.push({
        month: m.month, regency, category,
        reports: m.tables.reports.cells[r]![c]!,
        acknowledgedOnTime: m.tables.acknowledgedOnTime.cells[r]![c]!,
        resolved: m.tables.resolved.cells[r]![c]!,
      });
    }));
  }
  return rows;
}

