import { type Case, type CaseEvent, type CaseEventDetails, caseEvent, isDataRequest, type Level, unsettledCategoryRead } from '../domain/case.js';
import type { Category, Urgency } from '../domain/categories.js';
import type { HomeRegency } from '../domain/regions.js';
import { channelDetail, reporterChannel } from '../domain/channels.js';
import { deadlineOf, levelSinceOf, nextCheckAt } from '../domain/sla.js';
import { questionForReporter } from '../messages/official.js';
import { reporterTexts } from '../messages/reporter.js';
import { QUESTION_RELAYED } from '../officials/directory.js';
import type { OutboundMessage } from '../domain/message.js';
import type { ReporterPrefs } from '../domain/reporter.js';
import type { Metrics } from '../metrics.js';
import type { Policy } from '../config.js';
import { type ActionContext, type Actor, isOpenStatus, no, ok, type PlanResult } from './plan.js';
import { mayChange, mayTakeOver, type Rank } from './rank.js';
import type { CaseNote } from './port.js';

/**
 * The operations officials perform on a case, the same from every door (SMS commands TERIMA,
 * SELESAI, TANYA; the console's forms): pure plans over the case as read. `rank` is how the acting
 * official stands to the case's holder (rank.ts): work a higher level took is not undone from below.
 */

/**
 * Take the case (TERIMA): escalation stops at the level that took it and the resolve deadline runs;
 * the reporter is told by the stream (new -> acknowledged). Taking over from someone else is for a
 * higher level only.
 */
export function planAcknowledge(c: Case, x: ActionContext, rank: Rank): PlanResult {
  if (!isOpenStatus(c)) return no('not_open');
  if (c.status === 'acknowledged' && c.assignee === x.official.id) return no('already_assigned');
  const takeover = c.status === 'acknowledged';
  if (takeover && !mayTakeOver(rank)) return no('taken');
  const next: Case = {
    ...c, status: 'acknowledged', assignee: x.official.id, level: Math.max(c.level, x.official.level) as Level,
    levelSince: x.at, updatedAt: x.at,
  };
  next.nextCheckAt = nextCheckAt(next, x.policy, x.at, x.now);
  return ok({
    case: next,
    events: [{ at: x.at, actor: x.actor, type: 'acknowledged', detail: { ...(x.command ? { command: x.command } : {}), via: x.via, level: next.level, ...(takeover && c.assignee ? { takenFrom: c.assignee } : {}) } }],
  });
}

/**
 * Mark resolved (SELESAI): the stream asks the reporter YA/TIDAK. Only the note's length is kept on
 * the timeline; `outcome` (the console's "apa yang sudah dilakukan") is kept as an official's note,
 * sealed, written with the change.
 */
export function planResolve(c: Case, x: ActionContext, rank: Rank, noteLength = 0, outcome?: string): PlanResult {
  // A data request is decided (data-request-plans.ts), never resolved, corrected, referred, reopened or merged.
  if (isDataRequest(c)) return no('data_request');
  if (!isOpenStatus(c)) return no('not_open');
  if (c.status === 'acknowledged' && rank !== 'holder' && !mayTakeOver(rank)) return no('taken');
  const { nextCheckAt: _done, ...rest } = c;
  const next: Case = { ...rest, status: 'resolved', assignee: c.assignee && c.status === 'acknowledged' ? c.assignee : x.official.id, updatedAt: x.at };
  return ok({
    case: next,
    events: [{ at: x.at, actor: x.actor, type: 'resolved', detail: { ...(x.command ? { command: x.command } : {}), via: x.via, note: noteLength > 0, noteLength } }],
    ...(outcome ? { notes: [{ at: x.at, officialId: x.official.id, text: outcome }] } : {}),
  });
}

/**
 * Messages to one case's reporter per hour, by TANYA and the console's form together: each is an
 * SMS the employer may read on the worker's phone, so a flood must not reach it.
 */
export const QUESTIONS_PER_CASE_PER_HOUR = 3;

/**
 * Ask the reporter (TANYA, or the console's message): relayed by SMS from the hotline, neutral
 * (reference and question only), never to a reporter who asked for no SMS. The reporter's answer
 * comes back as a follow-up on the case and is relayed to whoever asked. `asked`: questions to this
 * case in the hour, this one included (the door counts them).
 */
export function planAskReporter(c: Case, x: ActionContext, question: string, prefs: ReporterPrefs, messageId: string, asked = 1): PlanResult {
  if (!question.trim()) return no('no_question');
  // A request's number writes to its complaints' conversation, never to the request (handle-inbound-sms.ts):
  // an answer would not come back to the asker. The request is decided in the console.
  if (isDataRequest(c)) return no('data_request');
  if (c.status === 'closed') return no('not_open');
  // An erased case has no number left to write to.
  if (!c.smsUpdates || prefs.smsStopped || c.erased) return no('reporter_no_sms');
  if (asked > QUESTIONS_PER_CASE_PER_HOUR) return no('too_many_questions');
  const events: CaseEvent[] = [{ at: x.at, actor: x.actor, type: QUESTION_RELAYED, detail: { ...(x.command ? { command: x.command } : {}), via: x.via, official: x.official.id, length: question.length, ...channelDetail(reporterChannel(prefs)) } }];
  const messages: OutboundMessage[] = [{
    id: messageId, audience: 'reporter', to: c.contact, caseId: c.id, purpose: 'question',
    text: questionForReporter(prefs.language ?? c.language, c.reference, question), status: 'pending', attempts: 0, createdAt: x.at,
  }];
  // The reporter's answer is routed to the assignee: a case nobody holds yet gets the asker. The
  // question's text is kept sealed with the case, so its page reads as one conversation.
  const notes: CaseNote[] = [{ at: x.at, officialId: x.official.id, text: question, kind: 'question' }];
  return ok({ ...(c.assignee ? {} : { case: { ...c, assignee: x.official.id, updatedAt: x.at } }), events, messages, notes });
}

/**
 * Correct what intake got wrong; the queue and the visibility follow the regency, the deadlines the
 * urgency. A new case moved to another regency alerts that regency's office as for a new case.
 */
export function planCorrect(c: Case, x: ActionContext, rank: Rank, change: { category?: Category; urgency?: Urgency; homeRegency?: HomeRegency }): PlanResult {
  // A data request is decided (data-request-plans.ts), never resolved, corrected, referred, reopened or merged.
  if (isDataRequest(c)) return no('data_request');

  if (!mayChange(rank)) return no('taken');
  const detail: Omit<CaseEventDetails['corrected'], 'via'> = {};
  for (const field of ['category', 'urgency', 'homeRegency'] as const) {
    const value = change[field];
    if (value !== undefined && value !== c[field]) Object.assign(detail, { [`${field}From`]: c[field], [`${field}To`]: value });
  }
  if (Object.keys(detail).length === 0) return no('unchanged');
  const next: Case = { ...c, ...change, updatedAt: x.at };
  // A category read from the text and now corrected is settled: no longer shown as "dibaca dari teks".
  if (detail.categoryTo && c.categoryRead && !c.categoryRead.settled) next.categoryRead = { ...c.categoryRead, settled: { how: 'corrected', by: x.official.id, at: x.at } };
  const due = isOpenStatus(next) ? nextCheckAt(next, x.policy, next.levelSince ?? next.createdAt, x.now) : undefined;
  if (due) next.nextCheckAt = due;
  const rerouted = next.homeRegency !== c.homeRegency && next.status === 'new';
  return ok({
    case: next,
    events: [{ at: x.at, actor: x.actor, type: 'corrected', detail: { ...detail, via: x.via } }],
    alerts: rerouted ? [{ level: next.level, reason: 'rerouted', round: `v${c.version + 1}`, except: [x.official.id] }] : [],
  });
}

/**
 * The category read from the reporter's words is right (the console's "Kategori benar"): the reading
 * is settled and shown no more; the timeline says who confirmed which category.
 */
export function planConfirmCategory(c: Case, x: ActionContext, rank: Rank): PlanResult {
  if (!unsettledCategoryRead(c)) return no('unchanged');
  if (!mayChange(rank)) return no('taken');
  return ok({
    case: { ...c, categoryRead: { ...c.categoryRead!, settled: { how: 'confirmed', by: x.official.id, at: x.at } }, updatedAt: x.at },
    events: [caseEvent('category_confirmed', x.at, x.actor, { via: x.via, category: c.category })],
  });
}

/** Hand the case to another level of the ladder: it is new there, with a full deadline of its own, and that level is alerted. */
export function planHandOver(c: Case, x: ActionContext, rank: Rank, to: Level): PlanResult {
  if (!isOpenStatus(c)) return no('not_open');
  if (!mayChange(rank)) return no('taken');
  if (to === c.level && c.status === 'new') return no('same_level');
  const { assignee: _previous, ...rest } = c;
  const next: Case = { ...rest, level: to, status: 'new', levelSince: x.at, updatedAt: x.at };
  next.nextCheckAt = nextCheckAt(next, x.policy, x.at, x.now);
  return ok({
    case: next,
    events: [{ at: x.at, actor: x.actor, type: 'handed_over', detail: { via: x.via, from: c.level, to } }],
    alerts: [{ level: to, reason: 'handed_over', round: `v${c.version + 1}`, except: [x.official.id] }],
  });
}

export const REFERRAL_TARGETS = [
  'ltsa_placement_protection', 'ltsa_documents_passports', 'ltsa_insurance_legal_aid', 'ltsa_repatriation',
  'province_jatim', 'province_jateng', 'province_jabar', 'province_bali', 'province_ntt', 'province_dki',
] as const;
export type ReferralTarget = (typeof REFERRAL_TARGETS)[number];

/** Refer to an LTSA service or another province's desk: recorded on the timeline; the case stays with us. */
export function planRefer(c: Case, x: ActionContext, rank: Rank, to: ReferralTarget): PlanResult {
  // A data request is decided (data-request-plans.ts), never resolved, corrected, referred, reopened or merged.
  if (isDataRequest(c)) return no('data_request');

  if (c.status === 'closed') return no('not_open');
  if (!mayChange(rank)) return no('taken');
  return ok({ case: { ...c, updatedAt: x.at }, events: [{ at: x.at, actor: x.actor, type: 'referred', detail: { via: x.via, to } }] });
}

/**
 * Reopen a resolved or closed case: back to whoever had it, with fresh deadlines; the stream tells
 * the reporter and the officials. One plan for both doors: the reporter's TIDAK (`actor` reporter,
 * no `via`) and an official in the console.
 */
export function planReopen(c: Case, x: Actor & { via?: ActionContext['via'] }, rank: Rank = 'unheld'): PlanResult {
  // A data request is decided (data-request-plans.ts), never resolved, corrected, referred, reopened or merged.
  if (isDataRequest(c)) return no('data_request');

  // An erased case has nothing left to work on: its facts stay closed (lib/use-cases/forget-expired-cases.ts).
  if (isOpenStatus(c) || c.mergedInto || c.erased) return no('not_closed');
  if (!mayChange(rank)) return no('taken');
  const status = c.assignee ? 'acknowledged' as const : 'new' as const;
  const { nextCheckAt: _stale, ...rest } = c;
  const next: Case = { ...rest, status, levelSince: x.at, updatedAt: x.at };
  const due = nextCheckAt(next, x.policy, x.at, x.now);
  if (due) next.nextCheckAt = due;
  const from = c.status as 'resolved' | 'closed';
  return ok({ case: next, events: [caseEvent('reopened', x.at, x.actor, { ...(x.via ? { via: x.via } : {}), from, to: status })] });
}

/**
 * Merge a duplicate into another case: the duplicate is closed and points at the other (both
 * references keep working), the other's timeline says so, and the duplicate's reporter is told.
 * The write is conditional on both cases' versions (`related`): of two merges crossing (A into B
 * while B into A) one is written and the other finds its target merged, so no cycle can form.
 */
export function planMerge(duplicate: Case, into: Case, x: ActionContext, rank: Rank, prefs: ReporterPrefs): PlanResult {
  // A data request is decided (data-request-plans.ts), never resolved, corrected, referred, reopened or merged.
  if (isDataRequest(duplicate) || isDataRequest(into)) return no('data_request');

  if (duplicate.id === into.id) return no('same_case');
  if (duplicate.mergedInto || into.mergedInto) return no('already_merged');
  if (!mayChange(rank)) return no('taken');
  const { nextCheckAt: _done, ...rest } = duplicate;
  const next: Case = { ...rest, status: 'closed', mergedInto: into.reference, updatedAt: x.at };
  const messages: OutboundMessage[] = duplicate.smsUpdates && !prefs.smsStopped ? [{
    id: `merged.${duplicate.id}`, audience: 'reporter', to: duplicate.contact, caseId: duplicate.id, purpose: 'merged',
    text: reporterTexts.merged(prefs.language ?? duplicate.language, { reference: duplicate.reference, into: into.reference }),
    status: 'pending', attempts: 0, createdAt: x.at,
  }] : [];
  return ok({
    case: next, messages,
    events: [{ at: x.at, actor: x.actor, type: 'merged', detail: { via: x.via, into: into.reference } }],
    related: { caseId: into.id, version: into.version, events: [{ at: x.at, actor: x.actor, type: 'merged_from', detail: { via: x.via, from: duplicate.reference } }] },
  });
}

/** How long a merge can be undone: a wrong merge is found when the family calls back, within a day. */
export const MERGE_UNDO_MS = 24 * 3600_000;

/**
 * Undo a merge within a day: the duplicate is open again (with whoever had it, fresh deadlines), no
 * longer points at the other case, and both timelines say who undid it. Conditional on the other
 * case's version like the merge. `mergedAt`: the time of the duplicate's `merged` event.
 */
export function planUnmerge(duplicate: Case, into: Case, mergedAt: string | undefined, x: ActionContext, rank: Rank): PlanResult {
  if (!duplicate.mergedInto || duplicate.mergedInto !== into.reference || !mergedAt) return no('not_merged');
  if (x.now.getTime() - Date.parse(mergedAt) > MERGE_UNDO_MS) return no('undo_expired');
  if (!mayChange(rank)) return no('taken');
  const { mergedInto: _into, nextCheckAt: _stale, ...rest } = duplicate;
  const next: Case = { ...rest, status: duplicate.assignee ? 'acknowledged' : 'new', levelSince: x.at, updatedAt: x.at };
  const due = nextCheckAt(next, x.policy, x.at, x.now);
  if (due) next.nextCheckAt = due;
  return ok({
    case: next,
    events: [caseEvent('merge_undone', x.at, x.actor, { via: x.via, into: into.reference, mergedAt })],
    related: { caseId: into.id, version: into.version, events: [caseEvent('merge_undone_from', x.at, x.actor, { via: x.via, from: duplicate.reference })] },
  });
}

/**
 * Record (or change) the agency or broker the worker named; the name itself never goes on the
 * timeline. It overwrites what the holder recorded, so it obeys the rank rule like any other change.
 */
export function planRecordAgent(c: Case, x: Pick<ActionContext, 'actor' | 'at' | 'via'>, rank: Rank, name: string): PlanResult {
  if (!mayChange(rank)) return no('taken');
  if (c.agentName === name) return no('unchanged');
  return ok({
    case: { ...c, agentName: name, updatedAt: x.at },
    events: [caseEvent('agent_recorded', x.at, x.actor, { via: x.via, changed: c.agentName !== undefined })],
  });
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
