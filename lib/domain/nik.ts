import { isNtbRegency, type NtbRegencyCode } from './regions.js';

export type NikProblem = 'format' | 'region' | 'birth_date';

export type NikCheck =
  | { ok: true; nik: string; regency?: NtbRegencyCode; province: string }
  | { ok: false; problem: NikProblem };

/** Province codes in use (BPS): a NIK whose first two digits are not one of them was mistyped. */
const PROVINCE_CODES = new Set([
  '11', '12', '13', '14', '15', '16', '17', '18', '19', '21',
  '31', '32', '33', '34', '35', '36',
  '51', '52', '53',
  '61', '62', '63', '64', '65',
  '71', '72', '73', '74', '75', '76',
  '81', '82', '91', '92', '93', '94', '95', '96',
]);

/**
 * Checks a NIK's shape: 16 digits `PP KK CC DDMMYY NNNN`, a real province, a regency part that is not
 * 00, a birth date that exists (women's day is +40) and a serial from 0001. It cannot prove the NIK
 * belongs to anyone: that would need Dukcapil, which the hotline does not call.
 */
export function checkNik(raw: string): NikCheck {
  const nik = raw.replace(/[\s.\-]/g, '');
  if (!/^\d{16}$/.test(nik)) return { ok: false, problem: 'format' };
  const province = nik.slice(0, 2);
  const regency = nik.slice(0, 4);
  if (!PROVINCE_CODES.has(province) || nik.slice(2, 4) === '00' || nik.slice(4, 6) === '00') {
    return { ok: false, problem: 'region' };
  }
  let day = Number(nik.slice(6, 8));
  const month = Number(nik.slice(8, 10));
  const year = Number(nik.slice(10, 12));
  if (day > 40) day -= 40;
  // Two-digit years: any year is a possible birth year for someone, so the century only matters for 29 Feb.
  const fullYear = 2000 + year;
  const date = new Date(Date.UTC(fullYear, month - 1, day));
  const validDate =
    day >= 1 && month >= 1 && month <= 12 &&
    date.getUTCFullYear() === fullYear && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
  if (!validDate) return { ok: false, problem: 'birth_date' };
  if (nik.slice(12) === '0000') return { ok: false, problem: 'format' };
  return { ok: true, nik, province, ...(isNtbRegency(regency) ? { regency } : {}) };
}

/** `5203********0001`: enough for an official to match papers, useless to a stranger. */
export function maskNik(nik: string): string {
  return `${nik.slice(0, 4)}${'*'.repeat(8)}${nik.slice(12)}`;
}
