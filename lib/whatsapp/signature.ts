import { createHash, createHmac, timingSafeEqual } from 'node:crypto';

const SIGNATURE = /^sha256=([0-9a-f]{64})$/i;

export type SignatureCheck = 'valid' | 'missing' | 'invalid';

/**
 * Meta signs every webhook POST: `X-Hub-Signature-256: sha256=<hex HMAC-SHA256 of the raw body with
 * the app secret>`. The HMAC is over the bytes as sent (a parsed and re-serialised body would not
 * match), and the digests are compared in constant time. An empty secret verifies nothing.
 */
export function checkSignature(rawBody: Buffer, header: string | undefined, appSecret: string): SignatureCheck {
  if (!header) return 'missing';
  const given = SIGNATURE.exec(header.trim());
  if (!given || appSecret === '') return 'invalid';
  const expected = createHmac('sha256', appSecret).update(rawBody).digest();
  return timingSafeEqual(expected, Buffer.from(given[1]!, 'hex')) ? 'valid' : 'invalid';
}

/** The header value for a body: what Meta sends, and what the simulator and tests send. */
export function signBody(rawBody: Buffer | string, appSecret: string): string {
  return `sha256=${createHmac('sha256', appSecret).update(rawBody).digest('hex')}`;
}

/** GET verification: the token, compared in constant time; an unset token verifies nothing. */
export function verifyTokenMatches(given: string | undefined, expected: string): boolean {
  if (!given || expected === '') return false;
  // Digests of equal length: the comparison reveals neither the token nor its length.
  const digest = (value: string) => createHash('sha256').update(value).digest();
  return timingSafeEqual(digest(given), digest(expected));
}
