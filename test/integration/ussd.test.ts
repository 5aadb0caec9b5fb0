import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Context } from 'aws-lambda';
import { createTestSystem, type TestSystem } from '../support/local-deps.js';
import { handleUssdRequest, handleUssdSessionEnd } from '../../lib/ussd/handle-ussd.js';
import { createUssdHandler } from '../../lib/ussd/http.js';
import { endTexts } from '../../lib/ussd/texts.js';
import { localContext } from '../../lib/local/lambda-shim.js';
import type { HttpEvent, HttpResult } from '../../lib/http/api.js';
import type { UssdDeps } from '../../lib/ussd/handle-ussd.js';
import { Logger } from '../../lib/logger.js';
import { gsmLength } from '../../lib/domain/gsm.js';

const REPORTER = '+6281234567001';
const STRANGER = '+6281234567002';
const CALLBACK_KEY = 'test-callback-key-0123456789';

let system: TestSystem;
let sessions = 0;

beforeAll(async () => {
  system = await createTestSystem();
});
afterAll(async () => {
  await system?.drop();
});

const newSession = () => `ATUid_test_${++sessions}`;

/** Dials and presses each input in turn, as AT would: one request per screen, `text` growing. */
async function dial(phone: string, inputs: string[], sessionId = newSession(), deps: UssdDeps = system.deps) {
  const screens: string[] = [];
  for (let i = 0; i <= inputs.length; i++) {
    const answer = await handleUssdRequest(deps, { sessionId, phone, text: inputs.slice(0, i).join('*') });
    screens.push(answer.body);
  }
  return { sessionId, screens, last: screens.at(-1)! };
}

const referenceIn = (screen: string) => /\b([2-9A-Z]{3}-[2-9A-Z]{3})\b/.exec(screen)?.[1];

describe('a report by USSD', () => {
  it('is filed with the answers when the person presses 1 everywhere, and ends with the reference', async () => {
    const phone = '+6281234567101';
    const { last, screens } = await dial(phone, ['1', '1', '1', '1', '1', '1', '1', '1']);

    expect(screens.slice(0, -1).every((s) => s.startsWith('CON '))).toBe(true);
    expect(last).toMatch(/^END Laporan [2-9A-Z]{3}-[2-9A-Z]{3} diterima\./);
    const stored = await system.store.getCaseByReference(referenceIn(last)!);
    expect(stored).toMatchObject({
      channel: 'ussd', contact: phone, category: 'unpaid_wages', country: 'MY', reporterType: 'worker',
      homeRegency: '5201', smsUpdates: true, language: 'id', status: 'new', description: 'Laporan USSD: Gaji tidak dibayar',
    });
    expect(stored!.nik).toBeUndefined();
  });

  it('queues the same confirmation SMS as an SMS report', async () => {
    const { last } = await dial('+6281234567102', ['1', '1', '1', '1', '1', '1', '1', '1']);
    const stored = await system.store.getCaseByReference(referenceIn(last)!);
    const received = await system.store.getMessage(`received.${stored!.id}`);
    expect(received).toMatchObject({ audience: 'reporter', to: '+6281234567102', status: 'pending' });
    expect(received!.text).toContain(stored!.reference);
  });

  it('keeps the NIK and the wish for no SMS, and queues no SMS to the reporter', async () => {
    const phone = '+6281234567103';
    const { last } = await dial(phone, ['4', '2', '1', '3', '2', '2', '4', '5203014101900001', '2', '1']);
    expect(last).toMatch(/^END Report [2-9A-Z]{3}-[2-9A-Z]{3} received\..*No SMS will be sent\./s);
    const stored = await system.store.getCaseByReference(referenceIn(last)!);
    expect(stored).toMatchObject({
      category: 'documents_held', country: 'SA', reporterType: 'family', homeRegency: '5204',
      nik: '5203014101900001', smsUpdates: false, language: 'en',
    });
    expect(await system.store.getMessage(`received.${stored!.id}`)).toBeUndefined();
  });

  it('returns the same reference and files one case when AT retries the final request', async () => {
    const phone = '+6281234567104';
    const sessionId = newSession();
    const first = await dial(phone, ['1', '1', '1', '1', '1', '1', '1', '1'], sessionId);
    const retried = await handleUssdRequest(system.deps, { sessionId, phone, text: '1*1*1*1*1*1*1*1' });

    expect(retried.outcome).toBe('refiled');
    expect(referenceIn(retried.body)).toBe(referenceIn(first.last));
    expect(await system.store.findCasesByContact(phone)).toHaveLength(1);
  });

  it('files as many reports an hour from one phone as by SMS, then tells the person to wait and files nothing, while a retried final request still gets its reference', async () => {
    const limit = 2;
    const limited: UssdDeps = { ...system.deps, policy: { ...system.deps.policy, limits: { ...system.deps.policy.limits, newCasesPerHour: limit } } };
    const phone = '+6281234567106';
    const filed = [];
    for (let i = 0; i < limit; i++) filed.push(await dial(phone, ['1', '1', '1', '1', '1', '1', '1', '1'], newSession(), limited));
    expect(filed.map((f) => referenceIn(f.last))).toHaveLength(limit);
    const casesBefore = (await system.store.findCasesByContact(phone)).length;

    const over = await dial(phone, ['1', '1', '1', '1', '1', '1', '1', '1'], newSession(), limited);
    expect(over.last).toBe(`END ${endTexts.rateLimited('id', { hotline: system.deps.policy.hotlinePhone })}`);
    expect(await system.store.findCasesByContact(phone)).toHaveLength(casesBefore);

    const retried = await handleUssdRequest(limited, { sessionId: filed.at(-1)!.sessionId, phone, text: '1*1*1*1*1*1*1*1' });
    expect(retried.outcome).toBe('refiled');
    expect(referenceIn(retried.body)).toBe(referenceIn(filed.at(-1)!.last));
    // Another phone is not held back by this one.
    expect((await dial('+6281234567107', ['1', '1', '1', '1', '1', '1', '1', '1'], newSession(), limited)).last).toMatch(/^END Laporan [2-9A-Z]{3}-[2-9A-Z]{3} diterima\./);
  });

  it('answers 200 END with an apology and the hotline when the store fails, and files nothing', async () => {
    const phone = '+6281234567105';
    const broken: UssdDeps = {
      ...system.deps,
      cases: new Proxy(system.deps.cases, {
        get(target, name, receiver) {
          if (name === 'createCase') return async () => { throw new Error('DynamoDB unavailable'); };
          return Reflect.get(target, name, receiver) as unknown;
        },
      }),
    };
    const { last } = await dial(phone, ['1', '1', '1', '1', '1', '1', '1', '1'], newSession(), broken);
    expect(last).toBe(`END ${endTexts.failure('id', { hotline: system.deps.policy.hotlinePhone })}`);
    expect(await system.store.findCasesByContact(phone)).toHaveLength(0);
  });
});

describe('a status check by USSD', () => {
  let reference: string;

  beforeAll(async () => {
    const { last } = await dial(REPORTER, ['1', '1', '1', '1', '1', '1', '1', '1']);
    reference = referenceIn(last)!;
  });

  it('shows the status and the last update to the phone that reported', async () => {
    const typed = reference.replace('-', '').toLowerCase();
    const { last } = await dial(REPORTER, ['2', typed]);
    expect(last).toMatch(new RegExp(`^END Laporan ${reference}:\\nDiterima, menunggu petugas\\.\\nPembaruan terakhir \\d\\d/\\d\\d \\d\\d:\\d\\d WITA\\.`));
  });

  it('shows another phone exactly the answer for an unknown reference', async () => {
    const stranger = await dial(STRANGER, ['2', reference]);
    const unknown = await dial(STRANGER, ['2', 'ZZZ-999']);
    expect(stranger.last).toBe(unknown.last);
    expect(stranger.last).not.toContain(reference);
    expect(stranger.last).toMatch(/^END Kode laporan tidak ditemukan/);
  });

  it('shows the phone that reported a duplicate how the report it was merged into stands', async () => {
    const phone = '+6281234567202';
    const duplicate = referenceIn((await dial(phone, ['1', '1', '1', '1', '1', '1', '1', '1'])).last)!;
    const merge = async (reference: string, change: Record<string, unknown>) => {
      const c = (await system.store.getCaseByReference(reference))!;
      await system.stores.cases.updateCase({ case: { ...c, ...change, updatedAt: system.clock.now().toISOString() }, expectedVersion: c.version });
    };
    await merge(duplicate, { status: 'closed', mergedInto: reference });
    const { last } = await dial(phone, ['2', duplicate]);
    expect(last).toMatch(new RegExp(`^END Laporan ${duplicate} digabung ke laporan ${reference}:\\nDiterima, menunggu petugas\\.\\nPembaruan terakhir \\d\\d/\\d\\d \\d\\d:\\d\\d WITA\\.`));
    expect(gsmLength(last.slice(4))).toBeLessThanOrEqual(182);
  });

  it('tells the person to wait once the hourly limit of lookups is used up', async () => {
    const limited = { ...system.deps, policy: { ...system.deps.policy, limits: { ...system.deps.policy.limits, statusLookupsPerHour: 1 } } };
    const phone = '+6281234567201';
    await dial(phone, ['2', reference], newSession(), limited);
    const { last } = await dial(phone, ['2', reference], newSession(), limited);
    expect(last).toMatch(/^END Terlalu banyak permintaan/);
  });
});

describe('resuming a report after the session dropped', () => {
  it('saves a draft from the end-of-session notice and offers it on the next dial', async () => {
    const phone = '+6281234567301';
    const dropped = await dial(phone, ['1', '3', '2']);
    const outcome = await handleUssdSessionEnd(system.deps, { sessionId: dropped.sessionId, phone, status: 'Incomplete', input: '1*3*2' });

    expect(outcome).toBe('draft_saved');
    const { screens } = await dial(phone, []);
    expect(screens[0]).toContain('5 Lanjutkan laporan tadi');
  });

  it('continues where the session stopped and files one report with the answers of both sessions', async () => {
    const phone = '+6281234567302';
    await handleUssdSessionEnd(system.deps, { sessionId: newSession(), phone, status: 'Failed', input: '1*x*3*2' });
    const resumed = await dial(phone, ['5', '2', '4', '0', '1', '1']);

    expect(resumed.screens[1]).toContain('Siapa yang melapor?');
    const stored = await system.store.getCaseByReference(referenceIn(resumed.last)!);
    expect(stored).toMatchObject({ category: 'documents_held', country: 'SA', reporterType: 'family', homeRegency: '5204' });
    expect(await system.store.getUssdDraft(phone, system.clock.now())).toBeUndefined();
  });

  it('keeps both sessions in the draft when a resumed session drops again', async () => {
    const phone = '+6281234567303';
    await handleUssdSessionEnd(system.deps, { sessionId: newSession(), phone, status: 'Incomplete', input: '1*3' });
    await handleUssdSessionEnd(system.deps, { sessionId: newSession(), phone, status: 'Incomplete', input: '5*2*2' });

    expect(await system.store.getUssdDraft(phone, system.clock.now())).toEqual({ text: '1*3*2*2', language: 'id' });
  });

  it('saves nothing for a session that ended normally or outside a report', async () => {
    const phone = '+6281234567304';
    expect(await handleUssdSessionEnd(system.deps, { sessionId: newSession(), phone, status: 'Success', input: '1*3*2' })).toBe('nothing_to_resume');
    expect(await handleUssdSessionEnd(system.deps, { sessionId: newSession(), phone, status: 'Incomplete', input: '3*1' })).toBe('nothing_to_resume');
    expect(await system.store.getUssdDraft(phone, system.clock.now())).toBeUndefined();
  });

  it('no longer offers the draft after 30 minutes', async () => {
    const phone = '+6281234567305';
    await handleUssdSessionEnd(system.deps, { sessionId: newSession(), phone, status: 'Incomplete', input: '1*3*2' });
    system.clock.advance(31);
    const { screens } = await dial(phone, []);
    expect(screens[0]).not.toContain('Lanjutkan');
  });
});

describe('the USSD HTTP handler', () => {
  const handler = () => createUssdHandler({ deps: system.deps, callbackKey: CALLBACK_KEY }) as unknown as (event: HttpEvent, context: Context) => Promise<HttpResult>;

  function post(path: string, form: Record<string, string>, key = CALLBACK_KEY): Promise<HttpResult> {
    const event = {
      version: '2.0', routeKey: `POST ${path}`, rawPath: path, rawQueryString: `key=${key}`,
      headers: { 'content-type': 'application/x-www-form-urlencoded' }, queryStringParameters: { key },
      requestContext: { http: { method: 'POST', path } }, body: new URLSearchParams(form).toString(), isBase64Encoded: false,
    } as unknown as HttpEvent;
    return handler()(event, localContext('ussd'));
  }

  const callback = (text: string, phoneNumber = '+6281234567401') => ({ sessionId: newSession(), serviceCode: '*123#', phoneNumber, networkCode: '51010', text });

  it('answers every garbage input with 200 and a CON or END screen', async () => {
    for (const text of ['9', '1*99', 'abc', 'x'.repeat(5000), '**', '2*%$#', '1*1*1*1*1*1*1*1*1*1*1*1*1*1']) {
      const result = await post('/ussd', callback(text));
      expect(result.statusCode).toBe(200);
      expect(result.headers?.['content-type']).toMatch(/^text\/plain/);
      expect(String(result.body)).toMatch(/^(CON|END) /);
    }
  });

  it('refuses a wrong callback key with 403', async () => {
    const result = await post('/ussd', callback(''), 'wrong-key-0123456789012345');
    expect(result.statusCode).toBe(403);
  });

  it('answers a callback without a phone number or with an unreadable one with a 200 END that says what to do', async () => {
    const { phoneNumber: _phone, ...noPhone } = callback('');
    for (const form of [noPhone, { ...callback(''), phoneNumber: 'not-a-number' }]) {
      const result = await post('/ussd', form);
      expect(result.statusCode).toBe(200);
      expect(result.body).toBe(`END ${endTexts.malformed('id', { hotline: system.deps.policy.hotlinePhone })}`);
    }
  });

  it('names the real problem when the session id, service code or network code is missing or too long, not the phone number', async () => {
    const { sessionId: _session, ...noSession } = callback('');
    const cases: Array<[Record<string, string>, RegExp]> = [
      [noSession, /sessionId/],
      [{ ...callback(''), sessionId: 's'.repeat(201) }, /sessionId terlalu panjang/],
      [{ ...callback(''), serviceCode: '*'.repeat(65) }, /serviceCode terlalu panjang/],
      [{ ...callback(''), networkCode: '9'.repeat(17) }, /networkCode terlalu panjang/],
    ];
    const phoneText = endTexts.malformed('id', { hotline: system.deps.policy.hotlinePhone });
    for (const [form, problem] of cases) {
      const result = await post('/ussd', form);
      expect(result.statusCode).toBe(200);
      expect(String(result.body)).toMatch(/^END /);
      expect(String(result.body)).toMatch(problem);
      expect(String(result.body)).not.toContain(phoneText.slice(0, 25));
      expect(gsmLength(String(result.body).slice(4))).toBeLessThanOrEqual(182);
    }
  });

  it('answers an oversized body with an END that says so, logged as a client fault (WARN), not ERROR', async () => {
    // On the class: lib/logger.ts hands out whichever Logger instance the composition configured.
    const errors = vi.spyOn(Logger.prototype, 'error');
    const warnings = vi.spyOn(Logger.prototype, 'warn');
    try {
      const result = await post('/ussd', callback('1*'.repeat(20_000)));
      expect(result.statusCode).toBe(200);
      expect(String(result.body)).toMatch(/^END .*terlalu besar/);
      expect(errors).not.toHaveBeenCalled();
      expect(warnings).toHaveBeenCalled();
    } finally {
      errors.mockRestore();
      warnings.mockRestore();
    }
  });

  it('saves a draft from the end-of-session notice on /ussd/events', async () => {
    const phone = '+6281234567402';
    const result = await post('/ussd/events', { sessionId: newSession(), phoneNumber: phone, status: 'Incomplete', input: '1*2', serviceCode: '*123#' });
    expect(result.statusCode).toBe(200);
    expect(await system.store.getUssdDraft(phone, system.clock.now())).toEqual({ text: '1*2', language: 'id' });
  });

  it('refuses a malformed end-of-session notice with a 400 naming the field, as the SMS callbacks do, and saves nothing', async () => {
    const phone = '+6281234567403';
    const missing = await post('/ussd/events', { sessionId: newSession(), status: 'Incomplete', input: '1*2' });
    expect(missing.statusCode).toBe(400);
    expect(JSON.parse(String(missing.body))).toMatchObject({ error: 'VALIDATION', fields: { phoneNumber: 'Required' } });
    const badStatus = await post('/ussd/events', { sessionId: newSession(), phoneNumber: phone, status: 'Paused', input: '1*2' });
    expect(badStatus.statusCode).toBe(400);
    expect(Object.keys(JSON.parse(String(badStatus.body)).fields)).toEqual(['status']);
    expect(await system.store.getUssdDraft(phone, system.clock.now())).toBeUndefined();
  });
});
