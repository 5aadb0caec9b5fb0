import type { CaseStatus } from '../domain/case.js';
import type { Language } from '../domain/categories.js';
import { REGENCY_CHOICES } from '../domain/places/choices.js';
import { type HomeRegency, regencyLabel } from '../domain/regions.js';

/**
 * SMS texts to reporters. They must stay neutral: a worker's phone may be read by the employer or
 * the broker, so no category, no name, no detail; only the reference and what to do next.
 * Every text fits one GSM-7 SMS (160) with the longest values (test/unit/messages.test.ts checks
 * every entry of `reporterTexts` in both languages).
 */
export const STATUS_LABELS: Record<CaseStatus, Record<Language, string>> = {
  new: { id: 'Diterima, menunggu petugas', en: 'Received, awaiting an officer' },
  acknowledged: { id: 'Sedang ditangani petugas', en: 'Being handled by an officer' },
  resolved: { id: 'Selesai ditangani', en: 'Resolved' },
  closed: { id: 'Ditutup', en: 'Closed' },
};

/** Every value any template may use; each template declares the ones it reads. */
export interface TextVars {
  reference: string;
  hotline: string;
  status: CaseStatus;
  /** formatLocalTime() output. */
  updated: string;
  /** Characters kept when a text was cut. */
  limit: number;
  /** The reference a duplicate was merged into. */
  into: string;
  /** A regency's name as the reporter reads it (regencyLabel). */
  place: string;
}

type T<K extends keyof TextVars = never> = [K] extends [never]
  ? (l: Language, v?: Partial<TextVars>) => string
  : (l: Language, v: Pick<TextVars, K>) => string;
const say = (l: Language, id: string, en: string) => (l === 'id' ? id : en);

export const reporterTexts = {
  received: ((l, v) => say(l,
    `Laporan ${v.reference} diterima. Petugas akan menindaklanjuti. Cek status: kirim STATUS ${v.reference}. Darurat: ${v.hotline}.`,
    `Report ${v.reference} received. An officer will follow up. For status send STATUS ${v.reference}. Emergency: ${v.hotline}.`)) as T<'reference' | 'hotline'>,
  help: ((l) => say(l,
    'Hotline PMI NTB. Lapor: kirim LAPOR <masalah>. Cek: STATUS <kode>. Info: INFO. English: BAHASA EN',
    'PMI NTB hotline. Report: send REPORT <problem>. Check: STATUS <code>. Info: INFO. Bahasa: LANG ID')) as T,
  info: ((l, v) => say(l,
    `Hotline PMI NTB 24 jam untuk pekerja migran & keluarga. Lapor: LAPOR <masalah>. Cek: STATUS <kode>. Stop SMS: BERHENTI. Darurat: ${v.hotline}`,
    `PMI NTB 24h hotline for migrant workers & families. Report: REPORT <problem>. Check: STATUS <code>. No SMS: STOP. Emergency: ${v.hotline}`)) as T<'hotline'>,
  reportPrompt: ((l) => say(l,
    'Tulis masalah Anda setelah kata LAPOR, contoh: LAPOR gaji belum dibayar 3 bulan',
    'Write the problem after the word REPORT, e.g. REPORT salary not paid for 3 months')) as T,
  status: ((l, v) => say(l,
    `Laporan ${v.reference}: ${STATUS_LABELS[v.status].id}. Pembaruan terakhir ${v.updated}.`,
    `Report ${v.reference}: ${STATUS_LABELS[v.status].en}. Last update ${v.updated}.`)) as T<'reference' | 'status' | 'updated'>,
  unknownReference: ((l) => say(l,
    'Kode laporan tidak ditemukan. Periksa kode lalu kirim STATUS <kode>, atau kirim LAPOR <masalah>.',
    'Report code not found. Check the code and send STATUS <code>, or send REPORT <problem>.')) as T,
  noCase: ((l) => say(l,
    'Belum ada laporan dari nomor ini. Untuk melapor kirim LAPOR <masalah>.',
    'No report from this number yet. To report send REPORT <problem>.')) as T,
  /**
   * The answer to "Asal kabupaten/kota?", read back, so that a misreading can be noticed: a reply
   * saying otherwise reaches the officials as any message does, and they correct it in the console.
   */
  regencyNoted: ((l, v) => say(l,
    `Terima kasih. Asal ${v.place} dicatat untuk laporan ${v.reference}. Bila salah, balas dengan asal yang benar.`,
    `Thank you. ${v.place} noted as home for report ${v.reference}. If that is wrong, reply with the right one.`)) as T<'reference' | 'place'>,
  followUpAdded: ((l, v) => say(l,
    `Pesan Anda ditambahkan ke laporan ${v.reference} dan diteruskan ke petugas.`,
    `Your message was added to report ${v.reference} and passed to the officer.`)) as T<'reference'>,
  askNewProblem: ((l, v) => say(l,
    `Pesan ditambahkan ke laporan ${v.reference}. Jika ini masalah lain, balas BARU untuk membuat laporan baru.`,
    `Message added to report ${v.reference}. If this is a different problem, reply NEW to make a new report.`)) as T<'reference'>,
  nothingToMove: ((l) => say(l,
    'Tidak ada pesan yang bisa dijadikan laporan baru. Untuk melapor kirim LAPOR <masalah>.',
    'There is no message to turn into a new report. To report send REPORT <problem>.')) as T,
  textCut: ((l, v) => say(l,
    `Pesan Anda terlalu panjang: hanya ${v.limit} huruf pertama yang disimpan. Kirim sisanya dalam SMS berikutnya.`,
    `Your message was too long: only the first ${v.limit} characters were kept. Send the rest in another SMS.`)) as T<'limit'>,
  caseFull: ((l, v) => say(l,
    `Laporan ${v.reference} sudah berisi banyak pesan, pesan ini tidak disimpan. Hubungi ${v.hotline}.`,
    `Report ${v.reference} already holds many messages, this one was not saved. Please call ${v.hotline}.`)) as T<'reference' | 'hotline'>,
  languageSet: ((l) => say(l,
    'Bahasa diubah ke Bahasa Indonesia. For English send BAHASA EN.',
    'Language set to English. Untuk Bahasa Indonesia kirim BAHASA ID.')) as T,
  languageUnknown: ((l) => say(l,
    'Pilih bahasa: kirim BAHASA ID (Indonesia) atau BAHASA EN (English).',
    'Choose a language: send LANG EN (English) or LANG ID (Indonesia).')) as T,
  stopped: ((l) => say(l,
    'Anda tidak akan menerima SMS lagi dari Hotline PMI NTB. Kirim MULAI untuk menerima lagi.',
    'You will get no more SMS from the PMI NTB hotline. Send START to receive them again.')) as T,
  started: ((l) => say(l,
    'SMS dari Hotline PMI NTB aktif lagi. Kirim BERHENTI untuk menghentikan.',
    'SMS from the PMI NTB hotline are on again. Send STOP to turn them off.')) as T,
  closedThanks: ((l, v) => say(l,
    `Terima kasih. Laporan ${v.reference} ditutup. Jika ada masalah lagi, kirim LAPOR <masalah>.`,
    `Thank you. Report ${v.reference} is closed. For a new problem send REPORT <problem>.`)) as T<'reference'>,
  /** A message on a case marked solved that answers neither YA nor TIDAK: kept on the case, and the question asked again. */
  askAgainSolved: ((l, v) => say(l,
    `Pesan Anda untuk laporan ${v.reference} disimpan. Apakah masalah Anda sudah selesai? Balas YA atau TIDAK.`,
    `Your message on report ${v.reference} was saved. Is your problem solved? Reply YES or NO.`)) as T<'reference'>,
  rateLimited: ((l, v) => say(l,
    `Terlalu banyak pesan. Coba lagi dalam 1 jam. Darurat: ${v.hotline}`,
    `Too many messages. Please try again in 1 hour. Emergency: ${v.hotline}`)) as T<'hotline'>,

  // Status notices, sent from the stream when an official moves the case.
  acknowledged: ((l, v) => say(l,
    `Laporan ${v.reference} sedang ditangani petugas. Cek status: kirim STATUS ${v.reference}.`,
    `Report ${v.reference} is being handled by an officer. For status send STATUS ${v.reference}.`)) as T<'reference'>,
  resolved: ((l, v) => say(l,
    `Laporan ${v.reference} dinyatakan selesai oleh petugas. Apakah masalah Anda sudah selesai? Balas YA atau TIDAK.`,
    `Report ${v.reference} was marked resolved by the officer. Is your problem solved? Reply YES or NO.`)) as T<'reference'>,
  reopened: ((l, v) => say(l,
    `Laporan ${v.reference} dibuka kembali dan akan ditangani petugas lagi.`,
    `Report ${v.reference} was reopened and an officer will handle it again.`)) as T<'reference'>,
  merged: ((l, v) => say(l,
    `Laporan ${v.reference} digabung dengan laporan ${v.into} tentang masalah yang sama dan ditangani bersama. Cek kabar: kirim STATUS ${v.reference}.`,
    `Report ${v.reference} was merged with report ${v.into} about the same problem and is handled with it. For news send STATUS ${v.reference}.`)) as T<'reference' | 'into'>,
  statusMerged: ((l, v) => say(l,
    `Laporan ${v.reference} digabung ke laporan ${v.into}: ${STATUS_LABELS[v.status].id}. Pembaruan terakhir ${v.updated}.`,
    `Report ${v.reference} was merged into report ${v.into}: ${STATUS_LABELS[v.status].en}. Last update ${v.updated}.`)) as T<'reference' | 'into' | 'status' | 'updated'>,
  needInfo: ((l, v) => say(l,
    `Petugas memerlukan keterangan tambahan untuk laporan ${v.reference}. Balas pesan ini dengan keterangan Anda.`,
    `The officer needs more information on report ${v.reference}. Please reply to this message with the details.`)) as T<'reference'>,
} satisfies Record<string, (l: Language, v: TextVars) => string>;

export type ReporterText = keyof typeof reporterTexts;

/**
 * The one question after an SMS report whose text named no regency (issue 20), added to the reply
 * with the reference: "Asal kabupaten/kota?" and the numbered list of lib/domain/places/names.ts.
 * With `received` it fits two GSM-7 segments (test/unit/messages.test.ts): a question sent apart
 * would cost a third SMS and arrive out of order.
 */
export function askRegency(l: Language): string {
  const list = REGENCY_CHOICES.map(([, label], i) => `${i + 1} ${label}`).join(', ');
  return say(l, `Asal kabupaten/kota? Balas nama atau nomor: ${list}`, `Home regency/city? Reply with the name or number: ${list}`);
}

/** A home regency read back to the reporter in the words of the question's list ("Kab Bima", not "Bima"). */
export function answeredPlace(code: HomeRegency, l: Language): string {
  return REGENCY_CHOICES.find(([choice]) => choice === code)?.[1] ?? regencyLabel(code, l);
}

/** NTB is on WITA (UTC+8): officials and families read times in it. */
export function formatLocalTime(iso: string): string {
  const d = new Date(Date.parse(iso) + 8 * 3600_000);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${pad(d.getUTCDate())}/${pad(d.getUTCMonth() + 1)} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())} WITA`;
}
