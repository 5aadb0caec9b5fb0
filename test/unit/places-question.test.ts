import { describe, expect, it } from 'vitest';
import { defaultPolicy } from '../../lib/config.js';
import type { Case } from '../../lib/domain/case.js';
import { gsmLength, isGsm7 } from '../../lib/domain/gsm.js';
import { REGENCY_CHOICES } from '../../lib/domain/places/names.js';
import { readRegencyAnswer } from '../../lib/domain/places/read-places.js';
import { placesOfReport, withRegencyFromReporter } from '../../lib/domain/places/report-places.js';
import { REGENCY_CODES } from '../../lib/domain/regions.js';
import { askRegency, reporterTexts } from '../../lib/messages/reporter.js';

/** Two concatenated GSM-7 segments (153 septets each once split). */
const TWO_SEGMENTS = 2 * 153;
const hotline = [defaultPolicy().hotlinePhone, '+62 21 2924 4800'].sort((a, b) => b.length - a.length)[0]!;

describe('the question "Asal kabupaten/kota?"', () => {
  it('fits, with the reply that gives the reference, in two GSM-7 segments in both languages', () => {
    for (const l of ['id', 'en'] as const) {
      const text = `${reporterTexts.received(l, { reference: 'WWW-WWW', hotline })} ${askRegency(l)}`;
      expect(isGsm7(text)).toBe(true);
      expect(gsmLength(text)).toBeLessThanOrEqual(TWO_SEGMENTS);
    }
    expect(askRegency('id')).toMatch(/^Asal kabupaten\/kota\? Balas nama atau nomor: 1 Lombok Barat, 2 Lombok Tengah/);
  });

  it('lists every regency once, and each number and each label it shows is read back as that regency', () => {
    expect(REGENCY_CHOICES.map(([code]) => code).sort()).toEqual([...REGENCY_CODES].sort());
    REGENCY_CHOICES.forEach(([code, label], i) => {
      expect(askRegency('id')).toContain(`${i + 1} ${label}`);
      expect(readRegencyAnswer(String(i + 1)).regency).toBe(code);
      expect(readRegencyAnswer(label).regency, label).toBe(code);
    });
  });
});

const AT = '2026-12-06T02:00:00.000Z';
const smsCase = (over: Partial<Case> = {}): Case => ({
  id: 'c1', reference: 'ABC-234', category: 'unpaid_wages', urgency: 'normal', homeRegency: 'unknown', country: 'MY',
  channel: 'sms', reporterType: 'worker', contact: '+60123456789', description: 'LAPOR majikan tidak bayar gaji', smsUpdates: true,
  language: 'id', status: 'new', level: 1, createdAt: AT, updatedAt: AT, version: 1, regencyAskedAt: AT, ...over,
});

describe('places on a conversational report', () => {
  it('files the regency and country the text names, the text\'s country over the SIM\'s calling code', () => {
    expect(placesOfReport('LAPOR saya di Johor, majikan tahan paspor, saya dari Lombok Timur', '+60123456789')).toEqual({
      homeRegency: '5203', country: 'MY',
      placesRead: { regency: { code: '5203', from: 'text', mentions: [{ words: 'Lombok Timur', as: 'Lombok Timur' }] }, country: { code: 'MY', mentions: [{ words: 'Johor', as: 'Malaysia' }] } },
    });
    expect(placesOfReport('LAPOR saya di Riyadh gaji tidak dibayar', '+60123456789')).toMatchObject({ homeRegency: 'unknown', country: 'SA' });
    expect(placesOfReport('LAPOR majikan tidak bayar gaji', '+60123456789')).toEqual({ homeRegency: 'unknown', country: 'MY' });
  });

  it('sets an unknown regency from the answer by number, name or short form, and says so on the timeline', () => {
    for (const answer of ['3', 'Lombok Timur', 'lotim']) {
      const read = withRegencyFromReporter(smsCase(), answer, AT)!;
      expect(read.case.homeRegency, answer).toBe('5203');
      expect(read.case.placesRead?.regency).toMatchObject({ code: '5203', from: 'answer' });
      expect(read.event).toEqual({ at: AT, actor: 'reporter', type: 'regency_read', detail: { from: 'answer', homeRegencyFrom: 'unknown', homeRegencyTo: '5203' } });
    }
    expect(withRegencyFromReporter(smsCase(), 'majikan pukul saya lagi, saya asal Sakra', AT)?.case.placesRead?.regency?.from).toBe('text');
  });

  it('changes nothing once the regency is known, on a closed case, or for a message naming none', () => {
    expect(withRegencyFromReporter(smsCase({ homeRegency: '5201' }), 'lotim', AT)).toBeUndefined();
    expect(withRegencyFromReporter(smsCase({ status: 'closed' }), 'lotim', AT)).toBeUndefined();
    expect(withRegencyFromReporter(smsCase({ channel: 'web' }), 'lotim', AT)).toBeUndefined();
    expect(withRegencyFromReporter(smsCase(), 'gaji 3 bulan belum dibayar', AT)).toBeUndefined();
    // Not asked (a case filed before the question existed): a bare number is not an answer.
    expect(withRegencyFromReporter(smsCase({ regencyAskedAt: undefined }), '3', AT)).toBeUndefined();
  });
});
