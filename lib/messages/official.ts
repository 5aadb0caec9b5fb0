import type { Case, CaseStatus } from '../domain/case.js';
import { erasedNote } from './erasure.js';
import { CATEGORY_LABELS, URGENCY_LABELS, type Language } from '../domain/categories.js';
import { countryLabel, regencyLabel } from '../domain/regions.js';
import { maskNik } from '../domain/nik.js';
import { gsmLength, SMS_LIMIT, toGsm7 } from '../domain/gsm.js';
import { formatLocalTime } from './reporter.js';

/**
 * SMS texts to officials, in Indonesian (the working language of the offices). An alert carries only
 * what is needed to act: reference, category, urgency, country, regency. Never the NIK, the
 * reporter's number or the free text (DOMAIN.md, law and safety). INFO is the one exception, and
 * only after the PIN: the masked NIK, and the reporter's number for the official who took the case.
 * Every text fits one GSM-7 SMS with the longest values (test/unit/officials-messages.test.ts).
 */
type AlertCase = Pick<Case, 'reference' | 'category' | 'urgency' | 'country' | 'homeRegency'>;

const STATUS_SHORT: Record<CaseStatus, string> = {
  new: 'belum diterima', acknowledged: 'ditangani', resolved: 'selesai', closed: 'ditutup',
};

/** A pause in words: minutes under two hours, hours under two days, else days. */
function duration(minutes: number): string {
  if (minutes < 120) return `${minutes} menit`;
  if (minutes < 2 * 24 * 60) return `${Math.round(minutes / 60)} jam`;
  return `${Math.round(minutes / (24 * 60))} hari`;
}

export const officialTexts = {
  newCase: (c: AlertCase) =>
    `PMI NTB ${c.reference} ${URGENCY_LABELS[c.urgency].id}: ${CATEGORY_LABELS[c.category].id}. ` +
    `${countryLabel(c.country, 'id')}, ${regencyLabel(c.homeRegency, 'id')}. Balas: TERIMA ${c.reference} <PIN Anda>`,
  reminder: (c: AlertCase & Pick<Case, 'status'>, deadline: Date) =>
    c.status === 'new'
      ? `PENGINGAT ${c.reference} ${URGENCY_LABELS[c.urgency].id}: ${CATEGORY_LABELS[c.category].id}. Batas terima ${formatLocalTime(deadline.toISOString())}. Balas: TERIMA ${c.reference} <PIN Anda>`
      : `PENGINGAT ${c.reference} ${URGENCY_LABELS[c.urgency].id}: batas selesai ${formatLocalTime(deadline.toISOString())}. Bila tuntas balas: SELESAI ${c.reference} <PIN Anda> <catatan>`,
  overdue: (c: AlertCase & Pick<Case, 'status'>, deadline: Date) =>
    `TERLAMBAT ${c.reference} ${URGENCY_LABELS[c.urgency].id}: ${CATEGORY_LABELS[c.category].id}. ` +
    `Batas ${c.status === 'new' ? 'terima' : 'selesai'} ${formatLocalTime(deadline.toISOString())} lewat. Balas: TERIMA ${c.reference} <PIN Anda>`,
  acknowledged: (reference: string) =>
    `${reference} tercatat Anda tangani; pelapor diberi tahu. Bila tuntas: SELESAI ${reference} PIN catatan. Tanya pelapor: TANYA ${reference} PIN pertanyaan`,
  alreadyYours: (reference: string) =>
    `${reference} sudah tercatat Anda tangani. Bila tuntas: SELESAI ${reference} PIN catatan`,
  taken: (reference: string) =>
    `${reference} sudah ditangani petugas lain. Perintah tidak dijalankan.`,
  notOpen: (reference: string, status: CaseStatus) =>
    `${reference} berstatus ${STATUS_SHORT[status]}. Perintah tidak dijalankan.`,
  resolved: (reference: string) =>
    `${reference} tercatat selesai. Pelapor diminta konfirmasi; bila belum tuntas kasus dibuka lagi.`,
  asked: (reference: string) =>
    `Pertanyaan terkirim ke pelapor ${reference}. Jawaban diteruskan ke nomor ini.`,
  reporterNoSms: (reference: string) =>
    `Pelapor ${reference} meminta tanpa SMS. Pertanyaan tidak dikirim; hubungi lewat jalur lain.`,
  tooManyQuestions: (reference: string) =>
    `Sudah banyak pesan ke pelapor ${reference} dalam satu jam. Pertanyaan tidak dikirim; coba lagi nanti.`,
  needsText: (reference: string) =>
    `Format: TANYA ${reference} PIN pertanyaan`,
  info: (c: AlertCase & Pick<Case, 'status' | 'nik'>, viewer: { isAssignee: boolean; contact: string }) =>
    `${c.reference} ${URGENCY_LABELS[c.urgency].id}: ${CATEGORY_LABELS[c.category].id}. ` +
    `${countryLabel(c.country, 'id')}, ${regencyLabel(c.homeRegency, 'id')}. NIK ${c.nik ? maskNik(c.nik) : '-'}. ` +
    `Status ${STATUS_SHORT[c.status]}.${viewer.isAssignee ? ` Pelapor ${viewer.contact}` : ' Isi laporan: setelah TERIMA.'}`,
  /** INFO on a case whose personal data was destroyed: its facts, and when and why the rest went. */
  infoErased: (c: AlertCase & Pick<Case, 'status'>, erased: NonNullable<Case['erased']>) =>
    `${c.reference} ${URGENCY_LABELS[c.urgency].id}: ${CATEGORY_LABELS[c.category].id}. ` +
    `${countryLabel(c.country, 'id')}, ${regencyLabel(c.homeRegency, 'id')}. Status ${STATUS_SHORT[c.status]}. Data pribadi ${erasedNote(erased, 'id')}.`,
  /** The reply to INFO <ref> <PIN> <page> for page 2 onwards (the case summary came with page 1). */
  infoPage: (reference: string, page: number, pages: number) =>
    pages === 0 || page > pages
      ? `${reference}: tidak ada halaman ${page}.`
      : `${reference} isi laporan, halaman ${page}/${pages} (terbaru dulu).`,
  /** The reporter's answer to TANYA, to the official who asked: reference, then the answer cut to fit. */
  answer: (reference: string, text: string) => {
    const frame = (t: string) => `Jawaban pelapor ${reference}: ${t}`;
    return frame(fitGsm(toGsm7(text.replace(/\s+/g, ' ').trim()), SMS_LIMIT - gsmLength(frame(''))));
  },
  /** To a locked official's own phone: neutral (a spoofer may have caused it), no PIN, what to do. */
  lockedSelf: () =>
    'PMI NTB: perintah SMS dari nomor ini dikunci setelah 5 PIN salah. Minta atasan Anda membuka akses dari HP-nya, atau hubungi admin.',
  /** To the desk above: who is locked and the one command that restores access. */
  lockedDesk: (o: { id: string }) =>
    `PMI NTB: akses SMS petugas ${o.id} dikunci setelah 5 PIN salah. Bila benar petugasnya, buka dengan: BUKA ${o.id} PIN (PIN Anda sendiri).`,
  /**
   * The same notices for a lock at the console's sign-in page: how long PIN sign-in pauses, that the
   * SMS commands still work (a stranger may have typed the number), and the BUKA that lifts it.
   */
  consoleLockedSelf: (minutes: number) =>
    `PMI NTB: masuk konsol dengan PIN untuk nomor ini dijeda ${duration(minutes)} setelah 5 PIN salah. Perintah SMS tetap berlaku. Bila bukan Anda, hubungi atasan.`,
  consoleLockedDesk: (o: { id: string }, minutes: number) =>
    `PMI NTB: masuk konsol ${o.id} dijeda ${duration(minutes)} setelah 5 PIN salah; SMS tetap berlaku. Buka lebih awal: BUKA ${o.id} PIN (PIN Anda sendiri).`,
  unlockedReply: (id: string) =>
    `Akses petugas ${id} (SMS dan masuk konsol) dibuka lagi; hitungan PIN salah diulang dari nol.`,
  unlockedSelf: (byId: string) =>
    `PMI NTB: perintah SMS dan masuk konsol dari nomor ini dibuka lagi oleh ${byId}. Bila Anda tidak memintanya, hubungi atasan Anda.`,
  notLocked: (id: string) =>
    `Akses petugas ${id} (SMS dan masuk konsol) tidak terkunci. Tidak ada yang diubah.`,
  /** One text for every refusal: a stranger learns nothing about numbers, PINs, references or locks. */
  refused: () =>
    'Perintah tidak dapat diproses. Periksa kode laporan dan PIN. Format: TERIMA <kode> <PIN>',
};

/**
 * An official's question relayed to the reporter. The reference and the question only: the
 * question is cut to fit one SMS and made GSM-7, so a pasted emoji cannot triple the cost.
 */
export function questionForReporter(language: Language, reference: string, question: string): string {
  const frame = language === 'id'
    ? (q: string) => `Laporan ${reference}, pertanyaan petugas: ${q} (Balas SMS ini)`
    : (q: string) => `Report ${reference}, the officer asks: ${q} (Reply to this SMS)`;
  const budget = SMS_LIMIT - gsmLength(frame(''));
  return frame(fitGsm(toGsm7(question.trim()), budget));
}

/** Cuts text to at most `budget` GSM-7 septets, marking a cut with "...". */
export function fitGsm(text: string, budget: number): string {
  if (gsmLength(text) <= budget) return text;
  let out = '';
  for (const ch of text) {
    if (gsmLength(`${out}${ch}...`) > budget) break;
    out += ch;
  }
  return `${out.trimEnd()}...`;
}

/** SMS of case text per INFO request: what one official's read can cost, and what fits a screen or two. */
export const TEXT_PARTS_PER_REQUEST = 3;

/**
 * The report and its follow-ups (newest first) as SMS for the official who holds the case: every
 * part GSM-7 and at most 160 septets (so a pasted emoji cannot switch it to 70-character UCS-2),
 * numbered, at most TEXT_PARTS_PER_REQUEST per page, and the last part of a page names the next.
 */
export function caseTextPages(reference: string, entries: Array<{ label: string; text: string }>, page: number): { parts: string[]; pages: number } {
  const stream = entries.map((e) => `[${e.label}] ${toGsm7(e.text).replace(/\s+/g, ' ')}`).join(' ');
  const prefix = (k: number) => `${reference} #${k}: `;
  const next = (p: number) => ` >INFO ${reference} PIN ${p}`;
  // Room for the longest prefix and a "next page" note in every part, so paging never re-cuts.
  const budget = SMS_LIMIT - gsmLength(prefix(999)) - gsmLength(next(999));
  const chunks: string[] = [];
  let rest = stream;
  while (rest.length > 0) {
    let cut = '';
    for (const ch of rest) {
      if (gsmLength(cut + ch) > budget) break;
      cut += ch;
    }
    if (cut.length < rest.length) {
      const space = cut.lastIndexOf(' ');
      if (space > budget / 2) cut = cut.slice(0, space);
    }
    chunks.push(cut.trim());
    rest = rest.slice(cut.length).trimStart();
  }
  const pages = Math.ceil(chunks.length / TEXT_PARTS_PER_REQUEST);
  const first = (page - 1) * TEXT_PARTS_PER_REQUEST;
  const parts = chunks.slice(first, first + TEXT_PARTS_PER_REQUEST).map((c, i) => `${prefix(first + i + 1)}${c}`);
  if (parts.length > 0 && page < pages) parts[parts.length - 1] += next(page + 1);
  return { parts, pages };
}
