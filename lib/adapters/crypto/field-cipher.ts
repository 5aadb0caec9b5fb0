import { createCipheriv, createDecipheriv, createHmac, randomBytes } from 'node:crypto';
import type { Cipher } from '../../ports.js';

/**
 * Envelope encryption of personal fields (contact, NIK, description) with AES-256-GCM.
 * The data key comes from a `DataKeySource`: KMS in AWS (GenerateDataKey / Decrypt, cached), a fixed
 * local key on DynamoDB Local. Sealed format: `v1.<key ref>.<iv>.<ciphertext>.<tag>` (base64url),
 * where the key ref is the KMS-encrypted data key, so any holder of kms:Decrypt can open it later.
 */
export interface DataKey {
  plaintext: Buffer;
  ref: string;
}

export interface DataKeySource {
  current(): Promise<DataKey>;
  resolve(ref: string): Promise<Buffer>;
}

export class FieldCipher implements Cipher {
  constructor(
    private readonly keys: DataKeySource,
    private readonly lookupKey: string | Buffer,
  ) {}

  async encrypt(plain: string): Promise<string> {
    const key = await this.keys.current();
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', key.plaintext, iv);
    const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
    return ['v1', key.ref, iv.toString('base64url'), body.toString('base64url'), cipher.getAuthTag().toString('base64url')].join('.');
  }

  async decrypt(sealed: string): Promise<string> {
    const [version, ref, iv, body, tag] = sealed.split('.');
    if (version !== 'v1' || !ref || !iv || body === undefined || !tag) throw new Error('Unreadable ciphertext');
    const key = await this.keys.resolve(ref);
    const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'));
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
