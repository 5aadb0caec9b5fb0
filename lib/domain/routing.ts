import type { Case, Level } from './case.js';
import type { Official } from './official.js';

/**
 * Who is alerted about a case at a level of the ladder (1 regency office, 2 province desk, 3 BP3MI).
 * Level 1 goes to the home regency's officials; the province desk is added when the regency is
 * unknown or outside NTB (nobody at level 1 can own it), when the case is urgent, or when the regency
 * has no active official. Officials with a category list only get those categories.
 */
export function recipientsFor(c: Pick<Case, 'homeRegency' | 'category' | 'urgency'>, level: Level, officials: Official[]): Official[] {
  const active = officials.filter((o) => o.active && (!o.categories?.length || o.categories.includes(c.category)));
  const atLevel = (l: Level) => active.filter((o) => o.level === l && (l > 1 || o.regencies.includes(c.homeRegency)));
  if (level > 1) {
    const found = atLevel(level);
    // A missing BP3MI contact must not silence the escalation: fall back to the province desk.
    return found.length ? found : level === 3 ? atLevel(2) : [];
  }
  const regency = atLevel(1);
  const needsProvince = regency.length === 0 || c.urgency === 'urgent';
  return needsProvince ? [...regency, ...atLevel(2)] : regency;
}

/** Whether an official may act on a case: regency officials on their regencies, higher levels on all. */
export function covers(official: Official, c: Pick<Case, 'homeRegency' | 'category'>): boolean {
  if (!official.active) return false;
  if (official.categories?.length && !official.categories.includes(c.category)) return false;
  return official.level > 1 || official.regencies.includes(c.homeRegency);
}
