import { describe, expect, it } from 'vitest';
import { FieldCipher, StaticDataKeySource } from '../../lib/adapters/crypto/field-cipher.js';

const cipher = new FieldCipher(new StaticDataKeySource('22'.repeat(32)), 'unit-test-lookup-key');

describe('field encryption', () => {
  it('round-trips text and never shows the clear value', async () => {
    const sealed = await cipher.encrypt('5203014507900001');
    expect(sealed.startsWith('v1.local.')).toBe(true);
    expect(sealed).not.toContain('5203014507900001');
    expect(await cipher.decrypt(sealed)).toBe('5203014507900001');
  });

  it('uses a fresh IV, so equal values do not look equal', async () => {
    expect(await cipher.encrypt('+6281234567890')).not.toBe(await cipher.encrypt('+6281234567890'));
  });

  it('detects tampering', async () => {
    const sealed = await cipher.encrypt('gaji tidak dibayar');
    const parts = sealed.split('.');
    parts[3] = Buffer.from('x'.repeat(18)).toString('base64url');
    await expect(cipher.decrypt(parts.join('.'))).rejects.toThrow();
  });

  it('hashes lookups deterministically with its key', () => {
    const other = new FieldCipher(new StaticDataKeySource('22'.repeat(32)), 'another-lookup-key');
    expect(cipher.lookupHash('+6281234567890')).toBe(cipher.lookupHash('+6281234567890'));
    expect(cipher.lookupHash('+6281234567890')).not.toBe(other.lookupHash('+6281234567890'));
  });
});
