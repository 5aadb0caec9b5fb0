import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestSystem, type TestSystem } from '../support/local-deps.js';
import { fileReport } from '../../lib/use-cases/file-report.js';
import { handleOfficialSms } from '../../lib/use-cases/handle-official-sms.js';
import { handleInboundSms } from '../../lib/use-cases/handle-inbound-sms.js';
import { parseOfficialCommand } from '../../lib/officials/commands.js';
import { gsmLength, isGsm7, SMS_LIMIT } from '../../lib/domain/gsm.js';
import type { Case } from '../../lib/domain/case.js';
import type { OutboundMessage } from '../../lib/domain/message.js';
import { DynamoAccessLog } from '../../lib/adapters/dynamo/access-log.js';

/**
 * Issue 12, finding 3: what the worker wrote must reach someone. The official who took the case
 * reads the report and its follow-ups by SMS (PIN-checked, paged, newest first, every read
 * recorded); the reporter's answer to TANYA reaches the official who asked, with its text. Alerts
 * and notices stay free of the text.
 */
let system: TestSystem;
beforeAll(async () => { system = await createTestSystem(); });
afterAll(async () => { await system.drop(); });

const LOTIM = { id: 'kab-5203', phone: '+6281100005003', pin: '0303' };
const PROVINCE = { id: 'prov-ntb', phone: '+6281100005200', pin: '5200' };
let reporters = 0;
let seq = 0;
const atId = () => `ATRead${++seq}${Date.now()}`;
const now = () => new Date().toISOString();

async function caseHeldByLotim(description: string): Promise<{ c: Case; reporter: string }> {
  const reporter = `+6012345${String(++reporters).padStart(4, '0')}`;
  const filed = await fileReport(system.deps, {
    channel: 'web', intakeKey: `read-${seq++}-${Date.now()}`, reporterType: 'worker', contact: reporter,
    category: 'documents_held', homeRegency: '5203', country: 'MY', description,
  });
  await official(LOTIM, `TERIMA ${filed.case.reference} ${LOTIM.pin}`);
  return { c: filed.case, reporter };
}

async function official(who: { phone: string }, text: string) {
  const id = atId();
  const outcome = await handleOfficialSms(system.deps, { id, from: who.phone, text, receivedAt: now() }, parseOfficialCommand(text)!);
  return { id, outcome };
}

async function reporterWrites(from: string, text: string) {
  const id = atId();
  await handleInboundSms(system.deps, { id, from, text, receivedAt: now() });
  system.clock.advance(1);
  return id;
}

/** The outbox messages a command queued beyond its first reply, in order. */
async function textParts(id: string): Promise<OutboundMessage[]> {
  const parts: OutboundMessage[] = [];
  for (let i = 1; i <= 10; i++) {
    const m = await system.store.getMessage(`official-reply.${id}.t${i}`);
    if (!m) break;
    parts.push(m);
  }
  return parts;
}

const events = async (c: Case, type: string) => (await system.store.timeline(c.id)).filter((e) => e.type === type);
const allPending = async () => system.store.pendingMessagesOlderThan(new Date(Date.now() + 48 * 3600_000), 10_000);

describe('the official who took a case reading it by SMS', () => {
  it('gets the report and its follow-ups with INFO, newest first, each SMS GSM-7 and at most 160 septets', async () => {
    const { c, reporter } = await caseHeldByLotim('Agen PT Maju menahan paspor saya di Johor “sejak Mei”');
    await reporterWrites(reporter, 'majikan marah lagi hari ini');
    await reporterWrites(reporter, 'saya dipindah ke Kluang 😢');

    const { id, outcome } = await official(LOTIM, `INFO ${c.reference} ${LOTIM.pin}`);

    expect(outcome).toMatchObject({ kind: 'info_sent' });
    const parts = await textParts(id);
    expect(parts.length).toBeGreaterThan(0);
    for (const p of parts) {
      expect(p).toMatchObject({ audience: 'official', to: LOTIM.phone, caseId: c.id });
      expect(isGsm7(p.text)).toBe(true);
      expect(gsmLength(p.text)).toBeLessThanOrEqual(SMS_LIMIT);
    }
    const all = parts.map((p) => p.text).join(' ');
    expect(all.indexOf('Kluang')).toBeGreaterThan(-1);
    expect(all.indexOf('Kluang')).toBeLessThan(all.indexOf('marah'));
    expect(all.indexOf('marah')).toBeLessThan(all.indexOf('paspor'));
    expect(await events(c, 'info_viewed')).toContainEqual(expect.objectContaining({
      actor: `official:${LOTIM.id}`, detail: expect.objectContaining({ textShown: true, page: 1, parts: parts.length }),
    }));
  });

  it('pages a long case: at most 3 text SMS per request, the last names the next page, and page 2 goes on from there', async () => {
    const { c, reporter } = await caseHeldByLotim(`Laporan awal. ${'gaji tidak dibayar '.repeat(20)}`.trim());
    for (let i = 1; i <= 6; i++) await reporterWrites(reporter, `tambahan nomor ${i} ${'kabar buruk '.repeat(12)}`.trim());

    const first = await official(LOTIM, `INFO ${c.reference} ${LOTIM.pin}`);
    const page1 = await textParts(first.id);
    expect(page1).toHaveLength(3);
    expect(page1.at(-1)!.text).toContain(`INFO ${c.reference} PIN 2`);
    expect(page1[0]!.text).toContain('nomor 6');

    const second = await official(LOTIM, `INFO ${c.reference} ${LOTIM.pin} 2`);
    const page2 = await textParts(second.id);
    expect(page2.length).toBeGreaterThan(0);
    expect(page2.length).toBeLessThanOrEqual(3);
    expect(page2.map((p) => p.text).join(' ')).not.toContain('nomor 6');
    // Page 2 alone: the case summary came with page 1.
    expect(await system.store.getMessage(`official-reply.${second.id}`)).toMatchObject({ to: LOTIM.phone });
    expect((await events(c, 'info_viewed')).map((e) => e.detail?.page)).toEqual([1, 2]);
  });

  it('shows no text to an official who has not taken the case, and says how to take it', async () => {
    const { c } = await caseHeldByLotim('Paspor ditahan agen di Selangor');
    const { id } = await official(PROVINCE, `INFO ${c.reference} ${PROVINCE.pin}`);
    expect(await textParts(id)).toEqual([]);
    expect((await system.store.getMessage(`official-reply.${id}`))!.text).not.toContain('Selangor');
    expect(await events(c, 'info_viewed')).toContainEqual(expect.objectContaining({ actor: `official:${PROVINCE.id}`, detail: expect.objectContaining({ textShown: false }) }));
  });
});

describe("the reporter's answer to TANYA", () => {
  it('reaches the official who asked, with its text, once; the holder gets the usual notice without text; both recorded', async () => {
    const { c, reporter } = await caseHeldByLotim('Gaji ditahan agen');
    await official(PROVINCE, `TANYA ${c.reference} ${PROVINCE.pin} Siapa nama agennya?`);

    await reporterWrites(reporter, 'Nama agennya PT Maju Jaya di Mataram');
    await reporterWrites(reporter, 'dan saya masih di asrama');

    const toProvince = (await allPending()).filter((m) => m.to === PROVINCE.phone && m.caseId === c.id && m.purpose === 'question_answer');
    expect(toProvince).toHaveLength(1);
    expect(toProvince[0]!.text).toContain(c.reference);
    expect(toProvince[0]!.text).toContain('PT Maju Jaya');
    expect(toProvince[0]!.text).not.toContain(reporter.slice(1));
    expect(gsmLength(toProvince[0]!.text)).toBeLessThanOrEqual(SMS_LIMIT);
    expect(await events(c, 'answer_relayed')).toEqual([expect.objectContaining({ detail: expect.objectContaining({ official: PROVINCE.id }) })]);

    const notices = (await allPending()).filter((m) => m.caseId === c.id && m.purpose === 'follow_up_notice');
    expect(notices.map((m) => m.to)).toContain(LOTIM.phone);
    for (const n of notices) expect(n.text).not.toMatch(/Maju|asrama/);
  });

  it('keeps every alert and notice free of what the reporter wrote', async () => {
    const { c, reporter } = await caseHeldByLotim('Majikan memukul saya di Ipoh');
    await reporterWrites(reporter, 'tolong saya takut di Ipoh');
    const toOfficials = (await allPending()).filter((m) => m.caseId === c.id && m.audience === 'official' && !/^official-reply\./.test(m.id) && m.purpose !== 'question_answer');
    expect(toOfficials.length).toBeGreaterThan(0);
    for (const m of toOfficials) expect(m.text).not.toMatch(/Ipoh|memukul|takut/);
  });
});

describe('every read of personal data by SMS is in the access log (issue 19, finding 7)', () => {
  const accessLog = () => new DynamoAccessLog(system.stores.table, system.cipher);
  const entriesFor = async (reference: string) => {
    const day = system.clock.now().toISOString().slice(0, 10);
    return (await accessLog().day(day, 1000)).entries.filter((e) => e.reference === reference);
  };

  it("logs INFO's number and text as viewed by the holder, page by page, like a console page; a reply without them logs nothing", async () => {
    const { c } = await caseHeldByLotim('Paspor saya ditahan agen di Johor sejak Mei');
    const before = await entriesFor(c.reference);
    await official(LOTIM, `INFO ${c.reference} ${LOTIM.pin}`);
    await official(LOTIM, `INFO ${c.reference} ${LOTIM.pin} 2`);
    await official(PROVINCE, `INFO ${c.reference} ${PROVINCE.pin}`);
    const logged = (await entriesFor(c.reference)).filter((e) => !before.includes(e));
    expect(logged).toHaveLength(1);
    expect(logged[0]).toMatchObject({ officialId: LOTIM.id, action: 'viewed', reference: c.reference });
    expect([...logged[0]!.fields].sort()).toEqual(['contact', 'text']);
  });

  it('logs INFO on a case of another regency as denied, as the console does', async () => {
    const filed = await fileReport(system.deps, {
      channel: 'web', intakeKey: `read-denied-${Date.now()}`, reporterType: 'worker', contact: '+60123459999',
      category: 'documents_held', homeRegency: '5201', country: 'MY', description: 'Paspor ditahan agen',
    });
    const { outcome } = await official(LOTIM, `INFO ${filed.case.reference} ${LOTIM.pin}`);
    expect(outcome).toMatchObject({ kind: 'refused', reason: 'not_covered' });
    expect(await entriesFor(filed.case.reference)).toEqual([expect.objectContaining({ officialId: LOTIM.id, action: 'denied', fields: [] })]);
  });
});
