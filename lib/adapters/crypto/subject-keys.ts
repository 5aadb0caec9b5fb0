import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import {
  ConditionalCheckFailedException, type DynamoDBClient, GetItemCommand, PutItemCommand, type TransactWriteItem,
} from '@aws-sdk/client-dynamodb';
import { marshall, unmarshall } from '@aws-sdk/util-dynamodb';
import type { DataKeySource } from './data-keys.js';

/**
 * Crypto-shredding: every case's personal fields are sealed under a key of their own (the case's
 * *subject key*), kept in a separate table. Destroying that one key item makes every copy of the
 * case's ciphertext unreadable: the live table, its point-in-time recovery (35 days), the stream's
 * 24 hours of images, an export.
 *
 * The key table has no point-in-time recovery, no stream and no backup (infra/constructs/data.ts,
 * checked by test/infra): a destroyed key leaves no copy in AWS from which it could come back. Each
 * subject key is itself sealed under the table's data key (KMS in AWS), so reading the key table
 * does not give the keys either.
 *
 * A subject is `case:<id>`: per case rather than per phone number, so that both forgetting paths
 * can shred: retention destroys one closed case's key, an erasure request destroys the keys of every
 * case of the number (found through the contact index).
 *
 * The longest any copy of shredded data stays readable is SUBJECT_KEY_CACHE_MS: a warm function
 * that opened the key before it was destroyed keeps it that long in memory, then must read the
 * key table again and finds it gone.
 */
export const SUBJECT_KEY_CACHE_MS = 5 * 60_000;
const CACHE_LIMIT = 2000;

/** Thrown when a value's subject key was destroyed (erasure, retention): the value is gone for good. */
export class ErasedDataError extends Error {
  override readonly name = 'ErasedDataError';
  constructor(readonly subject: string) {
    super('Personal data erased: its key was destroyed');
  }
}

/** The key table's name: the main table's with `-keys` (CDK names it so; local creates both). */
export const keysTableNameFor = (tableName: string): string => `${tableName}-keys`;

export const KEYS_TABLE = { partitionKey: 'pk' } as const;

/** A stored subject key: sealed key material, or the tombstone a destruction leaves. */
export type StoredSubjectKey =
  | { keyId: string; wrapped: string; createdAt: string }
  | { destroyedAt: string; keyId?: string };

export type NewStoredKey = { keyId: string; wrapped: string; createdAt: string };

export interface SubjectKeyStore {
  read(subject: string): Promise<StoredSubjectKey | undefined>;
  /** False when a key already exists (another writer created it first). */
  create(subject: string, key: NewStoredKey): Promise<boolean>;
  /**
   * The same conditional put as `create`, as one item of the caller's transaction: the key is stored
   * only if the values sealed under it are (a new case's transaction, cases.ts createCase).
   */
  createWrite(subject: string, key: NewStoredKey): TransactWriteItem;
  /** Overwrites the key with a tombstone: nothing of the key remains. */
  destroy(subject: string, at: string): Promise<void>;
}

/** The key table on DynamoDB: one item per subject, `KEY#<subject>`. */
export class DynamoSubjectKeyStore implements SubjectKeyStore {
  constructor(private readonly db: DynamoDBClient, readonly tableName: string) {}

  async read(subject: string): Promise<StoredSubjectKey | undefined> {
    const out = await this.db.send(new GetItemCommand({ TableName: this.tableName, Key: marshall({ pk: `KEY#${subject}` }), ConsistentRead: true }));
    if (!out.Item) return undefined;
    const item = unmarshall(out.Item);
    if (item.destroyedAt) return { destroyedAt: String(item.destroyedAt) };
    return { keyId: String(item.keyId), wrapped: String(item.wrapped), createdAt: String(item.createdAt) };
  }

  async create(subject: string, key: NewStoredKey): Promise<boolean> {
    try {
      await this.db.send(new PutItemCommand(this.createWrite(subject, key).Put!));
      return true;
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return false;
      throw error;
    }
  }

  createWrite(subject: string, key: NewStoredKey): TransactWriteItem {
    return {
      Put: {
        TableName: this.tableName, Item: marshall({ pk: `KEY#${subject}`, ...key }),
        // A destroyed subject may get a new key (a message after an erasure): the old values stay unreadable.
        ConditionExpression: 'attribute_not_exists(pk) OR attribute_exists(destroyedAt)',
      },
    };
  }

  async destroy(subject: string, at: string): Promise<void> {
    await this.db.send(new PutItemCommand({ TableName: this.tableName, Item: marshall({ pk: `KEY#${subject}`, destroyedAt: at }) }));
  }
}

function seal(key: Buffer, plain: Buffer, aad: string): string {
  const iv = randomBytes(12);
  const gcm = createCipheriv('aes-256-gcm', key, iv);
  gcm.setAAD(Buffer.from(aad, 'utf8'));
  const body = Buffer.concat([gcm.update(plain), gcm.final()]);
  return [iv, body, gcm.getAuthTag()].map((b) => b.toString('base64url')).join('.');
}

function open(key: Buffer, sealed: string, aad: string): Buffer {
  const [iv, body, tag] = sealed.split('.');
  if (!iv || body === undefined || !tag) throw new Error('Unreadable subject key');
  const gcm = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'));
  gcm.setAAD(Buffer.from(aad, 'utf8'));
  gcm.setAuthTag(Buffer.from(tag, 'base64url'));
  return Buffer.concat([gcm.update(Buffer.from(body, 'base64url')), gcm.final()]);
}

interface OpenKey {
  keyId: string;
  key: Buffer;
  until: number;
}

/**
 * A new subject's key, made but not stored: the writer puts `write` into the transaction that stores
 * the first values sealed under it, and calls `committed()` once that transaction succeeded. Until
 * then the key is nowhere but here: a cancelled or failed transaction leaves no key item behind and
 * nothing in the cache, and the key is simply dropped.
 */
export interface StagedSubjectKey {
  readonly keyId: string;
  readonly key: Buffer;
  readonly write: TransactWriteItem;
  committed(): void;
}

/**
 * Subject keys as the field cipher uses them: made on first write, opened on read, cached for
 * SUBJECT_KEY_CACHE_MS, destroyed on erasure. The key material is sealed under the data key source
 * (`<data key ref>.<iv>.<body>.<tag>`), bound to its subject and key id.
 */
export class SubjectKeys {
  private readonly cache = new Map<string, OpenKey>();
  private readonly pending = new Map<string, Promise<OpenKey>>();
  /** Reads of the key table under way, by subject and key id: the fields of one item open together. */
  private readonly reading = new Map<string, Promise<Buffer>>();

  constructor(
    private readonly store: SubjectKeyStore,
    private readonly wrapper: DataKeySource,
    private readonly now: () => number = Date.now,
  ) {}

  /** The subject's current key, made now if it has none (or only a destroyed one). */
  async forWriting(subject: string): Promise<{ keyId: string; key: Buffer }> {
    const cached = this.cached(subject);
    if (cached) return cached;
    let inFlight = this.pending.get(subject);
    if (!inFlight) {
      inFlight = this.readOrCreate(subject).finally(() => this.pending.delete(subject));
      this.pending.set(subject, inFlight);
    }
    return inFlight;
  }

  /**
   * A key for a subject that has none yet (a new case), to be stored by the caller's own transaction
   * with the first values sealed under it (see StagedSubjectKey): no request of its own.
   */
  async stage(subject: string): Promise<StagedSubjectKey> {
    const { keyId, key, stored } = await this.make(subject);
    return {
      keyId, key, write: this.store.createWrite(subject, stored),
      // Cached only once stored: a key that never reached the table must not seal anything more.
      committed: () => { this.remember(subject, keyId, key); },
    };
  }

  /** The key a value was sealed with; ErasedDataError when it was destroyed. */
  async forReading(subject: string, keyId: string): Promise<Buffer> {
    const cached = this.cached(subject);
    if (cached && cached.keyId === keyId) return cached.key;
    // A case item's fields are decrypted in parallel: one read of the key table serves them all
    // (a case page not in the cache was one GetItem per sealed field).
    const id = `${subject}\u0000${keyId}`;
    let inFlight = this.reading.get(id);
    if (!inFlight) {
      inFlight = this.readKey(subject, keyId).finally(() => this.reading.delete(id));
      this.reading.set(id, inFlight);
    }
    return inFlight;
  }

  private async readKey(subject: string, keyId: string): Promise<Buffer> {
    const stored = await this.store.read(subject);
    if (!stored || 'destroyedAt' in stored || stored.keyId !== keyId) throw new ErasedDataError(subject);
    return this.remember(subject, stored.keyId, await this.unwrap(subject, stored.keyId, stored.wrapped)).key;
  }

  /** Destroys the subject's key: every value sealed under it, wherever a copy is, stays sealed. */
  async destroy(subject: string, at: Date): Promise<void> {
    this.cache.delete(subject);
    await this.store.destroy(subject, at.toISOString());
  }

  private cached(subject: string): OpenKey | undefined {
    const hit = this.cache.get(subject);
    if (hit && hit.until > this.now()) return hit;
    if (hit) this.cache.delete(subject);
    return undefined;
  }

  private remember(subject: string, keyId: string, key: Buffer): OpenKey {
    if (this.cache.size >= CACHE_LIMIT) this.cache.clear();
    const entry = { keyId, key, until: this.now() + SUBJECT_KEY_CACHE_MS };
    this.cache.set(subject, entry);
    return entry;
  }

  private async readOrCreate(subject: string): Promise<OpenKey> {
    for (let attempt = 0; attempt < 3; attempt++) {
      // A new case gets its key in its own transaction (stage): a subject written here has one
      // already, or (a case from before per-case keys, or erased and written again) none to read.
      const stored = await this.store.read(subject);
      if (stored && !('destroyedAt' in stored)) return this.remember(subject, stored.keyId, await this.unwrap(subject, stored.keyId, stored.wrapped));
      const made = await this.make(subject);
      if (await this.store.create(subject, made.stored)) return this.remember(subject, made.keyId, made.key);
      // Another writer made the key first: read theirs.
    }
    throw new Error('Could not make a subject key');
  }

  /** Fresh key material, sealed under the data key and bound to its subject and key id. */
  private async make(subject: string): Promise<{ keyId: string; key: Buffer; stored: NewStoredKey }> {
    const keyId = randomBytes(6).toString('base64url');
    const key = randomBytes(32);
    const wrapping = await this.wrapper.current();
    const wrapped = `${wrapping.ref}.${seal(wrapping.plaintext, key, `subject-key:${subject}:${keyId}`)}`;
    return { keyId, key, stored: { keyId, wrapped, createdAt: new Date(this.now()).toISOString() } };
  }

  private async unwrap(subject: string, keyId: string, wrapped: string): Promise<Buffer> {
    const cut = wrapped.indexOf('.');
    const wrapping = await this.wrapper.resolve(wrapped.slice(0, cut));
    return open(wrapping, wrapped.slice(cut + 1), `subject-key:${subject}:${keyId}`);
  }
}

/** The key table as DynamoDB Local creates it (CDK builds the same in infra/constructs/data.ts). */
export function createKeysTableInput(tableName: string) {
  return {
    TableName: keysTableNameFor(tableName),
    BillingMode: 'PAY_PER_REQUEST' as const,
    AttributeDefinitions: [{ AttributeName: KEYS_TABLE.partitionKey, AttributeType: 'S' as const }],
    KeySchema: [{ AttributeName: KEYS_TABLE.partitionKey, KeyType: 'HASH' as const }],
  };
}
