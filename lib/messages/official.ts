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

/** A case's status in two words, for officials' SMS. */
export const STATUS_SHORT: Record<CaseStatus, string> = {
  new: 'belum diterima', acknowledged: 'ditangani', resolved: 'selesai', closed: 'ditutup',
};

/** Why an escalation alert was sent: the office that did not act, in how long, and on what. */
export interface EscalationFacts {
  /** The office the case waited for or that held it ("Lombok Timur", "Desk provinsi"). */
  waitedFor: string;
  /** That level's deadline, in minutes. */
  minutes: number;
  /** The case was taken but not resolved in time (else: not taken). */
  notResolved: boolean;
}

const FORMATS: Record<string, (reference: string) => string> = {
  TERIMA: (r) => `TERIMA ${r} <PIN Anda>`,
  SELESAI: (r) => `SELESAI ${r} <PIN Anda> <catatan>`,
  INFO: (r) => `INFO ${r} <PIN Anda>`,
  TANYA: (r) => `TANYA ${r} <PIN Anda> <pertanyaan>`,
};
const commandFormat = (keyword: string, reference: string) => (FORMATS[keyword] ?? FORMATS.TERIMA!)(reference);
const REFUSAL_FORMATS: Record<string, string> = {
  TERIMA: 'TERIMA <kode> <PIN>', SELESAI: 'SELESAI <kode> <PIN> <catatan>', INFO: 'INFO <kode> <PIN>', TANYA: 'TANYA <kode> <PIN> <pertanyaan>',
};

/** A deadline as the policy states it: whole days, whole hours, else minutes ("1 jam", "3 hari"). */
function deadlineLength(minutes: number): string {
  if (minutes >= 24 * 60 && minutes % (24 * 60) === 0) return `${minutes / (24 * 60)} hari`;
  if (minutes >= 60 && minutes % 60 === 0) return `${minutes / 60} jam`;
  return `${minutes} menit`;
}

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
  /**
   * An alert that climbed the ladder: says so first, who did not answer and in how long, so the
   * level above knows it is an escalation and not one more new case. The place is left out when the
   * longest names would not fit one SMS.
   */
  escalation: (c: AlertCase, e: EscalationFacts) => {
    const head = `DINAIKKAN: ${e.waitedFor} belum ${e.notResolved ? 'menyelesaikan' : 'menjawab'} dalam ${deadlineLength(e.minutes)}. ` +
      `${c.reference} ${URGENCY_LABELS[c.urgency].id}: ${CATEGORY_LABELS[c.category].id}.`;
    const tail = ` Balas: TERIMA ${c.reference} <PIN Anda>`;
    const place = ` ${countryLabel(c.country, 'id')}, ${regencyLabel(c.homeRegency, 'id')}.`;
    const country = ` ${countryLabel(c.country, 'id')}.`;
    return [head + place + tail, head + country + tail, head + tail].find((t) => gsmLength(t) <= SMS_LIMIT)!;
  },
  acknowledged: (reference: string) =>
    `${reference} tercatat Anda tangani; pelapor diberi tahu. Bila tuntas: SELESAI ${reference} PIN catatan. Tanya pelapor: TANYA ${reference} PIN pertanyaan`,
  alreadyYours: (reference: string) =>
    `${reference} sudah tercatat Anda tangani. Bila tuntas: SELESAI ${reference} PIN catatan`,
  taken: (reference: string) =>
    `${reference} sudah ditangani petugas lain. Perintah tidak dijalankan.`,
  notOpen: (reference: string, status: CaseStatus, mergedInto?: string) =>
    mergedInto
      ? `${reference} sudah digabung ke ${mergedInto}. Perintah tidak dijalankan; kirim lagi dengan kode ${mergedInto}.`
      : `${reference} berstatus ${STATUS_SHORT[status]}. Perintah tidak dijalankan.`,
  /** A command whose PIN was left out: what is missing, and the command as it should be sent. */
  noPin: (keyword: string, reference: string) =>
    `PIN belum ditulis; perintah tidak dijalankan. Format: ${commandFormat(keyword, reference)}`,
  /** SELESAI without an outcome note: refused before anything changes, with the format. */
  needsNote: (reference: string) =>
    `${reference} belum diubah: tulis apa yang sudah dilakukan. Format: SELESAI ${reference} <PIN Anda> <catatan>`,
  /** BANTUAN / HELP (or a keyword alone) from a registered official's number: the commands. */
  help: () =>
    'Perintah petugas (kode=kode laporan): TERIMA kode PIN; SELESAI kode PIN catatan; INFO kode PIN; TANYA kode PIN pertanyaan; BUKA id-petugas PIN',
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
  info: (c: AlertCase & Pick<Case, 'status' | 'nik'> & { mergedInto?: string }, viewer: { isAssignee: boolean; contact: string }) =>
    `${c.reference} ${URGENCY_LABELS[c.urgency].id}: ${CATEGORY_LABELS[c.category].id}. ` +
    `${countryLabel(c.country, 'id')}, ${regencyLabel(c.homeRegency, 'id')}. NIK ${c.nik ? maskNik(c.nik) : '-'}. ` +
    `Status ${c.mergedInto ? `digabung ke ${c.mergedInto}` : STATUS_SHORT[c.status]}.${viewer.isAssignee ? ` Pelapor ${viewer.contact}` : c.mergedInto ? '' : ' Isi laporan: setelah TERIMA.'}`,
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
  /**
   * One text for every refusal of a command: a stranger learns nothing about numbers, PINs,
   * references or locks. Only the format is the command's own, which the sender typed anyway.
   */
  refused: (keyword: string = 'TERIMA') => keyword === 'BUKA'
    ? 'Perintah tidak dapat diproses. Periksa id petugas dan PIN. Format: BUKA <id-petugas> <PIN>'
    : `Perintah tidak dapat diproses. Periksa kode laporan dan PIN. Format: ${(REFUSAL_FORMATS[keyword] ?? REFUSAL_FORMATS.TERIMA)!}`,
  /** BUKA from an official (PIN checked) whose level is not above the locked one's: who can. */
  notAbove: (target: { id: string; level: number }) =>
    `Akses ${target.id} hanya dapat dibuka ${target.level === 1 ? 'desk provinsi atau BP3MI' : target.level === 2 ? 'BP3MI' : 'admin'}. Perintah tidak dijalankan.`,
};

/**
 * An official's question relayed to the reporter. The reference and the question only: the
 * question is cut to fit one SMS and made GSM-7, so a pasted emoji cannot triple the cost.
 */
export function questionForReporter(language: Language, reference: string, question: string): string {
  const frame = language === 'id'
    ? (q: string) => `Laporan ${reference}, pertanyaan petugas: ${q} (Balas pesan ini)`
    : (q: string) => `Report ${reference}, the officer asks: ${q} (Reply to this message)`;
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
 * The report and its follow-ups (newest first) as SMS for the official who holds the case, read on a
 * basic phone: every part GSM-7 and at most 160 septets (so a pasted emoji cannot switch it to
 * 70-character UCS-2), numbered `ABC-234 1/3`, `2/3`... over the whole text so parts that arrive out
 * of order still read in order; each entry ("Balasan 2 (06/12 08:43): ...") whole in one part where
 * it fits, short ones sharing a part line by line, a long one split at a space; at most
 * TEXT_PARTS_PER_REQUEST per page, and the last part of a page names the next.
 */
export function caseTextPages(reference: string, entries: Array<{ label: string; text: string }>, page: number): { parts: string[]; pages: number } {
  const pieces = entries.map((e) => `${e.label}: ${toGsm7(e.text).replace(/\s+/g, ' ').trim()}`);
  const prefix = (k: number, n: number) => `${reference} ${k}/${n} `;
  const next = (p: number) => `\nLanjut: INFO ${reference} PIN ${p}`;
  // Room for the longest numbering and a "next page" line in every part, so paging never re-cuts.
  const budget = SMS_LIMIT - gsmLength(prefix(999, 999)) - gsmLength(next(999));
  const chunks: string[] = [];
  let current = '';
  for (const piece of pieces) {
    if (current !== '' && gsmLength(`${current}\n${piece}`) <= budget) {
      current = `${current}\n${piece}`;
      continue;
    }
    if (current !== '') chunks.push(current);
    let rest = piece;
    while (gsmLength(rest) > budget) {
      const cut = cutAtSpace(rest, budget);
      chunks.push(cut);
      rest = rest.slice(cut.length).trimStart();
    }
    current = rest;
  }
  if (current !== '') chunks.push(current);
  const pages = Math.ceil(chunks.length / TEXT_PARTS_PER_REQUEST);
  const first = (page - 1) * TEXT_PARTS_PER_REQUEST;
  const parts = chunks.slice(first, first + TEXT_PARTS_PER_REQUEST).map((c, i) => `${prefix(first + i + 1, chunks.length)}${c}`);
  if (parts.length > 0 && page < pages) parts[parts.length - 1] += next(page + 1);
  return { parts, pages };
}

/** The longest head of `text` within `budget` septets, ending at a space when one is in its second half. */
function cutAtSpace(text: string, budget: number): string {
  let used = 0;
  let end = 0;
  for (const ch of text) {
    const size = gsmLength(ch);
    if (used + size > budget) break;
    used += size;
    end += ch.length;
  }
  // A character that fits no SMS alone is dropped rather than looping on it.
  if (end === 0) return text.slice(0, [...text][0]!.length);
  const space = text.lastIndexOf(' ', end);
  return (space > end / 2 ? text.slice(0, space) : text.slice(0, end)).trimEnd();
}
