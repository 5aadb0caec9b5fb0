import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { normaliseSms, parseSms } from '../../lib/conversation/grammar.js';
import { REFERENCE_ALPHABET } from '../../lib/domain/reference.js';

describe('the SMS grammar', () => {
  it.each([
    ['LAPOR gaji belum dibayar', 'gaji belum dibayar'],
    ['lapor: paspor ditahan', 'paspor ditahan'],
    ['Lapor.gaji...', 'gaji...'],
    ['LAPORgaji tidak dibayar', 'gaji tidak dibayar'],
    ['  lapor   gaji    3 bulan  ', 'gaji 3 bulan'],
    ['LPR majikan kasar', 'majikan kasar'],
    ['LAPRO gaji', 'gaji'],
    ['Laporan: dipukul majikan', 'dipukul majikan'],
    ['TOLONG saya disekap', 'saya disekap'],
    ['ADUAN - biaya terlalu mahal', 'biaya terlalu mahal'],
    ['HELP my boss hit me', 'my boss hit me'],
    ['report, salary not paid', 'salary not paid'],
    ['ＬＡＰＯＲ gaji', 'gaji'],
    ['*LAPOR* gaji', 'gaji'],
  ])('reads %j as a report of %j', (message, text) => {
    expect(parseSms(message)).toMatchObject({ kind: 'report', text });
  });

  it('takes the reply language from the keyword', () => {
    expect(parseSms('REPORT wages')).toMatchObject({ language: 'en' });
    expect(parseSms('lapor gaji')).toMatchObject({ language: 'id' });
  });

  it('reads a bare HELP or TOLONG as a request for help, and a bare INFO as info', () => {
    expect(parseSms('HELP')).toEqual({ kind: 'help', language: 'en' });
    expect(parseSms('tolong!')).toEqual({ kind: 'help', language: 'id' });
    expect(parseSms('info')).toEqual({ kind: 'info' });
  });

  it('reads a bare LAPOR as a report without text, so the reporter can be asked what happened', () => {
    expect(parseSms('LAPOR')).toEqual({ kind: 'report', text: '', language: 'id' });
  });

  it.each([
    ['STATUS ABC-234', 'ABC-234'],
    ['status abc234', 'ABC-234'],
    ['cek Abc 234', 'ABC-234'],
    ['CEK STATUS abc-234', 'ABC-234'],
    ['Status: laporan ABC-234', 'ABC-234'],
    ['STATUSabc234', 'ABC-234'],
    ['check xyz-789', 'XYZ-789'],
    ['INFO abc-234', 'ABC-234'],
  ])('reads %j as a status question about %s', (message, reference) => {
    expect(parseSms(message)).toMatchObject({ kind: 'status', reference });
  });

  it('reads a bare STATUS as a question about the newest case, and a broken code as a bad reference', () => {
    expect(parseSms('STATUS')).toEqual({ kind: 'status' });
    expect(parseSms('status abc123')).toMatchObject({ kind: 'status', badReference: true });
  });

  it('reads asking words before STATUS ("Tanya status laporan saya", "minta status ABC-234") as the status question they are', () => {
    expect(parseSms('Tanya status laporan saya')).toEqual({ kind: 'status' });
    expect(parseSms('status laporan saya')).toEqual({ kind: 'status' });
    expect(parseSms('minta status ABC-234')).toMatchObject({ kind: 'status', reference: 'ABC-234' });
    expect(parseSms('tanya apa aja yg hrs sy siapkan')).toEqual({ kind: 'text', text: 'tanya apa aja yg hrs sy siapkan' });
  });

  it.each([
    ['BAHASA EN', 'en'], ['bahasa inggris', 'en'], ['LANG id', 'id'], ['english', 'en'], ['Bahasa Indonesia', 'id'],
  ])('reads %j as a language choice of %s', (message, language) => {
    expect(parseSms(message)).toMatchObject({ kind: 'language', language });
  });

  it('reads a language it does not offer as a language question without a choice', () => {
    expect(parseSms('BAHASA jawa')).toEqual({ kind: 'language' });
  });

  it.each([
    ['BERHENTI', 'stop'], ['stop', 'stop'], ['Stop SMS', 'stop'], ['MULAI', 'start'], ['start', 'start'],
    ['BARU', 'new'], ['new', 'new'], ['YA', 'yes'], ['yes', 'yes'], ['y', 'yes'], ['TIDAK', 'no'], ['belum', 'no'], ['No.', 'no'],
  ])('reads a bare %j as %s', (message, kind) => {
    expect(parseSms(message).kind).toBe(kind);
  });

  it.each([
    'tidak ada kabar dari anak saya',
    'baru saja majikan marah lagi',
    'mulai bulan lalu gaji dipotong',
    'ya saya sudah di bandara',
    'stop kerja sejak minggu lalu',
  ])('reads %j, which starts with a command word, as conversation', (message) => {
    expect(parseSms(message)).toEqual({ kind: 'text', text: message });
  });

  it('reads a message that starts with a reference as conversation about that case', () => {
    expect(parseSms('abc-234 majikan marah lagi')).toEqual({ kind: 'text', text: 'majikan marah lagi', reference: 'ABC-234' });
    expect(parseSms('BANYAK masalah di sini')).toEqual({ kind: 'text', text: 'BANYAK masalah di sini' });
  });

  it('never throws, whatever arrives', () => {
    fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 300 }), (text) => {
      expect(() => parseSms(text)).not.toThrow();
    }), { numRuns: 2000 });
  });

  it('gives the same result for a message and its normalised form, and normalising twice changes nothing', () => {
    fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 200 }), (text) => {
      const once = normaliseSms(text);
      expect(normaliseSms(once)).toBe(once);
      expect(parseSms(once)).toEqual(parseSms(text));
    }), { numRuns: 2000 });
  });

  it('reads LAPOR in any case, with any separator, followed by any words, as a report of those words', () => {
    const casing = fc.constantFrom('LAPOR', 'lapor', 'Lapor', 'lApOr', 'REPORT', 'report', 'Aduan');
    const separator = fc.constantFrom(' ', ':', ': ', '.', ' - ', '   ', ',', '\n');
    const word = fc.stringMatching(/^[a-z][a-z0-9]{0,9}$/);
    fc.assert(fc.property(casing, separator, fc.array(word, { minLength: 1, maxLength: 8 }), (keyword, sep, words) => {
      const text = words.join(' ');
      expect(parseSms(`${keyword}${sep}${text}`)).toMatchObject({ kind: 'report', text });
    }));
  });

  it('accepts any reference with or without the dash, in any case', () => {
    const char = fc.constantFrom(...REFERENCE_ALPHABET.split(''));
    const ref = fc.tuple(fc.array(char, { minLength: 3, maxLength: 3 }), fc.array(char, { minLength: 3, maxLength: 3 }))
      .map(([a, b]) => `${a.join('')}-${b.join('')}`);
    const spelling = fc.constantFrom((r: string) => r, (r: string) => r.replace('-', ''), (r: string) => r.toLowerCase(), (r: string) => r.replace('-', ' ').toLowerCase());
    fc.assert(fc.property(ref, spelling, fc.constantFrom('STATUS', 'cek', 'Check'), (reference, spell, keyword) => {
      expect(parseSms(`${keyword} ${spell(reference)}`)).toMatchObject({ kind: 'status', reference });
    }));
  });
});
