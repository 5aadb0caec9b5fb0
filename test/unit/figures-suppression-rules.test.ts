import { describe, expect, it, vi } from 'vitest';
import { type Arc, type Figure, isPinned, K, nearestTotal, protect, SUPPRESSED, suppress, tableFigures } from '../../lib/figures/suppression.js';

/**
 * The pieces of small-cell suppression that decide what /statistik publishes, each at its rule:
 * which total is withheld first (the nearest, so the rest stays published), that only figures under
 * K are protected (a total of exactly K may be worked out), and when a hidden figure counts as pinned
 * (worked out by subtraction) or movable. figures-suppression.test.ts holds the whole against a solver.
 */

const small = (value: number): Figure => ({ value, lo: 0, hi: K - 1, hidden: true, protect: true, withholdable: false });
const withheldTotal = (value: number): Figure => ({ value, lo: 0, hi: Infinity, hidden: true, protect: false, withholdable: true });
const publishedTotal = (value: number): Figure => ({ value, lo: 0, hi: Infinity, hidden: false, protect: false, withholdable: true });

/** A two-node cycle: `f` from a to b and a withheld total back, so `f` can trade with it. */
const cycle = (f: Figure, a: number, b: number): Arc[] => [{ from: a, to: b, figure: f }, { from: b, to: a, figure: withheldTotal(10) }];
/** `f` between two nodes whose only other link is a published total: the total gives `f` away. */
const givenAway = (f: Figure, a: number, b: number, total = publishedTotal(10)): Arc[] => [{ from: a, to: b, figure: f }, { from: b, to: a, figure: total }];

describe('which total is withheld first for an exposed figure', () => {
  it('is the small cell\'s row total, then its column total, then the first still published of all totals', () => {
    const t = tableFigures([[2, 9, 9], [9, 9, 9], [9, 9, 9]]);
    const cell = t.cells[0]![0]!;
    expect(nearestTotal(t, cell)).toBe(t.rowTotals[0]);
    t.rowTotals[0]!.hidden = true;
    expect(nearestTotal(t, cell)).toBe(t.colTotals[0]);
    t.colTotals[0]!.hidden = true;
    expect(nearestTotal(t, cell)).toBe(t.rowTotals[1]);
    // A cell in another row and column: its own row's total first.
    expect(nearestTotal(t, t.cells[2]![1]!)).toBe(t.rowTotals[2]);
  });

  it('is another row total for a row total, then the grand total, before any column total', () => {
    const t = tableFigures([[2, 1, 1], [9, 9, 9], [9, 9, 9]]);
    expect(t.rowTotals[0]).toMatchObject({ value: 4, hidden: true, protect: true });
    expect(nearestTotal(t, t.rowTotals[0]!)).toBe(t.rowTotals[1]);
    t.rowTotals[1]!.hidden = true;
    t.rowTotals[2]!.hidden = true;
    expect(nearestTotal(t, t.rowTotals[0]!)).toBe(t.grand);
  });

  it('is another column total for a column total, then the grand total, before any row total', () => {
    const t = tableFigures([[2, 9, 9], [1, 9, 9], [1, 9, 9]]);
    expect(t.colTotals[0]).toMatchObject({ value: 4, hidden: true, protect: true });
    expect(nearestTotal(t, t.colTotals[0]!)).toBe(t.colTotals[1]);
    t.colTotals[1]!.hidden = true;
    t.colTotals[2]!.hidden = true;
    expect(nearestTotal(t, t.colTotals[0]!)).toBe(t.grand);
  });

  it('keeps the totals that give nothing away published: the small cells\' row totals go, the column totals stay', () => {
    expect(suppress([[3, 4], [2, 2]])).toEqual({ cells: [[SUPPRESSED, SUPPRESSED], [SUPPRESSED, SUPPRESSED]], rowTotals: [null, null], colTotals: [5, 6], grandTotal: 11 });
    expect(suppress([[1, 4], [2, 3]])).toEqual({ cells: [[SUPPRESSED, SUPPRESSED], [SUPPRESSED, SUPPRESSED]], rowTotals: [5, 5], colTotals: [null, null], grandTotal: 10 });
  });
});

describe(`a total of exactly ${K}`, () => {
  it('is not protected, so it is published even where the other totals give it away', () => {
    const t = tableFigures([[K - 2, 2]]);
    expect(t.rowTotals[0]).toMatchObject({ value: K, hidden: false, protect: false });
    // Column total 3 + 2 = 5 and the grand total 15 minus 10 give it away: 5 is not a small number.
    expect(suppress([[K, 3], [K, 2]])).toEqual({ cells: [[K, SUPPRESSED], [K, SUPPRESSED]], rowTotals: [null, null], colTotals: [2 * K, null], grandTotal: 3 * K });
  });
});

describe('a hidden figure is pinned', () => {
  it('when a published total gives it away, and not while it can trade with a withheld one', () => {
    const f = small(2);
    expect(isPinned(f, givenAway(f, 0, 1))).toBe(true);
    expect(isPinned(f, cycle(f, 0, 1))).toBe(false);
  });

  it('not when it can move only one way: a small cell of 0 can only grow, one of 4 only shrink', () => {
    for (const v of [0, K - 1]) {
      const f = small(v);
      expect(isPinned(f, cycle(f, 0, 1)), `cell ${v}`).toBe(false);
    }
  });

  it('only by its own arcs: other figures that can move do not free it, and one arc of it that can move does', () => {
    const f = small(2);
    const others = cycle(small(3), 2, 3);
    expect(isPinned(f, [...givenAway(f, 0, 1), ...others])).toBe(true);
    // The same figure in two networks (two views of one table): movable in one, so not pinned.
    expect(isPinned(f, [...cycle(f, 0, 1), ...givenAway(f, 2, 3)])).toBe(false);
    expect(isPinned(f, [...givenAway(f, 0, 1), ...cycle(f, 2, 3)])).toBe(false);
  });

  it('always when it is published: the reader knows it exactly', () => {
    const total = publishedTotal(10);
    expect(isPinned(total, givenAway(small(2), 0, 1, total))).toBe(true);
  });
});

describe('protecting the hidden figures across views', () => {
  it('withholds nothing more for a figure that can move in any one view, whichever view or stretch of a view it is', () => {
    const f = small(2);
    const pick = vi.fn(() => undefined);
    expect(protect([() => givenAway(f, 0, 1), () => cycle(f, 2, 3)], pick)).toBe(true);
    expect(protect([() => cycle(f, 0, 1), () => givenAway(f, 2, 3)], pick)).toBe(true);
    expect(protect([() => [...cycle(f, 0, 1), ...givenAway(f, 2, 3)]], pick)).toBe(true);
    expect(protect([() => [...givenAway(f, 0, 1), ...cycle(f, 2, 3)]], pick)).toBe(true);
    expect(pick).not.toHaveBeenCalled();
  });

  it('withholds the picked figure for one pinned in every view, and fails when nothing is left to withhold', () => {
    const f = small(2);
    const total = publishedTotal(10);
    expect(protect([() => givenAway(f, 0, 1, total)], () => (total.hidden ? undefined : total))).toBe(true);
    expect(total.hidden).toBe(true);
    expect(protect([() => givenAway(small(2), 0, 1)], () => undefined)).toBe(false);
  });
});
