import { randomBytes, randomInt } from 'node:crypto';

/** No 0/O, 1/I/L: a reference is read aloud, typed on keypads and copied from SMS. */
export const REFERENCE_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';

export function newReference(): string {
  let chars = '';
  for (let i = 0; i < 6; i++) chars += REFERENCE_ALPHABET[randomInt(REFERENCE_ALPHABET.length)];
  return `${chars.slice(0, 3)}-${chars.slice(3)}`;
}

/**
 * Accepts `abc123`, `ABC 123`, `abc-123`; returns the canonical `ABC-123`, or undefined when the
 * text cannot be a reference (wrong length, or a character outside the alphabet such as 0, O, 1, I).
 */
export function normaliseReference(raw: string): string | undefined {
  const compact = raw.toUpperCase().replace(/[\s\-_.#]/g, '');
  if (compact.length !== 6) return undefined;
  for (const ch of compact) if (!REFERENCE_ALPHABET.includes(ch)) return undefined;
  return `${compact.slice(0, 3)}-${compact.slice(3)}`;
}

/** 128 random bits, URL-safe: the internal id that keys the case; never shown to reporters. */
export function newCaseId(): string {
  return randomBytes(16).toString('base64url');
}
