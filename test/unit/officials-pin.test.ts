import { describe, expect, it } from 'vitest';
import { hashPin, verifyPin, LOCAL_PIN_PARAMS, DEFAULT_PIN_PARAMS } from '../../lib/officials/pin.js';

const fast = LOCAL_PIN_PARAMS;

describe('official PINs', () => {
  it('are stored as a salted scrypt hash that names its cost and never contains the PIN', async () => {
    const stored = await hashPin('052003', fast);
    expect(stored).toMatch(/^scrypt\$1024\$8\$1\$[A-Za-z0-9_-]{22}\$[A-Za-z0-9_-]{43}$/);
    expect(stored).not.toContain('052003');
  });

  it('get a fresh salt every time, so equal PINs do not give equal hashes', async () => {
    expect(await hashPin('1234', fast)).not.toBe(await hashPin('1234', fast));
  });

  it('verify only the right PIN', async () => {
    const stored = await hashPin('0303', fast);
    expect(await verifyPin('0303', stored)).toBe(true);
    expect(await verifyPin('0304', stored)).toBe(false);
    expect(await verifyPin('03030', stored)).toBe(false);
  });

  it('use the production cost by default', async () => {
    const stored = await hashPin('9876');
    expect(stored.split('$').slice(1, 4).map(Number)).toEqual([DEFAULT_PIN_PARAMS.N, DEFAULT_PIN_PARAMS.r, DEFAULT_PIN_PARAMS.p]);
    expect(await verifyPin('9876', stored)).toBe(true);
  });

  it('refuse to hash anything but 4 to 8 digits', async () => {
    await expect(hashPin('12', fast)).rejects.toThrow();
    await expect(hashPin('abcd', fast)).rejects.toThrow();
    await expect(hashPin('123456789', fast)).rejects.toThrow();
  });

  it('verify nothing against a missing, malformed or tampered hash', async () => {
    const stored = await hashPin('0303', fast);
    const parts = stored.split('$');
    expect(await verifyPin('0303', undefined)).toBe(false);
    expect(await verifyPin('0303', 'plain-0303')).toBe(false);
    expect(await verifyPin('0303', [...parts.slice(0, 1), String(2 ** 30), ...parts.slice(2)].join('$'))).toBe(false);
    expect(await verifyPin('0303', [...parts.slice(0, 5), parts[5]!.slice(0, 10)].join('$'))).toBe(false);
    expect(await verifyPin('0303', [...parts.slice(0, 4), Buffer.alloc(16).toString('base64url'), parts[5]].join('$'))).toBe(false);
  });
});
