import { type MetadataJson, parsePhoneNumberFromString } from 'libphonenumber-js/core';
import * as z from '../zod.js';
import { PHONE_METADATA } from './phone-metadata.js';

/**
 * Normalises any phone number a reporter or gateway gives to E.164.
 * Numbers without a country code are read as Indonesian (08..., 8...), since the hotline is Indonesian;
 * `628...` without the plus is common in Indonesian writing and gateways.
 * Returns undefined when the number is not a valid phone number anywhere.
 */
export function normalisePhone(raw: string): string | undefined {
  return normalisePhoneWith(PHONE_METADATA, raw);
}

const E164_REACHABLE = /^\+[1-9]\d{6,14}$/;

/** normalisePhone with the given metadata (the tests compare the shipped metadata with the package's own). */
export function normalisePhoneWith(metadata: MetadataJson, raw: string): string | undefined {
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
    ? parsePhoneNumberFromString(withPlus, metadata)
    : parsePhoneNumberFromString(compact, 'ID', metadata);
  if (!parsed || !parsed.isValid()) return undefined;
  // Some numbering plans have valid national numbers of four or five digits (+49 1000): E.164
  // numbers an SMS can reach have at least seven digits, and every store and screen expects that.
  return E164_REACHABLE.test(parsed.number) ? parsed.number : undefined;
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
