import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { randomBytes } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Context } from 'aws-lambda';
import type { HttpEvent, HttpResult } from '../../lib/http/api.js';
import { createTestSystem, type TestSystem } from '../support/local-deps.js';
import type { StoreView } from '../support/store-view.js';

/**
 * The SMS Lambda handler itself, made by the same factory as functions/sms-inbound.ts
 * (lib/sms/http.ts), on the local composition over this file's table.
 */
let sys: TestSystem;
let handler: (event: HttpEvent, context: Context) => Promise<HttpResult>;
let callbackKey: string;
/** A fresh Lambda context per invocation, as Lambda gives (middy times out on the remaining time). */
let newContext: () => Context;
let failing = false;
/** The store the handler writes through. */
let store: Pick<StoreView, 'findCasesByContact' | 'timeline' | 'getMessage'>;

beforeAll(async () => {
  sys = await createTestSystem();
  const { localContext } = await import('../../lib/local/lambda-shim.js');
  handler = sys.handlers.smsInbound as unknown as typeof handler;
  callbackKey = sys.callbackKey;
  store = sys.store;
  newContext = () => localContext('sms-inbound');
  const db = sys.stores.db;
  db.middlewareStack.add((next) => async (args) => {
    if (failing) throw Object.assign(new Error('injected DynamoDB fault'), { name: 'InternalServerError' });
    return next(args);
  }, { step: 'initialize', name: 'faultInjection' });
});
afterAll(async () => { await sys.drop(); });

const smsEvent = (form: Record<string, string>): HttpEvent => ({
  version: '2.0', routeKey: 'POST /sms', rawPath: '/sms', rawQueryString: `key=${encodeURIComponent(callbackKey)}`,
  headers: { 'content-type': 'application/x-www-form-urlencoded' }, queryStringParameters: { key: callbackKey },
  requestContext: {
    accountId: 'test', apiId: 'test', domainName: 'localhost', domainPrefix: 'localhost',
    http: { method: 'POST', path: '/sms', protocol: 'HTTP/1.1', sourceIp: '127.0.0.1', userAgent: 'test' },
    requestId: randomBytes(8).toString('hex'), routeKey: 'POST /sms', stage: '$default', time: '', timeEpoch: Date.now(),
  },
  body: new URLSearchParams(form).toString(), isBase64Encoded: false,
});

describe('a reporter writing like an official', () => {
  it('adds "TANYA <own reference> <question>" to the reporter\'s case as a follow-up instead of refusing it as a command', async () => {
    const phone = '+6281399911177';
    const lapor = { from: phone, to: '1708', text: 'LAPOR gaji tidak dibayar', date: '2026-11-20 06:04:45', id: `ATXid_${randomBytes(4).toString('hex')}` };
    expect((await handler(smsEvent(lapor), newContext())).statusCode).toBe(200);
    const [filed] = (await store.findCasesByContact(phone)) as Array<{ id: string; reference: string }>;

    const question = { ...lapor, text: `TANYA ${filed!.reference} kapan gaji dibayar?`, id: `ATXid_${randomBytes(4).toString('hex')}` };
    expect((await handler(smsEvent(question), newContext())).statusCode).toBe(200);

    const timeline = await store.timeline(filed!.id);
    expect(timeline.map((e) => e.type)).toContain('follow_up');
    expect(timeline.map((e) => e.type)).not.toContain('official_command_refused');
    expect(await store.getMessage(`official-reply.${question.id}`)).toBeUndefined();
  });
});

describe('the SMS callback while DynamoDB fails', () => {
  it('answers 5xx without detail, so AT delivers again, and files the report once DynamoDB is back', async () => {
    const form = { from: '+6281399911122', to: '1708', text: 'LAPOR gaji tidak dibayar dan disekap calo', date: '2026-11-20 06:04:45', id: `ATXid_${randomBytes(4).toString('hex')}` };

    failing = true;
    let refused: HttpResult;
    try {
      refused = await handler(smsEvent(form), newContext());
    } finally {
      failing = false;
    }
    expect(refused.statusCode).toBeGreaterThanOrEqual(500);
    expect(refused.body).not.toMatch(/injected|DynamoDB|gaji|\+62/);
    expect(await store.findCasesByContact(form.from)).toHaveLength(0);

    const retried = await handler(smsEvent(form), newContext());
    const again = await handler(smsEvent(form), newContext());
    expect([retried.statusCode, again.statusCode]).toEqual([200, 200]);
    const cases = await store.findCasesByContact(form.from);
    expect(cases).toHaveLength(1);
  });

  it('has its structured log lines captured for the privacy scan of the run', () => {
    const dir = inject('privacyLogDir');
    expect(dir && existsSync(dir)).toBeTruthy();
    const captured = readdirSync(dir).map((f) => readFileSync(join(dir, f), 'utf8')).join('\n');
    expect(captured).toMatch(/"level":"ERROR".*"request failed"|"request failed".*"level":"ERROR"/);
  });
});

describe("a reporter's words that start like an official's command", () => {
  const atId = () => `ATXid_${randomBytes(5).toString('hex')}`;
  const sms = (from: string, text: string) => ({ from, to: '1708', text, date: '2026-11-20 06:04:45', id: atId() });
  const deliver = async (form: ReturnType<typeof sms>) => {
    expect((await handler(smsEvent(form), newContext())).statusCode).toBe(200);
    return form.id;
  };
  const officialsFormat = /TERIMA <kode>|Perintah tidak dapat diproses/;
  const replyTo = async (id: string) => (await store.getMessage(`reply.${id}`)) as { text: string } | undefined;

  async function reporterWithCase(phone: string) {
    await deliver(sms(phone, 'LAPOR gaji tidak dibayar 3 bulan'));
    const [filed] = (await store.findCasesByContact(phone)) as Array<{ id: string; reference: string }>;
    return filed!;
  }

  it('"Tanya status laporan saya" is a status request: the reporter gets the status, not the officials\' command format', async () => {
    const phone = '+6281399911201';
    const filed = await reporterWithCase(phone);
    const id = await deliver(sms(phone, 'Tanya status laporan saya'));

    expect(await store.getMessage(`official-reply.${id}`)).toBeUndefined();
    const reply = await replyTo(id);
    expect(reply?.text).toContain(filed.reference);
    expect(reply?.text).not.toMatch(officialsFormat);
    expect((await store.timeline(filed.id)).map((e) => e.type)).not.toContain('official_command_refused');
  });

  it('"tanya apa aja yg hrs sy siapkan" and "terima kasih" are added to the open case, never refused', async () => {
    const phone = '+6281399911202';
    const filed = await reporterWithCase(phone);
    const ids = [await deliver(sms(phone, 'tanya apa aja yg hrs sy siapkan')), await deliver(sms(phone, 'terima kasih'))];

    const timeline = await store.timeline(filed.id);
    expect(timeline.filter((e) => e.type === 'follow_up')).toHaveLength(2);
    expect(timeline.map((e) => e.type)).not.toContain('official_command_refused');
    for (const id of ids) {
      expect(await store.getMessage(`official-reply.${id}`)).toBeUndefined();
      expect((await replyTo(id))?.text ?? '').not.toMatch(officialsFormat);
    }
  });

  it('"selesai kerja gaji belum dibayar" from a number with no case is filed as a report and answered with its reference', async () => {
    const phone = '+6281399911203';
    const id = await deliver(sms(phone, 'selesai kerja gaji belum dibayar'));

    const [filed] = (await store.findCasesByContact(phone)) as Array<{ id: string; reference: string }>;
    expect(filed).toBeDefined();
    expect(((await store.getMessage(`received.${filed!.id}`)) as { text: string } | undefined)?.text).toContain(filed!.reference);
    expect(await store.getMessage(`official-reply.${id}`)).toBeUndefined();
  });

  it('a command with a PIN from a number that is not a registered official gets no officials\' text, whatever the reference', async () => {
    const phone = '+6281399911204';
    const victim = await reporterWithCase('+6281399911205');
    for (const text of [`TERIMA ${victim.reference} 1234`, 'SELESAI ABC-234 0303 beres', `INFO ${victim.reference} 5200`, 'ACK STA-TUS 1111']) {
      const id = await deliver(sms(phone, text));
      expect(await store.getMessage(`official-reply.${id}`), text).toBeUndefined();
      expect((await replyTo(id))?.text ?? '', text).not.toMatch(officialsFormat);
    }
    expect((await store.timeline(victim.id)).map((e) => e.type)).not.toContain('acknowledged');
  });
});

describe('BUKA through the SMS callback', () => {
  it('lets the province desk unlock a locked regency official from its own phone, and leaves a reporter\'s "BUKA" to the reporter\'s side', async () => {
    const official = { id: 'kab-5208', phone: '+6281100005008' };
    const directory = sys.stores.directory;
    const before = (await directory.getOfficialByPhone(official.phone))!;
    await directory.putOfficial({ ...before, locked: true, failedPins: 5 });
    const form = (from: string, text: string) => ({ from, to: '1708', text, date: '2026-11-20 06:04:45', id: `ATXid_${randomBytes(5).toString('hex')}` });

    expect((await handler(smsEvent(form('+60123459999', `BUKA ${official.id} 5200`)), newContext())).statusCode).toBe(200);
    expect(await directory.getOfficialByPhone(official.phone)).toMatchObject({ locked: true });

    const unlock = form('+6281100005200', `BUKA ${official.id} 5200`);
    expect((await handler(smsEvent(unlock), newContext())).statusCode).toBe(200);
    expect(await directory.getOfficialByPhone(official.phone)).toMatchObject({ locked: false, failedPins: 0 });
    expect(await store.getMessage(`official-reply.${unlock.id}`)).toBeDefined();
  });
});
