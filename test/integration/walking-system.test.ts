import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GetItemCommand } from '@aws-sdk/client-dynamodb';
import { marshall } from '@aws-sdk/util-dynamodb';
import type { DynamoDBRecord } from 'aws-lambda';
import { createTestSystem, startNotifier, type TestSystem } from '../support/local-deps.js';
import { handleInboundSms } from '../../lib/use-cases/handle-inbound-sms.js';
import { fileReport } from '../../lib/use-cases/file-report.js';
import { notifyTableChange } from '../../lib/jobs/notifier.js';
import { recordDelivery } from '../../lib/use-cases/record-delivery.js';
import { alertOfficials } from '../../lib/use-cases/alert-officials.js';
import { deliverMessage } from '../../lib/use-cases/deliver-message.js';
import type { StreamConsumers } from '../../lib/local/triggers.js';
import { localDynamoClient } from '../../lib/adapters/dynamo/local-client.js';
import { reporterTexts } from '../../lib/messages/reporter.js';

let system: TestSystem;
let poller: StreamConsumers;
let delivered: DynamoDBRecord[] = [];

beforeAll(async () => {
  system = await createTestSystem();
  // The same poller `npm start` uses: DynamoDB Local's stream, in Lambda's event shape.
  ({ poller, seen: delivered } = await startNotifier(system));
});

afterAll(async () => {
  await poller.stop();
  await system.drop();
});

const sms = (id: string, from: string, text: string) => ({ id, from, text, receivedAt: '2026-11-23T06:04:45.000Z' });
const sent = (to: string) => system.outbox.entries.filter((e) => e.to === to);

describe('an SMS report', () => {
  it('becomes a case whose personal fields are stored only as ciphertext', async () => {
    const outcome = await handleInboundSms(system.deps, sms('AT-1', '+60123456701', 'LAPOR gaji tidak dibayar 3 bulan'));

    expect(outcome).toMatchObject({ kind: 'case_filed', created: true });
    const reference = (outcome as { reference: string }).reference;
    const stored = await system.store.getCaseByReference(reference);
    expect(stored).toMatchObject({
      category: 'unpaid_wages', urgency: 'high', country: 'MY', channel: 'sms', status: 'new',
      contact: '+60123456701', description: 'gaji tidak dibayar 3 bulan', homeRegency: 'unknown',
    });
    const raw = await localDynamoClient(system.endpoint).send(new GetItemCommand({
      TableName: system.tableName, Key: marshall({ pk: `CASE#${stored!.id}`, sk: 'CASE' }),
    }));
    const rawText = JSON.stringify(raw.Item);
    expect(rawText).not.toContain('60123456701');
    expect(rawText).not.toContain('gaji tidak dibayar');
    expect(raw.Item?.contactEnc?.S).toMatch(/^v3\./);
  });

  it('gets a neutral reply with its reference and alerts the province desk when the regency is unknown', async () => {
    const outcome = await handleInboundSms(system.deps, sms('AT-2', '+60123456702', 'lapor: paspor ditahan agen'));
    const reference = (outcome as { reference: string }).reference;
    await poller.settled();

    const reply = sent('+60123456702');
    expect(reply).toHaveLength(1);
    expect(reply[0]!.route).toBe('africastalking');
    expect(reply[0]!.message).toContain(reference);
    expect(reply[0]!.message).not.toMatch(/paspor|agen/i);
    const alerts = system.outbox.entries.filter((e) => e.route === 'sns' && e.message.includes(reference));
    expect(alerts.map((a) => a.to)).toEqual(['+6281100005200']);
    expect(alerts[0]!.message).not.toContain('+60123456702');
    expect(alerts[0]!.message).not.toMatch(/ditahan agen/);
  });

  it('delivered five times, three at once, files one case, one reply and one alert per recipient', async () => {
    const callback = sms('AT-3', '+60123456703', 'LAPOR gaji tidak dibayar');
    const first = await Promise.all([1, 2, 3].map(() => handleInboundSms(system.deps, callback)));
    const later = [await handleInboundSms(system.deps, callback), await handleInboundSms(system.deps, callback)];
    await poller.settled();

    const references = new Set([...first, ...later].map((o) => (o as { reference: string }).reference));
    expect(references.size).toBe(1);
    const [reference] = references;
    expect(await system.store.findCasesByContact('+60123456703')).toHaveLength(1);
    expect(sent('+60123456703')).toHaveLength(1);
    expect(system.outbox.entries.filter((e) => e.route === 'sns' && e.message.includes(reference!))).toHaveLength(1);
  });

  it('answers STATUS to the reporter, and to anyone else exactly as for an unknown reference', async () => {
    const filed = await handleInboundSms(system.deps, sms('AT-4', '+60123456704', 'LAPOR mau pulang'));
    const reference = (filed as { reference: string }).reference;
    await handleInboundSms(system.deps, sms('AT-5', '+60123456704', `status ${reference.replace('-', '').toLowerCase()}`));
    await handleInboundSms(system.deps, sms('AT-6', '+60123456799', `STATUS ${reference}`));
    await handleInboundSms(system.deps, sms('AT-7', '+60123456799', 'STATUS ZZZ-ZZZ'));
    await poller.settled();

    const own = sent('+60123456704').map((e) => e.message);
    expect(own.some((m) => m.includes(reference) && m.includes('Diterima'))).toBe(true);
    const stranger = sent('+60123456799').map((e) => e.message);
    expect(stranger).toHaveLength(2);
    expect(stranger[0]).toBe(stranger[1]);
    expect(stranger[0]).toBe(reporterTexts.unknownReference('id'));
  });
});

describe('alerts from the stream', () => {
  it('go to the home regency office, plus the province desk for urgent cases', async () => {
    const normal = await fileReport(system.deps, { channel: 'web', intakeKey: 'w1', reporterType: 'family', contact: '081234560001', category: 'job_fraud', homeRegency: '5203', description: 'biaya terlalu mahal' });
    const urgent = await fileReport(system.deps, { channel: 'web', intakeKey: 'w2', reporterType: 'family', contact: '081234560002', category: 'death', homeRegency: '5202', description: 'meninggal' });
    await poller.settled();

    const to = (ref: string) => system.outbox.entries.filter((e) => e.route === 'sns' && e.message.includes(ref)).map((e) => e.to).sort();
    expect(to(normal.case.reference)).toEqual(['+6281100005003']);
    expect(to(urgent.case.reference)).toEqual(['+6281100005002', '+6281100005200']);
    const timeline = await system.store.timeline(urgent.case.id);
    expect(timeline.filter((e) => e.type === 'alert').map((e) => e.detail?.official).sort()).toEqual(['kab-5202', 'prov-ntb']);
  });

  it('are recorded and sent once per recipient when the stream delivers a record twice', async () => {
    const filed = await fileReport(system.deps, { channel: 'web', intakeKey: 'w3', reporterType: 'organisation', contact: '081234560003', category: 'violence_abuse', homeRegency: '5201', description: 'dipukul majikan' });
    await poller.settled();
    const before = system.outbox.entries.length;
    const caseInsert = delivered.find((r) => r.eventName === 'INSERT' && r.dynamodb?.NewImage?.id?.S === filed.case.id)!;

    await notifyTableChange({ deps: system.deps, decoder: system.stores.cases }, caseInsert);
    await poller.settled();

    expect(system.outbox.entries.length).toBe(before);
    const alerts = (await system.store.timeline(filed.case.id)).filter((e) => e.type === 'alert');
    expect(alerts).toHaveLength(2);
  });
});

describe('delivery reports', () => {
  it('mark an outbound message delivered', async () => {
    const filed = await fileReport(system.deps, { channel: 'web', intakeKey: 'w4', reporterType: 'family', contact: '081234560004', category: 'other', homeRegency: '5204', description: 'x' });
    await poller.settled();
    const reply = sent('+6281234560004')[0]!;

    expect(await recordDelivery(system.deps, { providerMessageId: reply.providerMessageId, status: 'Success' })).toBe('recorded');
    expect((await system.store.getMessage(`received.${filed.case.id}`))?.status).toBe('delivered');
    expect(await recordDelivery(system.deps, { providerMessageId: 'no-such-id', status: 'Success' })).toBe('unknown_message');
  });
});

describe('an alert the gateway refuses for good', () => {
  it('is marked failed and passes the case to the next level at once', async () => {
    const filed = await fileReport(system.deps, { channel: 'web', intakeKey: 'w5', reporterType: 'family', contact: '081234560005', category: 'other', homeRegency: '5206', description: 'x' });
    await poller.settled();
    const refusing = { ...system.deps, senders: { ...system.deps.senders, official: { send: async () => ({ ok: false as const, reason: '403_InvalidPhoneNumber', retryable: false }) } } };
    await alertOfficials(system.deps, filed.case, 1, 'new_case');
    const id = `alert.${filed.case.id}.kab-5206.L1`;
    await system.stores.outbox.updateMessage(id, ['sent'], { status: 'pending' });

    expect(await deliverMessage(refusing, id)).toBe('failed');

    expect((await system.store.getMessage(id))?.status).toBe('failed');
    expect(await system.store.getMessage(`alert.${filed.case.id}.prov-ntb.L2`)).toBeDefined();
  });
});
