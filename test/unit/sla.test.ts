import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { deadlineOf, nextBreachCheckAt, nextCheckAt, slaStep } from '../../lib/domain/sla.js';
import { defaultPolicy, parseConfig } from '../../lib/config.js';
import type { Case } from '../../lib/domain/case.js';

const policy = defaultPolicy();
const T0 = '2026-11-23T00:00:00.000Z';
const at = (minutes: number) => new Date(Date.parse(T0) + minutes * 60_000);
const HOUR = 60;
const DAY = 24 * HOUR;

type SlaCase = Pick<Case, 'status' | 'urgency' | 'createdAt' | 'level' | 'levelSince'>;
const c = (over: Partial<SlaCase> = {}): SlaCase => ({ status: 'new', urgency: 'normal', createdAt: T0, level: 1, levelSince: T0, ...over });

describe('SLA deadlines', () => {
  it('give 1 hour, 24 hours and 72 hours to acknowledge urgent, high and normal cases', () => {
    expect(deadlineOf(c({ urgency: 'urgent' }), policy, T0)).toEqual(at(1 * HOUR));
    expect(deadlineOf(c({ urgency: 'high' }), policy, T0)).toEqual(at(24 * HOUR));
    expect(deadlineOf(c({ urgency: 'normal' }), policy, T0)).toEqual(at(72 * HOUR));
  });

  it('give 7, 14 and 30 days to resolve once acknowledged', () => {
    expect(deadlineOf(c({ status: 'acknowledged', urgency: 'urgent' }), policy, T0)).toEqual(at(7 * DAY));
    expect(deadlineOf(c({ status: 'acknowledged', urgency: 'high' }), policy, T0)).toEqual(at(14 * DAY));
    expect(deadlineOf(c({ status: 'acknowledged', urgency: 'normal' }), policy, T0)).toEqual(at(30 * DAY));
  });

  it('follow the configuration', () => {
    const custom = parseConfig({ SLA_ACK_URGENT_MINUTES: '30' }).policy;
    expect(deadlineOf(c({ urgency: 'urgent' }), custom, T0)).toEqual(at(30));
  });

  it('stop once a case is resolved or closed', () => {
    expect(deadlineOf(c({ status: 'resolved' }), policy, T0)).toBeUndefined();
    expect(nextCheckAt(c({ status: 'closed' }), policy, T0, at(0))).toBeUndefined();
    expect(slaStep(c({ status: 'resolved' }), policy, at(100 * DAY))).toEqual({ kind: 'none' });
  });
});

describe('the SLA schedule', () => {
  it('looks at a case at half the time, then at the deadline', () => {
    expect(nextCheckAt(c({ urgency: 'urgent' }), policy, T0, at(0))).toBe(at(30).toISOString());
    expect(nextCheckAt(c({ urgency: 'urgent' }), policy, T0, at(30))).toBe(at(60).toISOString());
  });

  it('does nothing before half the time, reminds the current level after it, escalates past the deadline', () => {
    const urgent = c({ urgency: 'urgent' });
    expect(slaStep(urgent, policy, at(29))).toEqual({ kind: 'none' });
    expect(slaStep(urgent, policy, at(30))).toEqual({ kind: 'remind', deadline: at(60) });
    expect(slaStep(urgent, policy, at(60))).toEqual({ kind: 'escalate', from: 1, to: 2, deadline: at(60) });
    expect(slaStep({ ...urgent, level: 2 }, policy, at(61))).toEqual({ kind: 'escalate', from: 2, to: 3, deadline: at(60) });
  });

  it('counts from when the current level got the case, not from the report', () => {
    const handedOver = c({ urgency: 'high', level: 2, levelSince: at(24 * HOUR).toISOString() });
    expect(slaStep(handedOver, policy, at(25 * HOUR))).toEqual({ kind: 'none' });
    expect(slaStep(handedOver, policy, at(36 * HOUR))).toMatchObject({ kind: 'remind' });
    expect(slaStep(handedOver, policy, at(48 * HOUR))).toMatchObject({ kind: 'escalate', to: 3 });
  });

  it('falls back to the creation time for cases stored before levelSince existed', () => {
    const { levelSince: _x, ...old } = c({ urgency: 'urgent' });
    expect(slaStep(old, policy, at(61))).toMatchObject({ kind: 'escalate', to: 2 });
  });

  it('at BP3MI has no level left: it counts whole periods overdue and looks again one period later', () => {
    const top = c({ urgency: 'urgent', level: 3 });
    expect(slaStep(top, policy, at(60))).toEqual({ kind: 'breached', deadline: at(60), periods: 1 });
    expect(slaStep(top, policy, at(150))).toEqual({ kind: 'breached', deadline: at(60), periods: 2 });
    expect(nextBreachCheckAt(top, policy, at(60), 2)).toBe(at(180).toISOString());
  });

  it('always schedules the next look after now while a case is open', () => {
    fc.assert(fc.property(
      fc.constantFrom('new' as const, 'acknowledged' as const), fc.constantFrom('urgent' as const, 'high' as const, 'normal' as const),
      fc.integer({ min: 0, max: 60 * DAY - 1 }),
      (status, urgency, minutes) => {
        const x = c({ status, urgency });
        const deadline = deadlineOf(x, policy, T0)!;
        const now = at(minutes);
        fc.pre(now < deadline);
        const next = nextCheckAt(x, policy, T0, now)!;
        expect(Date.parse(next)).toBeGreaterThan(now.getTime() - 1);
        expect(Date.parse(next)).toBeLessThanOrEqual(deadline.getTime());
      },
    ));
  });
});
