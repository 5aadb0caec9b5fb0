import { createCipheriv, createDecipheriv, createHmac, randomBytes } from 'node:crypto';
import type { Cipher, SealedPlace } from '../../ports.js';

/**
 * Envelope encryption of personal fields (contact, NIK, description) with AES-256-GCM.
 * The data key comes from a `DataKeySource`: KMS in AWS (GenerateDataKey / Decrypt with an
 * encryption context, cached), a fixed local key on DynamoDB Local.
 *
 * Sealed format `v2.<key ref>.<iv>.<ciphertext>.<tag>` (base64url), the key ref being the
 * KMS-encrypted data key. v2 binds the ciphertext to its place: the GCM additional data is the
 * item's key and the field name, so a value copied to another item or field fails to decrypt
 * (someone who can write the table cannot make an official's INFO or an SMS show another case's
 * NIK). `v1.` values, written before, carry no additional data and stay readable; every write of an
 * item re-seals all its fields as v2, so they migrate as cases change.
 */
export interface DataKey {
  plaintext: Buffer;
  ref: string;
}

export interface DataKeySource {
  current(): Promise<DataKey>;
  /** `legacy`: a v1 value's key, made before data keys carried an encryption context. */
  resolve(ref: string, options?: { legacy?: boolean }): Promise<Buffer>;
}

/** Additional data for a place: unambiguous (JSON), so no two places share it. */
function additionalData(place: SealedPlace): Buffer {
  return Buffer.from(JSON.stringify([place.pk, place.sk, place.field]), 'utf8');
}

export class FieldCipher implements Cipher {
  constructor(
    private readonly keys: DataKeySource,
    private readonly lookupKey: string | Buffer,
  ) {}

  async encrypt(plain: string, place: SealedPlace): Promise<string> {
    const key = await this.keys.current();
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', key.plaintext, iv);
    cipher.setAAD(additionalData(place));
    const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
    return ['v2', key.ref, iv.toString('base64url'), body.toString('base64url'), cipher.getAuthTag().toString('base64url')].join('.');
  }

  async decrypt(sealed: string, place: SealedPlace): Promise<string> {
    const [version, ref, iv, body, tag] = sealed.split('.');
    if ((version !== 'v1' && version !== 'v2') || !ref || !iv || body === undefined || !tag) throw new Error('Unreadable ciphertext');
    const legacy = version === 'v1';
    const key = await this.keys.resolve(ref, { legacy });
    const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'));
    if (!legacy) decipher.setAAD(additionalData(place));
    decipher.setAuthTag(Buffer.from(tag, 'base64url'));
    return Buffer.concat([decipher.update(Buffer.from(body, 'base64url')), decipher.final()]).toString('utf8');
  }

  lookupHash(value: string): string {
    return createHmac('sha256', this.lookupKey).update(value).digest('base64url');
  }
}

/** Local development key: fixed, so an on-disk local database stays readable across restarts. */
export class StaticDataKeySource implements DataKeySource {
  private readonly key: Buffer;
  constructor(hex: string) {
    this.key = Buffer.from(hex, 'hex');
    if (this.key.length !== 32) throw new Error('Local data key must be 32 bytes');
  }
  async current(): Promise<DataKey> {
    return { plaintext: this.key, ref: 'local' };
  }
  async resolve(ref: string): Promise<Buffer> {
    if (ref !== 'local') throw new Error('Unknown data key');
    return this.key;
  }
}
