import { randomBytes, scrypt as scryptCb, timingSafeEqual, type ScryptOptions } from 'node:crypto';

/**
 * Official PINs are short (4-8 digits), so only a slow salted hash keeps a leaked directory from
 * giving them away within minutes. Stored as `scrypt$N$r$p$<salt b64url>$<hash b64url>`, so the cost
 * can be raised later without breaking existing hashes.
 */
export interface PinHashParams {
  N: number;
  r: number;
  p: number;
}

/** Production cost: about 50-100 ms per check, paid once per command SMS. */
export const DEFAULT_PIN_PARAMS: PinHashParams = { N: 2 ** 15, r: 8, p: 1 };
/** Demo directory and tests: still a real salted scrypt, cheap enough to seed on every start. */
export const LOCAL_PIN_PARAMS: PinHashParams = { N: 2 ** 10, r: 8, p: 1 };

const KEY_LENGTH = 32;
// A tampered directory item must not make one verification eat the whole Lambda's memory or time.
const MAX_N = 2 ** 20;

/**
 * What a PIN is checked against when there is no real hash (unknown number, no PIN set): a hash in
 * the stored format at the production cost, so that path takes as long as a registered official's
 * wrong PIN. Its salt and hash are zeros: no PIN matches it (a 256-bit hash of zero), and it costs no
 * hashing at start-up.
 */
export const DECOY_PIN_HASH = ['scrypt', DEFAULT_PIN_PARAMS.N, DEFAULT_PIN_PARAMS.r, DEFAULT_PIN_PARAMS.p, Buffer.alloc(16).toString('base64url'), Buffer.alloc(32).toString('base64url')].join('$');

export const PIN_PATTERN = /^\d{4,8}$/;

export function isValidPin(pin: string): boolean {
  return PIN_PATTERN.test(pin);
}

function scrypt(pin: string, salt: Buffer, params: PinHashParams): Promise<Buffer> {
  const options: ScryptOptions = { N: params.N, r: params.r, p: params.p, maxmem: 256 * params.N * params.r + 1024 * 1024 };
  return new Promise((resolve, reject) => {
    scryptCb(pin.normalize('NFKC'), salt, KEY_LENGTH, options, (error, key) => (error ? reject(error) : resolve(key)));
  });
}

export async function hashPin(pin: string, params: PinHashParams = DEFAULT_PIN_PARAMS): Promise<string> {
  if (!isValidPin(pin)) throw new Error('A PIN is 4 to 8 digits');
  const salt = randomBytes(16);
  const hash = await scrypt(pin, salt, params);
  return ['scrypt', params.N, params.r, params.p, salt.toString('base64url'), hash.toString('base64url')].join('$');
}

/** Constant-time comparison; a malformed stored hash verifies nothing rather than throwing. */
export async function verifyPin(pin: string, stored: string | undefined): Promise<boolean> {
  if (!stored || !isValidPin(pin)) return false;
  const parts = stored.split('$');
  if (parts.length !== 6 || parts[0] !== 'scrypt') return false;
  const [N, r, p] = parts.slice(1, 4).map(Number) as [number, number, number];
  const valid = (n: number) => Number.isInteger(n) && n >= 1;
  if (!valid(N) || !valid(r) || !valid(p) || N > MAX_N || (N & (N - 1)) !== 0 || r > 32 || p > 16) return false;
  const salt = Buffer.from(parts[4]!, 'base64url');
  const expected = Buffer.from(parts[5]!, 'base64url');
  if (salt.length < 8 || expected.length !== KEY_LENGTH) return false;
  const actual = await scrypt(pin, salt, { N, r, p });
  return timingSafeEqual(actual, expected);
}
