import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCipheriv, randomBytes } from 'node:crypto';
import { GetItemCommand, ScanCommand, UpdateItemCommand } from '@aws-sdk/client-dynamodb';
import { marshall, unmarshall } from '@aws-sdk/util-dynamodb';
import { localDynamoClient } from '../../lib/adapters/dynamo/local-client.js';
import { officialTexts } from '../../lib/messages/official.js';
import { fileReport } from '../../lib/use-cases/file-report.js';
import { alertOfficials } from '../../lib/use-cases/alert-officials.js';
import { deliverMessage } from '../../lib/use-cases/deliver-message.js';
import type { Case } from '../../lib/domain/case.js';
import { createTestSystem, type TestSystem } from '../support/local-deps.js';

let sys: TestSystem;
beforeAll(async () => { sys = await createTestSystem(); });
afterAll(async () => { await sys.drop(); });

const NIK = '5203015708950003';
const PHONE = '+6281377788899';
const PHONE_FORMS = [PHONE, PHONE.slice(1), `0${PHONE.slice(3)}`];
const DESCRIPTION = 'Suami saya dipukul majikan dan gaji tidak dibayar, paspor ditahan di Johor';
const WORKER = 'Lalu Ahmad Fauzi';
const CLEAR_VALUES = [NIK, ...PHONE_FORMS, DESCRIPTION, 'dipukul majikan', 'gaji tidak dibayar', WORKER];

async function fileSensitiveReport(): Promise<Case> {
  const filed = await fileReport(sys.deps, {
    channel: 'web', intakeKey: `web-${randomBytes(6).toString('hex')}`, reporterType: 'family', contact: PHONE,
    description: DESCRIPTION, nik: NIK, workerName: WORKER, homeRegency: '5203', country: 'MY',
  });
  return filed.case;
}

describe('what officials receive by SMS', () => {
  it('builds an alert text with none of the NIK, the reporter number, the worker name or the report text', () => {
    const c: Case = {
      id: 'case-1', reference: 'ABC-234', category: 'unpaid_wages' as Case['category'], urgency: 'high', homeRegency: '5203', country: 'MY',
      channel: 'sms', reporterType: 'worker', contact: PHONE, nik: NIK, workerName: WORKER, description: DESCRIPTION,
      smsUpdates: true, language: 'id', status: 'new', level: 1, createdAt: '2026-11-01T00:00:00Z', updatedAt: '2026-11-01T00:00:00Z', version: 1,
    };
    const text = officialTexts.newCase(c);
    expect(text).toContain('ABC-234');
    for (const value of CLEAR_VALUES) expect(text).not.toContain(value);
    expect(text).not.toMatch(/\d{16}/);
  });

  it('sends alerts for a case filed with a NIK and a description that carry none of them', async () => {
    const c = await fileSensitiveReport();
    const { alerted } = await alertOfficials(sys.deps, c, 1, 'new_case');
    expect(alerted.length).toBeGreaterThan(0);
    sys.outbox.clear();
    for (const official of alerted) expect(await deliverMessage(sys.deps, `alert.${c.id}.${official}.L1`)).toBe('sent');
    const alerts = sys.outbox.entries.filter((e) => e.route === 'sns');
    expect(alerts).toHaveLength(alerted.length);
    for (const alert of alerts) {
      expect(alert.message).toContain(c.reference);
      for (const value of CLEAR_VALUES) expect(alert.message).not.toContain(value);
    }
  });
});

describe('what the table holds', () => {
  it('stores the NIK, the contact, the worker name and the description of a case only as ciphertext', async () => {
    const c = await fileSensitiveReport();
    const db = localDynamoClient(sys.endpoint);
    try {
      const raw = await db.send(new GetItemCommand({ TableName: sys.tableName, Key: marshall({ pk: `CASE#${c.id}`, sk: 'CASE' }), ConsistentRead: true }));
      const item = unmarshall(raw.Item!);
      for (const field of ['nikEnc', 'contactEnc', 'descriptionEnc', 'workerNameEnc']) expect(String(item[field])).toMatch(/^v3\./);
      const json = JSON.stringify(raw.Item);
      for (const value of CLEAR_VALUES) expect(json).not.toContain(value);
      // The case reads back whole through the store: the ciphertext is the data, not a placeholder.
      expect(await sys.store.getCase(c.id)).toMatchObject({ nik: NIK, contact: PHONE, description: DESCRIPTION });
    } finally {
      db.destroy();
    }
  });

  it('holds none of those values in clear anywhere in the table, outbox and lookup items included', async () => {
    await fileSensitiveReport();
    const db = localDynamoClient(sys.endpoint);
    try {
      const out = await db.send(new ScanCommand({ TableName: sys.tableName, ConsistentRead: true }));
      expect(out.LastEvaluatedKey).toBeUndefined();
      const json = JSON.stringify(out.Items);
      expect(json).toContain('MSG#received.');
      for (const value of CLEAR_VALUES) expect(json).not.toContain(value);
    } finally {
      db.destroy();
    }
  });
});

describe('a sealed field moved to another place (issue 12, finding 13)', () => {
  it('does not open when copied to another case or another field: reading fails instead of showing it', async () => {
    const victim = await fileSensitiveReport();
    const other = (await fileReport(sys.deps, {
      channel: 'web', intakeKey: `web-${randomBytes(6).toString('hex')}`, reporterType: 'family', contact: '+60123450999',
      description: 'laporan lain', homeRegency: '5201', country: 'MY',
    })).case;
    const db = localDynamoClient(sys.endpoint);
    try {
      const raw = unmarshall((await db.send(new GetItemCommand({ TableName: sys.tableName, Key: marshall({ pk: `CASE#${victim.id}`, sk: 'CASE' }), ConsistentRead: true }))).Item!);
      const copy = async (target: Case, field: string, value: unknown) => db.send(new UpdateItemCommand({
        TableName: sys.tableName, Key: marshall({ pk: `CASE#${target.id}`, sk: 'CASE' }),
        UpdateExpression: 'SET #f = :v', ExpressionAttributeNames: { '#f': field }, ExpressionAttributeValues: marshall({ ':v': value }),
      }));

      // The victim's NIK pasted into another case's description, where an official's INFO would show it.
      await copy(other, 'descriptionEnc', raw.nikEnc);
      await expect(sys.store.getCase(other.id)).rejects.toThrow();
      // The victim's description pasted into its own contact field (which receives SMS).
      await copy(victim, 'contactEnc', raw.descriptionEnc);
      await expect(sys.store.getCase(victim.id)).rejects.toThrow();
    } finally {
      db.destroy();
    }
  });
});

describe('values sealed before the binding (v1)', () => {
  it('stay readable, and the next write of the case re-seals them under the case key (v3)', async () => {
    const c = await fileSensitiveReport();
    // A v1 contact exactly as the earlier code wrote it (no additional data), with the test system's key.
    const iv = randomBytes(12);
    const gcm = createCipheriv('aes-256-gcm', Buffer.from('11'.repeat(32), 'hex'), iv);
    const body = Buffer.concat([gcm.update(PHONE, 'utf8'), gcm.final()]);
    const v1 = ['v1', 'local', iv.toString('base64url'), body.toString('base64url'), gcm.getAuthTag().toString('base64url')].join('.');
    const db = localDynamoClient(sys.endpoint);
    try {
      const key = marshall({ pk: `CASE#${c.id}`, sk: 'CASE' });
      await db.send(new UpdateItemCommand({ TableName: sys.tableName, Key: key, UpdateExpression: 'SET contactEnc = :v', ExpressionAttributeValues: marshall({ ':v': v1 }) }));
      const read = (await sys.store.getCase(c.id))!;
      expect(read.contact).toBe(PHONE);

      await sys.stores.cases.updateCase({ case: { ...read, updatedAt: new Date().toISOString() }, expectedVersion: read.version });
      const raw = unmarshall((await db.send(new GetItemCommand({ TableName: sys.tableName, Key: key, ConsistentRead: true }))).Item!);
      expect(String(raw.contactEnc)).toMatch(/^v3\./);
      expect((await sys.store.getCase(c.id))?.contact).toBe(PHONE);
    } finally {
      db.destroy();
    }
  });
});
