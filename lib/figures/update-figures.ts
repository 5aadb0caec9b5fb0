import type { Policy } from '../config.js';
import { contribution, monthOf, sumContributions, type CaseFacts, type Contribution } from './contribution.js';
import type { FiguresPort } from './port.js';

export interface FiguresDeps {
  figures: FiguresPort;
  policy: Policy;
}

/**
 * A case created or changed moves the figures, by its non-personal facts alone. A deleted case
 * (end of retention) keeps counting: statistics outlive the personal data they came from.
 */
export async function updateFigures(deps: FiguresDeps, facts: CaseFacts): Promise<'applied' | 'stale'> {
  return deps.figures.applyCase(facts, contribution(facts, deps.policy));
}

/** Months from `from` to `to` inclusive, YYYY-MM. */
export function monthsBetween(from: string, to: string): string[] {
  const out: string[] = [];
  let [y, m] = from.split('-').map(Number) as [number, number];
  const [ty, tm] = to.split('-').map(Number) as [number, number];
  while (y < ty || (y === ty && m <= tm)) {
    out.push(`${y}-${String(m).padStart(2, '0')}`);
    if (++m > 12) { m = 1; y++; }
  }
  return out;
}

/**
 * Recounts the figures from the cases, month by month through the cases-by-month index (a Query per
 * month, never a Scan), and replaces the counters and per-case contributions. Run while the stream
 * consumer is paused (or on a quiet table): a case changed during the rebuild is counted as read.
 */
export async function rebuildFigures(deps: FiguresDeps, from: string, to: string): Promise<{ months: number; cases: number }> {
  const months = monthsBetween(from, to);
  const perCase: Array<{ facts: CaseFacts; contribution: Contribution }> = [];
  for (const month of months) {
    for (const facts of await deps.figures.casesOfMonth(month)) perCase.push({ facts, contribution: contribution(facts, deps.policy) });
  }
  const cells = sumContributions(perCase.map((p) => p.contribution));
  await deps.figures.replaceFigures(months, cells, perCase);
  return { months: months.length, cases: perCase.length };
}

export { monthOf };
