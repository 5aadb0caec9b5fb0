import { DecryptCommand, GenerateDataKeyCommand, type KMSClient } from '@aws-sdk/client-kms';
import type { DataKey, DataKeySource } from './data-keys.js';

/**
 * The encryption context of every data key: KMS binds the data key to it (Decrypt fails without
 * it) and logs it in CloudTrail with each call, so key use for personal fields is visible as such.
 * A data key serves many items (it is cached), so the per-item binding is the AES-GCM additional
 * data in field-cipher.ts; this one says what the key is for.
 */
export const FIELD_KEY_CONTEXT: Readonly<Record<string, string>> = { app: 'pmi-hotline', purpose: 'personal-field' };

/**
 * KMS-backed data keys. One data key is reused for a bounded time (like the AWS Encryption SDK's
 * caching materials manager), so intake costs no KMS call per item; decrypted keys are cached by ref.
 */
export class KmsDataKeySource implements DataKeySource {
  private currentKey?: { key: DataKey; expires: number };
  private readonly opened = new Map<string, Buffer>();

  constructor(
    private readonly kms: KMSClient,
    private readonly keyId: string,
    private readonly reuseMs = 15 * 60_000,
  ) {}

  async current(): Promise<DataKey> {
    if (this.currentKey && this.currentKey.expires > Date.now()) return this.currentKey.key;
    const out = await this.kms.send(new GenerateDataKeyCommand({ KeyId: this.keyId, KeySpec: 'AES_256', EncryptionContext: { ...FIELD_KEY_CONTEXT } }));
    if (!out.Plaintext || !out.CiphertextBlob) throw new Error('KMS returned no data key');
    const key = { plaintext: Buffer.from(out.Plaintext), ref: Buffer.from(out.CiphertextBlob).toString('base64url') };
    this.currentKey = { key, expires: Date.now() + this.reuseMs };
    this.opened.set(key.ref, key.plaintext);
    return key;
  }

  async resolve(ref: string, { legacy = false } = {}): Promise<Buffer> {
    const cached = this.opened.get(ref);
    if (cached) return cached;
    // v1 data keys were generated without a context, and KMS opens them only without one.
    const out = await this.kms.send(new DecryptCommand({
      CiphertextBlob: Buffer.from(ref, 'base64url'), KeyId: this.keyId, ...(legacy ? {} : { EncryptionContext: { ...FIELD_KEY_CONTEXT } }),
    }));
    if (!out.Plaintext) throw new Error('KMS could not open data key');
    const key = Buffer.from(out.Plaintext);
    if (this.opened.size > 100) this.opened.clear();
    this.opened.set(ref, key);
    return key;
  }
}
