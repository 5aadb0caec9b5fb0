import type { CaseStatus } from '../domain/case.js';
import type { Language } from '../domain/categories.js';

/**
 * SMS texts to reporters. They must stay neutral: a worker's phone may be read by the employer or
 * the broker, so no category, no name, no detail; only the reference and what to do next.
 * Every text fits one GSM-7 SMS (160) with the longest values (test/unit/messages.test.ts).
 */
export const STATUS_LABELS: Record<CaseStatus, Record<Language, string>> = {
  new: { id: 'Diterima, menunggu petugas', en: 'Received, awaiting an officer' },
  acknowledged: { id: 'Sedang ditangani petugas', en: 'Being handled by an officer' },
  resolved: { id: 'Selesai ditangani', en: 'Resolved' },
  closed: { id: 'Ditutup', en: 'Closed' },
};

type Vars = { reference: string; hotline: string };

export const reporterTexts = {
  received: (l: Language, v: Vars) =>
    l === 'id'
      ? `Laporan ${v.reference} diterima. Petugas akan menindaklanjuti. Cek status: kirim STATUS ${v.reference}. Darurat: ${v.hotline}`
      : `Report ${v.reference} received. An officer will follow up. For status send STATUS ${v.reference}. Emergency: ${v.hotline}`,
  help: (l: Language) =>
    l === 'id'
      ? 'Hotline PMI NTB. Lapor: kirim LAPOR <masalah>. Cek: STATUS <kode>. Info: INFO. English: BAHASA EN'
      : 'PMI NTB hotline. Report: send REPORT <problem>. Check: STATUS <code>. Info: INFO. Bahasa: LANG ID',
  status: (l: Language, v: { reference: string; status: CaseStatus; updated: string }) =>
    l === 'id'
      ? `Laporan ${v.reference}: ${STATUS_LABELS[v.status].id}. Pembaruan terakhir ${v.updated}.`
      : `Report ${v.reference}: ${STATUS_LABELS[v.status].en}. Last update ${v.updated}.`,
  unknownReference: (l: Language) =>
    l === 'id'
      ? 'Kode laporan tidak ditemukan. Periksa kode lalu kirim STATUS <kode>, atau kirim LAPOR <masalah>.'
      : 'Report code not found. Check the code and send STATUS <code>, or send REPORT <problem>.',
  rateLimited: (l: Language, v: { hotline: string }) =>
    l === 'id'
      ? `Terlalu banyak pesan. Coba lagi dalam 1 jam. Darurat: ${v.hotline}`
      : `Too many messages. Please try again in 1 hour. Emergency: ${v.hotline}`,
};

/** NTB is on WITA (UTC+8): officials and families read times in it. */
export function formatLocalTime(iso: string): string {
  const d = new Date(Date.parse(iso) + 8 * 3600_000);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${pad(d.getUTCDate())}/${pad(d.getUTCMonth() + 1)} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())} WITA`;
}
