import { describe, expect, it } from 'vitest';
import { createCipheriv, randomBytes } from 'node:crypto';
import { FieldCipher } from '../../lib/adapters/crypto/field-cipher.js';
import { StaticDataKeySource } from '../../lib/adapters/crypto/data-keys.js';

const cipher = new FieldCipher(new StaticDataKeySource('22'.repeat(32)), 'unit-test-lookup-key');
const place = { pk: 'CASE#x', sk: 'CASE', field: 'nik' };

describe('field encryption', () => {
  it('round-trips text and never shows the clear value', async () => {
    const sealed = await cipher.encrypt('5203014507900001', place);
    expect(sealed.startsWith('v2.local.')).toBe(true);
    expect(sealed).not.toContain('5203014507900001');
    expect(await cipher.decrypt(sealed, place)).toBe('5203014507900001');
  });

  it('uses a fresh IV, so equal values do not look equal', async () => {
    expect(await cipher.encrypt('+6281234567890', place)).not.toBe(await cipher.encrypt('+6281234567890', place));
  });

  it('detects tampering', async () => {
    const sealed = await cipher.encrypt('gaji tidak dibayar', place);
    const parts = sealed.split('.');
    parts[3] = Buffer.from('x'.repeat(18)).toString('base64url');
    await expect(cipher.decrypt(parts.join('.'), place)).rejects.toThrow();
  });

  it('hashes lookups deterministically with its key', () => {
    const other = new FieldCipher(new StaticDataKeySource('22'.repeat(32)), 'another-lookup-key');
    expect(cipher.lookupHash('+6281234567890')).toBe(cipher.lookupHash('+6281234567890'));
    expect(cipher.lookupHash('+6281234567890')).not.toBe(other.lookupHash('+6281234567890'));
  });
});

describe('ciphertexts bound to their place (issue 12, finding 13)', () => {
  const contactOfA = { pk: 'CASE#a', sk: 'CASE', field: 'contact' };

  it('seals new values as v2, readable only at the item and field they were written for', async () => {
    const sealed = await cipher.encrypt('+6281234567890', contactOfA);
    expect(sealed.startsWith('v2.local.')).toBe(true);
    expect(await cipher.decrypt(sealed, contactOfA)).toBe('+6281234567890');
    await expect(cipher.decrypt(sealed, { ...contactOfA, pk: 'CASE#b' })).rejects.toThrow();
    await expect(cipher.decrypt(sealed, { ...contactOfA, field: 'nik' })).rejects.toThrow();
    await expect(cipher.decrypt(sealed, { ...contactOfA, sk: 'MSG' })).rejects.toThrow();
  });

  it('keeps v1 values written before the binding readable wherever they are', async () => {
    // A v1 value exactly as the earlier code wrote it: AES-256-GCM without additional data.
    const key = Buffer.from('22'.repeat(32), 'hex');
    const iv = randomBytes(12);
    const gcm = createCipheriv('aes-256-gcm', key, iv);
    const body = Buffer.concat([gcm.update('5203014507900001', 'utf8'), gcm.final()]);
    const v1 = ['v1', 'local', iv.toString('base64url'), body.toString('base64url'), gcm.getAuthTag().toString('base64url')].join('.');

    expect(await cipher.decrypt(v1, { pk: 'CASE#old', sk: 'CASE', field: 'nik' })).toBe('5203014507900001');
  });
});
