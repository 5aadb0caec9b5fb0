import { describe, expect, it } from 'vitest';
import type { Case } from '../../lib/domain/case.js';
import { defaultPolicy } from '../../lib/config.js';
import type { Official } from '../../lib/domain/official.js';
import { canReadAccessLog, canSee, canSeeContact } from '../../lib/domain/visibility.js';
import type { ActionContext } from '../../lib/cases/plan.js';
import { planAcknowledge, planAskReporter, planCorrect, planHandOver, planMerge, planReopen, planResolve } from '../../lib/cases/plans.js';
import { decodeCursor, slicesFor } from '../../lib/use-cases/console/queue.js';
import { partitionOf } from '../../lib/adapters/dynamo/case-pages.js';
import { credentialStamp } from '../../lib/use-cases/console/sign-in.js';

const policy = defaultPolicy();
const official = (over: Partial<Official> = {}): Official => ({
  id: 'kab-5201', name: 'Lombok Barat', phone: '+6281100005001', level: 1, regencies: ['5201'], active: true, failedPins: 0, locked: false, ...over,
});
const desk = official({ id: 'prov-ntb', level: 2, regencies: [] });
const at = '2026-12-01T00:00:00.000Z';
const context = (o: Official): ActionContext => ({ official: o, actor: `official:${o.id}`, at, now: new Date(at), policy, via: 'console' });
const aCase = (over: Partial<Case> = {}): Case => ({
  id: 'c1', reference: 'ABC-234', category: 'unpaid_wages', urgency: 'high', homeRegency: '5203', country: 'MY', channel: 'sms',
  reporterType: 'worker', contact: '+60123456789', description: 'x', smsUpdates: true, language: 'id', status: 'new', level: 1,
  createdAt: at, updatedAt: at, version: 3, ...over,
});

describe('who sees a case in the console', () => {
  it('shows a regency officer their regency and cases handed to them, never another regency', () => {
    expect(canSee(official(), aCase({ homeRegency: '5201' }))).toBe(true);
    expect(canSee(official(), aCase({ homeRegency: '5203' }))).toBe(false);
    expect(canSee(official(), aCase({ homeRegency: '5203', assignee: 'kab-5201' }))).toBe(true);
    expect(canSee(official({ active: false }), aCase({ homeRegency: '5201' }))).toBe(false);
  });

  it('shows the desk and BP3MI every case, except outside a category list', () => {
    expect(canSee(desk, aCase({ homeRegency: 'outside' }))).toBe(true);
    expect(canSee(official({ level: 3, categories: ['trafficking'] }), aCase())).toBe(false);
  });

  it("shows the reporter's number only to the official who took the case, and the access log to levels 2 and 3", () => {
    expect(canSeeContact(desk, aCase({ assignee: 'prov-ntb', status: 'acknowledged' }))).toBe(true);
    expect(canSeeContact(desk, aCase({ assignee: 'prov-ntb', status: 'new' }))).toBe(false);
    expect(canSeeContact(official(), aCase({ assignee: 'prov-ntb', status: 'acknowledged' }))).toBe(false);
    expect(canReadAccessLog(official())).toBe(false);
    expect(canReadAccessLog(desk)).toBe(true);
  });
});

describe('case operations shared by the SMS commands and the console', () => {
  it('takes a case at the official\'s level and refuses a takeover from the same level', () => {
    const plan = planAcknowledge(aCase(), context(desk), 'unheld');
    expect(plan.applies && plan.plan.case).toMatchObject({ status: 'acknowledged', assignee: 'prov-ntb', level: 2 });
    expect(planAcknowledge(aCase({ status: 'acknowledged', assignee: 'kab-5203' }), context(official()), 'same')).toEqual({ applies: false, reason: 'taken' });
    expect(planAcknowledge(aCase({ status: 'closed' }), context(desk), 'unheld')).toEqual({ applies: false, reason: 'not_open' });
  });

  it('resolves without a next check, and reopens with one', () => {
    const resolved = planResolve(aCase({ status: 'acknowledged', assignee: 'prov-ntb', nextCheckAt: at }), context(desk), 'holder');
    expect(resolved.applies && resolved.plan.case?.nextCheckAt).toBeUndefined();
    const reopened = planReopen(aCase({ status: 'resolved', assignee: 'prov-ntb' }), context(desk));
    expect(reopened.applies && reopened.plan.case).toMatchObject({ status: 'acknowledged', levelSince: at });
    expect(reopened.applies && reopened.plan.case?.nextCheckAt).toBeDefined();
    expect(planReopen(aCase(), context(desk))).toEqual({ applies: false, reason: 'not_closed' });
  });

  it('asks the reporter neutrally and not after BERHENTI', () => {
    const asked = planAskReporter(aCase(), context(desk), 'Kapan gaji terakhir?', {}, 'ask.1');
    expect(asked.applies && asked.plan.messages[0]).toMatchObject({ to: '+60123456789', purpose: 'question' });
    expect(planAskReporter(aCase(), context(desk), 'x', { smsStopped: true }, 'ask.2')).toEqual({ applies: false, reason: 'reporter_no_sms' });
    expect(planAskReporter(aCase(), context(desk), '  ', {}, 'ask.3')).toEqual({ applies: false, reason: 'no_question' });
  });

  it('moves the deadline with the urgency, records only what changed, and hands over as new at the other level', () => {
    const corrected = planCorrect(aCase({ nextCheckAt: '2026-12-02T00:00:00.000Z', levelSince: at }), context(desk), 'unheld', { urgency: 'urgent', category: 'unpaid_wages' });
    expect(corrected.applies && corrected.plan.events[0]?.detail).toEqual({ urgencyFrom: 'high', urgencyTo: 'urgent', via: 'console' });
    expect(corrected.applies && corrected.plan.case!.nextCheckAt! < '2026-12-02T00:00:00.000Z').toBe(true);
    expect(planCorrect(aCase(), context(desk), 'unheld', { category: 'unpaid_wages' })).toEqual({ applies: false, reason: 'unchanged' });
    const handed = planHandOver(aCase({ status: 'acknowledged', assignee: 'kab-5203' }), context(desk), 'above', 3);
    expect(handed.applies && handed.plan.case).toMatchObject({ level: 3, status: 'new' });
    expect(handed.applies && handed.plan.case?.assignee).toBeUndefined();
  });

  it('merges a duplicate into another case and tells its reporter which reference to use, once', () => {
    const merged = planMerge(aCase(), aCase({ id: 'c2', reference: 'XYZ-789' }), context(desk), 'unheld', {});
    expect(merged.applies && merged.plan.case).toMatchObject({ status: 'closed', mergedInto: 'XYZ-789' });
    expect(merged.applies && merged.plan.messages[0]?.text).toContain('XYZ-789');
    expect(planMerge(aCase(), aCase(), context(desk), 'unheld', {})).toEqual({ applies: false, reason: 'same_case' });
  });
});

describe('the console queue', () => {
  it('reads one partition per regency for a regency officer, one per status for the desk, per urgency when overdue', () => {
    const now = new Date(at);
    const partitionsFor = (...args: Parameters<typeof slicesFor>) => slicesFor(...args).map(partitionOf);
    expect(partitionsFor(official({ regencies: ['5201', '5208'] }), 'all', {}, policy, now)).toHaveLength(4);
    expect(partitionsFor(desk, 'all', {}, policy, now).map((p) => p.index)).toEqual(['all', 'all']);
    expect(partitionsFor(desk, 'all', { regency: '5203' }, policy, now).map((p) => p.key)).toEqual(['AREA#5203#new', 'AREA#5203#acknowledged']);
    expect(partitionsFor(desk, 'overdue', {}, policy, now)).toHaveLength(6);
    expect(partitionsFor(official(), 'unassigned', { status: 'resolved' }, policy, now)).toEqual([]);
  });

  it('asks the store for slices of the queue by whose cases, which status and which urgency is overdue, never by key', () => {
    const now = new Date(at);
    expect(slicesFor(official({ id: 'kab-5203' }), 'mine', {}, policy, now)).toEqual([
      { status: 'new', of: { holder: 'kab-5203' } }, { status: 'acknowledged', of: { holder: 'kab-5203' } },
    ]);
    expect(slicesFor(desk, 'unassigned', {}, policy, now)).toEqual([{ status: 'new', of: 'everywhere' }]);
    const urgentNew = slicesFor(desk, 'overdue', {}, policy, now)[0]!;
    const oneHourAgo = new Date(now.getTime() - policy.slaMinutes.acknowledge.urgent * 60_000).toISOString();
    expect(urgentNew).toEqual({ status: 'new', of: 'everywhere', overdue: { urgency: 'urgent', levelSinceBefore: oneHourAgo } });
    expect(partitionOf(urgentNew)).toEqual({ index: 'all', key: 'ALL#new', prefix: '0#', before: `0#${oneHourAgo}` });
  });

  it('ignores a cursor that is not its own', () => {
    expect(decodeCursor('not base64 json')).toEqual({});
    const key = '1#2026-11-23T06:04:45.000Z#c4se1d';
    expect(decodeCursor(Buffer.from(JSON.stringify({ 'a|b|': key, n: 3 })).toString('base64url'))).toEqual({ 'a|b|': key });
    // Only what has the shape of a queue sort key is passed on: nothing crafted reaches a query.
    expect(decodeCursor(Buffer.from(JSON.stringify({ 'a|b|': '1#x', c: 'x'.repeat(2000), d: 'undefined' })).toString('base64url'))).toEqual({});
  });

  it('ends sessions when the PIN or the active flag changes', () => {
    expect(credentialStamp({ pinHash: 'a', active: true })).not.toBe(credentialStamp({ pinHash: 'b', active: true }));
    expect(credentialStamp({ pinHash: 'a', active: true })).not.toBe(credentialStamp({ pinHash: 'a', active: false }));
  });
});
