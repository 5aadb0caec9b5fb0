import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { officialTexts, questionForReporter } from '../../lib/messages/official.js';
import { CATEGORIES, URGENCIES } from '../../lib/domain/categories.js';
import { CASE_STATUSES } from '../../lib/domain/case.js';
import { COUNTRIES, type CountryCode } from '../../lib/domain/regions.js';
import { gsmLength, SMS_LIMIT } from '../../lib/domain/gsm.js';
import { consoleLockMinutes } from '../../lib/officials/check-pin.js';

const REGENCY_VALUES = ['5201', '5202', '5203', '5204', '5205', '5206', '5207', '5208', '5271', '5272', 'outside', 'unknown'] as const;
const LONGEST_PHONE = '+6281234567890123';
const deadline = new Date('2026-12-31T23:59:00Z');

function* everyCase() {
  for (const category of CATEGORIES) for (const urgency of URGENCIES) for (const country of Object.keys(COUNTRIES) as CountryCode[])
    for (const homeRegency of REGENCY_VALUES) for (const status of CASE_STATUSES)
      yield { reference: 'ABC-234', category, urgency, country, homeRegency, status, nik: '5203014506900001' };
}

describe('SMS texts to officials', () => {
  it('fit one GSM-7 SMS for every category, urgency, country, regency and status', () => {
    for (const c of everyCase()) {
      const texts = [
        officialTexts.newCase(c), officialTexts.reminder(c, deadline), officialTexts.overdue(c, deadline),
        officialTexts.info(c, { isAssignee: true, contact: LONGEST_PHONE }), officialTexts.notOpen(c.reference, c.status),
      ];
      for (const text of texts) expect(gsmLength(text), text).toBeLessThanOrEqual(SMS_LIMIT);
    }
    for (const text of [
      officialTexts.acknowledged('ABC-234'), officialTexts.alreadyYours('ABC-234'), officialTexts.taken('ABC-234'),
      officialTexts.resolved('ABC-234'), officialTexts.asked('ABC-234'), officialTexts.reporterNoSms('ABC-234'),
      officialTexts.needsText('ABC-234'), officialTexts.refused(),
    ]) expect(gsmLength(text), text).toBeLessThanOrEqual(SMS_LIMIT);
  });

  it('announce a lock from either door in one GSM-7 SMS, for a long official id and every pause length', () => {
    const longestId = { id: 'kab-5206-dua' };
    const texts = [officialTexts.lockedSelf(), officialTexts.lockedDesk(longestId), officialTexts.unlockedReply(longestId.id), officialTexts.unlockedSelf(longestId.id), officialTexts.notLocked(longestId.id)];
    for (let locks = 0; locks < 12; locks++) {
      const minutes = consoleLockMinutes(locks);
      texts.push(officialTexts.consoleLockedSelf(minutes), officialTexts.consoleLockedDesk(longestId, minutes));
    }
    for (const text of texts) expect(gsmLength(text), text).toBeLessThanOrEqual(SMS_LIMIT);
    expect(officialTexts.consoleLockedDesk(longestId, 15)).toContain(`BUKA ${longestId.id} PIN`);
    expect([0, 1, 2, 3, 4, 5, 6, 12].map(consoleLockMinutes)).toEqual([15, 60, 240, 960, 3840, 15360, 43200, 43200]);
  });

  it('show the NIK only masked, and the reporter number only to the official holding the case', () => {
    const c = { reference: 'ABC-234', category: 'unpaid_wages', urgency: 'high', country: 'MY', homeRegency: '5203', status: 'acknowledged', nik: '5203014506900001' } as const;
    const holder = officialTexts.info(c, { isAssignee: true, contact: '+60123456789' });
    const other = officialTexts.info(c, { isAssignee: false, contact: '+60123456789' });
    expect(holder).toContain('5203********0001');
    expect(holder).not.toContain('5203014506900001');
    expect(holder).toContain('+60123456789');
    expect(other).not.toContain('+60123456789');
    expect(other).not.toMatch(/60123456789/);
  });

  it('refuse with one text that names no number, reference or reason', () => {
    expect(officialTexts.refused()).not.toMatch(/[A-Z2-9]{3}-[A-Z2-9]{3}|\+\d|salah|terkunci|locked/i);
  });
});

describe('a question relayed to the reporter', () => {
  it('carries the reference and the question', () => {
    const text = questionForReporter('id', 'ABC-234', 'Di kota mana Anda bekerja?');
    expect(text).toContain('ABC-234');
    expect(text).toContain('Di kota mana Anda bekerja?');
  });

  it('is cut to one GSM-7 SMS whatever the official types, emoji and curly quotes included', () => {
    fc.assert(fc.property(fc.constantFrom('id' as const, 'en' as const), fc.string({ maxLength: 600 }), (language, question) => {
      const text = questionForReporter(language, 'ABC-234', question);
      expect(gsmLength(text)).toBeLessThanOrEqual(SMS_LIMIT);
      expect(text).toContain('ABC-234');
    }));
    const long = questionForReporter('en', 'ABC-234', `“${'x'.repeat(400)}” 😀`);
    expect(long).toContain('...');
    expect(gsmLength(long)).toBeLessThanOrEqual(SMS_LIMIT);
  });
});
