import { describe, expect, it } from 'vitest';
import { isThanks, parseSms } from '../../lib/conversation/grammar.js';

/** Word counts of the SMS grammar at their bounds, which a mutation run (issue 24) found untested. */
describe('a request to erase, counted in words', () => {
  it('takes up to five words after HAPUS, punctuation not counted, and reads a sixth as a message', () => {
    expect(parseSms('HAPUS semua data laporan saya juga')).toEqual({ kind: 'erase', language: 'id' });
    expect(parseSms('HAPUS semua data laporan saya juga.')).toEqual({ kind: 'erase', language: 'id' });
    expect(parseSms('hapus semua data laporan saya di sini').kind).toBe('text');
  });
});

describe('a request for a copy of one\'s data', () => {
  it('takes up to six words that ask for one\'s own data after DATA, punctuation not counted, and nothing else', () => {
    expect(parseSms('DATA saya milik pribadi semua salinan minta')).toEqual({ kind: 'access' });
    expect(parseSms('DATA saya mohon.')).toEqual({ kind: 'access' });
    expect(parseSms('DATA saya milik pribadi semua salinan minta mohon').kind).toBe('text');
    expect(parseSms('DATA 123').kind).toBe('text');
  });
});

describe('a thank-you', () => {
  it('is up to six words a yes may carry, punctuation around them allowed, and not seven', () => {
    expect(isThanks('terima kasih banyak pak ya ok')).toBe(true);
    expect(isThanks('terima kasih banyak pak ya ok oke')).toBe(false);
    expect(isThanks('terima kasih!')).toBe(true);
    expect(isThanks(', terima kasih')).toBe(true);
  });

  it('may start with an English yes or a bare y, as a reply to "is it solved?" often does', () => {
    expect(isThanks('Yes, thank you')).toBe(true);
    expect(isThanks('y makasih')).toBe(true);
    // A yes alone thanks nobody: it is the answer to the question, read by the grammar.
    expect(isThanks('yes')).toBe(false);
  });
});
