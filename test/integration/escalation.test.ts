import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestSystem, type TestSystem } from '../support/local-deps.js';
import { fileReport, type ReportInput } from '../../lib/use-cases/file-report.js';
import { onCaseChanged } from '../../lib/use-cases/case-changed.js';
import { escalateOverdueCases } from '../../lib/use-cases/escalate-overdue-cases.js';
import { handleOfficialSms } from '../../lib/use-cases/handle-official-sms.js';
import { parseOfficialCommand } from '../../lib/officials/commands.js';
import type { Case } from '../../lib/domain/case.js';

let system: TestSystem;
beforeAll(async () => { system = await createTestSystem(); });
afterAll(async () => { await system.drop(); });

const HOUR = 60;
const DAY = 24 * HOUR;
let intake = 0;

async function report(over: Partial<ReportInput> = {}): Promise<Case> {
  const filed = await fileReport(system.deps, {
    channel: 'web', intakeKey: `esc-${++intake}-${Date.now()}`, reporterType: 'family', contact: '081234567001',
    category: 'job_fraud', homeRegency: '5203', description: 'biaya terlalu mahal', ...over,
  });
  await onCaseChanged(system.deps, undefined, filed.case);
  return filed.case;
}

const fresh = async (c: Case) => (await system.store.getCase(c.id))!;
const events = async (c: Case, type: string) => (await system.store.timeline(c.id)).filter((e) => e.type === type);
/** Officials reminded, per the timeline; each must also have its reminder SMS in the outbox. */
const remindedOfficials = async (c: Case) => {
  const reminders = await events(c, 'reminder');
  for (const e of reminders) {
    const stamp = `L${e.detail?.level}.${e.detail?.status}.${Date.parse(String(e.detail?.deadline)).toString(36)}`;
    expect(await system.store.getMessage(`reminder.${c.id}.${e.detail?.official}.${stamp}`)).toMatchObject({ audience: 'official', purpose: 'reminder', status: 'pending' });
  }
  return reminders.map((e) => e.detail?.official);
};
let seq = 0;
async function officialSays(from: string, text: string) {
  const id = `ATEsc${++seq}${Date.now()}`;
  return handleOfficialSms(system.deps, { id, from, text, receivedAt: new Date().toISOString() }, parseOfficialCommand(text)!);
}

describe('a case nobody answers', () => {
  it('reminds the regency office at half time, then climbs to the province desk and BP3MI', async () => {
    const c = await report();
    expect(await system.store.getMessage(`alert.${c.id}.kab-5203.L1`)).toBeDefined();
    expect(c.nextCheckAt).toBe(new Date(Date.parse(c.createdAt) + 36 * HOUR * 60_000).toISOString());

    await escalateOverdueCases(system.deps);
    expect(await fresh(c)).toMatchObject({ level: 1, version: 1 });

    system.clock.advance(36 * HOUR + 1);
    await escalateOverdueCases(system.deps);
    const reminded = await fresh(c);
    expect(reminded).toMatchObject({ level: 1, status: 'new' });
    expect(reminded.nextCheckAt).toBe(new Date(Date.parse(c.createdAt) + 72 * HOUR * 60_000).toISOString());
    expect(await remindedOfficials(c)).toEqual(['kab-5203']);

    system.clock.advance(36 * HOUR);
    await escalateOverdueCases(system.deps);
    const atProvince = await fresh(c);
    expect(atProvince).toMatchObject({ level: 2, status: 'new' });
    expect(Math.abs(Date.parse(atProvince.levelSince!) - system.clock.now().getTime())).toBeLessThan(60_000);
    expect(await system.store.getMessage(`alert.${c.id}.prov-ntb.L2`)).toMatchObject({ to: '+6281100005200', level: 2, purpose: 'alert' });
    // The desk reads that it is an escalation, whom it waited for and how long (issue 23, item 8).
    expect((await system.store.getMessage(`alert.${c.id}.prov-ntb.L2`))!.text).toMatch(new RegExp(`^DINAIKKAN: Lombok Timur belum menjawab dalam 3 hari\\. ${c.reference} BIASA: `));
    expect(await events(c, 'escalated')).toEqual([expect.objectContaining({ actor: 'system', detail: expect.objectContaining({ from: 1, to: 2, reason: 'not_acknowledged' }) })]);

    // The province desk gets its own 72 hours: nothing happens after only 72 hours from the report.
    system.clock.advance(35 * HOUR);
    await escalateOverdueCases(system.deps);
    expect((await fresh(c)).level).toBe(2);

    system.clock.advance(37 * HOUR + 1);
    await escalateOverdueCases(system.deps);
    expect((await fresh(c)).level).toBe(3);
    expect(await system.store.getMessage(`alert.${c.id}.bp3mi-ntb.L3`)).toMatchObject({ to: '+6281100005300', level: 3 });
    expect((await system.store.getMessage(`alert.${c.id}.bp3mi-ntb.L3`))!.text).toMatch(/^DINAIKKAN: Desk provinsi belum menjawab dalam 3 hari\. .*Balas: TERIMA [A-Z2-9-]{7} <PIN Anda>$/);
    expect((await events(c, 'escalated')).map((e) => e.detail?.to)).toEqual([2, 3]);
  });

  it('past BP3MI\'s deadline keeps reminding BP3MI once per period and never drops out of the due index', async () => {
    const c = await report({ category: 'death', homeRegency: '5201' });
    for (let i = 0; i < 2; i++) {
      system.clock.advance(HOUR + 1);
      await escalateOverdueCases(system.deps);
    }
    expect((await fresh(c)).level).toBe(3);

    system.clock.advance(HOUR + 1);
    await escalateOverdueCases(system.deps);
    await escalateOverdueCases(system.deps);
    const breached = await events(c, 'sla_breached');
    expect(breached).toEqual([expect.objectContaining({ detail: expect.objectContaining({ official: 'bp3mi-ntb', level: 3, periods: 1 }) })]);
    const after = await fresh(c);
    expect(after.level).toBe(3);
    expect(Date.parse(after.nextCheckAt!)).toBeGreaterThan(system.clock.now().getTime());

    system.clock.advance(HOUR);
    await escalateOverdueCases(system.deps);
    expect(await events(c, 'sla_breached')).toHaveLength(2);
  });

  it('urgent cases reach the province desk after one hour', async () => {
    const c = await report({ category: 'violence_abuse', homeRegency: '5208' });
    system.clock.advance(59);
    await escalateOverdueCases(system.deps);
    expect((await fresh(c)).level).toBe(1);
    system.clock.advance(2);
    await escalateOverdueCases(system.deps);
    expect((await fresh(c)).level).toBe(2);
  });
});

describe('an acknowledged case', () => {
  it('stops the acknowledge escalation: only the resolve deadline runs, reminding the official who took it', async () => {
    const c = await report({ homeRegency: '5202', category: 'unpaid_wages' });
    expect(await officialSays('+6281100005002', `TERIMA ${c.reference} 0202`)).toMatchObject({ kind: 'acknowledged' });

    system.clock.advance(25 * HOUR);
    await escalateOverdueCases(system.deps);
    expect(await fresh(c)).toMatchObject({ level: 1, status: 'acknowledged' });
    expect(await events(c, 'escalated')).toEqual([]);

    system.clock.advance(6 * DAY);
    await escalateOverdueCases(system.deps);
    expect(await remindedOfficials(c)).toEqual(['kab-5202']);

    system.clock.advance(7 * DAY);
    await escalateOverdueCases(system.deps);
    expect(await fresh(c)).toMatchObject({ level: 2, status: 'acknowledged', assignee: 'kab-5202' });
    expect(await events(c, 'escalated')).toEqual([expect.objectContaining({ detail: expect.objectContaining({ from: 1, to: 2, reason: 'not_resolved' }) })]);
    expect(await system.store.getMessage(`alert.${c.id}.prov-ntb.L2`)).toBeDefined();
  });

  it('once resolved, is never looked at again', async () => {
    const c = await report({ homeRegency: '5271' });
    await officialSays('+6281100005009', `TERIMA ${c.reference} 7171`);
    await officialSays('+6281100005009', `SELESAI ${c.reference} 7171 sudah pulang`);
    const resolved = await fresh(c);
    system.clock.advance(100 * DAY);
    await escalateOverdueCases(system.deps);
    expect(await fresh(c)).toEqual(resolved);
  });
});

describe('the due index', () => {
  it('returns only open cases whose next check has come', async () => {
    const soon = await report({ category: 'death', homeRegency: '5272' });
    const later = await report({ category: 'other', homeRegency: '5272' });
    const now = system.clock.now();
    const due = (await system.store.casesDueBy(new Date(now.getTime() + 31 * 60_000), 1000)).map((x) => x.id);
    expect(due).toContain(soon.id);
    expect(due).not.toContain(later.id);
  });

  it('lets two overlapping runs act on a case only once', async () => {
    const c = await report({ category: 'trafficking', homeRegency: '5207' });
    system.clock.advance(HOUR + 1);
    await Promise.all([escalateOverdueCases(system.deps), escalateOverdueCases(system.deps), escalateOverdueCases(system.deps)]);
    expect(await fresh(c)).toMatchObject({ level: 2 });
    expect(await events(c, 'escalated')).toHaveLength(1);
    expect((await events(c, 'alert')).filter((e) => e.detail?.level === 2)).toHaveLength(1);
  });

  it('works through more due cases than one page', async () => {
    const cases = await Promise.all([1, 2, 3, 4, 5].map(() => report({ category: 'death', homeRegency: '5206' })));
    system.clock.advance(HOUR + 1);
    const run = await escalateOverdueCases(system.deps, { limit: 2 });
    expect(run.failed).toEqual([]);
    for (const c of cases) expect((await fresh(c)).level).toBe(2);
  });
});
