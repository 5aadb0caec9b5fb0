import { describe, expect, it } from 'vitest';
import { planDataRequest, planDecideDataRequest, planRecordExport } from '../../lib/cases/data-request-plans.js';
import type { ActionContext } from '../../lib/cases/plan.js';
import { defaultPolicy } from '../../lib/config.js';
import type { Case } from '../../lib/domain/case.js';
import type { Official } from '../../lib/domain/official.js';

/**
 * The data-request plans (lib/cases/data-request-plans.ts) field by field: a mutation run (issue 24)
 * left 63 of their mutants alive, the record of a refusal, the fields of the new request and the
 * export record never compared whole.
 */
const AT = '2026-12-06T02:00:00.000Z';
const now = new Date(AT);
const desk: Official = { id: 'prov-ntb', name: 'Desk Disnakertrans NTB', phone: '+6281100005200', level: 2, regencies: [], active: true, failedPins: 0, locked: false };
const ctx = (): ActionContext => ({ official: desk, actor: 'official:prov-ntb', at: AT, now, policy: defaultPolicy(), via: 'console' });
const request = (type: 'erasure' | 'access') => planDataRequest(
  { id: 'req1', reference: 'ABC-234', type, channel: 'whatsapp', contact: '+60123456789', language: 'en', country: 'MY' },
  { at: AT, now, policy: defaultPolicy() },
);
const filed: Case = {
  id: 'req1', reference: 'ABC-234', kind: 'data_request', dataRequest: { type: 'access' },
  category: 'other', urgency: 'high', homeRegency: 'unknown', country: 'MY', channel: 'whatsapp',
  reporterType: 'worker', contact: '+60123456789', description: '', smsUpdates: true, language: 'en',
  status: 'new', level: 2, levelSince: AT, createdAt: AT, updatedAt: AT, version: 1,
  // The desk's reminder, 12 hours into its 24.
  nextCheckAt: '2026-12-06T14:00:00.000Z',
};

describe('a data request, field by field', () => {
  it('is filed as a high-urgency request of the worker at the desk, with its first event and a reply to the sender', () => {
    expect(request('access')).toEqual({
      case: filed,
      events: [{ at: AT, actor: 'reporter', type: 'data_request_received', detail: { type: 'access', channel: 'whatsapp' } }],
      messages: [{
        id: 'received.req1', audience: 'reporter', to: '+60123456789', caseId: 'req1', purpose: 'data_request_received',
        text: 'Request ABC-234 received; answered by 09/12 10:00 WITA at the latest. Info: Disnakertrans NTB officers.',
        status: 'pending', attempts: 0, createdAt: AT,
      }],
    });
  });

  it('records a refusal with its ground, touching no case, and tells the reporter on the request\'s own key', () => {
    const refused = planDecideDataRequest(request('erasure').case, ctx(), { outcome: 'refused', ground: 'art44_legal_case' });
    const { nextCheckAt: _reminder, ...open } = { ...filed, dataRequest: { type: 'erasure' as const } };
    expect(refused).toEqual({
      applies: true,
      plan: {
        case: {
          ...open, status: 'closed', assignee: 'prov-ntb', updatedAt: AT, resolvedAt: AT,
          dataRequest: { type: 'erasure', decision: { outcome: 'refused', at: AT, by: 'prov-ntb', cases: [], ground: 'art44_legal_case' } },
        },
        events: [{ at: AT, actor: 'official:prov-ntb', type: 'data_request_decided', detail: { type: 'erasure', outcome: 'refused', cases: 0, ground: 'art44_legal_case' } }],
        messages: [{
          id: 'decided.req1', audience: 'reporter', to: '+60123456789', caseId: 'req1', purpose: 'data_request_outcome',
          text: 'Request ABC-234 cannot be carried out (Law 27/2022 Art. 44). Info: Disnakertrans NTB officers.',
          status: 'pending', attempts: 0, createdAt: AT,
        }],
        alerts: [],
      },
    });
  });

  it('records a copy or a correction with the cases it touched and no ground, the reply bound to the request', () => {
    const copied = planDecideDataRequest(request('access').case, ctx(), { outcome: 'carried_out', cases: ['XYZ-111', 'XYZ-112'] });
    expect(copied.applies && copied.plan.case?.dataRequest?.decision).toStrictEqual({ outcome: 'carried_out', at: AT, by: 'prov-ntb', cases: ['XYZ-111', 'XYZ-112'] });
    // No ground key at all on what is not a refusal.
    expect(copied.applies && copied.plan.events).toStrictEqual([
      { at: AT, actor: 'official:prov-ntb', type: 'data_request_decided', detail: { type: 'access', outcome: 'carried_out', cases: 2 } },
    ]);
    // A copy erases nothing: its outcome SMS keeps the request's key.
    expect(copied.applies && copied.plan.messages[0]?.caseId).toBe('req1');
    const corrected = planDecideDataRequest(request('erasure').case, ctx(), { outcome: 'corrected', cases: ['XYZ-111'] });
    expect(corrected.applies && corrected.plan.case?.dataRequest?.decision).toStrictEqual({ outcome: 'corrected', at: AT, by: 'prov-ntb', cases: ['XYZ-111'] });
    expect(corrected.applies && corrected.plan.messages).toEqual([{
      id: 'decided.req1', audience: 'reporter', to: '+60123456789', caseId: 'req1', purpose: 'data_request_outcome',
      text: 'Request ABC-234 carried out: the data was corrected.', status: 'pending', attempts: 0, createdAt: AT,
    }]);
  });

  it('decides nothing on a complaint, nor on a request whose record is missing', () => {
    const complaint: Case = { ...filed, kind: undefined, dataRequest: undefined } as unknown as Case;
    expect(planDecideDataRequest(complaint, ctx(), { outcome: 'carried_out', cases: [] })).toEqual({ applies: false, reason: 'not_a_request' });
    const bare = { ...filed, dataRequest: undefined } as unknown as Case;
    expect(planDecideDataRequest(bare, ctx(), { outcome: 'carried_out', cases: [] })).toEqual({ applies: false, reason: 'not_a_request' });
  });
});

describe('the record of a copy handed over', () => {
  it('puts the format and the number of cases on the timeline of an access request', () => {
    expect(planRecordExport(request('access').case, ctx(), 'json', 3)).toEqual({
      applies: true,
      plan: { events: [{ at: AT, actor: 'official:prov-ntb', type: 'data_exported', detail: { format: 'json', cases: 3 } }], messages: [], alerts: [] },
    });
  });

  it('is refused for an erasure request, a complaint, and a request that was refused', () => {
    expect(planRecordExport(request('erasure').case, ctx(), 'html', 1)).toEqual({ applies: false, reason: 'not_a_request' });
    expect(planRecordExport({ ...filed, kind: undefined, dataRequest: undefined } as unknown as Case, ctx(), 'html', 1)).toEqual({ applies: false, reason: 'not_a_request' });
    expect(planRecordExport({ ...filed, dataRequest: undefined } as unknown as Case, ctx(), 'html', 1)).toEqual({ applies: false, reason: 'not_a_request' });
    const refused = planDecideDataRequest(request('access').case, ctx(), { outcome: 'refused', ground: 'art33_danger' });
    expect(planRecordExport(refused.applies ? refused.plan.case! : filed, ctx(), 'html', 1)).toEqual({ applies: false, reason: 'already_decided' });
    // A copy already carried out may be exported again (a second format, a lost file).
    const copied = planDecideDataRequest(request('access').case, ctx(), { outcome: 'carried_out', cases: ['XYZ-111'] });
    expect(planRecordExport(copied.applies ? copied.plan.case! : filed, ctx(), 'html', 1).applies).toBe(true);
  });
});
