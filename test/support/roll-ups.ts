import { rollUpCounts } from '../../lib/figures/contribution.js';
import type { CellCounts } from '../../lib/figures/port.js';

/** The month x regency roll-ups the figures consumer keeps beside these finest cells (what `rollUps` reads back). */
export function rollUpsOf(finest: CellCounts[]): CellCounts[] {
  const byKey = new Map<string, CellCounts>();
  for (const { cell, counts } of finest) {
    if (cell.kind !== 'month') continue;
    const key = `${cell.month}|${cell.regency}`;
    const into = byKey.get(key) ?? { cell: { kind: 'regency', month: cell.month, regency: cell.regency }, counts: {} };
    for (const [k, v] of Object.entries(rollUpCounts(counts, cell.category, cell.channel))) into.counts[k] = (into.counts[k] ?? 0) + v;
    byKey.set(key, into);
  }
  return [...byKey.values()];
}
