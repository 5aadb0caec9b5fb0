import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { parseOfficialCommand, parseOfficialRequest } from '../../lib/officials/commands.js';
import { REFERENCE_ALPHABET } from '../../lib/domain/reference.js';

describe("an official's request for the commands", () => {
  it('is BANTUAN, HELP or MENU alone, or a keyword with nothing after it', () => {
    for (const text of ['BANTUAN', 'help', 'Menu', 'bantuan?'.replace('?', ''), 'TERIMA', 'selesai.', 'INFO']) {
      expect(parseOfficialRequest(text), text).toEqual({ action: 'help', keyword: 'BANTUAN' });
    }
    expect(parseOfficialRequest('TERIMA ABC-234 0303')).toMatchObject({ action: 'acknowledge', reference: 'ABC-234' });
    expect(parseOfficialRequest('terima kasih banyak')).toBeUndefined();
    expect(parseOfficialRequest('tolong saya ditipu agen')).toBeUndefined();
  });
});

describe('the official command parser', () => {
  it('reads TERIMA with a reference and a PIN', () => {
    expect(parseOfficialCommand('TERIMA ABC-234 0303')).toEqual({ action: 'acknowledge', keyword: 'TERIMA', reference: 'ABC-234', pin: '0303', text: '' });
  });

  it('accepts lower case, a reference without dash or split in two, and extra spaces', () => {
    expect(parseOfficialCommand('  terima   abc234  0303 ')).toMatchObject({ action: 'acknowledge', reference: 'ABC-234', pin: '0303' });
    expect(parseOfficialCommand('Terima ABC 234 0303')).toMatchObject({ reference: 'ABC-234', pin: '0303' });
    expect(parseOfficialCommand('TERIMA: ABC-234 0303')).toMatchObject({ reference: 'ABC-234' });
  });

  it('reads the PIN typed before the reference or after the word PIN, and a comma after the reference', () => {
    const taken = { action: 'acknowledge', keyword: 'TERIMA', reference: 'ABC-234', pin: '0303', text: '' };
    for (const text of ['TERIMA 0303 ABC-234', 'terima 0303 abc 234', 'TERIMA ABC-234, PIN 0303', 'TERIMA ABC-234 pin: 0303', 'TERIMA ABC-234 PIN:0303', 'TERIMA ABC-234, 0303.']) {
      expect(parseOfficialCommand(text), text).toEqual(taken);
    }
    expect(parseOfficialCommand('SELESAI 0303 ABC-234 gaji sudah dibayar, agen minta maaf.')).toMatchObject({ action: 'resolve', pin: '0303', reference: 'ABC-234', text: 'gaji sudah dibayar, agen minta maaf.' });
    expect(parseOfficialCommand('TANYA ABC-234 PIN 0303 Di mana Anda sekarang?')).toMatchObject({ pin: '0303', text: 'Di mana Anda sekarang?' });
    // Only where nothing else can be meant: a number that is not followed by a reference is no PIN before it.
    expect(parseOfficialCommand('TERIMA 0303 gaji')).toBeUndefined();
    expect(parseOfficialCommand('TERIMA ABC-234 PIN')).not.toHaveProperty('pin');
  });

  it('maps the English synonyms onto the same actions', () => {
    expect(parseOfficialCommand('ACK ABC-234 1234')).toMatchObject({ action: 'acknowledge', keyword: 'TERIMA' });
    expect(parseOfficialCommand('DONE ABC-234 1234 paid in full')).toMatchObject({ action: 'resolve', keyword: 'SELESAI', text: 'paid in full' });
    expect(parseOfficialCommand('ASK ABC-234 1234 where are you now?')).toMatchObject({ action: 'ask', keyword: 'TANYA', text: 'where are you now?' });
  });

  it('keeps the SELESAI note and the TANYA question as the rest of the text', () => {
    expect(parseOfficialCommand('SELESAI ABC-234 0303 gaji sudah dibayar agen')).toMatchObject({ action: 'resolve', pin: '0303', text: 'gaji sudah dibayar agen' });
    expect(parseOfficialCommand('TANYA ABC-234 0303 Di kota mana Anda bekerja?')).toMatchObject({ action: 'ask', text: 'Di kota mana Anda bekerja?' });
  });

  it('still recognises a command whose PIN was left out, so it can be refused rather than filed as a report', () => {
    const command = parseOfficialCommand('TERIMA ABC-234');
    expect(command).toMatchObject({ action: 'acknowledge', reference: 'ABC-234', text: '' });
    expect(command).not.toHaveProperty('pin');
  });

  it('treats INFO as an official command only with a reference and a PIN', () => {
    expect(parseOfficialCommand('INFO ABC-234 0303')).toMatchObject({ action: 'info', reference: 'ABC-234', pin: '0303' });
    expect(parseOfficialCommand('INFO')).toBeUndefined();
    expect(parseOfficialCommand('INFO ABC-234')).toBeUndefined();
    expect(parseOfficialCommand('info gaji saya')).toBeUndefined();
  });

  it('leaves reporter messages alone: other keywords, keywords without a reference, free text', () => {
    expect(parseOfficialCommand('LAPOR gaji tidak dibayar')).toBeUndefined();
    expect(parseOfficialCommand('STATUS ABC-234')).toBeUndefined();
    expect(parseOfficialCommand('terima kasih banyak')).toBeUndefined();
    expect(parseOfficialCommand('tanya soal gaji')).toBeUndefined();
    expect(parseOfficialCommand('selesai')).toBeUndefined();
    expect(parseOfficialCommand('')).toBeUndefined();
    expect(parseOfficialCommand('TERIMAABC-234 0303')).toBeUndefined();
  });

  it('rejects references with look-alike characters that the alphabet does not use', () => {
    expect(parseOfficialCommand('TERIMA ABC-1O3 0303')).toBeUndefined();
  });

  it('never throws, and any command it returns has a canonical reference and a digit PIN', () => {
    fc.assert(fc.property(fc.string({ maxLength: 200 }), (text) => {
      const command = parseOfficialCommand(text);
      if (!command) return;
      expect(command.reference).toMatch(/^[2-9A-Z]{3}-[2-9A-Z]{3}$/);
      if (command.pin !== undefined) expect(command.pin).toMatch(/^\d{4,8}$/);
    }));
  });

  it('reads back any well-formed command with any reference and PIN', () => {
    const ref = fc.array(fc.constantFrom(...REFERENCE_ALPHABET), { minLength: 6, maxLength: 6 }).map((cs) => `${cs.slice(0, 3).join('')}-${cs.slice(3).join('')}`);
    fc.assert(fc.property(fc.constantFrom('TERIMA', 'ACK', 'SELESAI', 'DONE', 'INFO', 'TANYA', 'ASK'), ref, fc.stringMatching(/^\d{4,8}$/), (keyword, reference, pin) => {
      const command = parseOfficialCommand(`${keyword.toLowerCase()} ${reference.toLowerCase()} ${pin}`);
      expect(command).toMatchObject({ reference, pin });
    }));
  });
});
