import { parsePhoneNumberFromString } from 'libphonenumber-js/min';
import * as z from '../zod.js';

/**
 * Normalises any phone number a reporter or gateway gives to E.164.
 * Numbers without a country code are read as Indonesian (08..., 8...), since the hotline is Indonesian;
 * `628...` without the plus is common in Indonesian writing and gateways.
 * Returns undefined when the number is not a valid phone number anywhere.
 */
export function normalisePhone(raw: string): string | undefined {
  const compact = raw.replace(/[\s().\-\u00a0]/g, '');
  if (!/^\+?\d{6,16}$/.test(compact)) return undefined;
  const withPlus = compact.startsWith('+')
    ? compact
    : compact.startsWith('00')
      ? `+${compact.slice(2)}`
      : compact.startsWith('62') && compact.length >= 11
        ? `+${compact}`
        : undefined;
  const parsed = withPlus
    ? parsePhoneNumberFromString(withPlus)
    : parsePhoneNumberFromString(compact, 'ID');
  if (!parsed || !parsed.isValid()) return undefined;
  return parsed.number;
}

/** For screens an official may see: +6281234567890 -> +62812****890. */
export function maskPhone(e164: string): string {
  if (e164.length <= 7) return '****';
  return `${e164.slice(0, 5)}${'*'.repeat(e164.length - 8)}${e164.slice(-3)}`;
}

/** A phone number field at any boundary (gateway callbacks, web form, officials CLI), parsed to E.164. */
export const PhoneNumber = z.pipe(z.string(), z.transform((raw: string, ctx) => {
  const phone = normalisePhone(raw);
  if (!phone) {
    // zod/mini's transform context has no addIssue: the issue goes on the payload directly.
    ctx.issues.push({ code: 'custom', message: 'Not a valid phone number', input: raw });
    return z.NEVER;
  }
  return phone;
}));
