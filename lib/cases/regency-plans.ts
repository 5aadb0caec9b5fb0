import { type Actor, ok, type PlanResult } from './plan.js';
import { withRegencyFromReporter } from '../domain/places/report-places.js';

// Apart from reporter-plans.ts: this plan reads places (the reader and its gazetteer), which the SMS
// and WhatsApp doors load only for a follow-up's text, not at every cold start (handle-inbound-sms.ts).

/**
 * Issue 20: while a conversational case's regency is unknown, a reporter's message that names it, or
 * answers "Asal kabupaten/kota?" by name, short form or number (lib/domain/places), sets it in the
 * same write as the message, and alerts that regency's office as for a new case, as the console's
 * correction does (planCorrect: only while nobody has taken the case).
 */
export function withRegencyFromMessage(planned: PlanResult, text: string, x: Actor): PlanResult {
  if (!planned.applies || !planned.plan.case) return planned;
  const before = planned.plan.case;
  const read = withRegencyFromReporter(before, text, x.at);
  if (!read) return planned;
  const { plan } = planned;
  return ok({
    ...plan,
    case: read.case,
    events: [...plan.events, read.event],
    alerts: [...plan.alerts, ...(read.case.status === 'new' ? [{ level: read.case.level, reason: 'rerouted' as const, round: `v${before.version + 1}` }] : [])],
  });
}
