import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { decideMonth, shownMonth, type ChannelTable, type MonthFigures } from '../../lib/figures/public.js';
import { monthsOfQuarter, publicQuarter, quarterOf, type QuarterTable } from '../../lib/figures/quarters.js';
import { SUPPRESSED, WITHHELD, type Shown, type SuppressedTable } from '../../lib/figures/suppression.js';

/** A small month's published tables and the figures its suppression decided on (what publicQuarter builds on). */
function monthOf(values: number[][], channels: number[]): { shown: { reports: SuppressedTable; channels: ChannelTable }; figures: MonthFigures } {
  const figures = decideMonth(values, channels);
  return { shown: shownMonth(figures), figures };
}

type Range = (v: number) => boolean;
const rangeOf = (s: Shown | null, lo5 = true): Range => (typeof s === 'number' ? (v) => v === s : s === SUPPRESSED ? (v) => v >= 0 && v <= 4 : s === WITHHELD && lo5 ? (v) => v >= 5 : () => true);

/**
 * The reader as a solver of a quarter: every set of monthly tables (regency x category with totals,
 * channels) agreeing with what each month published, whose sums agree with what the quarter
 * published. Returns the values each hidden figure can take across all of them.
 */
function quarterCandidates(months: Array<{ reports: SuppressedTable; channels: ChannelTable }>, q: QuarterTable) {
  const note = (map: Map<string, Set<number>>, key: string, v: number) => { const s = map.get(key) ?? new Set(); s.add(v); map.set(key, s); };
  const seen = new Map<string, Set<number>>();
  type Assignment = { grid: number[][]; ch: number[]; sig: number[] };
  const perMonth: Assignment[][] = months.map(({ reports, channels }) => {
    const R = reports.cells.length;
    const C = reports.cells[0]!.length;
    const out: Assignment[] = [];
    const grid = reports.cells.map((r) => r.map((v) => (typeof v === 'number' ? v : 0)));
    const hidden: Array<[number, number]> = [];
    reports.cells.forEach((r, i) => r.forEach((v, j) => { if (v === SUPPRESSED) hidden.push([i, j]); }));
    const visit = (k: number) => {
      if (k < hidden.length) { const [i, j] = hidden[k]!; for (let v = 0; v < 5; v++) { grid[i]![j] = v; visit(k + 1); } return; }
      const rows = grid.map((r) => r.reduce((a, b) => a + b, 0));
      const cols = Array.from({ length: C }, (_, j) => grid.reduce((a, r) => a + r[j]!, 0));
      const g = rows.reduce((a, b) => a + b, 0);
      if (rows.some((t, i) => reports.rowTotals[i] !== null && t !== reports.rowTotals[i])) return;
      if (cols.some((t, j) => reports.colTotals[j] !== null && t !== reports.colTotals[j])) return;
      if (reports.grandTotal !== null && g !== reports.grandTotal) return;
      // Every split of the month total over the channels that agrees with the channel table.
      const split = (k: number, left: number, acc: number[]) => {
        if (k === channels.cells.length - 1) {
          if ((channels.published ? rangeOf(channels.cells[k]!) : () => true)(left)) out.push({ grid: grid.map((r) => [...r]), ch: [...acc, left], sig: [...rows, ...cols, ...acc, left, g] });
          return;
        }
        for (let v = 0; v <= left; v++) if ((channels.published ? rangeOf(channels.cells[k]!) : () => true)(v)) split(k + 1, left - v, [...acc, v]);
      };
      split(0, g, []);
      void R;
    };
    visit(0);
    return out;
  });
  const R = months[0]!.reports.cells.length;
  const C = months[0]!.reports.cells[0]!.length;
  const K = months[0]!.channels.cells.length;
  // A hidden quarter figure ("*") may be anything: under 5 and withheld share the marker.
  const quarterRanges: Range[] = [...q.byRegency, ...q.byCategory, ...q.byChannel, q.reports].map((s) => (q.published ? rangeOf(s, false) : () => true));
  const sumsOf = (lists: Assignment[][]): number[][] => {
    let sums: number[][] = [new Array(R + C + K + 1).fill(0)];
    for (const list of lists) {
      const next = new Map<string, number[]>();
      for (const s of sums) for (const a of list) { const v = s.map((x, i) => x + a.sig[i]!); next.set(v.join(','), v); }
      sums = [...next.values()];
    }
    return sums;
  };
  perMonth.forEach((list, m) => {
    const others = sumsOf(perMonth.filter((_, j) => j !== m));
    const bySig = new Map<string, Assignment[]>();
    for (const a of list) { const key = a.sig.join(','); bySig.set(key, [...(bySig.get(key) ?? []), a]); }
    for (const group of bySig.values()) {
      const sig = group[0]!.sig;
      let ok = false;
      for (const o of others) {
        const total = sig.map((x, i) => x + o[i]!);
        if (total.every((v, i) => quarterRanges[i]!(v))) { ok = true; total.forEach((v, i) => note(seen, `q${i}`, v)); }
      }
      if (!ok) continue;
      for (const a of group) {
        a.grid.forEach((r, i) => r.forEach((v, j) => note(seen, `${m}:c${i},${j}`, v)));
        a.sig.forEach((v, i) => note(seen, `${m}:s${i}`, v));
      }
    }
  });
  return seen;
}

const smallTable = fc.integer({ min: 1, max: 2 }).chain((rows) => fc.integer({ min: 1, max: 2 }).chain((cols) =>
  fc.array(fc.array(fc.oneof(fc.integer({ min: 0, max: 4 }), fc.integer({ min: 5, max: 8 })), { minLength: cols, maxLength: cols }), { minLength: rows, maxLength: rows })));
const quarterArb = smallTable.chain((first) => {
  const R = first.length;
  const C = first[0]!.length;
  const table = fc.array(fc.array(fc.oneof(fc.integer({ min: 0, max: 4 }), fc.integer({ min: 5, max: 8 })), { minLength: C, maxLength: C }), { minLength: R, maxLength: R });
  return fc.tuple(fc.constant(first), table, table).chain((tables) => fc.tuple(...tables.map((values) => {
    const grand = values.flat().reduce((a, b) => a + b, 0);
    return fc.integer({ min: 0, max: grand }).map((cut) => ({ values, channels: [cut, grand - cut] }));
  })));
});

describe('quarter tables beside the monthly ones, against a solver of all of them', () => {
  it('leave no small figure of a month or of the quarter that the months and the quarter together determine', { timeout: 120_000 }, () => {
    fc.assert(fc.property(quarterArb, (input) => {
      const months = input.map(({ values, channels }) => monthOf(values, channels));
      const q = publicQuarter('2026-Q3', months.map((m) => m.figures));
      for (const v of [...q.byCategory, ...q.byRegency, ...q.byChannel, q.reports]) expect(v === WITHHELD || (typeof v === 'number' && v >= 5)).toBe(true);
      const seen = quarterCandidates(months.map((m) => m.shown), q);
      const where = JSON.stringify({ input, q });
      input.forEach(({ values, channels }, m) => {
        const R = values.length;
        const C = values[0]!.length;
        values.forEach((r, i) => r.forEach((v, j) => {
          if (v >= 5) return;
          expect(seen.get(`${m}:c${i},${j}`)?.has(v), `the true tables are candidates: ${where}`).toBe(true);
          expect(seen.get(`${m}:c${i},${j}`)!.size, `month ${m} cell ${i},${j}: ${where}`).toBeGreaterThan(1);
        }));
        const sig = [...values.map((r) => r.reduce((a, b) => a + b, 0)), ...Array.from({ length: C }, (_, j) => values.reduce((a, r) => a + r[j]!, 0)), ...channels, values.flat().reduce((a, b) => a + b, 0)];
        sig.forEach((v, i) => { if (v < 5) expect(seen.get(`${m}:s${i}`)!.size, `month ${m} figure ${i} (rows ${R}, columns ${C}, channels, total): ${where}`).toBeGreaterThan(1); });
      });
      const R = input[0]!.values.length;
      const C = input[0]!.values[0]!.length;
      const quarterTrue = [
        ...Array.from({ length: R }, (_, i) => input.reduce((a, m) => a + m.values[i]!.reduce((x, y) => x + y, 0), 0)),
        ...Array.from({ length: C }, (_, j) => input.reduce((a, m) => a + m.values.reduce((x, r) => x + r[j]!, 0), 0)),
        ...[0, 1].map((k) => input.reduce((a, m) => a + m.channels[k]!, 0)),
        input.reduce((a, m) => a + m.values.flat().reduce((x, y) => x + y, 0), 0),
      ];
      quarterTrue.forEach((v, i) => { if (v < 5) expect(seen.get(`q${i}`)!.size, `quarter figure ${i}: ${where}`).toBeGreaterThan(1); });
    }), { numRuns: 60 });
  });

  it('publish a quiet quarter by category, regency and channel where its months show only "<5"', () => {
    // Three months of 4 reports each: every monthly figure under 5, the quarter's 12 in two regencies and two categories.
    const months = [0, 1, 2].map(() => monthOf([[1, 1], [1, 1]], [2, 2]));
    for (const m of months) expect(m.shown.reports).toMatchObject({ cells: [[SUPPRESSED, SUPPRESSED], [SUPPRESSED, SUPPRESSED]], grandTotal: null });
    expect(publicQuarter('2026-Q3', months.map((m) => m.figures))).toEqual({
      quarter: '2026-Q3', byRegency: [6, 6], byCategory: [6, 6], byChannel: [6, 6], reports: 12, published: true,
    });
  });

  it('withhold a quarter figure that the quarter total minus the others would give away', () => {
    // Regency 1 has 3 reports in the quarter: with 9 and the total 12 published, it would be 3.
    const months = [0, 1, 2].map(() => monthOf([[2, 1], [1, 0]], [2, 2]));
    const q = publicQuarter('2026-Q3', months.map((m) => m.figures));
    expect(q.byRegency[1]).toBe(WITHHELD);
    expect([q.byRegency[0], q.reports]).toContain(WITHHELD);
  });

  it('name quarters and their months', () => {
    expect(quarterOf('2026-07')).toBe('2026-Q3');
    expect(quarterOf('2026-12')).toBe('2026-Q4');
    expect(monthsOfQuarter('2026-Q1')).toEqual(['2026-01', '2026-02', '2026-03']);
  });
});
