import type { Case } from '../../domain/case.js';
import type { Official } from '../../domain/official.js';
import { normaliseReference } from '../../domain/reference.js';
import { deadlineOf } from '../../domain/sla.js';
import { canSee } from '../../domain/visibility.js';
import type { ConsoleDeps } from './deps.js';
import type { QueueRowView } from './queue.js';

/** A found case: a queue row, and the case it was merged into when it was. */
export interface FoundCase extends QueueRowView {
  mergedInto?: string;
}

export type SearchOutcome =
  | { kind: 'reference' | 'phone'; rows: FoundCase[] }
  /** Neither a reference nor a phone number: the page says what to type. */
  | { kind: 'unreadable' };

/** The cases of one number the search lists at most (a number files few cases; newest first). */
export const PHONE_SEARCH_LIMIT = 20;

/**
 * The queue's search box: a family calls with a reference, or only with their number. A reference
 * (sloppy as STATUS takes it: `abc234`) finds that case, a phone number the cases it reported,
 * whatever their status: closed and merged ones too. Only cases the official may see are listed;
 * one they may not see is left out as on its page (and the attempt logged as denied). Finding cases
 * by a number tells the official that the number reported them: each found case is access-logged
 * as a view of the contact.
 */
export async function searchCases(
  deps: Pick<ConsoleDeps, 'cases' | 'casePages' | 'accessLog' | 'clock' | 'policy'>,
  official: Official,
  query: string,
  parsePhone: (text: string) => string | undefined,
): Promise<SearchOutcome> {
  const q = query.trim();
  const at = deps.clock.now().toISOString();
  const reference = /\d{5,}/.test(q.replace(/\D/g, '')) ? undefined : normaliseReference(q);
  if (reference) {
    const file = await deps.casePages.caseFile(reference);
    if (!file) return { kind: 'reference', rows: [] };
    if (!canSee(official, file.case)) {
      await deps.accessLog.append({ at, officialId: official.id, action: 'denied', reference: file.case.reference, fields: [] });
      return { kind: 'reference', rows: [] };
    }
    return { kind: 'reference', rows: [row(file.case, deps.policy, deps.clock.now())] };
  }
  const phone = parsePhone(q);
  if (!phone) return { kind: 'unreadable' };
  const found = await deps.cases.findCasesByContact(phone, PHONE_SEARCH_LIMIT);
  const visible = found.filter((c) => canSee(official, c));
  await Promise.all([
    ...visible.map((c) => deps.accessLog.append({ at, officialId: official.id, action: 'viewed', reference: c.reference, fields: ['contact'] })),
    ...found.filter((c) => !canSee(official, c)).map((c) => deps.accessLog.append({ at, officialId: official.id, action: 'denied', reference: c.reference, fields: [] })),
  ]);
  return { kind: 'phone', rows: visible.map((c) => row(c, deps.policy, deps.clock.now())) };
}

function row(c: Case, policy: ConsoleDeps['policy'], now: Date): FoundCase {
  const levelSince = c.levelSince ?? c.createdAt;
  const deadline = deadlineOf(c, policy, levelSince)?.toISOString();
  return {
    id: c.id, reference: c.reference, category: c.category, urgency: c.urgency, status: c.status, level: c.level,
    homeRegency: c.homeRegency, country: c.country, channel: c.channel, ...(c.assignee ? { assignee: c.assignee } : {}),
    levelSince, createdAt: c.createdAt, sortKey: '', ...(deadline ? { deadline } : {}),
    overdue: deadline !== undefined && deadline < now.toISOString(), ...(c.mergedInto ? { mergedInto: c.mergedInto } : {}),
  };
}
