import type { Case } from '../domain/case.js';
import type { Language } from '../domain/categories.js';

/** The day in WITA (UTC+8), as NTB reads a date: DD/MM/YYYY. */
function localDay(iso: string): string {
  const d = new Date(Date.parse(iso) + 8 * 3600_000);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${pad(d.getUTCDate())}/${pad(d.getUTCMonth() + 1)}/${d.getUTCFullYear()}`;
}

/**
 * What INFO and the console say in place of an erased case's personal data: that it was destroyed,
 * why, and when. Plain GSM-7, so it fits an official's SMS.
 */
export function erasedNote(erased: NonNullable<Case['erased']>, l: Language): string {
  const day = localDay(erased.at);
  if (erased.reason === 'retention') return l === 'id' ? `dihapus sesuai masa retensi, ${day}` : `destroyed at the end of the retention period, ${day}`;
  return l === 'id' ? `dihapus atas permintaan pemilik data, ${day}` : `erased at the data subject's request, ${day}`;
}
