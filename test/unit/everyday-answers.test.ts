import { describe, expect, it } from 'vitest';
import { parseSms } from '../../lib/conversation/grammar.js';

/** After an official marks a case solved the reporter is asked YA/TIDAK; people answer as people do. */
describe('everyday answers to "is it solved?"', () => {
  it.each(['ya', 'Ya, terima kasih pak', 'ya sudah', 'sudah', 'sudah selesai', 'ya, terima kasih', 'Iya bu, sudah beres', 'yes thank you'])(
    'reads %j as yes', (text) => {
      expect(parseSms(text).kind).toBe('yes');
    });

  it.each(['belum', 'tidak', 'belum selesai', 'Belum selesai pak', 'tidak, masih belum', 'no not yet'])(
    'reads %j as no', (text) => {
      expect(parseSms(text).kind).toBe('no');
    });

  it.each(['tidak ada kabar dari anak saya', 'belum dibayar gaji saya', 'sudah 3 bulan tidak digaji', 'ya tolong bantu saya pulang'])(
    'keeps %j a message: it says more than yes or no', (text) => {
      expect(parseSms(text).kind).toBe('text');
    });
});
