import * as z from '../zod.js';
import type { Language } from './categories.js';

/** NTB regencies (kabupaten/kota) by their BPS/Kemendagri code, which is also the NIK prefix. */
export const REGENCIES = {
  '5201': 'Lombok Barat',
  '5202': 'Lombok Tengah',
  '5203': 'Lombok Timur',
  '5204': 'Sumbawa',
  '5205': 'Dompu',
  '5206': 'Bima',
  '5207': 'Sumbawa Barat',
  '5208': 'Lombok Utara',
  '5271': 'Kota Mataram',
  '5272': 'Kota Bima',
} as const;

export type NtbRegencyCode = keyof typeof REGENCIES;
export const REGENCY_CODES = Object.keys(REGENCIES) as NtbRegencyCode[];

/** `outside` is a home outside NTB; `unknown` is a reporter who did not say: both go to the province desk. */
export const HomeRegency = z.enum(['5201', '5202', '5203', '5204', '5205', '5206', '5207', '5208', '5271', '5272', 'outside', 'unknown']);
export type HomeRegency = z.infer<typeof HomeRegency>;

export function isNtbRegency(code: string): code is NtbRegencyCode {
  return Object.hasOwn(REGENCIES, code);
}

export function regencyLabel(code: HomeRegency, language: Language): string {
  if (isNtbRegency(code)) return REGENCIES[code];
  if (code === 'outside') return language === 'id' ? 'Luar NTB' : 'Outside NTB';
  return language === 'id' ? 'Tidak diketahui' : 'Unknown';
}

/** ISO 3166 alpha-2, plus XX for "another country" and unknown for "did not say". */
export const COUNTRIES = {
  MY: { id: 'Malaysia', en: 'Malaysia' },
  SA: { id: 'Arab Saudi', en: 'Saudi Arabia' },
  TW: { id: 'Taiwan', en: 'Taiwan' },
  HK: { id: 'Hong Kong', en: 'Hong Kong' },
  SG: { id: 'Singapura', en: 'Singapore' },
  BN: { id: 'Brunei', en: 'Brunei' },
  JP: { id: 'Jepang', en: 'Japan' },
  KR: { id: 'Korea Selatan', en: 'South Korea' },
  AE: { id: 'Uni Emirat Arab', en: 'United Arab Emirates' },
  ID: { id: 'Indonesia', en: 'Indonesia' },
  XX: { id: 'Negara lain', en: 'Other country' },
  unknown: { id: 'Tidak diketahui', en: 'Unknown' },
} as const satisfies Record<string, Record<Language, string>>;

export type CountryCode = keyof typeof COUNTRIES;
export const CountryCode = z.enum(Object.keys(COUNTRIES) as [CountryCode, ...CountryCode[]]);

export function countryLabel(code: CountryCode, language: Language): string {
  return COUNTRIES[code][language];
}

/** Calling codes of the host countries NTB workers use (DOMAIN.md), to guess where an SMS comes from. */
const COUNTRY_BY_CALLING_CODE: ReadonlyArray<[string, CountryCode]> = [
  ['+60', 'MY'],
  ['+966', 'SA'],
  ['+886', 'TW'],
  ['+852', 'HK'],
  ['+65', 'SG'],
  ['+673', 'BN'],
  ['+81', 'JP'],
  ['+82', 'KR'],
  ['+971', 'AE'],
  ['+62', 'ID'],
];

/**
 * The country of a number by its calling code. A WhatsApp sender known only by a business-scoped
 * user id (`MY.1502...`) carries the ISO country of their number in front: it counts the same way.
 */
export function countryOfPhone(e164: string): CountryCode {
  const scoped = /^([A-Z]{2})\./.exec(e164);
  if (scoped) return Object.hasOwn(COUNTRIES, scoped[1]!) && scoped[1] !== 'XX' ? scoped[1] as CountryCode : 'unknown';
  for (const [prefix, country] of COUNTRY_BY_CALLING_CODE) {
    if (e164.startsWith(prefix)) return country;
  }
  return 'unknown';
}
