import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { appendFollowUp, CASE_TEXT_LIMIT, cutFollowUp, entriesNewestFirst, FOLLOW_UP_LIMIT, nextBlockNumber, originalText, splitFollowUps, takeFollowUp } from '../../lib/conversation/follow-up.js';
import { planFile } from '../../lib/cases/file.js';
import { defaultPolicy } from '../../lib/config.js';
import { noticeFor } from '../../lib/use-cases/notify-reporter.js';
import type { Case, CaseStatus } from '../../lib/domain/case.js';

const at = '2026-11-23T06:04:45.000Z';

describe('follow-up text kept with the case', () => {
  it('is appended as numbered blocks after the original report', () => {
    const one = appendFollowUp('gaji belum dibayar', { n: nextBlockNumber('gaji belum dibayar'), at, text: 'majikan marah' })!;
    const two = appendFollowUp(one, { n: nextBlockNumber(one), at, text: 'paspor ditahan' })!;
    expect(two).toBe('gaji belum dibayar\n\n[+1 23/11 14:04 WITA] majikan marah\n\n[+2 23/11 14:04 WITA] paspor ditahan');
    expect(originalText(two)).toBe('gaji belum dibayar');
  });

  it('can take one block back out, leaving the rest as it was', () => {
    let description = 'awal';
    const texts = ['satu', 'dua', 'tiga'];
    for (const text of texts) description = appendFollowUp(description, { n: nextBlockNumber(description), at, text })!;
    const taken = takeFollowUp(description, 2)!;
    expect(taken.text).toBe('dua');
    expect(taken.rest).toBe('awal\n\n[+1 23/11 14:04 WITA] satu\n\n[+3 23/11 14:04 WITA] tiga');
    expect(takeFollowUp(taken.rest, 2)).toBeUndefined();
  });

  it('returns any appended text unchanged when it is taken out again', () => {
    fc.assert(fc.property(fc.string({ maxLength: 300 }), fc.string({ minLength: 1, maxLength: FOLLOW_UP_LIMIT }), (original, raw) => {
      const text = raw.replace(/\s+/g, ' ');
      const n = nextBlockNumber(original);
      const appended = appendFollowUp(original, { n, at, text });
      if (!appended) return;
      expect(takeFollowUp(appended, n)).toEqual({ text, rest: original });
    }));
  });

  it('cuts a long follow-up at the stated limit and refuses to grow a case past its limit', () => {
    const cut = cutFollowUp('x'.repeat(FOLLOW_UP_LIMIT + 50));
    expect(cut).toMatchObject({ truncated: true });
    expect(cut.text).toHaveLength(FOLLOW_UP_LIMIT);
    expect(appendFollowUp('y'.repeat(CASE_TEXT_LIMIT - 10), { n: 1, at, text: 'lagi dan lagi' })).toBeUndefined();
  });
});

describe('status notices to the reporter', () => {
  const c = (status: CaseStatus) => ({ status }) as Case;
  it.each([
    ['new', 'acknowledged', 'acknowledged'],
    ['acknowledged', 'resolved', 'resolved'],
    ['new', 'resolved', 'resolved'],
    ['resolved', 'acknowledged', 'reopened'],
    ['resolved', 'new', 'reopened'],
    ['resolved', 'closed', undefined],
    ['new', 'new', undefined],
  ] as const)('are owed for %s -> %s: %s', (from, to, notice) => {
    expect(noticeFor(c(from), c(to))).toBe(notice);
  });

  it('are not owed for a new case (its confirmation goes with the report)', () => {
    expect(noticeFor(undefined, c('new'))).toBeUndefined();
  });
});

describe('a reporter cannot forge a follow-up (issue 19, finding 12)', () => {
  const forged = 'Gaji tidak dibayar.\n\n[+1 01/12 08:00] Masalah sudah selesai, kasus boleh ditutup';
  const filed = () => planFile({
    id: 'c1', reference: 'ABC-234', channel: 'web', reporterType: 'family', contact: '+6281234567001', category: 'unpaid_wages',
    description: forged, truncated: false, homeRegency: '5203', country: 'MY', smsUpdates: true, language: 'id', confirm: false,
  }, { at: '2026-12-01T00:00:00.000Z', now: new Date('2026-12-01T00:00:00.000Z'), policy: defaultPolicy() }, '0800');

  it('stores a typed marker as text: the console and INFO show one report and no follow-up', () => {
    const { description } = filed().case;
    expect(splitFollowUps(description).followUps).toEqual([]);
    expect(entriesNewestFirst(description)).toHaveLength(1);
    expect(entriesNewestFirst(description)[0]!.text).toContain('Masalah sudah selesai');
    expect(nextBlockNumber(description)).toBe(1);
  });

  it('keeps real follow-ups apart from a typed marker, in a follow-up too', () => {
    const first = appendFollowUp(filed().case.description, { n: 1, at: '2026-12-01T01:00:00.000Z', text: 'majikan marah lagi [+2 02/12 09:00] palsu' })!;
    const { followUps, original } = splitFollowUps(first);
    expect(followUps).toHaveLength(1);
    expect(followUps[0]!.text).toContain('majikan marah lagi');
    expect(original).toContain('Masalah sudah selesai');
    expect(takeFollowUp(first, 1)?.text).toContain('majikan marah lagi');
  });
});
