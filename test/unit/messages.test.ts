import { describe, expect, it } from 'vitest';
import { answeredPlace, reporterTexts, formatLocalTime, STATUS_LABELS, type TextVars } from '../../lib/messages/reporter.js';
import { REGENCY_CODES } from '../../lib/domain/regions.js';
import { conversationTexts } from '../../lib/messages/conversation.js';
import { officialTexts, questionForReporter } from '../../lib/messages/official.js';
import { defaultPolicy } from '../../lib/config.js';
import { CASE_STATUSES } from '../../lib/domain/case.js';
import { gsmLength, isGsm7, SMS_LIMIT } from '../../lib/domain/gsm.js';
import { DESCRIPTION_LIMIT } from '../../lib/domain/case.js';
import { FOLLOW_UP_LIMIT } from '../../lib/conversation/follow-up.js';

const LANGUAGES = ['id', 'en'] as const;
/** The longest value each variable can take: a reference is always 7, the hotline may be the KP2MI number from abroad. */
const hotline = [defaultPolicy().hotlinePhone, '+62 21 2924 4800'].sort((a, b) => b.length - a.length)[0]!;
const longest = (status: TextVars['status']): TextVars => ({
  reference: 'WWW-WWW', hotline, status, updated: formatLocalTime('2026-12-31T15:59:00Z'),
  limit: Math.max(DESCRIPTION_LIMIT, FOLLOW_UP_LIMIT), into: 'WWW-WWW',
  place: [...REGENCY_CODES, 'outside' as const].map((code) => answeredPlace(code, 'id')).sort((a, b) => b.length - a.length)[0]!,
});

describe('reporter SMS texts', () => {
  const cases = Object.entries(reporterTexts).flatMap(([name, template]) =>
    LANGUAGES.flatMap((l) => CASE_STATUSES.map((status) => ({ name, l, status, text: (template as (l: string, v: TextVars) => string)(l, longest(status)) }))));

  it.each(cases)('$name ($l, $status) fits one GSM-7 SMS with the longest values', ({ text }) => {
    expect(isGsm7(text)).toBe(true);
    expect(gsmLength(text)).toBeLessThanOrEqual(SMS_LIMIT);
  });

  it('never carry a template placeholder that was not filled', () => {
    for (const { text } of cases) expect(text).not.toMatch(/undefined|NaN|\[object/);
  });

  it('say every status in both languages', () => {
    for (const status of CASE_STATUSES) for (const l of LANGUAGES) expect(STATUS_LABELS[status][l].length).toBeGreaterThan(0);
  });

  it('name the reference in every status notice, and ask YA/TIDAK when the case is resolved', () => {
    for (const name of ['acknowledged', 'resolved', 'reopened', 'needInfo'] as const) {
      expect(reporterTexts[name]('id', { reference: 'ABC-234' })).toContain('ABC-234');
    }
    expect(reporterTexts.resolved('id', { reference: 'ABC-234' })).toMatch(/YA.*TIDAK/);
    expect(reporterTexts.resolved('en', { reference: 'ABC-234' })).toMatch(/YES.*NO/);
  });
});

describe('a question to the reporter', () => {
  it('asks for a reply in words that hold on WhatsApp as by SMS (free text within the 24 hours goes there too)', () => {
    for (const l of LANGUAGES) {
      for (const text of [reporterTexts.needInfo(l, { reference: 'ABC-234' }), questionForReporter(l, 'ABC-234', 'Kapan terakhir digaji?')]) {
        expect(text).toMatch(/pesan ini|this message/);
        expect(text).not.toMatch(/SMS/);
      }
    }
  });
});

describe('official SMS texts about the conversation', () => {
  it.each(Object.keys(conversationTexts))('%s fits one GSM-7 SMS and carries the reference only', (name) => {
    const text = conversationTexts[name as keyof typeof conversationTexts]({ reference: 'WWW-WWW' });
    expect(isGsm7(text)).toBe(true);
    expect(gsmLength(text)).toBeLessThanOrEqual(SMS_LIMIT);
    expect(text).toContain('WWW-WWW');
  });

  it('the new-case alert fits too with the longest labels', () => {
    const text = officialTexts.newCase({ reference: 'WWW-WWW', category: 'documents_held', urgency: 'urgent', country: 'AE', homeRegency: 'unknown' });
    expect(gsmLength(text)).toBeLessThanOrEqual(SMS_LIMIT);
  });
});
