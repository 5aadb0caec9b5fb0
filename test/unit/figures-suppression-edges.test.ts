import { describe, expect, it } from 'vitest';
import { K, SUPPRESSED, suppress } from '../../lib/figures/suppression.js';

/**
 * Small-cell suppression at its edges (figures-suppression.test.ts holds the property against a
 * solver): a total of exactly k is published, and a hidden cell that can move only one way (4 can
 * only shrink, 0 only grow) still counts as movable, so no more totals are withheld than needed.
 */
describe('small-cell suppression at k', () => {
  it(`publishes a cell and every total of exactly ${K}, and withholds all of them at ${K - 1}`, () => {
    expect(suppress([[K]])).toEqual({ cells: [[K]], rowTotals: [K], colTotals: [K], grandTotal: K });
    expect(suppress([[K - 1]])).toEqual({ cells: [[SUPPRESSED]], rowTotals: [null], colTotals: [null], grandTotal: null });
  });

  it('publishes nothing for an empty table', () => {
    expect(suppress([])).toEqual({ cells: [], rowTotals: [], colTotals: [], grandTotal: null });
  });

  it('keeps publishing the grand total while two small cells of a row can trade (4 + 0: 3 + 1 fits too)', () => {
    const shown = { cells: [[SUPPRESSED, SUPPRESSED, 10], [10, 10, 10]], rowTotals: [null, null], colTotals: [null, null, 20], grandTotal: 44 };
    expect(suppress([[4, 0, 10], [10, 10, 10]])).toEqual(shown);
    expect(suppress([[0, 4, 10], [10, 10, 10]])).toEqual(shown);
    expect(suppress([[4, 10], [0, 10], [10, 10]])).toEqual({ cells: [[SUPPRESSED, 10], [SUPPRESSED, 10], [10, 10]], rowTotals: [null, null, 20], colTotals: [null, 30], grandTotal: 44 });
  });

  it('withholds every total touching two small cells that only one sum fits (4 + 4, 0 + 0)', () => {
    const none = { rowTotals: [null, null], colTotals: [null, null, null], grandTotal: null };
    expect(suppress([[4, 4, 10], [10, 10, 10]])).toMatchObject(none);
    expect(suppress([[0, 0, 10], [10, 10, 10]])).toMatchObject(none);
  });

  it('withholds the totals nearest to the small cells and publishes the rest', () => {
    expect(suppress([[3, 4, 10], [10, 10, 10]])).toEqual({ cells: [[SUPPRESSED, SUPPRESSED, 10], [10, 10, 10]], rowTotals: [null, null], colTotals: [null, null, 20], grandTotal: 47 });
    expect(suppress([[3, 10, 10], [10, 3, 10], [10, 10, 10]])).toMatchObject({ rowTotals: [null, null, null], colTotals: [null, null, 30], grandTotal: 76 });
  });
});
