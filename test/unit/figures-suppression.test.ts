import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { suppress, SUPPRESSED, type SuppressedTable } from '../../lib/figures/suppression.js';

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
  const grid: number[][] = published.cells.map((r) => r.map((v) => (v === SUPPRESSED ? 0 : v)));
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
      for (const v of out.cells.flat()) expect(v === SUPPRESSED || v >= 5).toBe(true);
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
