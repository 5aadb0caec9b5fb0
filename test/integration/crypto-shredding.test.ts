import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomBytes } from 'node:crypto';
import { GetItemCommand, PutItemCommand, type TransactWriteItem } from '@aws-sdk/client-dynamodb';
import { marshall, unmarshall } from '@aws-sdk/util-dynamodb';
import { localDynamoClient } from '../../lib/adapters/dynamo/local-client.js';
import { caseSubject, FieldCipher } from '../../lib/adapters/crypto/field-cipher.js';
import { StaticDataKeySource } from '../../lib/adapters/crypto/data-keys.js';
import { DynamoSubjectKeyStore, ErasedDataError, keysTableNameFor, SUBJECT_KEY_CACHE_MS, SubjectKeys } from '../../lib/adapters/crypto/subject-keys.js';
import { decodeCase, DynamoCaseStore, encodeCase } from '../../lib/adapters/dynamo/cases.js';
import { DynamoTable } from '../../lib/adapters/dynamo/table.js';
import { newCaseId, newReference } from '../../lib/domain/reference.js';
import { urgencyOf } from '../../lib/domain/categories.js';
import type { NewCaseWrite } from '../../lib/cases/port.js';
import { ReferenceTakenError } from '../../lib/domain/errors.js';
import { decodeMessage, messagePut } from '../../lib/adapters/dynamo/outbox.js';
import { fileReport } from '../../lib/use-cases/file-report.js';
import { retryPendingMessages } from '../../lib/use-cases/retry-pending-messages.js';
import { deliverMessage } from '../../lib/use-cases/deliver-message.js';
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

async function fileCase(contact = PHONE): Promise<Case> {
  const filed = await fileReport(sys.deps, {
    channel: 'web', intakeKey: `web-${randomBytes(6).toString('hex')}`, reporterType: 'worker', contact,
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
function freshCipher(now: () => number = Date.now, client: DynamoDBClient = db): FieldCipher {
  const dataKeys = new StaticDataKeySource(LOCAL_KEY);
  return new FieldCipher(dataKeys, 'test-lookup-key-0123456789', new SubjectKeys(new DynamoSubjectKeyStore(client, keysTableNameFor(sys.tableName)), dataKeys, now));
}

async function keyItem(caseId: string) {
  const out = await db.send(new GetItemCommand({ TableName: keysTableNameFor(sys.tableName), Key: marshall({ pk: `KEY#${caseSubject(caseId)}` }), ConsistentRead: true }));
  return out.Item ? unmarshall(out.Item) : undefined;
}

/**
 * A process of its own (fresh cipher, nothing cached) whose every DynamoDB request is recorded, with
 * the items of each transaction it sends: what a new case's transaction sealed, even when cancelled.
 */
function recordingProcess() {
  const client = localDynamoClient(sys.endpoint);
  const commands: string[] = [];
  const transactions: TransactWriteItem[][] = [];
  client.middlewareStack.add((next, context) => async (args) => {
    commands.push(String(context.commandName).replace(/Command$/, ''));
    if (context.commandName === 'TransactWriteItemsCommand') transactions.push((args.input as { TransactItems: TransactWriteItem[] }).TransactItems);
    return next(args);
  }, { step: 'initialize', name: 'recordRequests' });
  const cipher = freshCipher(Date.now, client);
  return { client, cipher, commands, transactions, cases: new DynamoCaseStore(new DynamoTable(client, sys.tableName), cipher) };
}

/** A new case as fileReport plans it, with its confirmation (sealed under the case's key too). */
function newCaseWrite(reference: string): NewCaseWrite {
  const at = sys.clock.now().toISOString();
  const id = newCaseId();
  return {
    case: {
      id, reference, category: 'unpaid_wages', urgency: urgencyOf('unpaid_wages'), homeRegency: '5203' as const, country: 'MY' as const, channel: 'sms' as const,
      reporterType: 'worker' as const, contact: PHONE, nik: NIK, description: DESCRIPTION, smsUpdates: true, language: 'id' as const,
      status: 'new' as const, level: 1 as const, levelSince: at, createdAt: at, updatedAt: at, version: 1,
    },
    intake: { channel: 'sms' as const, gatewayId: `ATXid_${randomBytes(5).toString('hex')}`, phone: PHONE, content: DESCRIPTION },
    events: [],
    messages: [{ id: `received.${id}`, audience: 'reporter' as const, to: PHONE, caseId: id, purpose: 'received', text: `Laporan ${reference} diterima`, status: 'pending' as const, attempts: 0, createdAt: at }],
  };
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

  it('gives up the queued SMS of an erased case, and the sweep still sends the SMS queued behind it', async () => {
    // Both confirmations stay pending (no stream in this file): the erased one is the older, first in the due index.
    // Numbers of their own: the earlier tests used up PHONE's confirmations for this hour.
    const erased = await fileCase('+6281377700021');
    sys.clock.advance(1);
    const kept = await fileCase('+6281377700022');
    expect(await sys.deps.outbox.getMessage(`received.${kept.id}`)).toMatchObject({ status: 'pending' });
    await sys.cipher.shred(caseSubject(erased.id), sys.clock.now());
    sys.clock.advance(10);
    const sentBefore = sys.outbox.entries.length;

    const tally = await retryPendingMessages(sys.deps);

    const sent = sys.outbox.entries.slice(sentBefore);
    expect(sent.some((m) => m.message.includes(kept.reference))).toBe(true);
    expect(sent.some((m) => m.message.includes(erased.reference))).toBe(false);
    expect(tally.stillPending).toBe(0);
    const raw = unmarshall((await db.send(new GetItemCommand({ TableName: sys.tableName, Key: marshall({ pk: `MSG#received.${erased.id}`, sk: 'MSG' }), ConsistentRead: true }))).Item!);
    // Out of the due index for good: the next sweep does not meet it again.
    expect(raw).toMatchObject({ status: 'failed', failureReason: 'erased' });
    expect(raw.gsi2pk).toBeUndefined();
    // The stream's redelivery of the same message finds nothing to send, and does not throw.
    expect(await deliverMessage(sys.deps, `received.${erased.id}`)).toBe('skipped');
    expect(await sys.deps.outbox.getMessage(`received.${erased.id}`)).toBeUndefined();
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

  it('stores a new case\'s key in the case\'s own transaction, and keeps it open in memory only once that committed', async () => {
    const proc = recordingProcess();
    try {
      const write = newCaseWrite(newReference());
      expect(await proc.cases.createCase(write)).toMatchObject({ created: true });

      // One request: the transaction, with the key table's item in it; no key write of its own.
      expect(proc.commands).toEqual(['TransactWriteItems']);
      const tables = proc.transactions[0]!.map((i) => i.Put?.TableName ?? i.Update?.TableName ?? i.Delete?.TableName);
      expect(tables.filter((t) => t === keysTableNameFor(sys.tableName))).toHaveLength(1);
      const stored = await keyItem(write.case.id);
      expect(Object.keys(stored!).sort()).toEqual(['createdAt', 'keyId', 'pk', 'wrapped']);

      // The committed key is cached: this process reads the case without asking the key table...
      proc.commands.length = 0;
      expect(await proc.cases.getCase(write.case.id)).toMatchObject({ contact: PHONE, nik: NIK, description: DESCRIPTION });
      expect(proc.commands).toEqual(['GetItem']);
      // ...and another process opens the case and its confirmation from the stored key.
      expect(await sys.store.getCase(write.case.id)).toMatchObject({ nik: NIK, description: DESCRIPTION });
      const message = await db.send(new GetItemCommand({ TableName: sys.tableName, Key: marshall({ pk: `MSG#received.${write.case.id}`, sk: 'MSG' }), ConsistentRead: true }));
      expect(message.Item, 'the confirmation is stored under its message key').toBeDefined();
      expect(String(unmarshall(message.Item!).textEnc)).toMatch(/^v3\./);
      expect(await decodeMessage(freshCipher(), unmarshall(message.Item!))).toMatchObject({ to: PHONE });
    } finally {
      proc.client.destroy();
    }
  });

  it('leaves no key item and no cached key when a new case\'s transaction is cancelled, so what it sealed never opens', async () => {
    const taken = await fileCase();
    const proc = recordingProcess();
    try {
      const write = newCaseWrite(taken.reference);
      await expect(proc.cases.createCase(write)).rejects.toBeInstanceOf(ReferenceTakenError);

      expect(await keyItem(write.case.id)).toBeUndefined();
      // The case item as the cancelled transaction carried it, sealed under the key that was never stored:
      const put = proc.transactions[0]!.find((i) => i.Put?.Item?.sk?.S === 'CASE')!.Put!.Item!;
      expect(String(unmarshall(put).nikEnc)).toMatch(/^v3\./);
      // not opened by the process that made the key (it was not cached), nor by any other.
      proc.commands.length = 0;
      await expect(decodeCase(proc.cipher, unmarshall(put))).rejects.toBeInstanceOf(ErasedDataError);
      expect(proc.commands, 'the key was looked for in the key table, not found in memory').toContain('GetItem');
      await expect(decodeCase(freshCipher(), unmarshall(put))).rejects.toBeInstanceOf(ErasedDataError);
    } finally {
      proc.client.destroy();
    }
  });

  it('leaves no key behind when the same report is delivered again, and answers with the first case', async () => {
    const proc = recordingProcess();
    try {
      const first = newCaseWrite(newReference());
      expect(await proc.cases.createCase(first)).toMatchObject({ created: true });
      const again = { ...newCaseWrite(newReference()), intake: first.intake };
      expect(await proc.cases.createCase(again)).toEqual({ created: false, caseId: first.case.id, sameContent: true });
      expect(await keyItem(again.case.id)).toBeUndefined();
      expect(await keyItem(first.case.id)).toMatchObject({ keyId: expect.any(String) });
    } finally {
      proc.client.destroy();
    }
  });

  it('opens every sealed field of a case with one read of the key table, in a process that had not opened it', async () => {
    const c = await fileCase();
    const proc = recordingProcess();
    try {
      const read = await proc.cases.getCase(c.id);
      expect(read).toMatchObject({ contact: PHONE, nik: NIK, description: DESCRIPTION });
      // The case item, then its key once (contact, NIK, text and what was read from it are sealed fields).
      expect(proc.commands).toEqual(['GetItem', 'GetItem']);
    } finally {
      proc.client.destroy();
    }
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
