import type { Case } from '../domain/case.js';
import { normaliseReference } from '../domain/reference.js';
import { RateLimitedError } from '../domain/errors.js';
import type { Reporter } from './reporters-port.js';
import type { Deps } from './deps.js';

export type StatusAnswer =
  | { found: false }
  | {
      found: true;
      case: Case;
      lastUpdate: string;
      /** The phone's case was merged as a duplicate: the case now handling it (its reference, status and last update only). */
      mergedInto?: { reference: string; status: Case['status'] };
    };

/** Merges of merges are followed this far (a duplicate merged into a case later merged itself). */
const MERGE_HOPS = 3;

/**
 * A reporter asks about a reference. Only the phone that reported sees anything; a stranger gets
 * exactly the answer for an unknown reference, so references cannot be used to read cases.
 * Lookups are counted per phone (found or not) so references cannot be guessed either.
 *
 * The reporter's item (read and counted in one request, or handed over by the SMS conversation that
 * already did) lists the phone's own references, so the phone's case is one read away.
 */
export async function checkStatus(
  deps: Pick<Deps, 'cases' | 'reporters' | 'clock' | 'policy'>,
  query: { phone: string; reference: string; reporter?: Reporter; /** A retried request with this id counts once. */ gatewayId?: string },
): Promise<StatusAnswer> {
  const reporter = query.reporter ?? await deps.reporters.touch(query.phone, deps.clock.now(), {
    counters: ['statusLookups'], wrote: true, ...(query.gatewayId ? { gatewayId: query.gatewayId } : {}),
  });
  if (reporter.counts.statusLookups > deps.policy.limits.statusLookupsPerHour) throw new RateLimitedError('status');
  const reference = normaliseReference(query.reference);
  if (!reference) return { found: false };
  const ownId = reporter.casesByReference[reference];
  // Not among the phone's references: an older case filed before the reporter item listed them, or someone else's.
  const c = ownId ? await deps.cases.getCase(ownId) : await deps.cases.getCaseByReference(reference, { contact: query.phone });
  if (!c || c.contact !== query.phone) return { found: false };
  if (!c.mergedInto) return { found: true, case: c, lastUpdate: c.updatedAt };
  // Merged into another report, perhaps filed by someone else (a family member): the phone that
  // reported the duplicate is told how the case handling its problem stands, nothing more of it.
  let into = c;
  for (let hop = 0; hop < MERGE_HOPS && into.mergedInto; hop++) {
    const next = await deps.cases.getCaseByReference(into.mergedInto);
    if (!next) break;
    into = next;
  }
  if (into === c) return { found: true, case: c, lastUpdate: c.updatedAt };
  return { found: true, case: c, lastUpdate: into.updatedAt, mergedInto: { reference: into.reference, status: into.status } };
}
