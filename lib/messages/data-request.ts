import type { DataRequestOutcome, DataRequestType, RefusalGround } from '../domain/case.js';
import type { Language } from '../domain/categories.js';
import { CONTROLLER } from './consent.js';
import { formatLocalTime } from './reporter.js';

/**
 * What a data request (HAPUS, DATA) says, to the reporter and to officials. The reporter's texts are
 * neutral: a phone held by an employer or a broker must not learn from them that a complaint exists
 * or what was asked ("Permintaan ABC-234 diterima"), and they never carry data (a copy is handed
 * over in person, never by SMS). Officials' texts carry the reference, the kind and the deadline only.
 * Every text is GSM-7 and one SMS (test/unit/data-request-plans.test.ts).
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
  /** The desk's alert (and BP3MI's after it): reference, kind, legal deadline. Never the number. */
  alert: (reference: string, type: DataRequestType, deadline: Date): string =>
    `PERMINTAAN DATA ${reference}: ${type === 'erasure' ? 'hapus data' : 'salinan data'}. Batas ${formatLocalTime(deadline.toISOString())}. Putuskan di konsol, tab Permintaan data.`,
};

export const ARTICLE: Record<RefusalGround, string> = { art33_danger: '33', art44_legal_case: '44', art15_law_enforcement: '15' };

export const REFUSAL_LABELS: Record<RefusalGround, Record<Language, string>> = {
  art33_danger: { id: 'Membahayakan pekerja atau orang lain (Pasal 33)', en: 'Endangers the worker or others (Art. 33)' },
  art44_legal_case: { id: 'Perkara hukum masih berjalan (Pasal 44)', en: 'A legal case is pending (Art. 44)' },
  art15_law_enforcement: { id: 'Kepentingan penegakan hukum (Pasal 15)', en: 'Law enforcement (Art. 15)' },
};
