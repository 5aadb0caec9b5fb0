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
