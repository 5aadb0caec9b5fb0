import type { Case } from './case.js';
import type { Official } from './official.js';

/**
 * Who sees which case in the console. A regency officer (level 1) sees the cases of their regencies
 * and those handed to them; the province desk (level 2) and BP3MI (level 3) see every case the NTB
 * hotline holds. An official limited to some categories (a trafficking desk) sees only those,
 * unless the case was handed to them.
 */
export function canSee(official: Official, c: Pick<Case, 'homeRegency' | 'category' | 'assignee'>): boolean {
  if (!official.active || official.locked) return false;
  if (c.assignee === official.id) return true;
  if (official.categories?.length && !official.categories.includes(c.category)) return false;
  return official.level > 1 || official.regencies.includes(c.homeRegency);
}

/** The reporter's number: only for the official who took the case (as the SMS INFO command does). */
export function canSeeContact(official: Official, c: Pick<Case, 'assignee' | 'status'>): boolean {
  return c.assignee === official.id && c.status !== 'new';
}

/** The access log: the province desk and BP3MI (UU 27/2022 accountability). */
export function canReadAccessLog(official: Official): boolean {
  return official.level >= 2;
}
