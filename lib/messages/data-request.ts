import type { DataRequestOutcome, DataRequestType, RefusalGround } from '../domain/case.js';
import type { Language } from '../domain/categories.js';
import { CONTROLLER } from './consent.js';
import { formatLocalTime } from './reporter.js';

const TYPE_LABELS: Record<DataRequestType, string> = { erasure: 'hapus data', access: 'salinan data' };

/**
 * What a data request (HAPUS, DATA) says, to the reporter and to officials. The reporter's texts are
 * neutral: a phone held by an employer or a broker must not learn from them that a complaint exists
 * or what was asked ("Permintaan ABC-234 diterima"), and they never carry data (a copy is handed
 * over in person, never by SMS). Officials' texts carry the reference, the kind and the deadline
 * (INFO adds the number for the official who took the request, as for a complaint). Every text is
 * GSM-7 and one SMS (test/unit/data-request-plans.test.ts).
 */
export const dataRequestTexts = {
  received: (l: Language, reference: string, deadline: Date): string => l === 'id'
    ? `Permintaan ${reference} diterima dan dijawab paling lambat ${formatLocalTime(deadline.toISOString())}. Info: petugas ${CONTROLLER}.`
    : `Request ${reference} received; answered by ${formatLocalTime(deadline.toISOString())} at the latest. Info: ${CONTROLLER} officers.`,
  outcome: (l: Language, reference: string, type: DataRequestType, outcome: DataRequestOutcome, ground?: RefusalGround): string => {
    if (outcome === 'refused') {
      return l === 'id'
        ? `Permintaan ${reference} tidak dapat dilaksanakan (UU 27/2022 Pasal ${ARTICLE[ground ?? 'art33_danger']}). Info: petugas ${CONTROLLER}.`
        : `Request ${reference} cannot be carried out (Law 27/2022 Art. ${ARTICLE[ground ?? 'art33_danger']}). Info: ${CONTROLLER} officers.`;
    }
    if (outcome === 'corrected') return l === 'id' ? `Permintaan ${reference} sudah dilaksanakan: data diperbaiki.` : `Request ${reference} carried out: the data was corrected.`;
    if (type === 'access') {
      return l === 'id'
        ? `Permintaan ${reference} siap. Salinan diberikan langsung oleh petugas ${CONTROLLER}, tidak lewat SMS.`
        : `Request ${reference} is ready. The copy is handed over by ${CONTROLLER} officers in person, never by SMS.`;
    }
    return l === 'id' ? `Permintaan ${reference} sudah dilaksanakan.` : `Request ${reference} has been carried out.`;
  },
  /**
   * STATUS <reference> of a request, by SMS, WhatsApp or USSD: as neutral as `received` (nothing says
   * what was asked or that a complaint exists); answered or not, and by when.
   */
  status: (l: Language, reference: string, deadline: Date, answeredAt?: string): string => {
    if (answeredAt) return l === 'id' ? `Permintaan ${reference} sudah dijawab ${formatLocalTime(answeredAt)}.` : `Request ${reference} was answered on ${formatLocalTime(answeredAt)}.`;
    return l === 'id'
      ? `Permintaan ${reference} belum dijawab; dijawab paling lambat ${formatLocalTime(deadline.toISOString())}.`
      : `Request ${reference} not answered yet; answered by ${formatLocalTime(deadline.toISOString())} at the latest.`;
  },
  /**
   * The ladder's reminder at half a level's time, and BP3MI's overdue notice past its own: the law's
   * deadline and where a request is decided (a complaint's would say TERIMA or SELESAI, category and
   * urgency). Past the law's deadline the overdue notice says so.
   */
  reminder: (reference: string, type: DataRequestType, deadline: Date): string =>
    `PENGINGAT PERMINTAAN DATA ${reference}: ${TYPE_LABELS[type]}. Batas ${formatLocalTime(deadline.toISOString())}. Putuskan di konsol, tab Permintaan data.`,
  overdue: (reference: string, type: DataRequestType, deadline: Date, now: Date): string =>
    `TERLAMBAT PERMINTAAN DATA ${reference}: ${TYPE_LABELS[type]}, belum diputuskan. Batas ${formatLocalTime(deadline.toISOString())}${now >= deadline ? ' lewat' : ''}. Putuskan di konsol, tab Permintaan data.`,
  /** The desk's alert (and BP3MI's after it): reference, kind, legal deadline. Never the number. */
  alert: (reference: string, type: DataRequestType, deadline: Date): string =>
    `PERMINTAAN DATA ${reference}: ${TYPE_LABELS[type]}. Batas ${formatLocalTime(deadline.toISOString())}. Putuskan di konsol, tab Permintaan data.`,
  /**
   * An official's TERIMA on a request (by SMS or WhatsApp, often answering the alert template): it is
   * theirs and escalation stops, but it is decided in the console, not with SELESAI, and the
   * requester is not told (lib/use-cases/case-changed.ts): the complaint's reply would say both.
   */
  taken: (reference: string, type: DataRequestType, deadline: Date): string =>
    `${reference} (permintaan data: ${TYPE_LABELS[type]}) tercatat Anda tangani. Putuskan di konsol, tab Permintaan data, paling lambat ${formatLocalTime(deadline.toISOString())}.`,
  /** Any other command on a request, which changes nothing (SELESAI, TANYA, a second TERIMA): where and by when it is decided. */
  decideInConsole: (reference: string, type: DataRequestType, deadline: Date): string =>
    `${reference} adalah permintaan data (${TYPE_LABELS[type]}). Putuskan di konsol, tab Permintaan data, paling lambat ${formatLocalTime(deadline.toISOString())}. Perintah tidak dijalankan.`,
  /** INFO on a request: kind, deadline and status; the number only to the official who took it (as for a complaint). */
  info: (reference: string, type: DataRequestType, deadline: Date, status: string, contact?: string): string =>
    `PERMINTAAN DATA ${reference}: ${TYPE_LABELS[type]}. Batas ${formatLocalTime(deadline.toISOString())}. Status ${status}.${contact ? ` Pemohon ${contact}` : ' Nomor pemohon: setelah TERIMA.'}`,
};

export const ARTICLE: Record<RefusalGround, string> = { art33_danger: '33', art44_legal_case: '44', art15_law_enforcement: '15' };

export const REFUSAL_LABELS: Record<RefusalGround, Record<Language, string>> = {
  art33_danger: { id: 'Membahayakan pekerja atau orang lain (Pasal 33)', en: 'Endangers the worker or others (Art. 33)' },
  art44_legal_case: { id: 'Perkara hukum masih berjalan (Pasal 44)', en: 'A legal case is pending (Art. 44)' },
  art15_law_enforcement: { id: 'Kepentingan penegakan hukum (Pasal 15)', en: 'Law enforcement (Art. 15)' },
};
