import type { Case, CaseEvent } from '../domain/case.js';
import { normaliseReference } from '../domain/reference.js';
import { RateLimitedError } from '../domain/errors.js';
import type { Deps } from './deps.js';

export type StatusAnswer =
  | { found: false }
  | { found: true; case: Case; lastUpdate: string; lastEvent?: CaseEvent };

/**
 * A reporter asks about a reference. Only the phone that reported sees anything; a stranger gets
 * exactly the answer for an unknown reference, so references cannot be used to read cases.
 * Lookups are counted per phone (found or not) so references cannot be guessed either.
 */
export async function checkStatus(deps: Pick<Deps, 'cases' | 'reporters' | 'clock' | 'policy'>, query: { phone: string; reference: string }): Promise<StatusAnswer> {
  const hits = await deps.reporters.countHit('status', query.phone, 3600, deps.clock.now());
  if (hits > deps.policy.limits.statusLookupsPerHour) throw new RateLimitedError('status');
  const reference = normaliseReference(query.reference);
  if (!reference) return { found: false };
  const c = await deps.cases.getCaseByReference(reference);
  if (!c || c.contact !== query.phone) return { found: false };
  const timeline = await deps.cases.timeline(c.id);
  const lastEvent = timeline.at(-1);
  return { found: true, case: c, lastUpdate: c.updatedAt, ...(lastEvent ? { lastEvent } : {}) };
}
