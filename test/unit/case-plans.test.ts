import { describe, expect, it } from 'vitest';
import type { Case } from '../../lib/domain/case.js';
import { defaultPolicy } from '../../lib/config.js';
import { type ActionContext, actorOf, isOpenStatus, type PlanResult } from '../../lib/cases/plan.js';
import {
  countAcknowledgement, MERGE_UNDO_MS, planAcknowledge, planUnmerge, planAskReporter, planCorrect, planHandOver, planMerge, planRecordAgent,
  planRefer, planReopen, planResolve, QUESTIONS_PER_CASE_PER_HOUR,
} from '../../lib/cases/plans.js';
import { mayChange, mayTakeOver, rankIn, rankOf } from '../../lib/cases/rank.js';
import { planFollowUp, planMoveFollowUp, planReporterAnswer } from '../../lib/cases/reporter-plans.js';
import { withRegencyFromMessage } from '../../lib/cases/regency-plans.js';
import { planSlaCheck } from '../../lib/cases/escalation-plans.js';
import { alertWrite } from '../../lib/cases/alerts.js';
import { type NewCaseFacts, planFile } from '../../lib/cases/file.js';
import { CASE_TEXT_LIMIT } from '../../lib/conversation/follow-up.js';
import { askRegency, reporterTexts } from '../../lib/messages/reporter.js';
import { consentTexts } from '../../lib/messages/consent.js';
import { questionForReporter } from '../../lib/messages/official.js';
import { MAX_UPDATE_ATTEMPTS, retryOnConflict } from '../../lib/cases/retry-on-conflict.js';
import { ConcurrentUpdateError } from '../../lib/domain/errors.js';

/**
 * The case plans (lib/cases): every change to a case, from every door, is one of these pure
 * functions. Each rule here is what an official or a reporter relies on; the integration tests hold
 * the same rules through the store, these hold them for the mutation run (test/README.md).
 */

type Official = ActionContext['official'];
const policy = defaultPolicy();
const HOUR = 3_600_000;
const at = '2026-12-01T00:00:00.000Z';
const now = new Date(at);
const later = (hours: number) => new Date(now.getTime() + hours * HOUR);

const official = (over: Partial<Official> = {}): Official => ({
  id: 'kab-5201', name: 'Lombok Barat', phone: '+6281100005001', level: 1, regencies: ['5201'], active: true, failedPins: 0, locked: false, ...over,
});
const regency = official();
const lotim = official({ id: 'kab-5203', name: 'Lombok Timur', phone: '+6281100005003', regencies: ['5203'] });
const desk = official({ id: 'prov-ntb', name: 'Disnakertrans', phone: '+6281100002000', level: 2, regencies: [] });
const bp3mi = official({ id: 'bp3mi', name: 'BP3MI', phone: '+6281100003000', level: 3, regencies: [] });
const context = (o: Official, over: Partial<ActionContext> = {}): ActionContext => ({ official: o, actor: actorOf(o), at, now, policy, via: 'console', ...over });
const reporter = { actor: 'reporter', at, now, policy };
const aCase = (over: Partial<Case> = {}): Case => ({
  id: 'c1', reference: 'ABC-234', category: 'unpaid_wages', urgency: 'high', homeRegency: '5203', country: 'MY', channel: 'sms',
  reporterType: 'worker', contact: '+60123456789', description: 'Gaji belum dibayar', smsUpdates: true, language: 'id', status: 'new', level: 1,
  levelSince: at, createdAt: at, updatedAt: '2026-11-30T00:00:00.000Z', version: 3, ...over,
});

/** The plan of an applying result (fails the test when it does not apply). */
const planOf = (r: PlanResult) => {
  if (!r.applies) throw new Error(`expected the plan to apply, got ${r.reason}`);
  return r.plan;
};
const refused = (reason: string) => ({ applies: false, reason });

describe('rank: work a higher level took is not undone from below', () => {
  const officials = [regency, lotim, desk, bp3mi, official({ id: 'gone', level: 3, active: false })];

  it('ranks the acting official against the holder of the case', () => {
    expect(rankOf(desk, aCase(), officials)).toBe('unheld');
    expect(rankOf(desk, aCase({ assignee: 'prov-ntb' }), officials)).toBe('holder');
    expect(rankOf(desk, aCase({ assignee: 'kab-5203' }), officials)).toBe('above');
    expect(rankOf(regency, aCase({ assignee: 'kab-5203' }), officials)).toBe('same');
    expect(rankOf(lotim, aCase({ assignee: 'prov-ntb' }), officials)).toBe('below');
  });

  it('counts a holder who is disabled or gone from the directory as nobody', () => {
    expect(rankOf(regency, aCase({ assignee: 'gone' }), officials)).toBe('unheld');
    expect(rankOf(regency, aCase({ assignee: 'deleted' }), officials)).toBe('unheld');
  });

  it('lets only a higher level take over, and anyone not below the holder change the case', () => {
    expect(['unheld', 'holder', 'above', 'same', 'below'].map((r) => mayTakeOver(r as never))).toEqual([true, false, true, false, false]);
    expect(['unheld', 'holder', 'above', 'same', 'below'].map((r) => mayChange(r as never))).toEqual([true, true, true, true, false]);
  });

  it('reads the directory only when someone else holds the case', async () => {
    let reads = 0;
    const directory = { listOfficials: async () => { reads++; return officials; } };
    expect(await rankIn(directory, desk, aCase())).toBe('unheld');
    expect(await rankIn(directory, desk, aCase({ assignee: 'prov-ntb' }))).toBe('holder');
    expect(reads).toBe(0);
    expect(await rankIn(directory, lotim, aCase({ assignee: 'bp3mi' }))).toBe('below');
    expect(reads).toBe(1);
  });
});

describe('taking a case (TERIMA, the console)', () => {
  it('gives an unheld case to the official at the higher of the two levels, starts the resolve deadline and says by which door', () => {
    const plan = planOf(planAcknowledge(aCase(), context(desk, { via: 'sms', command: 'TERIMA' }), 'unheld'));
    expect(plan.case).toMatchObject({ status: 'acknowledged', assignee: 'prov-ntb', level: 2, levelSince: at, updatedAt: at });
    // Half of the two-week resolve period of a high case: the reminder comes first.
    expect(plan.case?.nextCheckAt).toBe(new Date(now.getTime() + (policy.slaMinutes.resolve.high / 2) * 60_000).toISOString());
    expect(plan.events).toEqual([{ at, actor: 'official:prov-ntb', type: 'acknowledged', detail: { command: 'TERIMA', via: 'sms', level: 2 } }]);
    expect(plan.messages).toEqual([]);
    expect(plan.alerts).toEqual([]);
  });

  it('keeps the level of a case that already climbed above the taker', () => {
    expect(planOf(planAcknowledge(aCase({ level: 3 }), context(desk), 'unheld')).case?.level).toBe(3);
  });

  it('records whom a higher level took the case from, and refuses the holder taking it twice', () => {
    const held = aCase({ status: 'acknowledged', assignee: 'kab-5203' });
    expect(planOf(planAcknowledge(held, context(desk), 'above')).events[0]?.detail).toEqual({ via: 'console', level: 2, takenFrom: 'kab-5203' });
    expect(planAcknowledge(aCase({ status: 'acknowledged', assignee: 'prov-ntb' }), context(desk), 'holder')).toEqual(refused('already_assigned'));
    expect(planAcknowledge(held, context(regency), 'same')).toEqual(refused('taken'));
    expect(planAcknowledge(aCase({ status: 'resolved' }), context(desk), 'unheld')).toEqual(refused('not_open'));
  });

  it('counts a take within the level\'s deadline as in time and after it as late, once, only for a new case', () => {
    const counted: string[] = [];
    const metrics = { count: (name: string) => counted.push(name) } as never;
    const fresh = aCase({ levelSince: at });
    countAcknowledgement(metrics, fresh, policy, later(1));
    countAcknowledgement(metrics, fresh, policy, later(25));
    countAcknowledgement(metrics, aCase({ status: 'acknowledged' }), policy, later(1));
    countAcknowledgement(undefined, fresh, policy, later(1));
    // Exactly at the deadline is still in time.
    countAcknowledgement(metrics, aCase({ levelSince: undefined, createdAt: at }), policy, later(24));
    expect(counted).toEqual(['AcknowledgedInTime', 'AcknowledgedLate', 'AcknowledgedInTime']);
  });
});

describe('resolving a case (SELESAI, the console)', () => {
  it('stops the clock, keeps the holder and records only whether there was a note and its length', () => {
    const plan = planOf(planResolve(aCase({ status: 'acknowledged', assignee: 'kab-5203', nextCheckAt: at }), context(desk, { via: 'sms', command: 'SELESAI' }), 'above', 42));
    expect(plan.case).toMatchObject({ status: 'resolved', assignee: 'kab-5203', updatedAt: at });
    expect(plan.case).not.toHaveProperty('nextCheckAt');
    expect(plan.events).toEqual([{ at, actor: 'official:prov-ntb', type: 'resolved', detail: { command: 'SELESAI', via: 'sms', note: true, noteLength: 42 } }]);
  });

  it('gives a new case to whoever resolves it, and says when there was no note', () => {
    const plan = planOf(planResolve(aCase({ assignee: 'kab-5203' }), context(regency), 'same'));
    expect(plan.case?.assignee).toBe('kab-5201');
    expect(plan.events[0]?.detail).toEqual({ via: 'console', note: false, noteLength: 0 });
  });

  it('lets the holder and a higher level resolve a taken case, and nobody else', () => {
    const held = aCase({ status: 'acknowledged', assignee: 'kab-5203' });
    expect(planResolve(held, context(lotim), 'holder').applies).toBe(true);
    expect(planResolve(held, context(bp3mi), 'above').applies).toBe(true);
    expect(planResolve(held, context(regency), 'same')).toEqual(refused('taken'));
    expect(planResolve(held, context(regency), 'below')).toEqual(refused('taken'));
    expect(planResolve(aCase({ status: 'closed' }), context(desk), 'unheld')).toEqual(refused('not_open'));
  });
});

describe('asking the reporter (TANYA, the console message form)', () => {
  it('sends the reference and the question only, from the hotline, and routes the answer to the asker of an unheld case', () => {
    const plan = planOf(planAskReporter(aCase(), context(desk, { via: 'sms', command: 'TANYA' }), 'Kapan gaji terakhir?', {}, 'ask.1'));
    expect(plan.messages).toEqual([expect.objectContaining({
      id: 'ask.1', audience: 'reporter', to: '+60123456789', caseId: 'c1', purpose: 'question', status: 'pending', attempts: 0, createdAt: at,
    })]);
    expect(plan.messages[0]?.text).toContain('ABC-234');
    expect(plan.messages[0]?.text).toContain('Kapan gaji terakhir?');
    expect(plan.case).toMatchObject({ assignee: 'prov-ntb', updatedAt: at });
    expect(plan.events).toEqual([{ at, actor: 'official:prov-ntb', type: 'question_relayed', detail: { command: 'TANYA', via: 'sms', official: 'prov-ntb', length: 20 } }]);
    // The question's text is kept sealed with the case, so the case page shows it in the conversation.
    expect(plan.notes).toEqual([{ at, officialId: 'prov-ntb', text: 'Kapan gaji terakhir?', kind: 'question' }]);
  });

  it('leaves a held case with its holder and writes in the language the reporter chose', () => {
    const plan = planOf(planAskReporter(aCase({ assignee: 'kab-5203', language: 'id' }), context(desk), 'When?', { language: 'en' }, 'ask.2'));
    expect(plan.case).toBeUndefined();
    expect(plan.messages[0]?.text).toMatch(/^[\x20-\x7e]*When\?/);
    expect(plan.messages[0]?.text).not.toBe(planOf(planAskReporter(aCase({ assignee: 'kab-5203' }), context(desk), 'When?', {}, 'ask.2')).messages[0]?.text);
  });

  it(`allows ${QUESTIONS_PER_CASE_PER_HOUR} questions an hour to one case and refuses the next`, () => {
    expect(planAskReporter(aCase(), context(desk), 'x?', {}, 'a', QUESTIONS_PER_CASE_PER_HOUR).applies).toBe(true);
    expect(planAskReporter(aCase(), context(desk), 'x?', {}, 'a', QUESTIONS_PER_CASE_PER_HOUR + 1)).toEqual(refused('too_many_questions'));
  });

  it('never writes to a reporter who wanted no SMS, who stopped them, whose data is erased, or on a closed case', () => {
    expect(planAskReporter(aCase({ smsUpdates: false }), context(desk), 'x?', {}, 'a')).toEqual(refused('reporter_no_sms'));
    expect(planAskReporter(aCase(), context(desk), 'x?', { smsStopped: true }, 'a')).toEqual(refused('reporter_no_sms'));
    expect(planAskReporter(aCase({ erased: { at, reason: 'retention' } }), context(desk), 'x?', {}, 'a')).toEqual(refused('reporter_no_sms'));
    expect(planAskReporter(aCase({ status: 'closed' }), context(desk), 'x?', {}, 'a')).toEqual(refused('not_open'));
    expect(planAskReporter(aCase({ status: 'resolved' }), context(desk), 'x?', {}, 'a').applies).toBe(true);
  });
});

describe('correcting what intake got wrong', () => {
  it('records each changed field from and to, moves the deadline with the new urgency from when the level got the case', () => {
    const c = aCase({ urgency: 'normal', levelSince: at, createdAt: '2026-11-01T00:00:00.000Z' });
    const plan = planOf(planCorrect(c, context(desk), 'unheld', { category: 'trafficking', urgency: 'urgent', homeRegency: '5203' }));
    expect(plan.events).toEqual([{ at, actor: 'official:prov-ntb', type: 'corrected', detail: {
      categoryFrom: 'unpaid_wages', categoryTo: 'trafficking', urgencyFrom: 'normal', urgencyTo: 'urgent', via: 'console',
    } }]);
    expect(plan.case).toMatchObject({ category: 'trafficking', urgency: 'urgent', updatedAt: at });
    // Urgent: one hour to acknowledge from levelSince, so the deadline itself (past half) is next.
    expect(plan.case?.nextCheckAt).toBe(new Date(now.getTime() + 30 * 60_000).toISOString());
    expect(plan.alerts).toEqual([]);
  });

  it('counts the deadline from the filing time of a case older than levelSince', () => {
    const plan = planOf(planCorrect(aCase({ levelSince: undefined, createdAt: '2026-11-30T23:50:00.000Z' }), context(desk), 'unheld', { urgency: 'urgent' }));
    expect(plan.case?.nextCheckAt).toBe('2026-12-01T00:20:00.000Z');
  });

  it('alerts the new regency\'s office when a new case moves there, not when a taken one does', () => {
    const moved = planOf(planCorrect(aCase(), context(desk), 'unheld', { homeRegency: '5201' }));
    expect(moved.events[0]?.detail).toEqual({ homeRegencyFrom: '5203', homeRegencyTo: '5201', via: 'console' });
    // The desk that moved it is never alerted about its own correction.
    expect(moved.alerts).toEqual([{ level: 1, reason: 'rerouted', round: 'v4', except: ['prov-ntb'] }]);
    expect(planOf(planCorrect(aCase({ status: 'acknowledged', assignee: 'prov-ntb' }), context(desk), 'holder', { homeRegency: '5201' })).alerts).toEqual([]);
  });

  it('leaves a resolved case without a next check, and refuses no change or a lower level', () => {
    expect(planOf(planCorrect(aCase({ status: 'resolved' }), context(desk), 'unheld', { urgency: 'urgent' })).case).not.toHaveProperty('nextCheckAt');
    expect(planCorrect(aCase(), context(desk), 'unheld', {})).toEqual(refused('unchanged'));
    expect(planCorrect(aCase(), context(desk), 'unheld', { homeRegency: '5203', urgency: 'high' })).toEqual(refused('unchanged'));
    expect(planCorrect(aCase(), context(regency), 'below', { urgency: 'urgent' })).toEqual(refused('taken'));
  });
});

describe('handing over, referring, reopening, merging, recording the agent', () => {
  it('hands a case to another level as new there, with a full deadline of its own, and alerts that level', () => {
    const plan = planOf(planHandOver(aCase({ status: 'acknowledged', assignee: 'kab-5203', urgency: 'urgent' }), context(desk), 'above', 3));
    expect(plan.case).toMatchObject({ level: 3, status: 'new', levelSince: at, updatedAt: at, nextCheckAt: new Date(now.getTime() + 30 * 60_000).toISOString() });
    expect(plan.case).not.toHaveProperty('assignee');
    expect(plan.events).toEqual([{ at, actor: 'official:prov-ntb', type: 'handed_over', detail: { via: 'console', from: 1, to: 3 } }]);
    expect(plan.alerts).toEqual([{ level: 3, reason: 'handed_over', round: 'v4', except: ['prov-ntb'] }]);
  });

  it('hands a taken case to its own level again (someone else there), but not a new one, a closed one, or from below', () => {
    expect(planHandOver(aCase({ status: 'acknowledged', assignee: 'kab-5203' }), context(lotim), 'holder', 1).applies).toBe(true);
    expect(planHandOver(aCase(), context(desk), 'unheld', 1)).toEqual(refused('same_level'));
    expect(planHandOver(aCase(), context(desk), 'unheld', 2).applies).toBe(true);
    expect(planHandOver(aCase({ status: 'resolved' }), context(desk), 'unheld', 2)).toEqual(refused('not_open'));
    expect(planHandOver(aCase({ status: 'acknowledged', assignee: 'bp3mi' }), context(desk), 'below', 1)).toEqual(refused('taken'));
  });

  it('refers on the timeline only, also a resolved case, never a closed one or from below', () => {
    const plan = planOf(planRefer(aCase({ status: 'resolved' }), context(desk), 'unheld', 'ltsa_repatriation'));
    expect(plan.case).toEqual(aCase({ status: 'resolved', updatedAt: at }));
    expect(plan.events).toEqual([{ at, actor: 'official:prov-ntb', type: 'referred', detail: { via: 'console', to: 'ltsa_repatriation' } }]);
    expect(planRefer(aCase({ status: 'closed' }), context(desk), 'unheld', 'ltsa_repatriation')).toEqual(refused('not_open'));
    expect(planRefer(aCase(), context(regency), 'below', 'ltsa_repatriation')).toEqual(refused('taken'));
  });

  it('reopens to whoever had it with fresh deadlines, and an unheld one as new', () => {
    const back = planOf(planReopen(aCase({ status: 'closed', assignee: 'kab-5203', nextCheckAt: '2026-01-01T00:00:00.000Z' }), { ...context(desk) }, 'above'));
    expect(back.case).toMatchObject({ status: 'acknowledged', levelSince: at, updatedAt: at });
    expect(back.case?.nextCheckAt).toBe(new Date(now.getTime() + (policy.slaMinutes.resolve.high / 2) * 60_000).toISOString());
    expect(back.events).toEqual([{ at, actor: 'official:prov-ntb', type: 'reopened', detail: { via: 'console', from: 'closed', to: 'acknowledged' } }]);
    const asNew = planOf(planReopen(aCase({ status: 'resolved' }), reporter));
    expect(asNew.case?.status).toBe('new');
    expect(asNew.events).toEqual([{ at, actor: 'reporter', type: 'reopened', detail: { from: 'resolved', to: 'new' } }]);
  });

  it('does not reopen an open, merged or erased case, nor from below', () => {
    expect(planReopen(aCase({ status: 'acknowledged' }), reporter)).toEqual(refused('not_closed'));
    expect(planReopen(aCase({ status: 'closed', mergedInto: 'XYZ-789' }), reporter)).toEqual(refused('not_closed'));
    expect(planReopen(aCase({ status: 'closed', erased: { at, reason: 'retention' } }), reporter)).toEqual(refused('not_closed'));
    expect(planReopen(aCase({ status: 'closed', assignee: 'bp3mi' }), context(desk), 'below')).toEqual(refused('taken'));
  });

  it('closes a duplicate into the other case, conditional on its version, and tells the duplicate\'s reporter once', () => {
    const into = aCase({ id: 'c2', reference: 'XYZ-789', version: 7 });
    const plan = planOf(planMerge(aCase({ nextCheckAt: at }), into, context(desk), 'unheld', {}));
    expect(plan.case).toMatchObject({ status: 'closed', mergedInto: 'XYZ-789', updatedAt: at });
    expect(plan.case).not.toHaveProperty('nextCheckAt');
    expect(plan.events).toEqual([{ at, actor: 'official:prov-ntb', type: 'merged', detail: { via: 'console', into: 'XYZ-789' } }]);
    expect(plan.related).toEqual({ caseId: 'c2', version: 7, events: [{ at, actor: 'official:prov-ntb', type: 'merged_from', detail: { via: 'console', from: 'ABC-234' } }] });
    expect(plan.messages).toEqual([expect.objectContaining({ id: 'merged.c1', audience: 'reporter', to: '+60123456789', caseId: 'c1', purpose: 'merged', status: 'pending', attempts: 0, createdAt: at })]);
    expect(plan.messages[0]?.text).toContain('ABC-234');
  });

  it('merges without an SMS to a reporter who wanted none, and refuses itself, a merged case or from below', () => {
    const into = aCase({ id: 'c2', reference: 'XYZ-789' });
    expect(planOf(planMerge(aCase({ smsUpdates: false }), into, context(desk), 'unheld', {})).messages).toEqual([]);
    expect(planOf(planMerge(aCase(), into, context(desk), 'unheld', { smsStopped: true })).messages).toEqual([]);
    expect(planMerge(aCase({ mergedInto: 'QQQ-111' }), into, context(desk), 'unheld', {})).toEqual(refused('already_merged'));
    expect(planMerge(aCase(), { ...into, mergedInto: 'QQQ-111' }, context(desk), 'unheld', {})).toEqual(refused('already_merged'));
    expect(planMerge(aCase(), into, context(regency), 'below', {})).toEqual(refused('taken'));
  });

  it('records the agent without its name on the timeline, and says whether it replaced one', () => {
    const first = planOf(planRecordAgent(aCase(), context(desk), 'unheld', 'PT Maju'));
    expect(first.case).toMatchObject({ agentName: 'PT Maju', updatedAt: at });
    expect(first.events).toEqual([{ at, actor: 'official:prov-ntb', type: 'agent_recorded', detail: { via: 'console', changed: false } }]);
    expect(planOf(planRecordAgent(aCase({ agentName: 'PT Lain' }), context(desk), 'unheld', 'PT Maju')).events[0]?.detail).toEqual({ via: 'console', changed: true });
    expect(planRecordAgent(aCase({ agentName: 'PT Maju' }), context(desk), 'unheld', 'PT Maju')).toEqual(refused('unchanged'));
    expect(planRecordAgent(aCase(), context(regency), 'below', 'PT Maju')).toEqual(refused('taken'));
  });
});

describe("the reporter's own changes", () => {
  it('closes a resolved case on YA, reopens it on TIDAK, and ignores both on a case not resolved', () => {
    const yes = planOf(planReporterAnswer(aCase({ status: 'resolved', nextCheckAt: at }), reporter, 'yes'));
    expect(yes.case).toMatchObject({ status: 'closed', updatedAt: at });
    expect(yes.case).not.toHaveProperty('nextCheckAt');
    expect(yes.events).toEqual([{ at, actor: 'reporter', type: 'reporter_confirmed', detail: { answer: 'solved' } }]);
    expect(planOf(planReporterAnswer(aCase({ status: 'resolved' }), reporter, 'no')).case?.status).toBe('new');
    expect(planReporterAnswer(aCase({ status: 'acknowledged' }), reporter, 'yes')).toEqual(refused('not_closed'));
    expect(planReporterAnswer(aCase({ status: 'closed' }), reporter, 'no')).toEqual(refused('not_closed'));
  });

  it('adds a follow-up as the next numbered block and records its length, never its words', () => {
    const plan = planOf(planFollowUp(aCase(), reporter, 'Masih belum', { length: 11, truncated: false, secondReport: false }));
    expect(plan.case?.description).toBe('Gaji belum dibayar\n\n[+1 01/12 08:00 WITA] Masih belum');
    expect(plan.case?.updatedAt).toBe(at);
    expect(plan.events).toEqual([{ at, actor: 'reporter', type: 'follow_up', detail: { channel: 'sms', length: 11, truncated: false, stored: true, block: 1 } }]);
    const second = planOf(planFollowUp(plan.case!, reporter, 'LAPOR lagi', { length: 300, truncated: true, secondReport: true }));
    expect(second.events[0]?.detail).toEqual({ channel: 'sms', length: 300, truncated: true, stored: true, block: 2, askedNewProblem: true });
  });

  it('keeps a full case\'s text and records that the follow-up was not stored', () => {
    const full = aCase({ description: 'x'.repeat(CASE_TEXT_LIMIT - 10) });
    const plan = planOf(planFollowUp(full, reporter, 'lagi', { length: 4, truncated: false, secondReport: false }));
    expect(plan.case?.description).toBe(full.description);
    expect(plan.events[0]?.detail).toMatchObject({ stored: false, block: 1 });
  });

  it('moves a follow-up out into its new case (BARU), and changes nothing for a block that is not there', () => {
    const withBlock = planOf(planFollowUp(aCase(), reporter, 'Masalah lain', { length: 12, truncated: false, secondReport: true })).case!;
    const plan = planOf(planMoveFollowUp(withBlock, reporter, 1, 'NEW-222'));
    expect(plan.case).toMatchObject({ description: 'Gaji belum dibayar', updatedAt: at });
    expect(plan.events).toEqual([{ at, actor: 'reporter', type: 'follow_up_moved', detail: { block: 1, to: 'NEW-222' } }]);
    expect(planMoveFollowUp(withBlock, reporter, 2, 'NEW-222')).toEqual(refused('unchanged'));
  });

  it('sets an unknown regency from a message in the same write and alerts that office while the case is new', () => {
    const unknown = aCase({ homeRegency: 'unknown', version: 5 });
    const followed = planFollowUp(unknown, reporter, 'saya dari Lombok Timur', { length: 22, truncated: false, secondReport: false });
    const plan = planOf(withRegencyFromMessage(followed, 'saya dari Lombok Timur', reporter));
    expect(plan.case?.homeRegency).toBe('5203');
    expect(plan.case?.description).toContain('saya dari Lombok Timur');
    expect(plan.events.map((e) => e.type)).toEqual(['follow_up', 'regency_read']);
    expect(plan.alerts).toEqual([{ level: 1, reason: 'rerouted', round: 'v6' }]);
  });

  it('sets the regency of a taken case without alerting, and leaves a message naming none as it was', () => {
    const taken = aCase({ homeRegency: 'unknown', status: 'acknowledged', assignee: 'prov-ntb' });
    const plan = planOf(withRegencyFromMessage(planFollowUp(taken, reporter, 'Lombok Timur', { length: 12, truncated: false, secondReport: false }), 'Lombok Timur', reporter));
    expect(plan.case?.homeRegency).toBe('5203');
    expect(plan.alerts).toEqual([]);
    const nothing = planFollowUp(aCase({ homeRegency: 'unknown' }), reporter, 'tolong', { length: 6, truncated: false, secondReport: false });
    expect(withRegencyFromMessage(nothing, 'tolong', reporter)).toBe(nothing);
    expect(withRegencyFromMessage(refused('not_closed') as PlanResult, 'Lombok Timur', reporter)).toEqual(refused('not_closed'));
  });
});

describe('the escalation ladder (planSlaCheck)', () => {
  const officials = [regency, lotim, desk, bp3mi];
  const check = (c: Case, hours: number) => planSlaCheck(c, { actor: 'system', at: later(hours).toISOString(), now: later(hours), policy }, officials);

  it('clears the next check of a case no longer open', () => {
    const { result, plan } = check(aCase({ status: 'resolved', nextCheckAt: at }), 1);
    expect(result).toBe('cleared');
    expect(planOf(plan).case).not.toHaveProperty('nextCheckAt');
    expect(planOf(plan).events).toEqual([]);
  });

  it('only moves the next check to half the time when looked at too early', () => {
    const { result, plan } = check(aCase({ nextCheckAt: at }), 1);
    expect(result).toBe('rescheduled');
    expect(planOf(plan).case?.nextCheckAt).toBe(later(12).toISOString());
    expect(planOf(plan).messages).toEqual([]);
    expect(planOf(plan).events).toEqual([]);
  });

  it('reminds the regency office at half the time, once per deadline, and looks again at the deadline', () => {
    const { result, plan } = check(aCase(), 12);
    expect(result).toBe('reminded');
    const p = planOf(plan);
    expect(p.case?.nextCheckAt).toBe(later(24).toISOString());
    expect(p.messages.map((m) => [m.id, m.to, m.officialId, m.level, m.purpose, m.audience, m.caseId])).toEqual([
      [`reminder.c1.kab-5203.L1.new.${later(24).getTime().toString(36)}`, '+6281100005003', 'kab-5203', 1, 'reminder', 'official', 'c1'],
    ]);
    expect(p.messages[0]).toMatchObject({ status: 'pending', attempts: 0, createdAt: later(12).toISOString() });
    expect(p.messages[0]?.text).toContain('ABC-234');
    expect(p.events).toEqual([{ at: later(12).toISOString(), actor: 'system', type: 'reminder', detail: { level: 1, status: 'new', deadline: later(24).toISOString(), official: 'kab-5203' } }]);
  });

  it('reminds only the official who took the case, or the whole level when that official is gone', () => {
    const taken = aCase({ status: 'acknowledged', assignee: 'kab-5201', homeRegency: '5203' });
    const resolveHalf = policy.slaMinutes.resolve.high / 120;
    expect(planOf(check(taken, resolveHalf).plan).messages.map((m) => m.officialId)).toEqual(['kab-5201']);
    const gone = aCase({ status: 'acknowledged', assignee: 'kab-9999', homeRegency: '5203' });
    expect(planOf(check(gone, resolveHalf).plan).messages.map((m) => m.officialId)).toEqual(['kab-5203']);
    // A new case someone asked about (TANYA) has an assignee but nobody took it: its level is reminded.
    const asked = aCase({ status: 'new', assignee: 'kab-5201', homeRegency: '5203' });
    expect(planOf(check(asked, 12).plan).messages.map((m) => m.officialId)).toEqual(['kab-5203']);
    const disabled = planSlaCheck(taken, { actor: 'system', at, now: later(resolveHalf), policy }, [official({ active: false }), lotim]);
    expect(planOf(disabled.plan).messages.map((m) => m.officialId)).toEqual(['kab-5203']);
  });

  it('names nobody on the timeline when nobody can be reminded', () => {
    const p = planOf(planSlaCheck(aCase({ homeRegency: '5208' }), { actor: 'system', at, now: later(12), policy }, []).plan);
    expect(p.messages).toEqual([]);
    expect(p.events.map((e) => e.detail)).toEqual([expect.objectContaining({ official: 'none' })]);
  });

  it('hands a new case past its deadline to the next level with a full period, and alerts it under the first round\'s ids', () => {
    const { result, plan } = check(aCase(), 24);
    expect(result).toBe('escalated');
    const p = planOf(plan);
    expect(p.case).toMatchObject({ level: 2, levelSince: later(24).toISOString(), updatedAt: later(24).toISOString(), nextCheckAt: later(36).toISOString() });
    expect(p.events).toEqual([{ at: later(24).toISOString(), actor: 'system', type: 'escalated', detail: { from: 1, to: 2, status: 'new', reason: 'not_acknowledged', deadline: later(24).toISOString() } }]);
    expect(p.alerts).toEqual([{ level: 2, reason: 'escalation', escalation: { waitedFor: 'Lombok Timur', minutes: 24 * 60, notResolved: false } }]);
  });

  it('escalates an unresolved case as not resolved, and a case climbing again gets a round of its own', () => {
    const p = planOf(check(aCase({ status: 'acknowledged', level: 2, escalations: 1 }), policy.slaMinutes.resolve.high / 60).plan);
    expect(p.events[0]?.detail).toMatchObject({ from: 2, to: 3, status: 'acknowledged', reason: 'not_resolved' });
    expect(p.alerts).toEqual([{ level: 3, reason: 'escalation', escalation: { waitedFor: 'Desk provinsi', minutes: policy.slaMinutes.resolve.high, notResolved: true } }]);
    const again = planOf(check(aCase({ escalations: 2 }), 24).plan);
    expect(again.alerts).toEqual([{ level: 2, reason: 'escalation', escalation: { waitedFor: 'Lombok Timur', minutes: 24 * 60, notResolved: false }, round: 'e3' }]);
  });

  it('reminds BP3MI once per period past its deadline, each period under its own ids', () => {
    const top = aCase({ level: 3 });
    const first = check(top, 24);
    expect(first.result).toBe('breached');
    const p = planOf(first.plan);
    const stamp = `new.${later(24).getTime().toString(36)}`;
    expect(p.messages.map((m) => [m.id, m.officialId, m.purpose])).toEqual([[`overdue.c1.bp3mi.${stamp}.1`, 'bp3mi', 'overdue']]);
    expect(p.case?.nextCheckAt).toBe(later(48).toISOString());
    expect(p.events).toEqual([{ at: later(24).toISOString(), actor: 'system', type: 'sla_breached', detail: { level: 3, status: 'new', periods: 1, deadline: later(24).toISOString(), official: 'bp3mi' } }]);
    const third = planOf(check(top, 72).plan);
    expect(third.messages[0]?.id).toBe(`overdue.c1.bp3mi.${stamp}.3`);
    expect(third.case?.nextCheckAt).toBe(later(96).toISOString());
  });

  it('falls back to the province desk when BP3MI has nobody in the directory', () => {
    const p = planOf(planSlaCheck(aCase({ level: 3 }), { actor: 'system', at, now: later(24), policy }, [regency, desk]).plan);
    expect(p.messages.map((m) => m.officialId)).toEqual(['prov-ntb']);
  });
});

describe('alerts and filing', () => {
  it('alerts every official the routing names, under ids that make a redelivery send nothing twice', () => {
    const urgent = aCase({ urgency: 'urgent' });
    const { onceKey, events, messages, recipients } = alertWrite(urgent, { level: 1, reason: 'new_case' }, [regency, lotim, desk], at);
    expect(onceKey).toBe('alert.L1');
    expect(recipients.map((o) => o.id)).toEqual(['kab-5203', 'prov-ntb']);
    expect(messages.map((m) => [m.id, m.to, m.officialId, m.level, m.purpose, m.audience, m.status, m.attempts, m.createdAt])).toEqual([
      ['alert.c1.kab-5203.L1', '+6281100005003', 'kab-5203', 1, 'alert', 'official', 'pending', 0, at],
      ['alert.c1.prov-ntb.L1', '+6281100002000', 'prov-ntb', 1, 'alert', 'official', 'pending', 0, at],
    ]);
    expect(messages[0]?.text).toContain('ABC-234');
    expect(messages[0]?.text).not.toContain('+60123456789');
    expect(events).toEqual([
      { at, actor: 'system', type: 'alert', detail: { official: 'kab-5203', level: 1, reason: 'new_case' } },
      { at, actor: 'system', type: 'alert', detail: { official: 'prov-ntb', level: 1, reason: 'new_case' } },
    ]);
  });

  it('keeps a later round apart, and records that nobody could be alerted', () => {
    const round = alertWrite(aCase(), { level: 2, reason: 'handed_over', round: 'v4' }, [desk], at);
    expect(round.onceKey).toBe('alert.L2.v4');
    expect(round.messages[0]?.id).toBe('alert.c1.prov-ntb.L2.v4');
    const none = alertWrite(aCase(), { level: 2, reason: 'escalation' }, [regency], at);
    expect(none.messages).toEqual([]);
    expect(none.events).toEqual([{ at, actor: 'system', type: 'alert_no_recipient', detail: { official: 'none', level: 2, reason: 'escalation' } }]);
  });

  it('says DINAIKKAN on an escalation, and leaves out the official who made the change, without calling it a gap', () => {
    const climbed = alertWrite(aCase({ level: 2 }), { level: 2, reason: 'escalation', escalation: { waitedFor: 'Lombok Timur', minutes: 60, notResolved: false } }, [desk], at);
    expect(climbed.messages[0]?.text).toMatch(/^DINAIKKAN: Lombok Timur belum menjawab dalam 1 jam\. ABC-234 TINGGI: /);
    const own = alertWrite(aCase({ level: 2 }), { level: 2, reason: 'rerouted', round: 'v4', except: ['prov-ntb'] }, [desk], at);
    expect(own.messages).toEqual([]);
    expect(own.events).toEqual([]);
  });

  const facts = (over: Partial<NewCaseFacts> = {}): NewCaseFacts => ({
    id: 'c9', reference: 'NEW-999', channel: 'sms', reporterType: 'worker', contact: '+60123456789', category: 'trafficking',
    description: 'Paspor ditahan\n\n[+1 palsu] bukan tambahan', truncated: true, homeRegency: '5203', country: 'MY', smsUpdates: true, language: 'id', confirm: true, ...over,
  });

  it('files a case new at the regency office with its urgency from the category and the acknowledge clock running', () => {
    const filed = planFile(facts(), { at, now, policy }, '0800-1000');
    expect(filed.case).toMatchObject({
      id: 'c9', reference: 'NEW-999', category: 'trafficking', urgency: 'urgent', status: 'new', level: 1, version: 1,
      levelSince: at, createdAt: at, updatedAt: at, nextCheckAt: new Date(now.getTime() + 30 * 60_000).toISOString(),
    });
    // A marker typed in the report is stored as text, never as a follow-up.
    expect(filed.case.description).toBe('Paspor ditahan\n\n[ +1 palsu] bukan tambahan');
    expect(filed.events).toEqual([{ at, actor: 'reporter', type: 'reported', detail: { channel: 'sms', category: 'trafficking', truncated: true } }]);
    expect(filed.messages).toEqual([expect.objectContaining({ id: 'received.c9', audience: 'reporter', to: '+60123456789', caseId: 'c9', purpose: 'received', status: 'pending', attempts: 0, createdAt: at })]);
    expect(filed.messages[0]?.text).toContain('NEW-999');
    expect(filed.messages[0]?.text).toContain('0800-1000');
    expect(filed.messages[0]?.text).toBe(reporterTexts.received('id', { reference: 'NEW-999', hotline: '0800-1000' }));
    expect(filed.case).not.toHaveProperty('regencyAskedAt');
    for (const field of ['nik', 'workerName', 'agentName', 'consent', 'placesRead']) expect(filed.case).not.toHaveProperty(field);
  });

  it('keeps the optional facts given, and asks the regency once in the confirmation when the text named none', () => {
    const consent = { channel: 'sms' as const, at, version: 'v1', notice: 'none' as const };
    const categoryRead = { category: 'unpaid_wages' as const, words: ['gaji'] };
    const filed = planFile(facts({ nik: '5203012345670001', workerName: 'Siti', agentName: 'PT Maju', consent, placesRead: { country: { code: 'MY', mentions: [] } }, categoryRead, askRegency: true, homeRegency: 'unknown' }), { at, now, policy }, '0800');
    expect(filed.case).toMatchObject({ nik: '5203012345670001', workerName: 'Siti', agentName: 'PT Maju', consent, placesRead: { country: { code: 'MY', mentions: [] } }, categoryRead, regencyAskedAt: at });
    expect(filed.messages[0]?.text).toMatch(/NEW-999.* Asal kabupaten\/kota\? /);
    // On WhatsApp the question becomes a list to tap: the message says it asks the regency.
    expect(filed.messages[0]).toMatchObject({ asks: 'regency' });
    expect(planFile(facts(), { at, now, policy }, '0800').messages[0]).not.toHaveProperty('asks');
  });

  it('tells the consent texts after the reference and before the regency question when the reporter is to be told them', () => {
    const told = planFile(facts({ tellConsent: true, askRegency: true, homeRegency: 'unknown' }), { at, now, policy: { ...policy, retentionDaysAfterClose: 365 } }, '0800-1000');
    expect(told.messages[0]?.text).toBe(`${reporterTexts.received('id', { reference: 'NEW-999', hotline: '0800-1000' })} ${consentTexts.firstReply('id', 365)} ${askRegency('id')}`);
    expect(told.messages[0]?.text).toContain('dihapus 1 tahun setelah selesai');
    const english = planFile(facts({ tellConsent: true, language: 'en' }), { at, now, policy }, '0800-1000');
    expect(english.messages[0]?.text).toBe(`${reporterTexts.received('en', { reference: 'NEW-999', hotline: '0800-1000' })} ${consentTexts.firstReply('en', 730)}`);
  });

  it('sends no confirmation when the reporter is not to be told, and then records no question asked', () => {
    const filed = planFile(facts({ confirm: false, askRegency: true }), { at, now, policy }, '0800');
    expect(filed.messages).toEqual([]);
    expect(filed.case).not.toHaveProperty('regencyAskedAt');
  });

  it('treats new and acknowledged as open, resolved and closed as not', () => {
    expect(['new', 'acknowledged', 'resolved', 'closed'].map((status) => isOpenStatus({ status } as Case))).toEqual([true, true, false, false]);
  });
});

describe('optimistic concurrency (retryOnConflict)', () => {
  const conflict = () => new ConcurrentUpdateError('moved');

  it('decides again on the state as reloaded after another writer got there first', async () => {
    const seen: number[] = [];
    let version = 1;
    const result = await retryOnConflict({ first: version, reload: async () => ++version, vanished: () => 'gone' }, async (v) => {
      seen.push(v);
      if (v < 3) throw conflict();
      return `written at ${v}`;
    });
    expect(result).toBe('written at 3');
    expect(seen).toEqual([1, 2, 3]);
  });

  it(`gives up after ${MAX_UPDATE_ATTEMPTS} conflicts by default, or the attempts asked, with the last conflict`, async () => {
    let steps = 0;
    await expect(retryOnConflict({ first: 1, reload: async () => 1, vanished: () => 'gone' }, async () => { steps++; throw conflict(); })).rejects.toBeInstanceOf(ConcurrentUpdateError);
    expect(steps).toBe(MAX_UPDATE_ATTEMPTS);
    steps = 0;
    await expect(retryOnConflict({ first: 1, reload: async () => 1, vanished: () => 'gone', attempts: 1 }, async () => { steps++; throw conflict(); })).rejects.toBeInstanceOf(ConcurrentUpdateError);
    expect(steps).toBe(1);
  });

  it('answers for a case that vanished, and passes any other fault straight on', async () => {
    expect(await retryOnConflict({ first: 1, reload: async () => undefined, vanished: () => 'gone' }, async () => { throw conflict(); })).toBe('gone');
    let steps = 0;
    await expect(retryOnConflict({ first: 1, reload: async () => 1, vanished: () => 'gone' }, async () => { steps++; throw new Error('table missing'); })).rejects.toThrow('table missing');
    expect(steps).toBe(1);
  });
});

describe('rules added with the console work (issue 23): outcome notes, undoing a merge, asked-about cases', () => {
  it('keeps the outcome of a resolution as the official\'s note, and writes none without one', () => {
    const held = aCase({ status: 'acknowledged', assignee: 'prov-ntb' });
    expect(planOf(planResolve(held, context(desk), 'holder', 12, 'Gaji dibayar')).notes).toEqual([{ at, officialId: 'prov-ntb', text: 'Gaji dibayar' }]);
    expect(planOf(planResolve(held, context(desk), 'holder')).notes).toBeUndefined();
  });

  it('lets anyone take a new case someone only asked about (TANYA gave it an assignee), without naming a takeover', () => {
    const asked = aCase({ status: 'new', assignee: 'kab-5203' });
    const plan = planOf(planAcknowledge(asked, context(regency), 'same'));
    expect(plan.case).toMatchObject({ status: 'acknowledged', assignee: 'kab-5201' });
    expect(plan.events[0]?.detail).toEqual({ via: 'console', level: 1 });
    expect(planOf(planAcknowledge(aCase({ status: 'new', assignee: 'prov-ntb' }), context(desk), 'holder')).case?.status).toBe('acknowledged');
  });

  it('writes to the reporter in the language they chose, else the language of the report', () => {
    const asked = (c: Case, language?: 'id' | 'en') => planOf(planAskReporter(c, context(desk), 'When?', language ? { language } : {}, 'a')).messages[0]?.text;
    expect(asked(aCase({ language: 'en' }))).toBe(questionForReporter('en', 'ABC-234', 'When?'));
    expect(asked(aCase({ language: 'en' }), 'id')).toBe(questionForReporter('id', 'ABC-234', 'When?'));
    const into = aCase({ id: 'c2', reference: 'XYZ-789' });
    expect(planOf(planMerge(aCase({ language: 'en' }), into, context(desk), 'unheld', {})).messages[0]?.text).toBe(reporterTexts.merged('en', { reference: 'ABC-234', into: 'XYZ-789' }));
  });

  const into = aCase({ id: 'c2', reference: 'XYZ-789', version: 9 });
  const merged = aCase({ status: 'closed', mergedInto: 'XYZ-789', assignee: 'kab-5203', nextCheckAt: '2026-01-01T00:00:00.000Z' });
  const mergedAt = new Date(now.getTime() - MERGE_UNDO_MS).toISOString();

  it('undoes a merge within a day: the duplicate is open again with whoever had it, and both timelines say who undid it', () => {
    const plan = planOf(planUnmerge(merged, into, mergedAt, context(desk), 'above'));
    expect(plan.case).toMatchObject({ status: 'acknowledged', assignee: 'kab-5203', levelSince: at, updatedAt: at });
    expect(plan.case).not.toHaveProperty('mergedInto');
    expect(plan.case?.nextCheckAt).toBe(new Date(now.getTime() + (policy.slaMinutes.resolve.high / 2) * 60_000).toISOString());
    expect(plan.events).toEqual([{ at, actor: 'official:prov-ntb', type: 'merge_undone', detail: { via: 'console', into: 'XYZ-789', mergedAt } }]);
    expect(plan.related).toEqual({ caseId: 'c2', version: 9, events: [{ at, actor: 'official:prov-ntb', type: 'merge_undone_from', detail: { via: 'console', from: 'ABC-234' } }] });
    expect(planOf(planUnmerge({ ...merged, assignee: undefined }, into, mergedAt, context(desk), 'unheld')).case?.status).toBe('new');
  });

  it('refuses to undo after a day, a merge into another case, a case not merged, an unknown merge time, or from below', () => {
    const late = new Date(now.getTime() - MERGE_UNDO_MS - 1).toISOString();
    expect(planUnmerge(merged, into, late, context(desk), 'above')).toEqual(refused('undo_expired'));
    expect(planUnmerge(merged, { ...into, reference: 'QQQ-222' }, mergedAt, context(desk), 'above')).toEqual(refused('not_merged'));
    expect(planUnmerge({ ...merged, mergedInto: undefined }, into, mergedAt, context(desk), 'above')).toEqual(refused('not_merged'));
    expect(planUnmerge(merged, into, undefined, context(desk), 'above')).toEqual(refused('not_merged'));
    expect(planUnmerge(merged, into, mergedAt, context(regency), 'below')).toEqual(refused('taken'));
  });
});
