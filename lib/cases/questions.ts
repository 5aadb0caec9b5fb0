import type { Case } from '../domain/case.js';
import type { Reporters, ReporterPrefs } from '../ports.js';
import type { ActionContext, PlanResult } from './plan.js';
import { planAskReporter } from './plans.js';

const HOUR_SECONDS = 3600;

/**
 * A question to the reporter from any door (TANYA by SMS, the console's message form): the plan,
 * with this case's questions in the hour counted once the question would be sent, so the bound
 * (QUESTIONS_PER_CASE_PER_HOUR) is one for all doors and officials together.
 */
export async function decideQuestion(
  deps: { reporters: Pick<Reporters, 'countHit'> },
  c: Case, x: ActionContext, question: string, prefs: ReporterPrefs, messageId: string,
): Promise<PlanResult> {
  const plan = planAskReporter(c, x, question, prefs, messageId);
  if (!plan.applies) return plan;
  const asked = await deps.reporters.countHit('case-questions', c.id, HOUR_SECONDS, x.now);
  return planAskReporter(c, x, question, prefs, messageId, asked);
}
