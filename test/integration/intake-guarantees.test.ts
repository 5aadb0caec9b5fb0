import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomBytes } from 'node:crypto';
import { createTestSystem, type TestSystem } from '../support/local-deps.js';
import { handleInboundSms, type InboundOutcome } from '../../lib/use-cases/handle-inbound-sms.js';
import { handleOfficialSms } from '../../lib/use-cases/handle-official-sms.js';
import { handleUssdRequest } from '../../lib/ussd/handle-ussd.js';
import { submitReport, type WebReportInput } from '../../lib/web/submit-report.js';
import { fileReport } from '../../lib/use-cases/file-report.js';
import { deliverMessage } from '../../lib/use-cases/deliver-message.js';
import { checkStatus } from '../../lib/use-cases/check-status.js';
import { onCaseChanged } from '../../lib/use-cases/case-changed.js';
import { parseOfficialCommand } from '../../lib/officials/commands.js';
import { ClientError } from '../../lib/domain/errors.js';
import { keys } from '../../lib/adapters/dynamo/keys.js';
import type { MetricName } from '../../lib/metrics.js';

/**
 * What issue 12 found broken at intake and in the store, each as the attacker or the hurried
 * reporter did it: these held nothing before the reporter item and the keyed intake.
 */
let system: TestSystem;
const metrics: Array<{ name: MetricName; value: number }> = [];

beforeAll(async () => {
  system = await createTestSystem({
    policy: { limits: { newCasesPerHour: 5, inboundPerHour: 4, statusLookupsPerHour: 10, webReportsPerHour: 3, confirmationsPerNumberPerDay: 2, reporterSmsPerHour: 1000 } },
  });
  system.deps.metrics = { count: (name, value = 1) => { metrics.push({ name, value }); } };
});
afterAll(async () => { await system.drop(); });

let phoneSeq = 0;
const freshPhone = () => `+62813${String(40_000_000 + ++phoneSeq).slice(-8)}`;
const atId = () => `ATXid_${randomBytes(5).toString('hex')}`;
const sms = (from: string, text: string, id = atId()) => handleInboundSms(system.deps, { id, from, text, receivedAt: system.clock.now().toISOString() });
const token = () => randomBytes(12).toString('base64url');
const webReport = (over: Partial<WebReportInput> = {}): WebReportInput => ({
  reporterType: 'family', contact: freshPhone(), category: 'documents_held', country: 'SA', homeRegency: '5202',
  description: 'Paspor ditahan majikan sejak Januari.', consent: true, token: token(), ...over,
});
const smsTo = async (phone: string) => {
  const cases = await system.store.findCasesByContact(phone, 50);
  const messages = await Promise.all(cases.map((c) => system.store.getMessage(`received.${c.id}`)));
  return messages.filter((m) => m !== undefined);
};

describe('the wrong-PIN lock under concurrency (finding 4)', () => {
  it('checks at most five wrong PINs however many arrive at once, and then refuses even the right PIN', async () => {
    const filed = await fileReport(system.deps, {
      channel: 'web', intakeKey: token(), reporterType: 'worker', contact: freshPhone(), category: 'job_fraud', homeRegency: '5206', description: 'agen menipu',
    });
    await onCaseChanged(system.deps, undefined, filed.case);
    const bima = { phone: '+6281100005006', pin: '0606' };
    const send = (text: string) => {
      const id = atId();
      return handleOfficialSms(system.deps, { id, from: bima.phone, text, receivedAt: system.clock.now().toISOString() }, parseOfficialCommand(text)!);
    };
    const outcomes = await Promise.all(Array.from({ length: 30 }, (_, i) => send(`TERIMA ${filed.case.reference} ${String(1000 + i)}`)));

    const checkedWrong = outcomes.filter((o) => o.kind === 'refused' && o.reason === 'wrong_pin');
    expect(checkedWrong.length).toBeLessThanOrEqual(5);
    expect(await system.store.getOfficialByPhone(bima.phone)).toMatchObject({ locked: true });
    expect(await send(`TERIMA ${filed.case.reference} ${bima.pin}`)).toEqual({ kind: 'refused', reason: 'locked' });
  });
});

describe('a reused web token (finding 6)', () => {
  it('answers the same reference for the same content, and 409 naming the token for different content', async () => {
    const first = webReport();
    const a = await submitReport(system.deps, first, { ip: '203.0.113.60' });
    const again = await submitReport(system.deps, { ...first }, { ip: '203.0.113.61' });
    expect(again).toMatchObject({ kind: 'filed', reference: (a as { reference: string }).reference, created: false });

    const error = await submitReport(system.deps, { ...first, category: 'trafficking', description: 'Dijual ke agen lain, tolong segera.' }, { ip: '203.0.113.62' })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ClientError);
    expect((error as ClientError).status).toBe(409);
    expect((error as ClientError).message).toMatch(/token/i);
  });
});

describe('duplicates and limits (finding 7)', () => {
  it('counts one SMS delivered many times by the gateway once against the inbound limit', async () => {
    const phone = freshPhone();
    const id = atId();
    for (let i = 0; i < 6; i++) await sms(phone, 'LAPOR gaji tidak dibayar tiga bulan', id);
    expect(await sms(phone, 'STATUS')).toMatchObject({ kind: 'status_answered' });
  });

  it('counts one web form posted many times once against the source limit', async () => {
    const ip = '203.0.113.70';
    const same = webReport();
    for (let i = 0; i < 5; i++) expect(await submitReport(system.deps, same, { ip })).toMatchObject({ kind: 'filed' });
    expect(await submitReport(system.deps, webReport(), { ip })).toMatchObject({ kind: 'filed', created: true });
  });
});

describe('several LAPOR from one phone within seconds (finding 8)', () => {
  it('files one case and treats the others as the probable same problem, as it does one after another', async () => {
    const phone = freshPhone();
    const texts = ['LAPOR gaji tidak dibayar', 'LAPOR paspor ditahan', 'LAPOR tidak boleh pulang', 'LAPOR dipukul majikan'];
    const outcomes: InboundOutcome[] = await Promise.all(texts.map((t) => sms(phone, t)));
    expect(outcomes.filter((o) => o.kind === 'case_filed')).toHaveLength(1);
    expect(outcomes.filter((o) => o.kind === 'follow_up' && o.askedNewProblem)).toHaveLength(3);
    expect(await system.store.findCasesByContact(phone)).toHaveLength(1);
  });
});

describe('intake keys of another phone (finding 9)', () => {
  it('files the second phone its own SMS report when the gateway id repeats', async () => {
    const id = atId();
    const [a, b] = [freshPhone(), freshPhone()];
    const first = await sms(a, 'LAPOR gaji tidak dibayar', id);
    const second = await sms(b, 'LAPOR paspor ditahan agen', id);
    expect(second).toMatchObject({ kind: 'case_filed', created: true });
    expect((second as { reference: string }).reference).not.toBe((first as { reference: string }).reference);
    expect(await system.store.findCasesByContact(b)).toHaveLength(1);
  });

  it('files the second phone its own USSD report when the session id repeats', async () => {
    const sessionId = `ATUid_${randomBytes(4).toString('hex')}`;
    const dial = (phone: string) => handleUssdRequest(system.deps, { sessionId, phone, text: '1*1*1*1*1*1*1*1' });
    const [a, b] = [freshPhone(), freshPhone()];
    const first = await dial(a);
    const second = await dial(b);
    expect(second.outcome).toBe('filed');
    expect(second.reference).not.toBe(first.reference);
  });
});

describe('BERHENTI and a new report (finding 10)', () => {
  it('still tells the reporter the new reference, and sends no unsolicited update afterwards', async () => {
    const phone = freshPhone();
    await sms(phone, 'BERHENTI');
    const filed = await sms(phone, 'LAPOR gaji tidak dibayar');
    expect(filed).toMatchObject({ kind: 'case_filed', created: true });
    const [c] = await system.store.findCasesByContact(phone);
    expect(c!.smsUpdates).toBe(false);
    const received = await system.store.getMessage(`received.${c!.id}`);
    expect(received?.text).toContain(c!.reference);
  });
});

describe('the web form as an SMS pump (finding 1)', () => {
  it('files every report but sends one stranger at most the daily number of confirmations, across tokens and sources', async () => {
    const stranger = freshPhone();
    const outcomes = [];
    for (let i = 0; i < 6; i++) outcomes.push(await submitReport(system.deps, webReport({ contact: stranger }), { ip: `203.0.113.${100 + i}` }));
    expect(outcomes.every((o) => o.kind === 'filed' && o.created)).toBe(true);
    expect(await system.store.findCasesByContact(stranger, 50)).toHaveLength(6);
    expect(await smsTo(stranger)).toHaveLength(2);
  });

  it('keeps a number\'s item bounded however many forms name it, and still answers STATUS about its oldest report', async () => {
    const named = freshPhone();
    const filed = [];
    for (let i = 0; i < 53; i++) {
      filed.push(await fileReport(system.deps, {
        channel: 'web', intakeKey: token(), reporterType: 'family', contact: named, category: 'other', description: `laporan nomor ${i}`, smsUpdates: false,
      }));
    }
    const raw = await system.stores.table.get(keys.reporter(system.cipher.lookupHash(named)), true);
    expect(Object.keys(raw!).filter((k) => k.startsWith('ref_')).length).toBeLessThanOrEqual(50);
    const oldest = await checkStatus(system.deps, { phone: named, reference: filed[0]!.case.reference });
    expect(oldest).toMatchObject({ found: true, case: { id: filed[0]!.case.id } });
  }, 120_000);

  it('pauses confirmations to numbers that never wrote once reporter SMS pass the hourly rate, and tells operators', async () => {
    const guarded = await createTestSystem({ policy: { limits: { newCasesPerHour: 5, inboundPerHour: 30, statusLookupsPerHour: 10, webReportsPerHour: 20, confirmationsPerNumberPerDay: 3, reporterSmsPerHour: 2 } } });
    const seen: MetricName[] = [];
    guarded.deps.metrics = { count: (name) => { seen.push(name); } };
    try {
      const writer = freshPhone();
      for (const text of ['LAPOR gaji tidak dibayar', 'INFO', 'BANTUAN']) {
        await handleInboundSms(guarded.deps, { id: atId(), from: writer, text, receivedAt: guarded.clock.now().toISOString() });
      }
      const queued = await guarded.store.pendingMessagesOlderThan(new Date(guarded.clock.now().getTime() + 60_000), 50);
      for (const m of queued) await deliverMessage(guarded.deps, m.id);

      const stranger = freshPhone();
      const filed = await submitReport(guarded.deps, webReport({ contact: stranger }), { ip: '203.0.113.200' });
      const c = await guarded.store.getCaseByReference((filed as { reference: string }).reference);
      expect(c).toBeDefined();
      expect(await guarded.store.getMessage(`received.${c!.id}`)).toBeUndefined();
      expect(seen).toContain('SpendGuardTripped');

      // Someone who wrote to the hotline still hears back.
      const own = await submitReport(guarded.deps, webReport({ contact: writer }), { ip: '203.0.113.201' });
      const ownCase = await guarded.store.getCaseByReference((own as { reference: string }).reference);
      expect(await guarded.store.getMessage(`received.${ownCase!.id}`)).toBeDefined();
    } finally {
      await guarded.drop();
    }
  });

  it('sends confirmations up to the hourly rate of reporter SMS exactly, and pauses the first one past it', async () => {
    // Issue 24 gap 4: the test above overshoots (3 SMS against 2), so letting one more through passed.
    const guarded = await createTestSystem({ policy: { limits: { newCasesPerHour: 5, inboundPerHour: 30, statusLookupsPerHour: 10, webReportsPerHour: 20, confirmationsPerNumberPerDay: 3, reporterSmsPerHour: 2 } } });
    const seen: MetricName[] = [];
    guarded.deps.metrics = { count: (name) => { seen.push(name); } };
    try {
      const confirmationOf = async (n: number) => {
        const filed = await submitReport(guarded.deps, webReport({ contact: freshPhone() }), { ip: `203.0.113.${210 + n}` });
        const c = await guarded.store.getCaseByReference((filed as { reference: string }).reference);
        return guarded.store.getMessage(`received.${c!.id}`);
      };
      for (const n of [1, 2]) {
        const confirmation = await confirmationOf(n);
        expect(confirmation, `confirmation ${n} of 2 this hour`).toBeDefined();
        expect(await deliverMessage(guarded.deps, confirmation!.id)).toBe('sent');
      }
      expect(seen).not.toContain('SpendGuardTripped');

      expect(await confirmationOf(3), 'the third SMS of the hour').toBeUndefined();
      expect(seen).toContain('SpendGuardTripped');
    } finally {
      await guarded.drop();
    }
  });
});
