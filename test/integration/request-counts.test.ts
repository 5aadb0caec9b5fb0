import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomBytes } from 'node:crypto';
import { createTestSystem, type TestSystem } from '../support/local-deps.js';
import { localDynamoClient } from '../../lib/adapters/dynamo/local-client.js';
import { DynamoStores } from '../../lib/adapters/dynamo/stores.js';
import { handleInboundSms } from '../../lib/use-cases/handle-inbound-sms.js';
import { handleUssdRequest } from '../../lib/ussd/handle-ussd.js';
import { StaticDataKeySource } from '../../lib/adapters/crypto/data-keys.js';
import { FieldCipher } from '../../lib/adapters/crypto/field-cipher.js';
import { DynamoSubjectKeyStore, keysTableNameFor, SubjectKeys } from '../../lib/adapters/crypto/subject-keys.js';
import { DynamoMeter } from '../bench/dynamo-meter.js';

/**
 * The DynamoDB requests of the hottest operations, counted by the bench's meter on the real adapters,
 * the per-case key table included (issue 11, 18, 21: a new report by SMS, WhatsApp or the USSD final
 * step at most 2, a STATUS at most 3).
 */
let system: TestSystem;
let deps: TestSystem['deps'];
const meter = new DynamoMeter();

beforeAll(async () => {
  system = await createTestSystem();
  const db = localDynamoClient(system.endpoint);
  meter.attach(db);
  // The cipher's key table on the metered client too, with nothing cached: a new process, as a Lambda's.
  const dataKeys = new StaticDataKeySource('11'.repeat(32));
  const cipher = new FieldCipher(dataKeys, 'test-lookup-key-0123456789', new SubjectKeys(new DynamoSubjectKeyStore(db, keysTableNameFor(system.tableName)), dataKeys));
  deps = { ...system.deps, ...new DynamoStores(db, system.tableName, cipher).ports };
});
afterAll(async () => { await system.drop(); });

let phones = 0;
const phone = () => `+62815${String(30_000_000 + ++phones).slice(-8)}`;
const sms = (from: string, text: string, channel: 'sms' | 'whatsapp' = 'sms') =>
  handleInboundSms(deps, { id: `ATXid_${randomBytes(5).toString('hex')}`, from, text, receivedAt: system.clock.now().toISOString(), channel });
const requests = async <T>(label: string, run: () => Promise<T>) => {
  const m = await meter.measure(label, run);
  return { result: m.result, count: m.calls.length, commands: m.calls.map((c) => c.command) };
};

describe('DynamoDB requests per operation', () => {
  it('files an SMS report from a new number in 2 requests: the reporter\'s count, then one transaction that also stores the case\'s key', async () => {
    const { result, commands } = await requests('lapor', () => sms(phone(), 'LAPOR gaji tidak dibayar tiga bulan'));
    expect(result).toMatchObject({ kind: 'case_filed', created: true });
    expect(commands).toEqual(['UpdateItem', 'TransactWriteItems']);
  });

  it('files an SMS report from a number that reported before in 2 requests', async () => {
    const from = phone();
    await sms(from, 'LAPOR paspor ditahan agen');
    system.clock.advance(61);
    const { result, commands } = await requests('lapor again', () => sms(from, 'LAPOR gaji tidak dibayar'));
    expect(result).toMatchObject({ kind: 'case_filed', created: true });
    expect(commands).toEqual(['UpdateItem', 'TransactWriteItems']);
  });

  it('files a WhatsApp report in 2 requests, as by SMS', async () => {
    const { result, commands } = await requests('whatsapp lapor', () => sms(phone(), 'LAPOR gaji tidak dibayar tiga bulan', 'whatsapp'));
    expect(result).toMatchObject({ kind: 'case_filed', created: true });
    expect(commands).toEqual(['UpdateItem', 'TransactWriteItems']);
  });

  it('answers STATUS about the number\'s own case in at most 3 requests', async () => {
    const from = phone();
    const filed = await sms(from, 'LAPOR paspor ditahan majikan');
    const { result, count, commands } = await requests('status', () => sms(from, `STATUS ${(filed as { reference: string }).reference}`));
    expect(result).toEqual({ kind: 'status_answered', found: true });
    expect(count, commands.join(', ')).toBeLessThanOrEqual(3);
  });

  it('files the USSD final step in at most 2 requests', async () => {
    const { result, count, commands } = await requests('ussd final', () => handleUssdRequest(deps, { sessionId: `ATUid_${randomBytes(4).toString('hex')}`, phone: phone(), text: '1*1*1*1*1*1*1*1' }));
    expect(result.outcome).toBe('filed');
    expect(count, commands.join(', ')).toBeLessThanOrEqual(2);
  });
});
