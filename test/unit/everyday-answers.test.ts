import { describe, expect, it } from 'vitest';
import { isThanks, parseSms } from '../../lib/conversation/grammar.js';

/** After an official marks a case solved the reporter is asked YA/TIDAK; people answer as people do. */
describe('everyday answers to "is it solved?"', () => {
  it.each(['selesai', 'Selesai, terima kasih bu', 'ya', 'Ya, terima kasih pak', 'ya sudah', 'sudah', 'sudah selesai', 'ya, terima kasih', 'Iya bu, sudah beres', 'yes thank you'])(
    'reads %j as yes', (text) => {
      expect(parseSms(text).kind).toBe('yes');
    });

  it.each(['belum', 'tidak', 'belum selesai', 'Belum selesai pak', 'tidak, masih belum', 'no not yet'])(
    'reads %j as no', (text) => {
      expect(parseSms(text).kind).toBe('no');
    });

  it.each(['tidak ada kabar dari anak saya', 'belum dibayar gaji saya', 'selesai kerja gaji belum dibayar', 'sudah 3 bulan tidak digaji', 'ya tolong bantu saya pulang'])(
    'keeps %j a message: it says more than yes or no', (text) => {
      expect(parseSms(text).kind).toBe('text');
    });

  it.each(['Ya, terima kasih pak', 'terima kasih banyak bu', 'ok makasih', 'thank you'])('reads %j as a thank-you', (text) => {
    expect(isThanks(text)).toBe(true);
  });

  it.each(['ya', 'sudah selesai', 'terima kasih, tapi gaji belum dibayar', 'pak tolong'])('does not read %j as a thank-you: it thanks for nothing or says more', (text) => {
    expect(isThanks(text)).toBe(false);
  });
});
