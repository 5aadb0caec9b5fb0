import { describe, expect, it } from 'vitest';
import { readCategory, type Category } from '../../lib/domain/categories.js';

/**
 * Report texts as workers and families write them, with the category an official would give.
 * The first group is what fooled the old word list ("mati" alone meant death, "pukul" violence):
 * a false death is a false SEGERA alert and a death in the monthly figures.
 */
const FOOLED_BEFORE: ReadonlyArray<[string, Category]> = [
  ['LAPOR saya ditahan polisi di Kuala Lumpur karena permit mati', 'detained_deported'],
  ['permit saya sudah mati 2 bulan, majikan tidak mau urus', 'documents_held'],
  ['visa mati, agen tidak mau perpanjang', 'documents_held'],
  ['paspor sdh mati dan ditahan majikan', 'documents_held'],
  ['HP saya mati jadi pakai HP teman, gaji belum dibayar 3 bulan', 'unpaid_wages'],
  ['maaf baru kabar, hp mati terus. saya mau pulang', 'wants_to_go_home'],
  ['pukul 10 malam majikan suruh kerja lagi, gaji tidak dibayar', 'unpaid_wages'],
  ['tiap hari kerja dari pukul 5 pagi sampai pukul 11 malam, tidak ada libur', 'other'],
  ['kontrak saya sudah mati tapi belum dipulangkan', 'wants_to_go_home'],
  ['listrik di mes mati seminggu', 'other'],
  ['lampu mati terus di asrama, kami mau pulang', 'wants_to_go_home'],
  ['kartu sim mati, tolong hubungi lewat WA', 'other'],
];

const PLAIN: ReadonlyArray<[string, Category]> = [
  ['suami saya meninggal di Malaysia', 'death'],
  ['anak saya meninggal dunia di Sabah, jenazah belum dipulangkan', 'death'],
  ['adik saya tewas kecelakaan di kebun sawit', 'death'],
  ['kakak saya ditemukan mati di kamar', 'death'],
  ['bapak saya sudah mati kata teman nya, tolong cek', 'death'],
  ['my brother passed away in Taiwan', 'death'],
  ['my husband is dead, the agency says nothing', 'death'],
  ['berangkat lewat calo, gaji dipotong', 'trafficking'],
  ['saya dibawa tekong lewat jalur tikus ke Malaysia', 'trafficking'],
  ['berangkat non prosedural, sekarang tidak bisa pulang', 'trafficking'],
  ['saya dipukul majikan tiap hari', 'violence_abuse'],
  ['istri saya disiksa dan ditampar majikan', 'violence_abuse'],
  ['my employer beat me', 'violence_abuse'],
  ['saya dilecehkan anak majikan', 'violence_abuse'],
  ['majikan kasar, tangan saya luka dan memar', 'violence_abuse'],
  ['adik saya ditangkap polisi Malaysia', 'detained_deported'],
  ['saya dideportasi dari Arab, sekarang di Jakarta', 'detained_deported'],
  ['suami di depo imigrasi Tawau sudah 2 bulan', 'detained_deported'],
  ['kena razia polisi, dibawa ke imigrasi', 'detained_deported'],
  ['saya sakit tidak boleh ke dokter', 'illness_accident'],
  ['kecelakaan kerja, tangan patah tulang', 'illness_accident'],
  ['istri saya dirawat di rumah sakit Johor', 'illness_accident'],
  ['Paspor saya ditahan majikan', 'documents_held'],
  ['dokumen ditahan agen', 'documents_held'],
  ['agen menahan ijazah saya', 'documents_held'],
  ['sponsor pegang akta kelahiran dan kartu keluarga kami sebagai jaminan', 'documents_held'],
  ['buku pelaut saya ditahan kapten kapal', 'documents_held'],
  ['saya dikurung tidak boleh keluar rumah', 'trafficking'],
  ['online scam di kamboja disekap', 'trafficking'],
  ['saya dipaksa kerja scam online', 'trafficking'],
  ['dijanjikan kerja di Malaysia tapi dikirim ke Kamboja', 'trafficking'],
  ['anak saya dijual ke Malaysia', 'trafficking'],
  ['majikan tidak mau pulangkan saya', 'wants_to_go_home'],
  ['saya ditipu PT, uang hilang 10 juta', 'job_fraud'],
  // Scammed is not trafficked, and money that cannot come out is no confinement.
  ['saya kena online scam lowongan kerja, uang 5 juta hilang', 'job_fraud'],
  ['gaji tidak bisa keluar dari bank, majikan tidak bayar', 'unpaid_wages'],
  // Everyday phrasings a worker or a family uses.
  ['belum digaji 5 bulan', 'unpaid_wages'],
  ['majikan tidak mau bayar', 'unpaid_wages'],
  ['adik saya putus kontak sejak lebaran', 'lost_contact'],
  ['tangan saya terluka kena mesin', 'illness_accident'],
  ['mau balik ke lombok', 'wants_to_go_home'],
  ['suami ditahan di imigrasi Johor', 'detained_deported'],
  ['PT tidak berangkatkan saya padahal sudah bayar', 'job_fraud'],
  ['gaji tidak dibayar 3 bulan', 'unpaid_wages'],
  ['upah belum dibayar sejak Juli', 'unpaid_wages'],
  ['my salary is unpaid for 4 months', 'unpaid_wages'],
  ['saya mau pulang', 'wants_to_go_home'],
  ['ingin pulang ke Lombok tapi tidak punya tiket', 'wants_to_go_home'],
  ['anak saya hilang kontak sejak 6 bulan', 'lost_contact'],
  ['suami tidak ada kabar sudah setahun', 'lost_contact'],
  ['saya ditipu PT, bayar 15 juta tidak jadi berangkat', 'job_fraud'],
  ['biaya penempatan terlalu besar, fee agen 20 juta', 'job_fraud'],
  ['halo', 'other'],
  ['sakit hati diperlakukan begini, mau pindah majikan', 'other'],
];

const CORPUS = [...FOOLED_BEFORE, ...PLAIN];

describe('reading a category from what a worker wrote', () => {
  it('gets the category an official would give for every text of the corpus, and prints the figure', () => {
    const wrong = CORPUS.filter(([text, expected]) => readCategory(text).category !== expected)
      .map(([text, expected]) => `${expected} <- ${text} (read ${readCategory(text).category})`);
    console.info(`category corpus: ${CORPUS.length - wrong.length}/${CORPUS.length} right`);
    expect(wrong).toEqual([]);
  });

  it('never reads a death or violence from a single weak word', () => {
    for (const text of ['HP mati', 'mati', 'pukul 7', 'dead', 'permit mati', 'visa sudah mati', 'beat']) {
      expect(['death', 'violence_abuse']).not.toContain(readCategory(text).category);
    }
  });

  it('reads a death or violence from two different weak words together', () => {
    expect(readCategory('mati, kami berduka, mohon bantu').category).not.toBe('death');
    expect(readCategory('dia mati, keluarga dalam duka').category).toBe('death');
    expect(readCategory('majikan kasar, saya luka').category).toBe('violence_abuse');
  });

  it('reads a phrase whose words a line break or a run of spaces separates', () => {
    expect(readCategory('Ibu saya tidak ada\n\nkabar sejak Mei')).toEqual({ category: 'lost_contact', words: ['tidak ada kabar'] });
    expect(readCategory('suami tidak bisa  dihubungi')).toEqual({ category: 'lost_contact', words: ['tidak bisa dihubungi'] });
  });

  it('reads no death from power that keeps going off ("listrik mati-mati di mess")', () => {
    expect(readCategory('Listrik mati-mati di mess, gaji belum dibayar').category).toBe('unpaid_wages');
  });

  it('names the words it read, for the official to check', () => {
    expect(readCategory('LAPOR saya ditahan polisi di KL karena permit mati')).toEqual({
      category: 'detained_deported', words: ['ditahan polisi'],
    });
    expect(readCategory('majikan kasar, saya luka').words).toEqual(['kasar', 'luka']);
    expect(readCategory('tolong').words).toEqual([]);
  });
});
