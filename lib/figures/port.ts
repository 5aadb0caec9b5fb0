import type { CaseFacts, Cell, Contribution, Counts } from './contribution.js';

export interface CellCounts {
  cell: Cell;
  counts: Counts;
}

/** The figures aggregate as the use cases see it (DynamoDB adapter: lib/adapters/dynamo/figures-store.ts). */
export interface FiguresPort {
  /** Moves the counters from the case's stored contribution to `next`; 'stale' when a newer version was applied already. */
  applyCase(facts: CaseFacts, next: Contribution): Promise<'applied' | 'stale'>;
  /** The finest cells of a month (CSV export). */
  monthCells(month: string): Promise<CellCounts[]>;
  /** The month x regency roll-ups of the months `from` to `to` (YYYY-MM, inclusive): public page, dashboard. */
  rollUps(from: string, to: string): Promise<CellCounts[]>;
  openCells(): Promise<CellCounts[]>;
  casesOfMonth(month: string): Promise<CaseFacts[]>;
  /** Replaces the counters of these months, and the open-by-day counters, outright (rebuild): cells not given are deleted. */
  replaceFigures(months: string[], cells: Contribution, contributions: Array<{ facts: CaseFacts; contribution: Contribution }>): Promise<void>;
}
