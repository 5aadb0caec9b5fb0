import { describe, expect, it } from 'vitest';
import { normaliseAgentName } from '../../lib/domain/agent-name.js';
import { parseWebReport } from '../../lib/web/submit-report.js';
import { ValidationError } from '../../lib/domain/errors.js';
import { currentCrossing, agentAlertText } from '../../lib/figures/agent-watch.js';
import { contribution, delta, monthOf, quantileMinutes, type CaseFacts } from '../../lib/figures/contribution.js';
import { withMilestones } from '../../lib/domain/milestones.js';
import { defaultPolicy } from '../../lib/config.js';
import type { Case } from '../../lib/domain/case.js';

describe('agent names', () => {
  it('normalise legal forms, broker words, case, punctuation and old spellings to one name', () => {
    const forms = ['PT. Maju Jaya', 'pt maju-jaya', 'P.T. MAJU DJAJA', 'Calo PT Maju Jaya', 'tekong  maju jaya!'];
    expect(new Set(forms.map(normaliseAgentName))).toEqual(new Set(['maju jaya']));
    expect(normaliseAgentName('Pak Amir (tekong)')).toBe('amir');
    expect(normaliseAgentName('calo')).toBeUndefined();
    expect(normaliseAgentName('PT Sumber Rejeki')).not.toBe(normaliseAgentName('PT Maju Jaya'));
  });

  it('alert text carries the count and references and no name', () => {
    const text = agentAlertText(3, ['ABC-234', 'DEF-345', 'GHJ-456']);
    expect(text).toContain('3 laporan');
    expect(text).toContain('DEF-345');
    expect(text).toContain('Lihat konsol');
    expect(text.length).toBeLessThanOrEqual(160);
  });
});

describe('the agent field at the boundary', () => {
  const form = { reporterType: 'family', contact: '081234567890', category: 'trafficking', country: 'MY', homeRegency: '5203', description: 'diberangkatkan tanpa dokumen', consent: true, token: 'abcdefghijklmnop' };
  it('is optional, and a name over 100 characters is refused naming the field', () => {
    expect(parseWebReport(form).agentName).toBeUndefined();
    expect(parseWebReport({ ...form, agentName: ' PT Maju Jaya ' }).agentName).toBe('PT Maju Jaya');
    try {
      parseWebReport({ ...form, agentName: 'x'.repeat(101) });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ValidationError);
      expect(Object.keys((error as ValidationError).fields)).toEqual(['agentName']);
    }
  });
});

describe('threshold crossings of an agent', () => {
  const at = (iso: string) => ({ createdAt: iso });
  it('happen when the third case within 12 months arrives, and not again for a fourth', () => {
    const links = [at('2026-01-01T00:00:00Z'), at('2026-03-01T00:00:00Z'), at('2026-05-01T00:00:00Z')];
    expect(currentCrossing(links.slice(0, 2), new Date('2026-06-01T00:00:00Z'))).toBeUndefined();
    expect(currentCrossing(links, new Date('2026-06-01T00:00:00Z'))).toBe('2026-05-01T00:00:00Z');
    expect(currentCrossing([...links, at('2026-06-01T00:00:00Z')], new Date('2026-06-02T00:00:00Z'))).toBe('2026-05-01T00:00:00Z');
  });

  it('do not count cases more than 12 months apart, and count again after the count fell below three', () => {
    const spread = [at('2024-01-01T00:00:00Z'), at('2025-02-01T00:00:00Z'), at('2026-03-01T00:00:00Z')];
    expect(currentCrossing(spread, new Date('2026-04-01T00:00:00Z'))).toBeUndefined();
    const again = [at('2025-01-01T00:00:00Z'), at('2025-01-02T00:00:00Z'), at('2025-01-03T00:00:00Z'), at('2026-06-01T00:00:00Z'), at('2026-06-02T00:00:00Z')];
    expect(currentCrossing(again, new Date('2026-06-03T00:00:00Z'))).toBeUndefined();
    expect(currentCrossing([...again, at('2026-06-03T00:00:00Z')], new Date('2026-06-04T00:00:00Z'))).toBe('2026-06-03T00:00:00Z');
  });
});

const base: Case = {
  id: 'c1', reference: 'ABC-234', category: 'unpaid_wages', urgency: 'high', homeRegency: '5203', country: 'MY', channel: 'sms',
  reporterType: 'worker', contact: '+60123456789', description: 'x', smsUpdates: true, language: 'id', status: 'new', level: 1,
  createdAt: '2026-11-30T15:30:00Z', updatedAt: '2026-11-30T15:30:00Z', version: 1,
};

describe('figures of one case', () => {
  const policy = defaultPolicy();
  it('belong to the month in NTB time (WITA)', () => {
    expect(monthOf('2026-11-30T15:30:00Z')).toBe('2026-11');
    expect(monthOf('2026-11-30T16:30:00Z')).toBe('2026-12');
  });

  it('count an acknowledgement within the deadline as on time, after it as late, with its time bucket', () => {
    const ack = withMilestones(base, { ...base, status: 'acknowledged' }, '2026-11-30T16:00:00Z');
    expect(ack.acknowledgedAt).toBe('2026-11-30T16:00:00Z');
    const counts = Object.values(contribution(ack as CaseFacts, policy))[0]!;
    expect(counts).toMatchObject({ filed: 1, ackOnTime: 1, ack1: 1, open: 1 });
    const late = withMilestones(base, { ...base, status: 'acknowledged' }, '2026-12-03T16:00:00Z');
    expect(Object.values(contribution(late as CaseFacts, policy))[0]).toMatchObject({ ackLate: 1 });
  });

  it('move between cells when the category is corrected, and leave them when merged', () => {
    const before = contribution(base as CaseFacts, policy);
    const corrected = contribution({ ...base, category: 'trafficking' } as CaseFacts, policy);
    const d = delta(before, corrected);
    expect(Object.entries(d).filter(([id]) => id.startsWith('M|')).map(([id, c]) => [id.split('|')[3], c.filed])).toEqual([['unpaid_wages', -1], ['trafficking', 1]]);
    expect(contribution({ ...base, mergedInto: 'DEF-345' } as CaseFacts, policy)).toEqual({});
  });

  it('record escalation, resolution, YA and TIDAK as milestones', () => {
    const escalated = withMilestones(base, { ...base, level: 2 }, '2026-12-01T00:00:00Z');
    expect(escalated.escalations).toBe(1);
    const resolved = withMilestones(escalated, { ...escalated, status: 'resolved' }, '2026-12-02T00:00:00Z');
    expect(resolved).toMatchObject({ resolvedAt: '2026-12-02T00:00:00Z', acknowledgedAt: '2026-12-02T00:00:00Z' });
    const reopened = withMilestones(resolved, { ...resolved, status: 'acknowledged' }, '2026-12-03T00:00:00Z');
    expect(reopened.reopenings).toBe(1);
    expect(reopened.resolvedAt).toBeUndefined();
    const closed = withMilestones(resolved, { ...resolved, status: 'closed' }, '2026-12-03T00:00:00Z');
    expect(closed.confirmedAt).toBe('2026-12-03T00:00:00Z');
  });

  it('read median and 90th percentile from a histogram', () => {
    expect(quantileMinutes([0, 5, 4, 1], 0.5)).toBe(30);
    expect(quantileMinutes([0, 5, 4, 1], 0.9)).toBe(60);
    expect(quantileMinutes([0, 0, 0, 0], 0.5)).toBeNull();
  });
});
