import { describe, expect, it } from 'vitest';
import { gsmLength, isGsm7, toGsm7 } from '../../lib/domain/gsm.js';
import { checkNik } from '../../lib/domain/nik.js';
import { WhatsAppContactId } from '../../lib/domain/whatsapp-contact.js';

/** NIK, GSM-7 and WhatsApp contact rules at the edges a mutation run (issue 24) found untested. */
describe('a NIK', () => {
  it('is exactly 16 digits: a letter in front or a seventeenth digit is a typing slip, not a wrong region', () => {
    expect(checkNik('A5203014101900001')).toEqual({ ok: false, problem: 'format' });
    expect(checkNik('52030141019000011')).toEqual({ ok: false, problem: 'format' });
    expect(checkNik('520301410190000')).toEqual({ ok: false, problem: 'format' });
  });

  it('names a real regency and kecamatan: 00 in either place is a wrong region', () => {
    expect(checkNik('5200014101900001')).toEqual({ ok: false, problem: 'region' });
    expect(checkNik('5203004101900001')).toEqual({ ok: false, problem: 'region' });
    expect(checkNik('5203014101900001')).toEqual({ ok: true, nik: '5203014101900001', province: '52', regency: '5203' });
  });

  it('carries a birth date that exists, a woman\'s day counted from 41', () => {
    // 31 February, month 13, day 00, 31 February for a woman (71), 29 February of a year that had none.
    for (const nik of ['5203013102900001', '5203010113900001', '5203010001900001', '5203017102900001', '5203012902010001']) {
      expect(checkNik(nik), nik).toEqual({ ok: false, problem: 'birth_date' });
    }
    expect(checkNik('5203012902000001').ok).toBe(true);
  });
});

describe('GSM-7', () => {
  it('counts an extension character as two septets and refuses a character in neither table', () => {
    expect(isGsm7('€{ä')).toBe(true);
    expect(isGsm7('日')).toBe(false);
    expect(isGsm7('a日')).toBe(false);
    expect(gsmLength('€')).toBe(2);
    expect(gsmLength('a€')).toBe(3);
    expect(gsmLength('日')).toBe(Number.POSITIVE_INFINITY);
  });

  it('turns curly quotes, dashes, an ellipsis and accents into their GSM-7 forms, anything else into ?', () => {
    expect(toGsm7('‘a’ “b” c–d—e… ã 日')).toBe('\'a\' "b" c-d-e... a ?');
  });
});

describe('the contact of a WhatsApp reporter', () => {
  it('is a business-scoped user id as it is, or a phone number in E.164, and nothing else', () => {
    expect(WhatsAppContactId.parse('MY.1502576394655843')).toBe('MY.1502576394655843');
    expect(WhatsAppContactId.parse('+60 12-345 6789')).toBe('+60123456789');
    const refused = WhatsAppContactId.safeParse('hello');
    expect(refused.success).toBe(false);
    expect(refused.error?.issues).toEqual([{ code: 'custom', message: 'Not a valid phone number or WhatsApp user id', path: [] }]);
  });
});
