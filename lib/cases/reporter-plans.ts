import { type Case, caseEvent } from '../domain/case.js';
import { appendFollowUp, nextBlockNumber, takeFollowUp } from '../conversation/follow-up.js';
import { type Actor, no, ok, type PlanResult } from './plan.js';
import { planReopen } from './plans.js';

/** The reporter's own changes to their case, by SMS (and later other channels): pure plans like the officials'. */

/**
 * The reporter's YA to "is your problem solved?": the case closes. TIDAK reopens it through the
 * same plan as an official's reopen (plans.ts planReopen). Only for a case marked resolved.
 */
export function planReporterAnswer(c: Case, x: Actor, answer: 'yes' | 'no'): PlanResult {
  if (c.status !== 'resolved') return no('not_closed');
  if (answer === 'no') return planReopen(c, x);
  const { nextCheckAt: _due, ...rest } = c;
  return ok({
    case: { ...rest, status: 'closed', updatedAt: x.at },
    events: [caseEvent('reporter_confirmed', x.at, x.actor, { answer: 'solved' })],
  });
}

/**
 * Adds the reporter's text to the case (encrypted with it, see lib/conversation/follow-up.ts) as
 * the next numbered block, and records a `follow_up` event with the length only. A case with no
 * room left records the event with `stored: false` and keeps its text. `length`/`truncated`: the
 * text as the reporter sent it, before the door cut it.
 */
export function planFollowUp(c: Case, x: Actor, text: string, sent: { length: number; truncated: boolean; secondReport: boolean; channel?: 'sms' | 'whatsapp' }): PlanResult {
  const block = nextBlockNumber(c.description);
  const description = appendFollowUp(c.description, { n: block, at: x.at, text });
  const stored = description !== undefined;
  return ok({
    case: { ...c, description: description ?? c.description, updatedAt: x.at },
    events: [caseEvent('follow_up', x.at, x.actor, {
      channel: sent.channel ?? 'sms', length: sent.length, truncated: sent.truncated, stored, block, ...(sent.secondReport ? { askedNewProblem: true } : {}),
    })],
  });
}

/** BARU: follow-up `block` has become the case `to`, so it leaves this one. */
export function planMoveFollowUp(c: Case, x: Actor, block: number, to: string): PlanResult {
  const taken = takeFollowUp(c.description, block);
  if (!taken) return no('unchanged');
  return ok({
    case: { ...c, description: taken.rest, updatedAt: x.at },
    events: [caseEvent('follow_up_moved', x.at, x.actor, { block, to })],
  });
}
