import { describe, expect, it } from 'vitest';
import { actorOf, type ActionContext } from '../../lib/cases/plan.js';
import { planSlaCheck } from '../../lib/cases/escalation-plans.js';
import { planConfirmCategory, planCorrect, planMerge, planRefer } from '../../lib/cases/plans.js';
import { reporterTexts } from '../../lib/messages/reporter.js';
import { defaultPolicy } from '../../lib/config.js';
import type { Case } from '../../lib/domain/case.js';

/**
 * The category a case's text was read as (confirmed or corrected by an official) and the plans that
 * refuse a data request: case plans a mutation run (issue 24) found no unit test reaching.
 */
type Official = ActionContext['official'];
const at = '2026-12-01T00:00:00.000Z';
const desk: Official = { id: 'prov-ntb', name: 'Disnakertrans', phone: '+6281100002000', level: 2, regencies: [], active: true, failedPins: 0, locked: false };
const ctx = (): ActionContext => ({ official: desk, actor: actorOf(desk), at, now: new Date(at), policy: defaultPolicy(), via: 'console' });
const aCase = (over: Partial<Case> = {}): Case => ({
  id: 'c1', reference: 'ABC-234', category: 'unpaid_wages', urgency: 'high', homeRegency: '5203', country: 'MY', channel: 'sms',
  reporterType: 'worker', contact: '+60123456789', description: 'Gaji belum dibayar', smsUpdates: true, language: 'id', status: 'new', level: 1,
  levelSince: at, createdAt: at, updatedAt: '2026-11-30T00:00:00.000Z', version: 3, ...over,
});
const read = { category: 'unpaid_wages' as const, words: ['gaji'] };

describe('the category read from the text', () => {
  it('is confirmed by an official who may change the case, settled with who and when, and on the timeline', () => {
    expect(planConfirmCategory(aCase({ categoryRead: read }), ctx(), 'unheld')).toEqual({
      applies: true,
      plan: {
        case: aCase({ categoryRead: { ...read, settled: { how: 'confirmed', by: 'prov-ntb', at } }, updatedAt: at }),
        events: [{ at, actor: 'official:prov-ntb', type: 'category_confirmed', detail: { via: 'console', category: 'unpaid_wages' } }],
        messages: [],
        alerts: [],
      },
    });
  });

  it('is not confirmed twice, nor when the category was since changed, nor from below the holder', () => {
    const settled = { ...read, settled: { how: 'confirmed' as const, by: 'kab-5203', at } };
    expect(planConfirmCategory(aCase({ categoryRead: settled }), ctx(), 'unheld')).toEqual({ applies: false, reason: 'unchanged' });
    expect(planConfirmCategory(aCase({ categoryRead: { ...read, category: 'documents_held' } }), ctx(), 'unheld')).toEqual({ applies: false, reason: 'unchanged' });
    expect(planConfirmCategory(aCase(), ctx(), 'unheld')).toEqual({ applies: false, reason: 'unchanged' });
    expect(planConfirmCategory(aCase({ categoryRead: read }), ctx(), 'below')).toEqual({ applies: false, reason: 'taken' });
  });

  it('is settled as corrected when an official changes the category, and left as it was when only the urgency changes', () => {
    const corrected = planCorrect(aCase({ categoryRead: read }), ctx(), 'unheld', { category: 'documents_held' });
    expect(corrected.applies && corrected.plan.case?.categoryRead).toEqual({ ...read, settled: { how: 'corrected', by: 'prov-ntb', at } });
    const urgency = planCorrect(aCase({ categoryRead: read }), ctx(), 'unheld', { urgency: 'urgent' });
    expect(urgency.applies && urgency.plan.case?.categoryRead).toEqual(read);
    const settled = { ...read, settled: { how: 'confirmed' as const, by: 'kab-5203', at } };
    const again = planCorrect(aCase({ categoryRead: settled }), ctx(), 'unheld', { category: 'documents_held' });
    expect(again.applies && again.plan.case?.categoryRead).toEqual(settled);
  });
});

describe('a data request', () => {
  it('is never corrected or referred like a complaint', () => {
    const request = aCase({ kind: 'data_request', dataRequest: { type: 'erasure' } });
    expect(planCorrect(request, ctx(), 'unheld', { urgency: 'urgent' })).toEqual({ applies: false, reason: 'data_request' });
    expect(planRefer(request, ctx(), 'unheld', 'province_bali')).toEqual({ applies: false, reason: 'data_request' });
  });
});

describe('a merged duplicate', () => {
  it('is announced to its reporter in the language the number chose since, else in the case\'s own', () => {
    const into = aCase({ id: 'c2', reference: 'XYZ-789' });
    const merged = (prefs: { language?: 'id' | 'en' }) => {
      const r = planMerge(aCase(), into, ctx(), 'unheld', prefs);
      return r.applies ? r.plan.messages[0]?.text : undefined;
    };
    expect(merged({ language: 'en' })).toBe(reporterTexts.merged('en', { reference: 'ABC-234', into: 'XYZ-789' }));
    expect(merged({})).toBe(reporterTexts.merged('id', { reference: 'ABC-234', into: 'XYZ-789' }));
    expect(reporterTexts.merged('en', { reference: 'ABC-234', into: 'XYZ-789' })).not.toBe(reporterTexts.merged('id', { reference: 'ABC-234', into: 'XYZ-789' }));
  });
});

describe('an escalation and a reminder from the SLA check', () => {
  const lotim: Official = { ...desk, id: 'kab-5203', name: 'Lombok Timur', phone: '+6281100005003', level: 1, regencies: ['5203'] };
  const check = (c: Case, hours: number, officials: Official[]) => {
    const now = new Date(new Date(at).getTime() + hours * 3_600_000);
    const r = planSlaCheck(c, { actor: 'system', at: now.toISOString(), now, policy: defaultPolicy() }, officials);
    if (!r.plan.applies) throw new Error(r.plan.reason);
    return r.plan.plan;
  };

  it('tells the level above which office it waited for: the holder, else the office alerted, else the desk', () => {
    const heldByDesk = aCase({ status: 'acknowledged', assignee: 'prov-ntb', acknowledgedAt: at });
    expect(check(heldByDesk, 24 * 15, [lotim, desk]).alerts[0]?.escalation).toEqual({ waitedFor: 'Desk provinsi', minutes: 20160, notResolved: true });
    const heldByLotim = aCase({ status: 'acknowledged', assignee: 'kab-5203', acknowledgedAt: at });
    expect(check(heldByLotim, 24 * 15, [lotim, desk]).alerts[0]?.escalation).toEqual({ waitedFor: 'Lombok Timur', minutes: 20160, notResolved: true });
    expect(check(aCase(), 25, [lotim, desk]).alerts[0]?.escalation).toEqual({ waitedFor: 'Lombok Timur', minutes: 1440, notResolved: false });
    expect(check(aCase({ homeRegency: 'unknown' }), 25, [lotim, desk]).alerts[0]?.escalation).toEqual({ waitedFor: 'Desk provinsi', minutes: 1440, notResolved: false });
  });

  it('records a reminder nobody could be sent as the system\'s, naming nobody', () => {
    expect(check(aCase(), 13, []).events).toEqual([expect.objectContaining({ type: 'reminder', actor: 'system', detail: expect.objectContaining({ official: 'none' }) })]);
  });
});
