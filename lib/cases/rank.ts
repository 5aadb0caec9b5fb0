import type { Case } from '../domain/case.js';
import type { Official } from '../domain/official.js';

/**
 * How the acting official stands to whoever holds the case (its assignee). One rule for every
 * action, from every door: work a higher level has taken is not undone from below. Taking over
 * (TERIMA, SELESAI on someone else's case) needs a strictly higher level; any other change (hand
 * over, merge away, correct, refer, reopen) is refused only to an official below the holder.
 * A holder who is gone from the directory or disabled holds nothing.
 */
export type Rank = 'unheld' | 'holder' | 'above' | 'same' | 'below';

export function rankOf(official: Pick<Official, 'id' | 'level'>, c: Pick<Case, 'assignee'>, officials: readonly Official[]): Rank {
  if (!c.assignee) return 'unheld';
  if (c.assignee === official.id) return 'holder';
  const holder = officials.find((o) => o.id === c.assignee);
  if (!holder || !holder.active) return 'unheld';
  return official.level > holder.level ? 'above' : official.level === holder.level ? 'same' : 'below';
}

/** May take the case over from its holder (or take an unheld one). */
export const mayTakeOver = (rank: Rank) => rank === 'unheld' || rank === 'above';
/** May change a case without taking it: anyone not below its holder. */
export const mayChange = (rank: Rank) => rank !== 'below';

/** The rank, reading the directory only when someone else holds the case. */
export async function rankIn(directory: { listOfficials(): Promise<Official[]> }, official: Pick<Official, 'id' | 'level'>, c: Pick<Case, 'assignee'>): Promise<Rank> {
  if (!c.assignee) return 'unheld';
  if (c.assignee === official.id) return 'holder';
  return rankOf(official, c, await directory.listOfficials());
}
