import type { Case } from './case.js';

/**
 * The facts figures are made of, kept on the case itself so that every figure is a function of the
 * case item alone (a recount from the cases gives the same numbers as the stream's running totals).
 * Every use case that changes a case passes the change through here: it compares before and after,
 * so no door (SMS, USSD, console) can forget to record an acknowledgement or an escalation.
 */
export function withMilestones(before: Case, next: Case, at: string): Case {
  const out: Case = { ...next };
  const wasOpen = before.status === 'new' || before.status === 'acknowledged';
  // First response: an acknowledgement, or a resolution straight from `new`.
  if (before.status === 'new' && next.status !== 'new' && !before.acknowledgedAt) out.acknowledgedAt = at;
  // An escalation moves the case up without anyone taking it (taking it may raise the level too).
  if (next.level > before.level && next.status === before.status) out.escalations = (before.escalations ?? 0) + 1;
  if (wasOpen && next.status === 'resolved') out.resolvedAt = at;
  // Closed by the reporter's YA; a merge closes a duplicate too, which confirms nothing.
  if (before.status === 'resolved' && next.status === 'closed' && !next.mergedInto) out.confirmedAt = at;
  if (before.status === 'resolved' && (next.status === 'new' || next.status === 'acknowledged')) {
    out.reopenings = (before.reopenings ?? 0) + 1;
    delete out.resolvedAt;
  }
  return out;
}
