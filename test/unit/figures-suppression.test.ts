import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { suppress, SUPPRESSED, WITHHELD, type SuppressedTable } from '../../lib/figures/suppression.js';
import { suppressLinked, suppressMonth, type ChannelTable } from '../../lib/figures/public.js';

/**
 * Independent check by brute force: every table of non-negative integers that agrees with what was
 * published ("<5" cells anywhere in 0..4, published numbers and totals exactly). A hidden value under
 * 5 is safe when these tables do not all agree on it.
 */
function valuesConsistentWith(published: SuppressedTable): { cells: Map<string, Set<number>>; totals: Map<string, Set<number>> } {
  const R = published.cells.length;
  const C = published.cells[0]!.length;
  const cells = new Map<string, Set<number>>();
  const totals = new Map<string, Set<number>>();
  const grid: number[][] = published.cells.map((r) => r.map((v) => (typeof v === 'number' ? v : 0)));
  const hidden: Array<[number, number]> = [];
  published.cells.forEach((r, i) => r.forEach((v, j) => { if (v === SUPPRESSED) hidden.push([i, j]); }));
  const rowSum = (i: number) => grid[i]!.reduce((a, b) => a + b, 0);
  const colSum = (j: number) => grid.reduce((a, r) => a + r[j]!, 0);
  const note = (map: Map<string, Set<number>>, key: string, v: number) => { const s = map.get(key) ?? new Set(); s.add(v); map.set(key, s); };

  const visit = (k: number) => {
    // A row whose cells are all assigned must match its published total.
    if (k > 0) {
      const [i] = hidden[k - 1]!;
      const rowDone = k === hidden.length || hidden[k]![0] !== i;
      if (rowDone && published.rowTotals[i] !== null && rowSum(i) !== published.rowTotals[i]) return;
    }
    if (k === hidden.length) {
      for (let i = 0; i < R; i++) if (published.rowTotals[i] !== null && rowSum(i) !== published.rowTotals[i]) return;
      for (let j = 0; j < C; j++) if (published.colTotals[j] !== null && colSum(j) !== published.colTotals[j]) return;
      const grand = grid.flat().reduce((a, b) => a + b, 0);
      if (published.grandTotal !== null && grand !== published.grandTotal) return;
      for (const [i, j] of hidden) note(cells, `${i},${j}`, grid[i]![j]!);
      for (let i = 0; i < R; i++) note(totals, `r${i}`, rowSum(i));
      for (let j = 0; j < C; j++) note(totals, `c${j}`, colSum(j));
      note(totals, 'g', grand);
      return;
    }
    const [i, j] = hidden[k]!;
    for (let v = 0; v < 5; v++) { grid[i]![j] = v; visit(k + 1); }
    grid[i]![j] = 0;
  };
  visit(0);
  return { cells, totals };
}

const table = fc.integer({ min: 1, max: 3 }).chain((rows) => fc.integer({ min: 1, max: 3 }).chain((cols) =>
  fc.array(fc.array(fc.oneof(fc.integer({ min: 0, max: 4 }), fc.integer({ min: 5, max: 14 })), { minLength: cols, maxLength: cols }), { minLength: rows, maxLength: rows })));

describe('small-cell suppression', () => {
  it('never shows a cell or a total under 5', () => {
    fc.assert(fc.property(table, (values) => {
      const out = suppress(values);
      for (const v of out.cells.flat()) expect(v === SUPPRESSED || (typeof v === 'number' && v >= 5)).toBe(true);
      for (const t of [...out.rowTotals, ...out.colTotals, out.grandTotal]) expect(t === null || t >= 5).toBe(true);
    }), { numRuns: 300 });
  });

  it('leaves no hidden cell (or hidden total under 5) that the published totals determine', () => {
    fc.assert(fc.property(table, (values) => {
      const out = suppress(values);
      const { cells, totals } = valuesConsistentWith(out);
      values.forEach((r, i) => r.forEach((v, j) => {
        if (v < 5) {
          expect(cells.get(`${i},${j}`)?.has(v), 'the true table is among the candidates').toBe(true);
          expect(cells.get(`${i},${j}`)!.size, `cell ${i},${j} of ${JSON.stringify(values)}`).toBeGreaterThan(1);
        }
      }));
      const rowTotals = values.map((r) => r.reduce((a, b) => a + b, 0));
      rowTotals.forEach((t, i) => { if (t < 5) expect(totals.get(`r${i}`)!.size).toBeGreaterThan(1); });
    }), { numRuns: 300 });
  });

  it('withholds the totals that would give away the one small cell by subtraction', () => {
    const out = suppress([[3, 10], [12, 20]]);
    expect(out.cells).toEqual([[SUPPRESSED, 10], [12, 20]]);
    expect(out.rowTotals[0]).toBeNull();
    expect(out.colTotals[0]).toBeNull();
    // With both of those gone, grand total minus the other row total would still give 13 - 10 = 3.
    expect([out.rowTotals[1], out.colTotals[1], out.grandTotal].filter((t) => t === null).length).toBeGreaterThanOrEqual(1);
  });

  it('with only the grand total on offer, publishes it unless it would pin the small cells', () => {
    fc.assert(fc.property(table, (values) => {
      const out = suppress(values, { totals: 'grand' });
      expect(out.rowTotals.every((t) => t === null) && out.colTotals.every((t) => t === null)).toBe(true);
      const { cells } = valuesConsistentWith(out);
      values.forEach((r, i) => r.forEach((v, j) => { if (v < 5) expect(cells.get(`${i},${j}`)!.size).toBeGreaterThan(1); }));
    }), { numRuns: 200 });
    // Column 1 is all published (30): with 33 the small column 0 would be 3 by subtraction, so 33 is withheld.
    expect(suppress([[2, 10], [1, 20]], { totals: 'grand' }).grandTotal).toBeNull();
    expect(suppress([[2, 10], [1, 20], [3, 0]], { totals: 'grand' }).grandTotal).toBe(36);
    expect(suppress([[0, 10], [0, 20]], { totals: 'grand' }).grandTotal).toBeNull();
  });

  it('publishes every total when no cell is small', () => {
    expect(suppress([[5, 6], [7, 8]])).toEqual({ cells: [[5, 6], [7, 8]], rowTotals: [11, 15], colTotals: [12, 14], grandTotal: 26 });
  });
});

/**
 * The reader as a solver of the linked tables: every pair (reports, measure) of non-negative integer
 * tables with measure <= reports cell by cell that agrees with everything published: the reports'
 * cells ("<5": 0..4) and totals, the measure's cells ("*": under 5, or under 5 short of the reports)
 * and its month total. It tries every subtraction there is (measure from reports in a cell, cells
 * from totals, one total from another) because it enumerates every table they allow. Returns, per
 * cell, the values each of reports, measure and complement (reports - measure) can take, and those of
 * the month's complement.
 */
function linkedCandidates(reports: SuppressedTable, measure: SuppressedTable) {
  const R = reports.cells.length;
  const C = reports.cells[0]!.length;
  const seen = { r: new Map<string, Set<number>>(), m: new Map<string, Set<number>>(), d: new Map<string, Set<number>>(), grandD: new Set<number>() };
  const note = (map: Map<string, Set<number>>, key: string, v: number) => { const s = map.get(key) ?? new Set(); s.add(v); map.set(key, s); };
  const cells = Array.from({ length: R * C }, (_, k) => [Math.floor(k / C), k % C] as const);
  const reportGrid = reports.cells.map((row) => row.map((v) => (typeof v === 'number' ? v : 0)));
  const hiddenReports = cells.filter(([i, j]) => reports.cells[i]![j] === SUPPRESSED);
  const measureOptions = (i: number, j: number, r: number): number[] => {
    const shown = measure.cells[i]![j]!;
    if (typeof shown === 'number') return shown <= r ? [shown] : [];
    // Withheld: under 5, or 1..4 short of the reports.
    return Array.from({ length: r + 1 }, (_, m) => m).filter((m) => m < 5 || (r - m >= 1 && r - m <= 4));
  };
  const visitReports = (k: number) => {
    if (k < hiddenReports.length) {
      const [i, j] = hiddenReports[k]!;
      for (let v = 0; v < 5; v++) { reportGrid[i]![j] = v; visitReports(k + 1); }
      return;
    }
    const rowSum = (i: number) => reportGrid[i]!.reduce((a, b) => a + b, 0);
    const colSum = (j: number) => reportGrid.reduce((a, row) => a + row[j]!, 0);
    for (let i = 0; i < R; i++) if (reports.rowTotals[i] !== null && rowSum(i) !== reports.rowTotals[i]) return;
    for (let j = 0; j < C; j++) if (reports.colTotals[j] !== null && colSum(j) !== reports.colTotals[j]) return;
    const grandR = reportGrid.flat().reduce((a, b) => a + b, 0);
    if (reports.grandTotal !== null && grandR !== reports.grandTotal) return;
    // The measure: cells independent but for its month total; which sums the other cells can make decides each cell.
    const options = cells.map(([i, j]) => measureOptions(i, j, reportGrid[i]![j]!));
    if (options.some((o) => o.length === 0)) return;
    const reach: Set<number>[] = [new Set([0])];
    for (const o of options) reach.push(new Set([...reach.at(-1)!].flatMap((s) => o.map((m) => s + m))));
    const back: Set<number>[] = Array.from({ length: options.length + 1 }, () => new Set<number>());
    back[options.length] = new Set(measure.grandTotal === null ? [...reach.at(-1)!] : [measure.grandTotal]);
    for (let k = options.length - 1; k >= 0; k--) {
      for (const target of back[k + 1]!) for (const m of options[k]!) if (reach[k]!.has(target - m)) back[k]!.add(target - m);
    }
    if (back[0]!.size === 0 || !back[0]!.has(0)) return;
    cells.forEach(([i, j], k) => {
      const r = reportGrid[i]![j]!;
      for (const m of options[k]!) {
        // m is possible in cell k when some prefix sum before it and a continuation after it reach a valid month total.
        if ([...back[k]!].some((before) => reach[k]!.has(before) && back[k + 1]!.has(before + m))) {
          note(seen.r, `${i},${j}`, r); note(seen.m, `${i},${j}`, m); note(seen.d, `${i},${j}`, r - m);
        }
      }
    });
    for (const total of back[options.length]!) if (reach[options.length]!.has(total)) seen.grandD.add(grandR - total);
  };
  visitReports(0);
  return seen;
}

const small = (v: number) => v >= 1 && v <= 4;

// Linked tables: reports and a measure counting some of them (answered on time, resolved), the
// measure often equal to the reports or one to four short of them, where subtraction bites.
const linked = fc.integer({ min: 1, max: 2 }).chain((rows) => fc.integer({ min: 1, max: 3 }).chain((cols) =>
  fc.array(fc.array(fc.tuple(fc.oneof(fc.integer({ min: 0, max: 4 }), fc.integer({ min: 5, max: 12 })), fc.integer({ min: 0, max: 12 })), { minLength: cols, maxLength: cols }), { minLength: rows, maxLength: rows })
    .map((grid) => ({ reports: grid.map((row) => row.map(([r]) => r)), measure: grid.map((row) => row.map(([r, short]) => Math.max(0, r - (short % 7)))) }))));

describe('linked measures (answered on time, resolved) against a solver that tries every subtraction', () => {
  it('withholds the measure where reports minus it is 1 to 4: reports 6, on time 5 shows no 5', () => {
    const reports = suppress([[6, 9]]);
    const onTime = suppressLinked([[6, 9]], reports, [[5, 9]]);
    expect(onTime.cells).toEqual([[WITHHELD, 9]]);
    // With the month total (15 of 14) the one late report would be back by subtraction: withheld too.
    expect(onTime.grandTotal).toBeNull();
    expect(suppressLinked([[6, 9]], reports, [[6, 9]]).cells).toEqual([[6, 9]]);
  });

  it('leaves no withheld measure, no hidden report and no complement of 1 to 4 that the published figures determine', () => {
    fc.assert(fc.property(linked, ({ reports, measure }) => {
      const publishedReports = suppress(reports, { totals: 'all' });
      const publishedMeasure = suppressLinked(reports, publishedReports, measure);
      for (const v of publishedMeasure.cells.flat()) expect(v === WITHHELD || (typeof v === 'number' && v >= 5)).toBe(true);
      const seen = linkedCandidates(publishedReports, publishedMeasure);
      const where = JSON.stringify({ reports, measure, publishedReports, publishedMeasure });
      reports.forEach((row, i) => row.forEach((r, j) => {
        const m = measure[i]![j]!;
        const key = `${i},${j}`;
        expect(seen.m.get(key)?.has(m), `the true table is a candidate: ${where}`).toBe(true);
        if (r < 5) expect(seen.r.get(key)!.size, `reports ${key}: ${where}`).toBeGreaterThan(1);
        if (m < 5) expect(seen.m.get(key)!.size, `measure ${key}: ${where}`).toBeGreaterThan(1);
        if (small(r - m)) expect(seen.d.get(key)!.size, `complement ${key}: ${where}`).toBeGreaterThan(1);
      }));
      const grandD = reports.flat().reduce((a, b) => a + b, 0) - measure.flat().reduce((a, b) => a + b, 0);
      if (small(grandD)) expect(seen.grandD.size, `month complement: ${where}`).toBeGreaterThan(1);
    }), { numRuns: 300 });
  });

  it('publishes the month total of a measure when it gives nothing away, so the share can be shown', () => {
    const reports = [[20, 9], [9, 30]];
    const measure = [[20, 2], [1, 30]];
    const publishedReports = suppress(reports, { totals: 'all' });
    // Two withheld cells that can trade with each other: the month total pins neither.
    expect(suppressLinked(reports, publishedReports, measure)).toMatchObject({ cells: [[20, WITHHELD], [WITHHELD, 30]], grandTotal: 53 });
    // One withheld cell alone would be the month total minus the rest: withheld.
    expect(suppressLinked([[20, 9]], suppress([[20, 9]]), [[20, 2]]).grandTotal).toBeNull();
  });
});

/**
 * The reader as a solver of a month's two report tables: regency x category with its totals, and
 * reports per channel, which share the month total. Every table of non-negative integers agreeing
 * with the first ("<5": 0..4, published numbers and totals exactly), combined with every split of its
 * month total over the channels that agrees with the second ("<5": 0..4, "*": 5 or more, numbers
 * exactly). Returns the values each hidden figure can take across all of them.
 */
function monthCandidates(reports: SuppressedTable, channels: ChannelTable) {
  const R = reports.cells.length;
  const C = reports.cells[0]!.length;
  const seen = { cells: new Map<string, Set<number>>(), channels: new Map<number, Set<number>>(), totals: new Map<string, Set<number>>() };
  const note = <K>(map: Map<K, Set<number>>, key: K, v: number) => { const s = map.get(key) ?? new Set(); s.add(v); map.set(key, s); };
  const grid = reports.cells.map((r) => r.map((v) => (typeof v === 'number' ? v : 0)));
  const hidden: Array<[number, number]> = [];
  reports.cells.forEach((r, i) => r.forEach((v, j) => { if (v === SUPPRESSED) hidden.push([i, j]); }));
  const visit = (k: number) => {
    if (k < hidden.length) {
      const [i, j] = hidden[k]!;
      for (let v = 0; v < 5; v++) { grid[i]![j] = v; visit(k + 1); }
      return;
    }
    const rowSum = (i: number) => grid[i]!.reduce((a, b) => a + b, 0);
    const colSum = (j: number) => grid.reduce((a, r) => a + r[j]!, 0);
    for (let i = 0; i < R; i++) if (reports.rowTotals[i] !== null && rowSum(i) !== reports.rowTotals[i]) return;
    for (let j = 0; j < C; j++) if (reports.colTotals[j] !== null && colSum(j) !== reports.colTotals[j]) return;
    const grand = grid.flat().reduce((a, b) => a + b, 0);
    if (reports.grandTotal !== null && grand !== reports.grandTotal) return;
    // The channels split the same month total: which values each can take, the others making up the rest.
    // A month whose breakdown is not published tells the reader nothing of any channel: each is 0..total.
    const options = !channels.published
      ? channels.cells.map(() => Array.from({ length: grand + 1 }, (_, x) => x))
      : channels.cells.map((v) => (typeof v === 'number' ? [v] : v === SUPPRESSED ? [0, 1, 2, 3, 4] : Array.from({ length: Math.max(0, grand - 4) }, (_, x) => x + 5)));
    const reach: Set<number>[] = [new Set([0])];
    for (const o of options) reach.push(new Set([...reach.at(-1)!].flatMap((s) => o.map((m) => s + m)).filter((s) => s <= grand)));
    if (!reach.at(-1)!.has(grand)) return;
    const back: Set<number>[] = Array.from({ length: options.length + 1 }, () => new Set<number>());
    back[options.length] = new Set([grand]);
    for (let k2 = options.length - 1; k2 >= 0; k2--) for (const target of back[k2 + 1]!) for (const m of options[k2]!) if (reach[k2]!.has(target - m)) back[k2]!.add(target - m);
    channels.cells.forEach((_, c) => {
      for (const m of options[c]!) if ([...back[c]!].some((before) => reach[c]!.has(before) && back[c + 1]!.has(before + m))) note(seen.channels, c, m);
    });
    for (const [i, j] of hidden) note(seen.cells, `${i},${j}`, grid[i]![j]!);
    for (let i = 0; i < R; i++) note(seen.totals, `r${i}`, rowSum(i));
    for (let j = 0; j < C; j++) note(seen.totals, `c${j}`, colSum(j));
    note(seen.totals, 'g', grand);
  };
  visit(0);
  return seen;
}

// A month: a small regency x category table, and its reports split over four channels.
const month = table.chain((values) => {
  const grand = values.flat().reduce((a, b) => a + b, 0);
  return fc.array(fc.integer({ min: 0, max: grand }), { minLength: 3, maxLength: 3 }).map((cuts) => {
    const bounds = [0, ...cuts.sort((a, b) => a - b), grand];
    return { values, channels: bounds.slice(1).map((b, k) => b - bounds[k]!) };
  });
});

describe('the channel table beside the regency x category table, against a solver of both', () => {
  it('leaves no small cell, small total or small channel that the two tables together determine', () => {
    fc.assert(fc.property(month, ({ values, channels }) => {
      const out = suppressMonth(values, channels);
      // Unpublished, the page shows no channel figure at all (every cell withheld).
      if (!out.channels.published) expect(out.channels.cells.every((v) => v === WITHHELD)).toBe(true);
      for (const v of out.channels.cells) expect(v === SUPPRESSED || v === WITHHELD || (typeof v === 'number' && v >= 5)).toBe(true);
      expect(out.channels.total).toBe(out.reports.grandTotal);
      const seen = monthCandidates(out.reports, out.channels);
      const where = JSON.stringify({ values, channels, out });
      values.forEach((r, i) => r.forEach((v, j) => {
        if (v < 5) {
          expect(seen.cells.get(`${i},${j}`)?.has(v), `the true table is a candidate: ${where}`).toBe(true);
          expect(seen.cells.get(`${i},${j}`)!.size, `cell ${i},${j}: ${where}`).toBeGreaterThan(1);
        }
      }));
      channels.forEach((v, c) => { if (v < 5) expect(seen.channels.get(c)?.size ?? 0, `channel ${c}: ${where}`).toBeGreaterThan(1); });
      values.forEach((r, i) => { if (r.reduce((a, b) => a + b, 0) < 5) expect(seen.totals.get(`r${i}`)!.size, `row ${i}: ${where}`).toBeGreaterThan(1); });
      const grand = values.flat().reduce((a, b) => a + b, 0);
      if (grand < 5) expect(seen.totals.get('g')!.size, `month total: ${where}`).toBeGreaterThan(1);
    }), { numRuns: 300 });
  });

  it('withholds a second channel where the month total minus the others would give the small one away', () => {
    // 32 reports: SMS 20, web 12, none by USSD or WhatsApp. With 20 and 12 published, both zeros would follow.
    const out = suppressMonth([[20, 12]], [20, 0, 12, 0]);
    expect(out.reports.grandTotal).toBe(32);
    expect(out.channels.cells).toEqual([20, SUPPRESSED, WITHHELD, SUPPRESSED]);
    // Without the breakdown by channel, the same table publishes the same figures.
    expect(out.reports).toEqual(suppress([[20, 12]], { totals: 'all' }));
  });

  it('would have leaked with the channels published as they are: the solver finds the zero', () => {
    const reports = suppress([[20, 12]], { totals: 'all' });
    const naive: ChannelTable = { cells: [20, SUPPRESSED, 12, SUPPRESSED], total: 32, published: true };
    expect(monthCandidates(reports, naive).channels.get(1)).toEqual(new Set([0]));
  });
});
