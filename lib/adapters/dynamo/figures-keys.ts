import type { Case } from '../../domain/case.js';
import { cellFromId, monthOf, type Cell, type FigureRegency } from '../../figures/contribution.js';
import { TABLE } from './table-definition.js';

/**
 * Every key of the figures aggregate (counters, per-case contributions, the cases-by-month index,
 * agent links). Kept in one place so that the store's `keys` module can take them in as they are.
 */
export const figuresKeys = {
  monthCells: (month: string) => `FIG#${month}`,
  openCells: 'FIGOPEN',
  caseContribution: (caseId: string) => ({ pk: `FIGCASE#${caseId}`, sk: 'FIGCASE' }),
  casesOfMonth: (month: string) => `CASEMONTH#${month}`,
  agent: (agentHash: string) => `AGENT#${agentHash}`,
  agentCase: (caseId: string) => `CASE#${caseId}`,
  agentState: 'STATE',
} as const;

export function cellKey(cellIdOrCell: string | Cell): { pk: string; sk: string } {
  const cell = typeof cellIdOrCell === 'string' ? cellFromId(cellIdOrCell) : cellIdOrCell;
  if (cell.kind === 'open') return { pk: figuresKeys.openCells, sk: `${cell.day}#${cell.regency}` };
  return { pk: figuresKeys.monthCells(cell.month), sk: `${cell.regency}#${cell.category}#${cell.channel}#L${cell.level}` };
}

export function cellFromKey(pk: string, sk: string): Cell {
  if (pk === figuresKeys.openCells) {
    const [day, regency] = sk.split('#');
    return { kind: 'open', day: day!, regency: regency as FigureRegency };
  }
  const [regency, category, channel, level] = sk.split('#');
  return cellFromId(`M|${pk.slice(4)}|${regency}|${category}|${channel}|${level!.slice(1)}`);
}

/** The case item's entry in the cases-by-month index. */
export function caseMonthIndexKeys(c: Pick<Case, 'createdAt' | 'id'>): Record<string, string> {
  return {
    [TABLE.byMonthIndex.partitionKey]: figuresKeys.casesOfMonth(monthOf(c.createdAt)),
    [TABLE.byMonthIndex.sortKey]: `${c.createdAt}#${c.id}`,
  };
}
