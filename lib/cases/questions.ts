import { type Case, eventsOf } from '../domain/case.js';
import type { Official } from '../domain/official.js';
import { QUESTION_RELAYED } from '../officials/directory.js';
import type { Directory } from '../officials/port.js';
import type { CaseStore } from './port.js';
import type { ReporterPrefs } from '../domain/reporter.js';
import type { RateCounter } from '../rate-counter.js';
import type { ActionContext, PlanResult } from './plan.js';
import { planAskReporter } from './plans.js';

const HOUR_SECONDS = 3600;

/**
 * A question to the reporter from any door (TANYA by SMS, the console's message form): the plan,
 * with this case's questions in the hour counted (before the write, atomically, so parallel
 * submissions cannot overshoot) once the question would be sent: the bound
 * (QUESTIONS_PER_CASE_PER_HOUR) is one for all doors and officials together.
 */
export async function decideQuestion(
  deps: { counters: RateCounter },
  c: Case, x: ActionContext, question: string, prefs: ReporterPrefs, messageId: string,
): Promise<PlanResult> {
  const plan = planAskReporter(c, x, question, prefs, messageId);
  if (!plan.applies) return plan;
  // A question already submitted (a double click, a re-posted form, a gateway redelivery: the same
  // message id) is not counted again; its write finds its once-key taken and sends nothing.
  const again = await deps.counters.countHit('question-ids', messageId, HOUR_SECONDS, x.now) > 1;
  const asked = again
    ? await deps.counters.peekCount('case-questions', c.id, HOUR_SECONDS, x.now)
    : await deps.counters.countHit('case-questions', c.id, HOUR_SECONDS, x.now);
  return planAskReporter(c, x, question, prefs, messageId, asked);
}

/**
 * The official a reporter's reply should reach: whoever last asked a question by TANYA, else the
 * official who acknowledged the case. Inactive officials are skipped (the reply then has no
 * official to go to, and the caller falls back to its own handling).
 */
export async function officialToRelayTo(
  store: Pick<CaseStore, 'timeline'> & Pick<Directory, 'listOfficials'>,
  c: Pick<Case, 'id' | 'assignee'>,
): Promise<Official | undefined> {
  const [timeline, officials] = await Promise.all([store.timeline(c.id), store.listOfficials()]);
  const id = eventsOf(timeline, QUESTION_RELAYED).at(-1)?.detail.official ?? c.assignee;
  return officials.find((o) => o.id === id && o.active);
}
