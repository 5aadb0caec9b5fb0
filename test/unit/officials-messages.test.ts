import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { caseTextPages, officialTexts, questionForReporter } from '../../lib/messages/official.js';
import { appendFollowUp, entriesNewestFirst } from '../../lib/conversation/follow-up.js';
import { alertReference } from '../bench/alert-latency.js';
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
        officialTexts.info({ ...c, mergedInto: 'DEF-567' }, { isAssignee: true, contact: LONGEST_PHONE }),
        officialTexts.escalation(c, { waitedFor: 'Sumbawa Barat', minutes: 14 * 24 * 60, notResolved: true }),
      ];
      for (const text of texts) expect(gsmLength(text), text).toBeLessThanOrEqual(SMS_LIMIT);
    }
    for (const text of [
      officialTexts.acknowledged('ABC-234'), officialTexts.alreadyYours('ABC-234'), officialTexts.taken('ABC-234'),
      officialTexts.resolved('ABC-234'), officialTexts.asked('ABC-234'), officialTexts.reporterNoSms('ABC-234'),
      officialTexts.needsText('ABC-234'), officialTexts.refused(), officialTexts.help(), officialTexts.needsNote('ABC-234'),
      officialTexts.notOpen('ABC-234', 'closed', 'DEF-567'), ...['TERIMA', 'SELESAI', 'TANYA'].map((k) => officialTexts.noPin(k, 'ABC-234')),
      ...['TERIMA', 'SELESAI', 'INFO', 'TANYA', 'BUKA'].map((k) => officialTexts.refused(k)),
      ...[1, 2, 3].map((level) => officialTexts.notAbove({ id: 'kab-5206-dua', level })),
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

  it('refuse with one text that names no number, reference or reason, only the format of the command sent', () => {
    for (const keyword of ['TERIMA', 'SELESAI', 'INFO', 'TANYA', 'BUKA']) {
      const text = officialTexts.refused(keyword);
      expect(text).not.toMatch(/[A-Z2-9]{3}-[A-Z2-9]{3}|\+\d|salah|terkunci|locked/i);
      expect(text).toContain(`Format: ${keyword} <`);
    }
    expect(officialTexts.refused()).toBe(officialTexts.refused('TERIMA'));
  });
});

describe('SMS to an official on a basic phone (issue 23, item 8)', () => {
  const c = { reference: 'ABC-234', category: 'detained_deported', urgency: 'urgent', country: 'MY', homeRegency: '5203', status: 'new' } as const;

  it('say an escalation is one, who did not answer and in how long, at every level', () => {
    expect(officialTexts.escalation(c, { waitedFor: 'Lombok Timur', minutes: 60, notResolved: false }))
      .toBe('DINAIKKAN: Lombok Timur belum menjawab dalam 1 jam. ABC-234 SEGERA: Ditahan/dideportasi. Malaysia, Lombok Timur. Balas: TERIMA ABC-234 <PIN Anda>');
    expect(officialTexts.escalation(c, { waitedFor: 'Desk provinsi', minutes: 3 * 24 * 60, notResolved: false })).toMatch(/^DINAIKKAN: Desk provinsi belum menjawab dalam 3 hari\. /);
    expect(officialTexts.escalation(c, { waitedFor: 'Lombok Timur', minutes: 90, notResolved: true })).toMatch(/^DINAIKKAN: Lombok Timur belum menyelesaikan dalam 90 menit\. /);
  });

  it('name what was left out of a command and how to send it', () => {
    expect(officialTexts.noPin('TERIMA', 'ABC-234')).toBe('PIN belum ditulis; perintah tidak dijalankan. Format: TERIMA ABC-234 <PIN Anda>');
    expect(officialTexts.needsNote('ABC-234')).toContain('Format: SELESAI ABC-234 <PIN Anda> <catatan>');
    expect(officialTexts.notOpen('ABC-234', 'closed', 'DEF-567')).toContain('digabung ke DEF-567');
    expect(officialTexts.info({ ...c, status: 'closed', nik: undefined, mergedInto: 'DEF-567' }, { isAssignee: false, contact: '' })).toContain('Status digabung ke DEF-567.');
    for (const keyword of ['TERIMA', 'SELESAI', 'INFO', 'TANYA', 'BUKA']) expect(officialTexts.help()).toContain(keyword);
  });

  it("number INFO's text parts over the whole text, with readable labels and each entry whole where it fits", () => {
    let d = 'Saya ditahan polisi di Johor karena permit mati';
    d = appendFollowUp(d, { n: 1, at: '2026-12-06T00:43:00Z', text: 'majikan belum datang' })!;
    d = appendFollowUp(d, { n: 2, at: '2026-12-06T00:50:00Z', text: `paspor di agen. ${'kabar buruk '.repeat(10)}`.trim() })!;
    const entries = entriesNewestFirst(d, '2026-12-06T00:40:00Z');
    expect(entries.map((e) => e.label)).toEqual(['Balasan 2 (06/12 08:50)', 'Balasan 1 (06/12 08:43)', 'Laporan (06/12 08:40)']);
    const { parts, pages } = caseTextPages('ABC-234', entries, 1);
    expect(pages).toBe(1);
    expect(parts.map((p) => p.slice(0, 12))).toEqual(parts.map((_, i) => `ABC-234 ${i + 1}/${parts.length} `));
    const all = parts.join('\n');
    expect(all).not.toContain('[+');
    // The two short entries are each in one SMS, not cut across two.
    expect(parts.filter((p) => p.includes('Balasan 1 (06/12 08:43): majikan belum datang'))).toHaveLength(1);
    expect(parts.filter((p) => p.includes('Laporan (06/12 08:40): Saya ditahan polisi di Johor karena permit mati'))).toHaveLength(1);
    for (const p of parts) expect(gsmLength(p)).toBeLessThanOrEqual(SMS_LIMIT);
  });

  it('end a page with how to ask for the next, and number page 2 on from page 1', () => {
    let d = `Laporan awal ${'gaji tidak dibayar '.repeat(20)}`.trim();
    for (let i = 1; i <= 6; i++) d = appendFollowUp(d, { n: i, at: '2026-12-06T00:43:00Z', text: `tambahan ${i} ${'kabar buruk '.repeat(12)}`.trim() })!;
    const entries = entriesNewestFirst(d);
    const one = caseTextPages('ABC-234', entries, 1);
    const two = caseTextPages('ABC-234', entries, 2);
    expect(one.parts).toHaveLength(3);
    expect(one.parts.at(-1)).toMatch(/\nLanjut: INFO ABC-234 PIN 2$/);
    expect(two.parts[0]).toMatch(new RegExp(`^ABC-234 4/\\d+ `));
    fc.assert(fc.property(fc.array(fc.string({ maxLength: 500 }), { maxLength: 12 }), (texts) => {
      const pages = caseTextPages('ABC-234', texts.map((text, i) => ({ label: `Balasan ${i}`, text })), 1);
      for (const p of pages.parts) expect(gsmLength(p)).toBeLessThanOrEqual(SMS_LIMIT);
    }));
  });

  it("is what the bench's alert timer reads: the new-case alert's reference, from 'Balas: TERIMA X <PIN Anda>'", () => {
    const text = officialTexts.newCase(c);
    expect(text).toMatch(/Balas: TERIMA ABC-234 <PIN Anda>$/);
    expect(alertReference(text)).toBe('ABC-234');
    expect(alertReference(officialTexts.acknowledged('ABC-234'))).toBeUndefined();
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
