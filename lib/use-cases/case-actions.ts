import type { Case, CaseEvent, CaseEventDetails, Level } from '../domain/case.js';
import type { Category, Urgency } from '../domain/categories.js';
import type { HomeRegency } from '../domain/regions.js';
import { deadlineOf, levelSinceOf, nextCheckAt } from '../domain/sla.js';
import { questionForReporter } from '../messages/official.js';
import { reporterTexts } from '../messages/reporter.js';
import { QUESTION_RELAYED } from '../officials/directory.js';
import type { Metrics, Official, OutboundMessage, ReporterPrefs } from '../ports.js';
import type { Policy } from '../config.js';
import type { Deps } from './deps.js';

/**
 * The operations officials perform on a case, shared by both doors: the SMS commands
 * (handle-official-sms.ts: TERIMA, SELESAI, TANYA) and the console. Each one is a pure plan: given
 * the case as read, the acting official and the time, it returns the next case with its timeline
 * events and outbox messages, or why it does not apply. The door writes the plan conditionally on
 * the version it read, and adds what only that door needs (an SMS reply, a once-key).
 */
export type NotApplied = 'not_open' | 'taken' | 'already_assigned' | 'no_question' | 'reporter_no_sms' | 'not_closed'
  | 'same_level' | 'unchanged' | 'same_case' | 'already_merged';

export interface CasePlan {
  case?: Case;
  events: CaseEvent[];
  messages: OutboundMessage[];
}

export type PlanResult = { applies: true; plan: CasePlan } | { applies: false; reason: NotApplied };

export interface ActionContext {
  official: Official;
  /** The acting official's id as the timeline shows it (`official:<id>`). */
  actor: string;
  at: string;
  now: Date;
  policy: Deps['policy'];
  /** Which door: on every event, so the timeline says how the official acted. */
  via: 'sms' | 'console';
  /** The SMS keyword (TERIMA, SELESAI, TANYA) when the official acted by SMS. */
  command?: string;
}

export const actorOf = (o: Pick<Official, 'id'>) => `official:${o.id}`;
const isOpenStatus = (c: Case) => c.status === 'new' || c.status === 'acknowledged';
const ok = (plan: CasePlan): PlanResult => ({ applies: true, plan });
const no = (reason: NotApplied): PlanResult => ({ applies: false, reason });

/**
 * Take the case (TERIMA): escalation stops at the level that took it and the resolve deadline runs;
 * the reporter is told by the stream (new -> acknowledged). Taking over from someone else is for a
 * higher level only (`outranksAssignee`).
 */
export function planAcknowledge(c: Case, x: ActionContext, outranksAssignee: boolean): PlanResult {
  if (!isOpenStatus(c)) return no('not_open');
  if (c.status === 'acknowledged' && c.assignee === x.official.id) return no('already_assigned');
  const takeover = c.status === 'acknowledged';
  if (takeover && !outranksAssignee) return no('taken');
  const next: Case = {
    ...c, status: 'acknowledged', assignee: x.official.id, level: Math.max(c.level, x.official.level) as Level,
    levelSince: x.at, updatedAt: x.at,
  };
  next.nextCheckAt = nextCheckAt(next, x.policy, x.at, x.now);
  return ok({
    case: next, messages: [],
    events: [{ at: x.at, actor: x.actor, type: 'acknowledged', detail: { ...(x.command ? { command: x.command } : {}), via: x.via, level: next.level, ...(takeover && c.assignee ? { takenFrom: c.assignee } : {}) } }],
  });
}

/** Mark resolved (SELESAI): the stream asks the reporter YA/TIDAK. Only the note's length is kept on the timeline. */
export function planResolve(c: Case, x: ActionContext, outranksAssignee: boolean, noteLength = 0): PlanResult {
  if (!isOpenStatus(c)) return no('not_open');
  if (c.status === 'acknowledged' && c.assignee !== x.official.id && !outranksAssignee) return no('taken');
  const { nextCheckAt: _done, ...rest } = c;
  const next: Case = { ...rest, status: 'resolved', assignee: c.assignee && c.status === 'acknowledged' ? c.assignee : x.official.id, updatedAt: x.at };
  return ok({
    case: next, messages: [],
    events: [{ at: x.at, actor: x.actor, type: 'resolved', detail: { ...(x.command ? { command: x.command } : {}), via: x.via, note: noteLength > 0, noteLength } }],
  });
}

/**
 * Ask the reporter (TANYA, or the console's message): relayed by SMS from the hotline, neutral
 * (reference and question only), never to a reporter who asked for no SMS. The reporter's answer
 * comes back as a follow-up on the case and is relayed to whoever asked.
 */
export function planAskReporter(c: Case, x: ActionContext, question: string, prefs: ReporterPrefs, messageId: string): PlanResult {
  if (!question.trim()) return no('no_question');
  if (c.status === 'closed') return no('not_open');
  if (!c.smsUpdates || prefs.smsStopped) return no('reporter_no_sms');
  const events: CaseEvent[] = [{ at: x.at, actor: x.actor, type: QUESTION_RELAYED, detail: { ...(x.command ? { command: x.command } : {}), via: x.via, official: x.official.id, length: question.length } }];
  const messages: OutboundMessage[] = [{
    id: messageId, audience: 'reporter', to: c.contact, caseId: c.id, purpose: 'question',
    text: questionForReporter(prefs.language ?? c.language, c.reference, question), status: 'pending', attempts: 0, createdAt: x.at,
  }];
  // The reporter's answer is routed to the assignee: a case nobody holds yet gets the asker.
  return ok({ ...(c.assignee ? {} : { case: { ...c, assignee: x.official.id, updatedAt: x.at } }), events, messages });
}

/** Correct what intake got wrong; the queue and the visibility follow the regency, the deadlines the urgency. */
export function planCorrect(c: Case, x: ActionContext, change: { category?: Category; urgency?: Urgency; homeRegency?: HomeRegency }): PlanResult {
  const detail: Omit<CaseEventDetails['corrected'], 'via'> = {};
  for (const field of ['category', 'urgency', 'homeRegency'] as const) {
    const value = change[field];
    if (value !== undefined && value !== c[field]) Object.assign(detail, { [`${field}From`]: c[field], [`${field}To`]: value });
  }
  if (Object.keys(detail).length === 0) return no('unchanged');
  const next: Case = { ...c, ...change, updatedAt: x.at };
  const due = isOpenStatus(next) ? nextCheckAt(next, x.policy, next.levelSince ?? next.createdAt, x.now) : undefined;
  if (due) next.nextCheckAt = due;
  return ok({ case: next, messages: [], events: [{ at: x.at, actor: x.actor, type: 'corrected', detail: { ...detail, via: x.via } }] });
}

/** Hand the case to another level of the ladder: it is new there, with a full deadline of its own. */
export function planHandOver(c: Case, x: ActionContext, to: Level): PlanResult {
  if (!isOpenStatus(c)) return no('not_open');
  if (to === c.level && c.status === 'new') return no('same_level');
  const { assignee: _previous, ...rest } = c;
  const next: Case = { ...rest, level: to, status: 'new', levelSince: x.at, updatedAt: x.at };
  next.nextCheckAt = nextCheckAt(next, x.policy, x.at, x.now);
  return ok({ case: next, messages: [], events: [{ at: x.at, actor: x.actor, type: 'handed_over', detail: { via: x.via, from: c.level, to } }] });
}

export const REFERRAL_TARGETS = [
  'ltsa_placement_protection', 'ltsa_documents_passports', 'ltsa_insurance_legal_aid', 'ltsa_repatriation',
  'province_jatim', 'province_jateng', 'province_jabar', 'province_bali', 'province_ntt', 'province_dki',
] as const;
export type ReferralTarget = (typeof REFERRAL_TARGETS)[number];

/** Refer to an LTSA service or another province's desk: recorded on the timeline; the case stays with us. */
export function planRefer(c: Case, x: ActionContext, to: ReferralTarget): PlanResult {
  if (c.status === 'closed') return no('not_open');
  return ok({ case: { ...c, updatedAt: x.at }, messages: [], events: [{ at: x.at, actor: x.actor, type: 'referred', detail: { via: x.via, to } }] });
}

/** Reopen a resolved or closed case: back to whoever had it, with fresh deadlines; the stream tells the reporter. */
export function planReopen(c: Case, x: ActionContext): PlanResult {
  if (c.status === 'new' || c.status === 'acknowledged' || c.mergedInto) return no('not_closed');
  const status = c.assignee ? 'acknowledged' as const : 'new' as const;
  const next: Case = { ...c, status, levelSince: x.at, updatedAt: x.at };
  const due = nextCheckAt(next, x.policy, x.at, x.now);
  if (due) next.nextCheckAt = due;
  return ok({ case: next, messages: [], events: [{ at: x.at, actor: x.actor, type: 'reopened', detail: { via: x.via, from: c.status, to: status } }] });
}

/**
 * Merge a duplicate into another case: the duplicate is closed and points at the other (both
 * references keep working), and its reporter is told which reference to use.
 */
export function planMerge(duplicate: Case, into: Case, x: ActionContext, prefs: ReporterPrefs): PlanResult {
  if (duplicate.id === into.id) return no('same_case');
  if (duplicate.mergedInto || into.mergedInto) return no('already_merged');
  const { nextCheckAt: _done, ...rest } = duplicate;
  const next: Case = { ...rest, status: 'closed', mergedInto: into.reference, updatedAt: x.at };
  const messages: OutboundMessage[] = duplicate.smsUpdates && !prefs.smsStopped ? [{
    id: `merged.${duplicate.id}`, audience: 'reporter', to: duplicate.contact, caseId: duplicate.id, purpose: 'merged',
    text: reporterTexts.merged(prefs.language ?? duplicate.language, { reference: duplicate.reference, into: into.reference }),
    status: 'pending', attempts: 0, createdAt: x.at,
  }] : [];
  return ok({ case: next, messages, events: [{ at: x.at, actor: x.actor, type: 'merged', detail: { via: x.via, into: into.reference } }] });
}

/**
 * After a take has been written, by either door: a case taken while new counts as acknowledged
 * within the deadline of the level that had it, or late. What operators alarm on; counted once,
 * by the door whose write took the case.
 */
export function countAcknowledgement(metrics: Metrics | undefined, before: Case, policy: Policy, now: Date): void {
  if (!metrics || before.status !== 'new') return;
  const deadline = deadlineOf(before, policy, levelSinceOf(before));
  metrics.count(deadline && now > deadline ? 'AcknowledgedLate' : 'AcknowledgedInTime');
}
