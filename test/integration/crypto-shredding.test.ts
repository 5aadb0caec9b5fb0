import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomBytes } from 'node:crypto';
import { GetItemCommand, PutItemCommand } from '@aws-sdk/client-dynamodb';
import { marshall, unmarshall } from '@aws-sdk/util-dynamodb';
import { localDynamoClient } from '../../lib/adapters/dynamo/local-client.js';
import { caseSubject, FieldCipher } from '../../lib/adapters/crypto/field-cipher.js';
import { StaticDataKeySource } from '../../lib/adapters/crypto/data-keys.js';
import { DynamoSubjectKeyStore, ErasedDataError, keysTableNameFor, SUBJECT_KEY_CACHE_MS, SubjectKeys } from '../../lib/adapters/crypto/subject-keys.js';
import { decodeCase, encodeCase } from '../../lib/adapters/dynamo/cases.js';
import { decodeMessage, messagePut } from '../../lib/adapters/dynamo/outbox.js';
import { fileReport } from '../../lib/use-cases/file-report.js';
import type { Case } from '../../lib/domain/case.js';
import { createTestSystem, type TestSystem } from '../support/local-deps.js';
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';

let sys: TestSystem;
let db: DynamoDBClient;
beforeAll(async () => { sys = await createTestSystem(); db = localDynamoClient(sys.endpoint); });
afterAll(async () => { db.destroy(); await sys.drop(); });

const LOCAL_KEY = '11'.repeat(32);
const PHONE = '+6281377700011';
const NIK = '5203015708950003';
const DESCRIPTION = 'Paspor ditahan majikan di Johor, gaji tiga bulan belum dibayar';

async function fileCase(): Promise<Case> {
  const filed = await fileReport(sys.deps, {
    channel: 'web', intakeKey: `web-${randomBytes(6).toString('hex')}`, reporterType: 'worker', contact: PHONE,
    description: DESCRIPTION, nik: NIK, homeRegency: '5203', country: 'MY',
  });
  return filed.case;
}

/** The case item exactly as a backup (PITR, an export) holds it: the raw attributes. */
async function rawCaseItem(caseId: string) {
  const out = await db.send(new GetItemCommand({ TableName: sys.tableName, Key: marshall({ pk: `CASE#${caseId}`, sk: 'CASE' }), ConsistentRead: true }));
  return out.Item!;
}

/** A second process on the same tables: nothing cached from the first. */
function freshCipher(now: () => number = Date.now): FieldCipher {
  const dataKeys = new StaticDataKeySource(LOCAL_KEY);
  return new FieldCipher(dataKeys, 'test-lookup-key-0123456789', new SubjectKeys(new DynamoSubjectKeyStore(db, keysTableNameFor(sys.tableName)), dataKeys, now));
}

describe('crypto-shredding: a case sealed under its own key', () => {
  it('seals every personal field of a case as v3 under the case key, and reads it back whole', async () => {
    const c = await fileCase();
    const item = unmarshall(await rawCaseItem(c.id));
    for (const field of ['contactEnc', 'nikEnc', 'descriptionEnc']) expect(String(item[field])).toMatch(/^v3\./);
    expect(await decodeCase(freshCipher(), item)).toMatchObject({ contact: PHONE, nik: NIK, description: DESCRIPTION });
  });

  it('makes a copy of the case taken before the erasure unreadable, in any process, restored or not', async () => {
    const c = await fileCase();
    const other = await fileCase();
    const backup = await rawCaseItem(c.id);

    await sys.cipher.shred(caseSubject(c.id), sys.clock.now());

    // The backup copy, read by this process and by a fresh one: its key no longer exists.
    await expect(decodeCase(sys.cipher, unmarshall(backup))).rejects.toBeInstanceOf(ErasedDataError);
    await expect(decodeCase(freshCipher(), unmarshall(backup))).rejects.toBeInstanceOf(ErasedDataError);
    // Restored into the table as a point-in-time recovery would: still unreadable through the store.
    await db.send(new PutItemCommand({ TableName: sys.tableName, Item: backup }));
    await expect(sys.store.getCase(c.id)).rejects.toBeInstanceOf(ErasedDataError);
    // The key table keeps only a tombstone: no key material survives.
    const keyItem = await db.send(new GetItemCommand({ TableName: keysTableNameFor(sys.tableName), Key: marshall({ pk: `KEY#${caseSubject(c.id)}` }), ConsistentRead: true }));
    expect(Object.keys(unmarshall(keyItem.Item!)).sort()).toEqual(['destroyedAt', 'pk']);
    // Another case of the same number is untouched.
    expect(await sys.store.getCase(other.id)).toMatchObject({ contact: PHONE, description: DESCRIPTION });
  });

  it('shreds the SMS of the case in the outbox with it', async () => {
    const c = await fileCase();
    const confirmation = { id: `confirm.${c.id}`, audience: 'reporter' as const, to: PHONE, text: `Laporan ${c.reference} diterima`, purpose: 'test', caseId: c.id, status: 'pending' as const, attempts: 0, createdAt: new Date().toISOString() };
    const item = await messagePut(sys.cipher, confirmation);
    expect(String(item.textEnc)).toMatch(/^v3\./);
    expect(await decodeMessage(freshCipher(), item)).toMatchObject({ to: PHONE });

    await sys.cipher.shred(caseSubject(c.id), sys.clock.now());
    await expect(decodeMessage(freshCipher(), item)).rejects.toBeInstanceOf(ErasedDataError);
  });

  it('leaves a warm process able to read an erased case for at most SUBJECT_KEY_CACHE_MS, the number the README states', async () => {
    const c = await fileCase();
    const backup = unmarshall(await rawCaseItem(c.id));
    let now = Date.now();
    const warm = freshCipher(() => now);
    expect((await decodeCase(warm, backup)).nik).toBe(NIK);

    // Another function instance erases the case; this one still holds the opened key in memory.
    await sys.cipher.shred(caseSubject(c.id), sys.clock.now());
    now += SUBJECT_KEY_CACHE_MS + 1;
    await expect(decodeCase(warm, backup)).rejects.toBeInstanceOf(ErasedDataError);
    expect(SUBJECT_KEY_CACHE_MS).toBeLessThanOrEqual(5 * 60_000);
  });

  it('gives a new key to a case written again after its erasure, and the old values stay sealed', async () => {
    const c = await fileCase();
    const backup = unmarshall(await rawCaseItem(c.id));
    await sys.cipher.shred(caseSubject(c.id), sys.clock.now());

    const rewritten = await encodeCase(sys.cipher, { ...c, description: 'dihapus' });
    expect((await decodeCase(freshCipher(), rewritten)).description).toBe('dihapus');
    await expect(decodeCase(freshCipher(), backup)).rejects.toBeInstanceOf(ErasedDataError);
  });

  it('still reads values sealed before per-case keys (v2 under the table data key)', async () => {
    const c = await fileCase();
    const before = new FieldCipher(new StaticDataKeySource(LOCAL_KEY), 'test-lookup-key-0123456789');
    const old = await encodeCase(before, c);
    expect(String(old.nikEnc)).toMatch(/^v2\./);
    await db.send(new PutItemCommand({ TableName: sys.tableName, Item: marshall(old, { removeUndefinedValues: true }) }));
    expect(await sys.store.getCase(c.id)).toMatchObject({ nik: NIK, contact: PHONE, description: DESCRIPTION });
  });
});
