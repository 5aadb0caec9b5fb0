import { describe, expect, it } from 'vitest';
import { needsDraft, screenBody, ussdScreen, UssdScreenTooLongError, type UssdDraft } from '../../lib/ussd/menu.js';

/**
 * The USSD menu (lib/ussd/menu.ts) screen by screen, exactly as the phone shows it, and the inputs
 * each screen refuses: a mutation run (issue 24) found screens only measured (ussd-tree.test.ts) and
 * never read, and refusals tested on some screens only.
 */
const screen = (text: string, draft?: UssdDraft) => {
  const next = ussdScreen({ text, ...(draft ? { draft } : {}) });
  return next.kind === 'reply' ? next.reply : `final ${next.kind}`;
};

const COUNTRIES_ID = 'Pekerja sekarang di mana?\n1 Malaysia\n2 Arab Saudi\n3 Taiwan\n4 Hong Kong\n5 Singapura\n6 Brunei\n7 Negara lain\n8 Di Indonesia\n0 Kembali';
const REPORTERS_ID = 'Siapa yang melapor?\n1 Saya pekerjanya\n2 Keluarga\n3 Lainnya (teman/lembaga)\n0 Kembali';
const REGENCIES_ID = 'Asal daerah:\n1 Lombok Barat\n2 Lombok Tengah\n3 Lombok Timur\n4 Sumbawa\n5 Dompu\n6 Bima\n7 Sumbawa Barat\n8 Lombok Utara\n9 Mataram\n10 Kota Bima\n11 Luar NTB\n0 Kembali';
const CATEGORIES_ID = 'Masalah apa?\n1 Gaji tidak dibayar\n2 Ingin pulang\n3 Paspor/dokumen ditahan\n4 Kekerasan/pelecehan\n5 TPPO/calo ilegal\n6 Sakit/kecelakaan\n7 Berikutnya\n0 Kembali';
const CATEGORIES2_ID = 'Masalah apa?\n1 Meninggal dunia\n2 Ditahan/dideportasi\n3 Hilang kontak\n4 Penipuan kerja/biaya\n5 Lainnya\n0 Kembali';
const INFO_ID = 'Info migrasi aman\n1 Nomor pengaduan resmi\n2 Cek P3MI berizin\n3 Cara berangkat resmi\n4 Awas calo\n0 Kembali';
const LANGUAGE = 'Pilih bahasa / Language\n1 Bahasa Indonesia\n2 English\n0 Kembali';
const MAIN_ID = 'Hotline PMI NTB 24 jam\n1 Lapor masalah\n2 Cek status laporan\n3 Info migrasi aman\n4 Language/Bahasa';
const WRONG = 'Pilihan salah.';

describe('every USSD screen, exactly', () => {
  it('shows the main menu, the language choice and the safe-migration menu', () => {
    expect(screen('')).toBe(`CON ${MAIN_ID}`);
    expect(screen('4')).toBe(`CON ${LANGUAGE}`);
    expect(screen('3')).toBe(`CON ${INFO_ID}`);
  });

  it('lists the countries, who reports and the home regencies, short names where people use them', () => {
    expect(screen('1*1')).toBe(`CON ${COUNTRIES_ID}`);
    expect(screen('4*2*1*1')).toBe('CON Where is the worker now?\n1 Malaysia\n2 Saudi Arabia\n3 Taiwan\n4 Hong Kong\n5 Singapore\n6 Brunei\n7 Other country\n8 In Indonesia\n0 Back');
    expect(screen('1*1*1')).toBe(`CON ${REPORTERS_ID}`);
    expect(screen('1*1*1*1')).toBe(`CON ${REGENCIES_ID}`);
  });

  it('sums a report up in the reader\'s words, a worker in Indonesia and a home outside NTB included', () => {
    expect(screen('1*1*1*1*1*0*1')).toBe('CON Kirim laporan?\nGaji tidak dibayar\nMalaysia, Lombok Barat\nPelapor: pekerja, tanpa NIK, SMS ya\n1 Kirim\n0 Kembali');
    expect(screen('1*1*8*2*11*0*2')).toBe('CON Kirim laporan?\nGaji tidak dibayar\nDi Indonesia, Luar NTB\nPelapor: keluarga, tanpa NIK, tanpa SMS\n1 Kirim\n0 Kembali');
    expect(screen('4*2*1*1*8*3*11*0*2')).toBe('CON Send report?\nUnpaid wages\nIn Indonesia, Outside NTB\nBy: other, no NIK, no SMS\n1 Send\n0 Back');
  });
});

describe('the choices each screen refuses', () => {
  it('refuses a number past the end of each list, with the same screen and a hint', () => {
    expect(screen('4*3')).toBe(`CON ${WRONG}\n${LANGUAGE}`);
    expect(screen('1*8')).toBe(`CON ${WRONG}\n${CATEGORIES_ID}`);
    expect(screen('1*7*6')).toBe(`CON ${WRONG}\n${CATEGORIES2_ID}`);
    expect(screen('1*1*9')).toBe(`CON ${WRONG}\n${COUNTRIES_ID}`);
    expect(screen('1*1*1*4')).toBe(`CON ${WRONG}\n${REPORTERS_ID}`);
    expect(screen('1*1*1*1*12')).toBe(`CON ${WRONG}\n${REGENCIES_ID}`);
    expect(screen('1*1*1*1*1*0*3')).toMatch(/^CON Pilihan salah\.\nBoleh kirim SMS/);
    expect(screen('3*5')).toBe(`CON ${WRONG}\n${INFO_ID}`);
    // Only 1 sends the report; an information page has nothing to choose.
    expect(screen('1*1*1*1*1*0*1*2')).toMatch(/^CON Pilihan salah\.\nKirim laporan\?/);
    expect(screen('3*1*1')).toMatch(/^CON Pilihan salah\.\nKP2MI 0800-1000/);
  });

  it('takes a choice only as the whole input, digits alone, spaces around it allowed', () => {
    for (const input of ['x1', '1x', '1.0', '1e0', '01']) expect(screen(`1*1*${input}`), input).toBe(`CON ${WRONG}\n${COUNTRIES_ID}`);
    expect(screen('1* 1 *1')).toBe(`CON ${REPORTERS_ID}`);
  });

  it('has nothing to go back to from the main menu, and says so', () => {
    expect(screen('0')).toBe(`CON ${WRONG}\n${MAIN_ID}`);
  });
});

describe('a draft and the first screen', () => {
  const draft: UssdDraft = { text: '1*1', language: 'id' };

  it('is offered on the first screen only, not on the main menu reached again by 00', () => {
    expect(screen('', draft)).toBe(`CON ${MAIN_ID}\n5 Lanjutkan laporan tadi`);
    expect(screen('1*00', draft)).toBe(`CON ${MAIN_ID}`);
  });

  it('is resumed on 5 with spaces around it, and needed only then or on the first screen', () => {
    expect(screen(' 5 ', draft)).toBe(`CON ${COUNTRIES_ID}`);
    expect(needsDraft(' 5 *1')).toBe(true);
    expect(needsDraft('')).toBe(true);
    expect(needsDraft('1*5')).toBe(false);
  });
});

describe('a screen too long for the network', () => {
  it('is a named fault saying its length and the limit', () => {
    let error: unknown;
    try {
      screenBody('CON', 'x'.repeat(300));
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(UssdScreenTooLongError);
    expect((error as UssdScreenTooLongError).name).toBe('UssdScreenTooLongError');
    expect((error as UssdScreenTooLongError).message).toBe('USSD screen of 304 septets, the limit is 182');
    expect((error as UssdScreenTooLongError).septets).toBe(304);
  });
});
