import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomBytes } from 'node:crypto';
import { createTestSystem, type TestSystem } from '../support/local-deps.js';
import { localDynamoClient } from '../../lib/adapters/dynamo/local-client.js';
import { DynamoStores } from '../../lib/adapters/dynamo/stores.js';
import { handleInboundSms } from '../../lib/use-cases/handle-inbound-sms.js';
import { handleUssdRequest } from '../../lib/ussd/handle-ussd.js';
import { DynamoMeter } from '../bench/dynamo-meter.js';

/**
 * The DynamoDB requests of the three hottest operations, counted by the bench's meter on the real
 * adapters (issue 11: an SMS report at most 3, a STATUS at most 3, a USSD final step at most 2).
 */
let system: TestSystem;
let deps: TestSystem['deps'];
const meter = new DynamoMeter();

beforeAll(async () => {
  system = await createTestSystem();
  const db = localDynamoClient(system.endpoint);
  meter.attach(db);
  deps = { ...system.deps, ...new DynamoStores(db, system.tableName, system.cipher).ports };
});
afterAll(async () => { await system.drop(); });

let phones = 0;
const phone = () => `+62815${String(30_000_000 + ++phones).slice(-8)}`;
const sms = (from: string, text: string) => handleInboundSms(deps, { id: `ATXid_${randomBytes(5).toString('hex')}`, from, text, receivedAt: system.clock.now().toISOString() });
const requests = async <T>(label: string, run: () => Promise<T>) => {
  const m = await meter.measure(label, run);
  return { result: m.result, count: m.calls.length, commands: m.calls.map((c) => c.command) };
};

describe('DynamoDB requests per operation', () => {
  it('files an SMS report from a new number in at most 3 requests', async () => {
    const { result, count } = await requests('lapor', () => sms(phone(), 'LAPOR gaji tidak dibayar tiga bulan'));
    expect(result).toMatchObject({ kind: 'case_filed', created: true });
    expect(count).toBeLessThanOrEqual(3);
  });

  it('files an SMS report from a number that reported before in at most 3 requests', async () => {
    const from = phone();
    await sms(from, 'LAPOR paspor ditahan agen');
    system.clock.advance(61);
    const { result, count } = await requests('lapor again', () => sms(from, 'LAPOR gaji tidak dibayar'));
    expect(result).toMatchObject({ kind: 'case_filed', created: true });
    expect(count).toBeLessThanOrEqual(3);
  });

  it('answers STATUS about the number\'s own case in at most 3 requests', async () => {
    const from = phone();
    const filed = await sms(from, 'LAPOR paspor ditahan majikan');
    const { result, count, commands } = await requests('status', () => sms(from, `STATUS ${(filed as { reference: string }).reference}`));
    expect(result).toEqual({ kind: 'status_answered', found: true });
    expect(count, commands.join(', ')).toBeLessThanOrEqual(3);
  });

  it('files the USSD final step in at most 2 requests', async () => {
    const { result, count } = await requests('ussd final', () => handleUssdRequest(deps, { sessionId: `ATUid_${randomBytes(4).toString('hex')}`, phone: phone(), text: '1*1*1*1*1*1*1*1' }));
    expect(result.outcome).toBe('filed');
    expect(count).toBeLessThanOrEqual(2);
  });
});
