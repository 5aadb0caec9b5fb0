import { describe, expect, it } from 'vitest';
import { normaliseSms, parseSms } from '../../lib/conversation/grammar.js';
import {
  appendFollowUp, CASE_TEXT_LIMIT, cutFollowUp, entriesNewestFirst, FOLLOW_UP_LIMIT, nextBlockNumber, splitFollowUps, takeFollowUp,
} from '../../lib/conversation/follow-up.js';

/**
 * The SMS grammar and the follow-up blocks at their edges (sms-grammar.test.ts and
 * sms-follow-up.test.ts hold the everyday messages): one slip in a long keyword and no more, the
 * argument lengths where a command becomes a sentence, the polite words after a yes, references
 * spread over two words, and block numbers past 9.
 */
describe('keywords typed with one slip', () => {
  it.each([
    ['LAPIR gaji', 'a wrong letter'], ['LAPRO gaji', 'two letters swapped'], ['LAPOOR gaji', 'a letter too many'],
    ['XLAPOR gaji', 'a letter too many in front'], ['LAPORX gaji', 'a letter too many at the end'],
  ])('reads %j (%s) as a report', (message) => {
    expect(parseSms(message)).toEqual({ kind: 'report', text: 'gaji', language: 'id' });
  });

  it('reads a keyword missing a letter, or with two letters swapped, as that keyword', () => {
    expect(parseSms('BERHNTI')).toEqual({ kind: 'stop', language: 'id' });
    expect(parseSms('STATS ABC-234')).toEqual({ kind: 'status', reference: 'ABC-234' });
    expect(parseSms('STATSU ABC-234')).toEqual({ kind: 'status', reference: 'ABC-234' });
    expect(parseSms('INGRIS')).toEqual({ kind: 'language', language: 'en' });
  });

  it.each([
    ['LEPIR gaji', 'two wrong letters'], ['LOPAR gaji', 'letters swapped across another'], ['LAPRX gaji', 'a swap and a wrong letter'],
    ['LAPXO gaji', 'a wrong letter and a swap'], ['LAPOORR gaji', 'two letters too many'], ['BERHNEIT', 'two swaps'],
  ])('reads %j (%s) as conversation', (message) => {
    expect(parseSms(message)).toEqual({ kind: 'text', text: message });
  });

  it('does not guess at short words one slip from a keyword, which are too easy to hit by accident', () => {
    expect(parseSms('ADUA biaya mahal')).toEqual({ kind: 'text', text: 'ADUA biaya mahal' });
    expect(parseSms('mula saya kerja di sini')).toEqual({ kind: 'text', text: 'mula saya kerja di sini' });
  });

  it('reads a keyword run into a longer word of its own ("Reported") as conversation', () => {
    expect(parseSms('Reported to police already')).toEqual({ kind: 'text', text: 'Reported to police already' });
  });
});

describe('where a command ends and a sentence begins', () => {
  it('reads up to 16 characters after STATUS or BAHASA as its argument, and more as a sentence', () => {
    expect(parseSms('STATUS kabar laporan ku')).toEqual({ kind: 'status' });
    expect(parseSms('STATUS kabar laporan kuu')).toEqual({ kind: 'text', text: 'STATUS kabar laporan kuu' });
    expect(parseSms('BAHASA indonesia aja ya')).toEqual({ kind: 'language' });
    expect(parseSms('BAHASA indonesia saja ya')).toEqual({ kind: 'text', text: 'BAHASA indonesia saja ya' });
  });

  it('reads a language name with punctuation around it, and INDONESIA alone as a choice', () => {
    expect(parseSms('BAHASA en.')).toEqual({ kind: 'language', language: 'en' });
    expect(parseSms('INDONESIA')).toEqual({ kind: 'language', language: 'id' });
    expect(parseSms('Indonesia negaraku')).toEqual({ kind: 'text', text: 'Indonesia negaraku' });
  });

  it('stops or starts SMS only for the words that mean it, not for a sentence that begins or ends with one', () => {
    expect(parseSms('stop sms')).toEqual({ kind: 'stop', language: 'en' });
    expect(parseSms('stop semua kerja')).toEqual({ kind: 'text', text: 'stop semua kerja' });
    expect(parseSms('start kerja lagi')).toEqual({ kind: 'text', text: 'start kerja lagi' });
  });

  it('takes up to six polite words after a yes, and reads more, or numbers, as a message', () => {
    expect(parseSms('Ya sudah, pak!')).toEqual({ kind: 'yes', language: 'id' });
    expect(parseSms('ya terima kasih banyak pak bu mas')).toEqual({ kind: 'yes', language: 'id' });
    expect(parseSms('ya terima kasih banyak pak bu mas mbak')).toEqual({ kind: 'text', text: 'ya terima kasih banyak pak bu mas mbak' });
    expect(parseSms('YA 123')).toEqual({ kind: 'text', text: 'YA 123' });
  });

  it('reads a keyword only at the start of a message, and asking words only before a status question', () => {
    expect(parseSms('2 LAPOR gaji')).toEqual({ kind: 'text', text: '2 LAPOR gaji' });
    expect(parseSms('majikan cek paspor saya')).toEqual({ kind: 'text', text: 'majikan cek paspor saya' });
  });
});

describe('references in a message', () => {
  it('finds a reference written as two words, or after a short word', () => {
    expect(parseSms('STATUS laporan ABC 234')).toEqual({ kind: 'status', reference: 'ABC-234' });
    expect(parseSms('STATUS dia ABC-234')).toEqual({ kind: 'status', reference: 'ABC-234' });
  });

  it('calls a six-letter word or a word with digits after STATUS a reference that went wrong', () => {
    expect(parseSms('status LOMBOK')).toEqual({ kind: 'status', badReference: true });
    expect(parseSms('status abc12 tolong')).toEqual({ kind: 'status', badReference: true });
    expect(parseSms('status abc12 ya')).toEqual({ kind: 'status', badReference: true });
    // Two words make a reference only as three and three characters.
    expect(parseSms('STATUS no AB CD34')).toEqual({ kind: 'status', badReference: true });
  });

  it('reads a message starting with a reference, with or without the dash, as about that case, and a reference alone as text', () => {
    expect(parseSms('abc234 majikan marah lagi')).toEqual({ kind: 'text', text: 'majikan marah lagi', reference: 'ABC-234' });
    expect(parseSms('ABC-234: majikan marah')).toEqual({ kind: 'text', text: 'majikan marah', reference: 'ABC-234' });
    expect(parseSms('YA ABC-234')).toEqual({ kind: 'yes', reference: 'ABC-234', language: 'id' });
    expect(parseSms('ABC-234')).toEqual({ kind: 'text', text: 'ABC-234' });
    expect(parseSms('kapan ABC-234 selesai')).toEqual({ kind: 'text', text: 'kapan ABC-234 selesai' });
    // Any of the six characters may be a letter or a digit.
    expect(parseSms('2ab-c34 majikan marah')).toEqual({ kind: 'text', text: 'majikan marah', reference: '2AB-C34' });
    expect(parseSms('abc-def majikan marah')).toEqual({ kind: 'text', text: 'majikan marah', reference: 'ABC-DEF' });
    // 0 and 1 are not in the alphabet: not a reference, so the whole message is kept.
    expect(parseSms('ABC-100 majikan marah')).toEqual({ kind: 'text', text: 'ABC-100 majikan marah' });
  });
});

describe('the canonical form of a message', () => {
  it('drops invisible characters and makes every kind of space one space', () => {
    expect(normaliseSms('  LAPOR\u3000gaji\u00a0belum\n\tdibayar  ')).toBe('LAPOR gaji belum dibayar');
    expect(normaliseSms('LA\u200bPOR gaji')).toBe('LAPOR gaji');
    expect(parseSms('LA\u200bPOR gaji')).toEqual({ kind: 'report', text: 'gaji', language: 'id' });
  });
});

describe('follow-up blocks', () => {
  const at = '2026-12-01T00:00:00.000Z';
  const withBlocks = (n: number) => {
    let d = 'Gaji belum dibayar';
    for (let i = 1; i <= n; i++) d = appendFollowUp(d, { n: i, at, text: `t${i}` })!;
    return d;
  };

  it('numbers blocks past 9 and takes block 10 out whole', () => {
    const d = withBlocks(11);
    expect(nextBlockNumber(d)).toBe(12);
    expect(takeFollowUp(d, 10)?.text).toBe('t10');
    expect(splitFollowUps(d).followUps.map((f) => f.n)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]);
  });

  it(`keeps a follow-up of ${FOLLOW_UP_LIMIT} characters whole and cuts a longer one, saying so`, () => {
    expect(cutFollowUp(`  ${'x'.repeat(FOLLOW_UP_LIMIT)}  `)).toEqual({ text: 'x'.repeat(FOLLOW_UP_LIMIT), truncated: false });
    expect(cutFollowUp('x'.repeat(FOLLOW_UP_LIMIT + 1))).toEqual({ text: `${'x'.repeat(FOLLOW_UP_LIMIT - 1)}…`, truncated: true });
  });

  it(`stores a follow-up's lines as one line, and stores it while the case text stays within ${CASE_TEXT_LIMIT} characters`, () => {
    expect(appendFollowUp('awal', { n: 1, at, text: 'baris satu\nbaris dua' })).toBe('awal\n\n[+1 01/12 08:00 WITA] baris satu baris dua');
    const marker = '\n\n[+1 01/12 08:00 WITA] x';
    const exact = 'a'.repeat(CASE_TEXT_LIMIT - marker.length);
    expect(appendFollowUp(exact, { n: 1, at, text: 'x' })).toHaveLength(CASE_TEXT_LIMIT);
    expect(appendFollowUp(`${exact}a`, { n: 1, at, text: 'x' })).toBeUndefined();
  });

  it('shows an official the newest words first, each with its label, without empty entries', () => {
    expect(entriesNewestFirst('Laporan awal \n\n[+1 01/12 08:00 WITA] satu\n\n[+2 02/12 09:00 WITA] dua ')).toEqual([
      { label: 'Balasan 2 (02/12 09:00)', text: 'dua' },
      { label: 'Balasan 1 (01/12 08:00)', text: 'satu' },
      { label: 'Laporan', text: 'Laporan awal' },
    ]);
    expect(entriesNewestFirst('\n\n[+1 01/12 08:00 WITA] satu')).toEqual([{ label: 'Balasan 1 (01/12 08:00)', text: 'satu' }]);
  });

  it('splits the text the console shows into the report and each follow-up with its time', () => {
    expect(splitFollowUps('Laporan awal\n\n[+1 01/12 08:00 WITA] satu\n\n[+12 02/12 09:00 WITA] dua')).toEqual({
      original: 'Laporan awal',
      followUps: [{ n: 1, when: '01/12 08:00 WITA', text: 'satu' }, { n: 12, when: '02/12 09:00 WITA', text: 'dua' }],
    });
    expect(splitFollowUps('Laporan saja')).toEqual({ original: 'Laporan saja', followUps: [] });
  });
});
