import { createCipheriv, createDecipheriv, createHmac, randomBytes } from 'node:crypto';
import type { Cipher, SealedPlace } from '../../cipher.js';
import type { TransactWriteItem } from '@aws-sdk/client-dynamodb';
import type { DataKeySource } from './data-keys.js';
import type { SubjectKeys } from './subject-keys.js';

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
 * item re-seals all its fields, so they migrate as cases change.
 *
 * Sealed format `v3.<subject>.<key id>.<iv>.<ciphertext>.<tag>`: a value that belongs to a case is
 * sealed under that case's own subject key (subject-keys.ts), with the same additional data as v2.
 * Destroying the subject key (erasure, retention) makes every copy unreadable (crypto-shredding);
 * decrypting then throws ErasedDataError. Values of no case (an official's reason in the access
 * log, a USSD draft that expires in 30 minutes) stay v2. v1 and v2 values still decrypt: a case
 * written before per-case keys is re-sealed as v3 at its next write.
 */
/** The subject whose key seals a place: its own, or the case its item belongs to (`CASE#<id>` items). */
export function subjectOf(place: SealedPlace): string | undefined {
  if (place.subject) return place.subject;
  return place.pk.startsWith('CASE#') ? caseSubject(place.pk.slice('CASE#'.length)) : undefined;
}

export const caseSubject = (caseId: string): string => `case:${caseId}`;

/** Additional data for a place: unambiguous (JSON), so no two places share it. */
function additionalData(place: SealedPlace): Buffer {
  return Buffer.from(JSON.stringify([place.pk, place.sk, place.field]), 'utf8');
}

/**
 * A new subject's values sealed under a key that is stored with them, in the same transaction
 * (FieldCipher.stageSubject): `cipher` seals that subject's places under the new key (other places as
 * the cipher does), `keyWrite` is the key table's item for the writer's transaction, `committed()`
 * is called once it succeeded. A cancelled or failed write leaves no key anywhere.
 */
export interface StagedSubject {
  readonly cipher: Cipher;
  readonly keyWrite: TransactWriteItem;
  committed(): void;
}

/** A cipher that can make a new subject's key inside the writer's own transaction. */
export interface SubjectStaging {
  /** Undefined without per-case keys: the values are then sealed v2 and no key is written. */
  stageSubject(subject: string): Promise<StagedSubject | undefined>;
}

/** v3: sealed under one subject's key, bound to its place. */
function sealV3(plain: string, place: SealedPlace, subject: string, key: { keyId: string; key: Buffer }): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key.key, iv);
  cipher.setAAD(additionalData(place));
  const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
  return ['v3', Buffer.from(subject, 'utf8').toString('base64url'), key.keyId, iv.toString('base64url'), body.toString('base64url'), cipher.getAuthTag().toString('base64url')].join('.');
}

export class FieldCipher implements Cipher, SubjectStaging {
  constructor(
    private readonly keys: DataKeySource,
    private readonly lookupKey: string | Buffer,
    /** Per-case keys; without them (unit tests of the v2 format) every value is sealed v2. */
    readonly subjects?: SubjectKeys,
  ) {}

  async encrypt(plain: string, place: SealedPlace): Promise<string> {
    const subject = this.subjects ? subjectOf(place) : undefined;
    if (subject && this.subjects) return sealV3(plain, place, subject, await this.subjects.forWriting(subject));
    const key = await this.keys.current();
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', key.plaintext, iv);
    cipher.setAAD(additionalData(place));
    const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
    return ['v2', key.ref, iv.toString('base64url'), body.toString('base64url'), cipher.getAuthTag().toString('base64url')].join('.');
  }

  async decrypt(sealed: string, place: SealedPlace): Promise<string> {
    if (sealed.startsWith('v3.')) return this.decryptV3(sealed, place);
    const [version, ref, iv, body, tag] = sealed.split('.');
    if ((version !== 'v1' && version !== 'v2') || !ref || !iv || body === undefined || !tag) throw new Error('Unreadable ciphertext');
    const legacy = version === 'v1';
    const key = await this.keys.resolve(ref, { legacy });
    const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'));
    if (!legacy) decipher.setAAD(additionalData(place));
    decipher.setAuthTag(Buffer.from(tag, 'base64url'));
    return Buffer.concat([decipher.update(Buffer.from(body, 'base64url')), decipher.final()]).toString('utf8');
  }

  private async decryptV3(sealed: string, place: SealedPlace): Promise<string> {
    const [, subject, keyId, iv, body, tag] = sealed.split('.');
    if (!subject || !keyId || !iv || body === undefined || !tag) throw new Error('Unreadable ciphertext');
    if (!this.subjects) throw new Error('Per-case keys are not configured');
    const key = await this.subjects.forReading(Buffer.from(subject, 'base64url').toString('utf8'), keyId);
    const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'));
    decipher.setAAD(additionalData(place));
    decipher.setAuthTag(Buffer.from(tag, 'base64url'));
    return Buffer.concat([decipher.update(Buffer.from(body, 'base64url')), decipher.final()]).toString('utf8');
  }

  /**
   * A new case's key made for its first transaction (no request of its own: the key table's put
   * goes into that transaction), so a new report costs no separate key write.
   */
  async stageSubject(subject: string): Promise<StagedSubject | undefined> {
    if (!this.subjects) return undefined;
    const staged = await this.subjects.stage(subject);
    const sealing: Cipher = {
      encrypt: async (plain, place) => (subjectOf(place) === subject ? sealV3(plain, place, subject, staged) : this.encrypt(plain, place)),
      // Reads go through the stored keys: a value sealed under a key not yet stored does not open.
      decrypt: (sealed, place) => this.decrypt(sealed, place),
      lookupHash: (value) => this.lookupHash(value),
      shred: (s, at) => this.shred(s, at),
    };
    return { cipher: sealing, keyWrite: staged.write, committed: () => staged.committed() };
  }

  /** Crypto-shreds a subject: every value sealed under its key, in any copy, stops decrypting. */
  async shred(subject: string, at: Date): Promise<void> {
    if (!this.subjects) throw new Error('Per-case keys are not configured');
    await this.subjects.destroy(subject, at);
  }

  lookupHash(value: string): string {
    return createHmac('sha256', this.lookupKey).update(value).digest('base64url');
  }
}
