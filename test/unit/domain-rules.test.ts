import { describe, expect, it } from 'vitest';
import { type Case, caseEvent, cleanText, closedAtOf, DESCRIPTION_LIMIT, eventsOf, isOpen, truncateDescription } from '../../lib/domain/case.js';
import {
  ClientError, ConcurrentUpdateError, DependencyError, ForbiddenError, IntakeConflictError, PayloadTooLargeError, RateLimitedError,
  ReferenceTakenError, ReporterChangedError, ValidationError,
} from '../../lib/domain/errors.js';
import { officialEvent } from '../../lib/domain/official-event.js';
import { defaultPolicy } from '../../lib/config.js';
import type { ActionContext } from '../../lib/cases/plan.js';
import { withMilestones } from '../../lib/domain/milestones.js';
import { checkNik } from '../../lib/domain/nik.js';
import { covers, recipientsFor } from '../../lib/domain/routing.js';
import { nextBreachCheckAt, slaStep } from '../../lib/domain/sla.js';

/**
 * Domain rules the figures, the NIK check and the alert routing depend on, at their edges: the
 * cases a plausible regression (a dropped condition, a flipped comparison) would get wrong.
 */

type Official = ActionContext['official'];
const at = '2026-12-01T00:00:00.000Z';
const later = '2026-12-02T00:00:00.000Z';
const aCase = (over: Partial<Case> = {}): Case => ({
  id: 'c1', reference: 'ABC-234', category: 'unpaid_wages', urgency: 'high', homeRegency: '5203', country: 'MY', channel: 'sms',
  reporterType: 'worker', contact: '+60123456789', description: 'x', smsUpdates: true, language: 'id', status: 'new', level: 1,
  createdAt: at, updatedAt: at, version: 3, ...over,
});
const milestonesOf = (before: Partial<Case>, next: Partial<Case>) => {
  const out = withMilestones(aCase(before), aCase(next), later);
  const { acknowledgedAt, escalations, resolvedAt, confirmedAt, reopenings } = out;
  return Object.fromEntries(Object.entries({ acknowledgedAt, escalations, resolvedAt, confirmedAt, reopenings }).filter(([, v]) => v !== undefined));
};

describe('milestones a figure is counted from', () => {
  it('records the first response when a new case is taken, or resolved straight away, and never moves it', () => {
    expect(milestonesOf({ status: 'new' }, { status: 'acknowledged' })).toEqual({ acknowledgedAt: later });
    expect(milestonesOf({ status: 'new' }, { status: 'resolved' })).toEqual({ acknowledgedAt: later, resolvedAt: later });
    expect(milestonesOf({ status: 'new', acknowledgedAt: at }, { status: 'acknowledged', acknowledgedAt: at })).toEqual({ acknowledgedAt: at });
    expect(milestonesOf({ status: 'new' }, { status: 'new' })).toEqual({});
  });

  it('counts an escalation when the level rises without anyone taking the case', () => {
    expect(milestonesOf({ level: 1 }, { level: 2 })).toEqual({ escalations: 1 });
    expect(milestonesOf({ level: 2, escalations: 1, status: 'acknowledged' }, { level: 3, escalations: 1, status: 'acknowledged' })).toEqual({ escalations: 2 });
    // Taken by the province desk: the level rises with the take, which is no escalation.
    expect(milestonesOf({ level: 1 }, { level: 2, status: 'acknowledged' })).toEqual({ acknowledgedAt: later });
    expect(milestonesOf({ level: 2 }, { level: 2 })).toEqual({});
    expect(milestonesOf({ level: 3 }, { level: 1 })).toEqual({});
  });

  it('records a resolution only from an open case', () => {
    expect(milestonesOf({ status: 'acknowledged', acknowledgedAt: at }, { status: 'resolved', acknowledgedAt: at })).toEqual({ acknowledgedAt: at, resolvedAt: later });
    expect(milestonesOf({ status: 'resolved', resolvedAt: at }, { status: 'resolved', resolvedAt: at })).toEqual({ resolvedAt: at });
    expect(milestonesOf({ status: 'closed' }, { status: 'resolved' })).toEqual({});
  });

  it("records the reporter's confirmation when a resolved case closes, but not a merge closing it", () => {
    expect(milestonesOf({ status: 'resolved' }, { status: 'closed' })).toEqual({ confirmedAt: later });
    expect(milestonesOf({ status: 'resolved' }, { status: 'closed', mergedInto: 'XYZ-789' })).toEqual({});
    expect(milestonesOf({ status: 'acknowledged' }, { status: 'closed' })).toEqual({});
    expect(milestonesOf({ status: 'resolved' }, { status: 'resolved' })).toEqual({});
  });

  it('counts a reopening of a resolved case, back to new or to its holder, and forgets its resolution', () => {
    expect(milestonesOf({ status: 'resolved', resolvedAt: at }, { status: 'new', resolvedAt: at })).toEqual({ reopenings: 1 });
    expect(milestonesOf({ status: 'resolved', resolvedAt: at, reopenings: 2 }, { status: 'acknowledged', resolvedAt: at })).toEqual({ reopenings: 3 });
    expect(milestonesOf({ status: 'closed', resolvedAt: at }, { status: 'new', resolvedAt: at })).toEqual({ resolvedAt: at });
  });
});

describe('NIK', () => {
  it('refuses the serial 0000, which no person is given', () => {
    expect(checkNik('5203014507900000')).toEqual({ ok: false, problem: 'format' });
    expect(checkNik('5203014507901000').ok).toBe(true);
  });
});

describe('alert routing at its edges', () => {
  const o = (over: Partial<Official>): Official => ({ id: 'x', name: 'x', phone: '+62811', level: 1, regencies: [], active: true, failedPins: 0, locked: false, ...over });
  const lotim = o({ id: 'kab-5203', regencies: ['5203'] });
  const traffickingDesk = o({ id: 'tppo', level: 2, categories: ['trafficking'] });
  const desk = o({ id: 'prov-ntb', level: 2 });

  it('tells an official with a category list only about those categories', () => {
    const ids = (category: Case['category'], level: 1 | 2) => recipientsFor({ homeRegency: '5203', category, urgency: 'normal' }, level, [lotim, traffickingDesk, desk]).map((x) => x.id);
    expect(ids('unpaid_wages', 2)).toEqual(['prov-ntb']);
    expect(ids('trafficking', 2)).toEqual(['tppo', 'prov-ntb']);
  });

  it('finds nobody at the province level when it is empty, and falls back to it only from BP3MI', () => {
    expect(recipientsFor({ homeRegency: '5203', category: 'other', urgency: 'normal' }, 2, [lotim])).toEqual([]);
    expect(recipientsFor({ homeRegency: '5203', category: 'other', urgency: 'normal' }, 3, [lotim, desk]).map((x) => x.id)).toEqual(['prov-ntb']);
  });

  it('lets an official act only while active, within their categories, and at level 1 only in their regencies', () => {
    const c = { homeRegency: '5203' as const, category: 'other' as const };
    expect(covers(lotim, c)).toBe(true);
    expect(covers({ ...lotim, active: false }, c)).toBe(false);
    expect(covers(traffickingDesk, c)).toBe(false);
    expect(covers(traffickingDesk, { ...c, category: 'trafficking' })).toBe(true);
    expect(covers(desk, { ...c, homeRegency: '5201' })).toBe(true);
    expect(covers(o({ level: 1, regencies: [] }), c)).toBe(false);
  });
});

describe('SLA of a case no longer open', () => {
  const policy = defaultPolicy();
  it('has no step and no breach check once resolved', () => {
    expect(slaStep(aCase({ status: 'resolved' }), policy, new Date('2027-01-01T00:00:00.000Z'))).toEqual({ kind: 'none' });
    expect(nextBreachCheckAt(aCase({ status: 'closed' }), policy, new Date(at), 2)).toBeUndefined();
    expect(nextBreachCheckAt(aCase({ status: 'new', urgency: 'urgent' }), policy, new Date(at), 2)).toBe('2026-12-01T02:00:00.000Z');
  });
});

describe('report text and the life of a case', () => {
  it(`keeps a description of exactly ${DESCRIPTION_LIMIT} characters whole and cuts one more, saying so`, () => {
    expect(truncateDescription('x'.repeat(DESCRIPTION_LIMIT))).toEqual({ text: 'x'.repeat(DESCRIPTION_LIMIT), truncated: false });
    const cut = truncateDescription('x'.repeat(DESCRIPTION_LIMIT + 1));
    expect(cut).toEqual({ text: `${'x'.repeat(DESCRIPTION_LIMIT - 1)}…`, truncated: true });
    expect(cut.text).toHaveLength(DESCRIPTION_LIMIT);
  });

  it('stores text without invisible or control characters, with line breaks and tabs kept as one kind of line break', () => {
    expect(cleanText('\u200b Gaji\u0007 belum\r\ndibayar\rlagi\tya \ufeff')).toBe('Gaji belum\ndibayar\nlagi\tya');
    expect(cleanText('\u200b\u200d')).toBe('');
  });

  it('counts retention from the latest resolution or confirmation, else from the last change', () => {
    expect(closedAtOf({ resolvedAt: '2026-01-02T00:00:00.000Z', confirmedAt: '2026-01-05T00:00:00.000Z', updatedAt: '2026-02-01T00:00:00.000Z' })).toBe('2026-01-05T00:00:00.000Z');
    expect(closedAtOf({ resolvedAt: '2026-01-09T00:00:00.000Z', confirmedAt: '2026-01-05T00:00:00.000Z', updatedAt: '2026-02-01T00:00:00.000Z' })).toBe('2026-01-09T00:00:00.000Z');
    expect(closedAtOf({ updatedAt: '2026-02-01T00:00:00.000Z' })).toBe('2026-02-01T00:00:00.000Z');
  });

  it('finds the events of one type on a timeline, and treats only new and acknowledged as open', () => {
    const timeline = [caseEvent('reported', at, 'reporter', { channel: 'sms', category: 'other', truncated: false }), caseEvent('reopened', later, 'reporter', { from: 'resolved', to: 'new' })];
    expect(eventsOf(timeline, 'reopened')).toEqual([{ at: later, actor: 'reporter', type: 'reopened', detail: { from: 'resolved', to: 'new' } }]);
    expect(['new', 'acknowledged', 'resolved', 'closed'].map((status) => isOpen({ status: status as Case['status'] }))).toEqual([true, true, false, false]);
  });

  it("records an official's lock with its door and counts, never a PIN", () => {
    expect(officialEvent('official_locked', at, 'system', { failedPins: 5, told: 'prov-ntb', door: 'console', minutes: 15 }))
      .toEqual({ at, actor: 'system', type: 'official_locked', detail: { failedPins: 5, told: 'prov-ntb', door: 'console', minutes: 15 } });
  });
});

describe('errors the doors turn into answers', () => {
  it('names the invalid fields with a 400, and the other client faults with their status and code', () => {
    const invalid = new ValidationError({ phone: 'not a number', nik: 'bad' });
    expect([invalid.status, invalid.code, invalid.message, invalid.fields, invalid.name]).toEqual([400, 'VALIDATION', 'Invalid phone, nik', { phone: 'not a number', nik: 'bad' }, 'ValidationError']);
    expect([new ForbiddenError().status, new ForbiddenError().code, new ForbiddenError().message]).toEqual([403, 'FORBIDDEN', 'Forbidden']);
    expect([new PayloadTooLargeError(4096).status, new PayloadTooLargeError(4096).message]).toEqual([413, 'Body larger than 4096 bytes']);
    const limited = new RateLimitedError('sms');
    expect([limited.status, limited.code, limited.scope]).toEqual([429, 'RATE_LIMITED', 'sms']);
    expect([new IntakeConflictError().status, new IntakeConflictError().code]).toEqual([409, 'TOKEN_REUSED']);
    expect(new ClientError('X', 418, 'm').fields).toEqual({});
  });

  it('tells faults apart by code, and keeps their cause', () => {
    const cause = new Error('throttled');
    expect([new ConcurrentUpdateError('c').code, new DependencyError('d', { cause }).code, new ReferenceTakenError('r').code, new ReporterChangedError('p').code])
      .toEqual(['CONCURRENT_UPDATE', 'DEPENDENCY_FAILED', 'REFERENCE_TAKEN', 'REPORTER_CHANGED']);
    expect(new DependencyError('d', { cause }).cause).toBe(cause);
    expect(new DependencyError('d').name).toBe('DependencyError');
  });
});
