import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Case } from '../../lib/domain/case.js';
import { fileReport, type ReportInput } from '../../lib/use-cases/file-report.js';
import { handleInboundSms } from '../../lib/use-cases/handle-inbound-sms.js';
import { handleOfficialSms } from '../../lib/use-cases/handle-official-sms.js';
import { parseOfficialCommand } from '../../lib/officials/commands.js';
import { PAGE_SIZE } from '../../lib/use-cases/console/queue.js';
import { eachReadAlone, type QueueFilterExpr, type QueueRead } from '../../lib/use-cases/console/case-pages-port.js';
import { recordAgentName } from '../../lib/figures/record-agent.js';
import { ConsoleClient, createConsoleTestSystem, type ConsoleTestSystem } from '../support/console.js';
import { DynamoCaseReader } from '../../lib/adapters/dynamo/case-pages.js';
import { localDynamoClient } from '../../lib/adapters/dynamo/local-client.js';
import { DynamoStores } from '../../lib/adapters/dynamo/stores.js';

/** Who sees what, the access log, the queue and the actions of the console, on DynamoDB Local. */
let system: ConsoleTestSystem;
let desk: ConsoleClient;
let lombokBarat: ConsoleClient;
let lombokTimur: ConsoleClient;
let bp3mi: ConsoleClient;

beforeAll(async () => {
  system = await createConsoleTestSystem();
  desk = new ConsoleClient(system, '192.0.2.1');
  lombokBarat = new ConsoleClient(system, '192.0.2.2');
  lombokTimur = new ConsoleClient(system, '192.0.2.3');
  bp3mi = new ConsoleClient(system, '192.0.2.4');
  await signInAll();
});

/** After the clock jumps past the idle limit every session is over: sign in again. */
async function signInAll(): Promise<void> {
  await desk.signIn('+6281100005200', '5200');
  await lombokBarat.signIn('+6281100005001', '0101');
  await lombokTimur.signIn('+6281100005003', '0303');
  await bp3mi.signIn('+6281100005300', '5300');
}
afterAll(async () => { await system.drop(); });

let intake = 0;
async function file(over: Partial<ReportInput> = {}): Promise<Case> {
  const filed = await fileReport(system.deps, {
    channel: 'web', intakeKey: `web:console-${++intake}`, reporterType: 'family', contact: `+6281298700${String(intake).padStart(3, '0')}`,
    category: 'unpaid_wages', homeRegency: '5203', country: 'MY', description: `Gaji belum dibayar, laporan ${intake}.`,
    nik: '5203014107900001', workerName: 'Siti Aminah', ...over,
  });
  return filed.case;
}

interface FormState { csrf: string; version: string; seen: string; token: string; html: string; status: number }
async function open(client: ConsoleClient, reference: string): Promise<FormState> {
  const res = await client.get(`/console/cases/${reference}`);
  const html = await res.text();
  const hidden = (name: string) => new RegExp(`name="${name}" value="([^"]*)"`).exec(html)?.[1] ?? '';
  return { csrf: hidden('csrf'), version: hidden('version'), seen: hidden('seen'), token: hidden('token'), html, status: res.status };
}
async function act(client: ConsoleClient, reference: string, action: string, fields: Record<string, string> = {}, state?: FormState) {
  const s = state ?? await open(client, reference);
  return client.post(`/console/cases/${reference}/${action}`, { csrf: s.csrf, version: s.version, seen: s.seen, ...(action === 'message' ? { token: s.token } : {}), ...fields });
}
const current = async (c: Case) => (await system.store.getCase(c.id))!;
const accessToday = async () => (await system.console.accessLog.day(system.clock.now().toISOString().slice(0, 10), 500)).entries;

describe('who sees what', () => {
  it('lets a Lombok Barat officer open their regency cases, and answers a Lombok Timur case exactly as one that does not exist, recording the attempt', async () => {
    const own = await file({ homeRegency: '5201' });
    const other = await file({ homeRegency: '5203' });
    expect((await open(lombokBarat, own.reference)).status).toBe(200);
    const denied = await lombokBarat.get(`/console/cases/${other.reference}`);
    const missing = await lombokBarat.get('/console/cases/ZZZ-ZZZ');
    expect(denied.status).toBe(404);
    expect(missing.status).toBe(404);
    // Byte for byte the same page, apart from the reference asked for (in the language switch link).
    expect((await denied.text()).replaceAll(other.reference, 'REF')).toBe((await missing.text()).replaceAll('ZZZ-ZZZ', 'REF'));
    const log = await accessToday();
    expect(log.some((e) => e.action === 'denied' && e.officialId === 'kab-5201' && e.reference === other.reference)).toBe(true);
    // The province desk and BP3MI see every case.
    expect((await open(desk, other.reference)).status).toBe(200);
    expect((await open(bp3mi, own.reference)).status).toBe(200);
  });

  it("shows the reporter's number only to the official who took the case, and the NIK masked until revealed with a reason", async () => {
    const c = await file({ contact: '+6281298711111' });
    const before = await open(lombokTimur, c.reference);
    expect(before.html).not.toContain('6281298711111');
    expect(before.html).toContain('5203********0001');
    expect(before.html).not.toContain('5203014107900001');
    expect((await act(lombokTimur, c.reference, 'take')).status).toBe(303);
    const taken = await open(lombokTimur, c.reference);
    expect(taken.html).toContain('+6281298711111');
    expect((await open(desk, c.reference)).html).not.toContain('6281298711111');

    const noReason = await lombokTimur.post(`/console/cases/${c.reference}/nik`, { csrf: taken.csrf, reason: '' });
    expect(noReason.status).toBe(400);
    expect(await noReason.text()).not.toContain('5203014107900001');
    const revealed = await lombokTimur.post(`/console/cases/${c.reference}/nik`, { csrf: taken.csrf, reason: 'Cocokkan dengan paspor' });
    expect(await revealed.text()).toContain('5203014107900001');
    const entry = (await accessToday()).find((e) => e.action === 'nik_revealed' && e.reference === c.reference);
    expect(entry).toMatchObject({ officialId: 'kab-5203', reason: 'Cocokkan dengan paspor' });
    expect(entry?.fields).toContain('nik');
  });

  it('records every view of personal data with who, when, what and which case; the desk can read the log, a regency officer cannot', async () => {
    const c = await file();
    await open(desk, c.reference);
    const entry = (await accessToday()).find((e) => e.reference === c.reference && e.officialId === 'prov-ntb');
    expect(entry).toMatchObject({ action: 'viewed', fields: ['text', 'worker_name'] });
    expect(entry!.at).toBe(entry!.at.slice(0, 24));
    const page = await desk.get('/console/access-log');
    expect(page.status).toBe(200);
    expect(await page.text()).toContain(c.reference);
    expect((await lombokBarat.get('/console/access-log')).status).toBe(403);
  });
});

describe('the queue', () => {
  it('lists urgent cases first, then the nearest deadline, with counts per tab, through index queries only', async () => {
    const normal = await file({ homeRegency: '5204', category: 'other' });
    const urgent = await file({ homeRegency: '5204', category: 'trafficking' });
    system.commands.length = 0;
    const res = await desk.get('/console?tab=unassigned&regency=5204');
    const html = await res.text();
    expect(res.status).toBe(200);
    expect(html.indexOf(urgent.reference)).toBeGreaterThan(-1);
    expect(html.indexOf(urgent.reference)).toBeLessThan(html.indexOf(normal.reference));
    // The regency filter is on, so the count says it is filtered (issue 23 item 7).
    expect(html).toMatch(/id="tab-unassigned"[^>]*>[^<]*\(2 tersaring\)/);
    const queries = system.commands.filter((c) => c === 'QueryCommand' || c === 'ScanCommand');
    expect(queries.length).toBeGreaterThan(0);
    expect(system.commands).not.toContain('ScanCommand');
  });

  it('pages through more cases than a page holds, showing each exactly once, and a regency officer sees only their regency', async () => {
    const filed = [];
    for (let i = 0; i < PAGE_SIZE + 5; i++) filed.push(await file({ homeRegency: '5208', category: i % 3 === 0 ? 'death' : 'lost_contact' }));
    const seen: string[] = [];
    let path: string | undefined = '/console?tab=all&regency=5208';
    while (path) {
      const html = await (await desk.get(path)).text();
      seen.push(...[...html.matchAll(/class="ref" href="\/console\/cases\/([^"]+)"/g)].map((m) => m[1]!));
      const next = /href="([^"]+)" id="next-page"/.exec(html)?.[1]?.replace(/&amp;/g, '&');
      path = next;
    }
    expect(seen.sort()).toEqual(filed.map((c) => c.reference).sort());
    const barat = await (await lombokBarat.get('/console?tab=all')).text();
    expect(barat).not.toContain(filed[0]!.reference);
  });

  it('counts a slice from the read of its first page exactly as a count of its own does, filtered or not, capped or not', async () => {
    for (const category of ['death', 'death', 'lost_contact'] as const) await file({ homeRegency: '5207', category });
    const pages = system.console.casePages;
    const slice = { status: 'new' as const, of: { regency: '5207' } };
    for (const filter of [{}, { category: 'death' as const }, { unassignedOnly: true }, { category: 'other' as const }]) {
      for (const [limit, cap] of [[PAGE_SIZE, 100], [1, 2], [1, 1]] as const) {
        const read = await pages.queueRows(slice, filter, limit, undefined, cap);
        expect(read.count, JSON.stringify({ filter, limit, cap })).toEqual(await pages.count(slice, filter, cap));
        // The page itself is what it was without counting.
        expect(read.rows).toEqual((await pages.queueRows(slice, filter, limit)).rows);
      }
    }
    // A page after a cursor is not a count of the slice: none is given.
    const first = await pages.queueRows(slice, {}, 1);
    expect((await pages.queueRows(slice, {}, 1, first.rows[0]!.sortKey, 100)).count).toBeUndefined();
  });

  it('reads a queue page of the desk with one Query per status partition its tab starts from, one per other overdue range, one per own-case partition', async () => {
    for (const path of ['/console', '/console?tab=all&category=death', '/console?tab=overdue&channel=web']) {
      system.commands.length = 0;
      expect((await desk.get(path)).status).toBe(200);
      // all new + all acknowledged (each read once for the page, the counts and the urgent overdue range),
      // the high and normal overdue ranges of both, my new + my acknowledged, the directory, my unread marks: 10 (was 13).
      expect(system.commands.filter((c) => c === 'QueryCommand'), path).toHaveLength(10);
    }
  });

  it("answers a page's reads of one partition from one Query, each exactly as the read made alone, at every window edge", async () => {
    // Bima (5206) holds only these cases: 4 urgent and 3 normal ones, a minute apart, two of them taken.
    const filed: Case[] = [];
    for (const category of ['trafficking', 'other', 'death', 'lost_contact', 'trafficking', 'death', 'other'] as const) {
      filed.push(await file({ homeRegency: '5206', category }));
      system.clock.advance(1);
    }
    await signInAll();
    for (const c of [filed[0]!, filed[3]!]) expect((await act(desk, c.reference, 'take')).status).toBe(303);
    const pages = system.console.casePages;
    const at = (c: Case) => c.createdAt;
    // Overdue bounds before every case, between them, on one exactly, and after every case.
    const bounds = ['2000-01-01T00:00:00.000Z', at(filed[2]!), `${at(filed[4]!).slice(0, 23)}1Z`, '2999-01-01T00:00:00.000Z'];
    const filters: QueueFilterExpr[] = [
      {}, { unassignedOnly: true }, { category: 'death' }, { categories: ['death', 'other'] }, { channel: 'web', level: 1 },
      { level: 2 }, { from: at(filed[1]!), to: at(filed[5]!) }, { regency: '5206', unassignedOnly: true },
    ];
    for (const status of ['new', 'acknowledged'] as const) {
      const slice = { status, of: { regency: '5206' } };
      const overdue = (urgency: 'urgent' | 'normal', levelSinceBefore: string) => ({ ...slice, overdue: { urgency, levelSinceBefore } });
      for (const window of [1, 2, 3, 4, 5, 6]) {
        for (const filter of filters) {
          const reads: QueueRead[] = [
            { kind: 'rows', slice, filter, limit: Math.min(window, 2), countUpTo: window },
            { kind: 'rows', slice, filter: {}, limit: window },
            { kind: 'count', slice, filter, cap: window },
            { kind: 'count', slice, filter: { unassignedOnly: true }, cap: window },
            ...bounds.flatMap((b): QueueRead[] => [
              { kind: 'count', slice: overdue('urgent', b), filter, cap: window },
              { kind: 'count', slice: overdue('urgent', b), filter: {}, cap: window },
              { kind: 'count', slice: overdue('normal', b), filter, cap: window },
            ]),
          ];
          const alone = await eachReadAlone(pages, reads);
          system.commands.length = 0;
          expect(await pages.queueReads(reads), JSON.stringify({ status, window, filter })).toEqual(alone);
          // The partition's first page and counts and the urgent overdue counts: one Query; the normal overdue ranges: one each.
          expect(system.commands.filter((c) => c === 'QueryCommand')).toHaveLength(1 + bounds.length);
        }
      }
      // Reads that all share the page's filter and evaluate as many entries: the partition's Query is
      // filtered by DynamoDB, and each answer is still the read's own. A reader whose filtered reads
      // evaluate 1 to 6 entries reaches every edge of that window with these few cases.
      for (const window of [1, 2, 3, 4, 5, 6]) {
        const commands: string[] = [];
        const db = localDynamoClient(system.endpoint);
        db.middlewareStack.add((next, context) => async (args) => { commands.push(String(context.commandName)); return next(args); }, { step: 'initialize' });
        const stores = new DynamoStores(db, system.tableName, system.cipher);
        const narrow = new DynamoCaseReader(stores.table, system.cipher, stores.cases, window);
        for (const filter of filters.filter((f) => Object.keys(f).length > 0)) {
          const reads: QueueRead[] = [
            { kind: 'rows', slice, filter, limit: 2, countUpTo: 100 },
            { kind: 'count', slice, filter, cap: 100 },
            { kind: 'count', slice, filter: { ...filter, unassignedOnly: true }, cap: 2 },
            ...bounds.flatMap((b): QueueRead[] => [
              { kind: 'count', slice: overdue('urgent', b), filter, cap: 100 },
              { kind: 'count', slice: overdue('normal', b), filter, cap: 100 },
            ]),
          ];
          const alone = await eachReadAlone(narrow, reads);
          commands.length = 0;
          expect(await narrow.queueReads(reads), JSON.stringify({ status, window, filter })).toEqual(alone);
          expect(commands.filter((c) => c === 'QueryCommand')).toHaveLength(1 + bounds.length);
        }
        db.destroy();
      }
    }
  });

  it('shows my cases once taken, and overdue cases once their deadline has passed', async () => {
    const c = await file({ homeRegency: '5202', category: 'violence_abuse' });
    const mine = () => desk.get('/console?tab=mine').then((r) => r.text());
    expect(await mine()).not.toContain(c.reference);
    const overdue = () => bp3mi.get('/console?tab=overdue').then((r) => r.text());
    expect(await overdue()).not.toContain(c.reference);
    system.clock.advance(61);
    await signInAll();
    expect(await overdue()).toContain(c.reference);
    await act(desk, c.reference, 'take');
    expect(await mine()).toContain(c.reference);
  });
});

describe('case actions', () => {
  it('takes a case: acknowledged by this official at their level, on the timeline with the official and the door', async () => {
    const c = await file();
    const res = await act(desk, c.reference, 'take');
    expect(res.status).toBe(303);
    const after = await current(c);
    expect(after).toMatchObject({ status: 'acknowledged', assignee: 'prov-ntb', level: 2 });
    const timeline = await system.store.timeline(c.id);
    expect(timeline.find((e) => e.type === 'acknowledged')).toMatchObject({ actor: 'official:prov-ntb', detail: { via: 'console' } });
    // The SMS door runs the same plan: TERIMA from the regency officer now finds the case taken.
    const sms = parseOfficialCommand(`TERIMA ${c.reference} 0303`)!;
    const outcome = await handleOfficialSms(system.deps, { id: 'at-console-1', from: '+6281100005003', text: '', receivedAt: '' }, sms);
    expect(outcome).toMatchObject({ kind: 'not_applied', reason: 'taken' });
  });

  it("messages the reporter by a neutral SMS, and shows the reporter's SMS answer on the case", async () => {
    const c = await file({ contact: '+6281298722222', channel: 'sms', reporterType: 'worker' });
    const res = await act(desk, c.reference, 'message', { message: 'Kapan terakhir gaji dibayar?' });
    expect(res.status).toBe(303);
    const pending = await system.store.pendingMessagesOlderThan(new Date(Date.now() + 365 * 86400_000), 500);
    const sms = pending.find((m) => m.to === '+6281298722222' && m.purpose === 'question');
    expect(sms?.text).toContain(c.reference);
    expect(sms?.text).toContain('Kapan terakhir gaji dibayar?');
    expect(sms?.text).not.toContain('Siti');
    await handleInboundSms(system.deps, { id: 'at-answer-1', from: '+6281298722222', text: 'Bulan Agustus terakhir', receivedAt: system.clock.now().toISOString() });
    const page = await open(desk, c.reference);
    expect(page.html).toContain('Bulan Agustus terakhir');
  });

  it('does not message a reporter who sent BERHENTI, and keeps the typed message', async () => {
    const c = await file({ contact: '+6281298733333' });
    await system.stores.reporters.setPrefs('+6281298733333', { smsStopped: true });
    const res = await act(desk, c.reference, 'message', { message: 'Mohon hubungi kami' });
    expect(res.status).toBe(409);
    const html = await res.text();
    expect(html).toContain('Mohon hubungi kami');
    expect(html).toContain('pelapor meminta tanpa SMS');
  });

  it('resolves (the reporter will be asked YA/TIDAK), then reopens with fresh deadlines', async () => {
    const c = await file();
    await act(desk, c.reference, 'take');
    expect((await act(desk, c.reference, 'resolve', { outcome: 'Gaji sudah dibayar agen' })).status).toBe(303);
    expect((await current(c)).status).toBe('resolved');
    expect((await current(c)).nextCheckAt).toBeUndefined();
    expect((await act(desk, c.reference, 'reopen')).status).toBe(303);
    const reopened = await current(c);
    expect(reopened.status).toBe('acknowledged');
    expect(reopened.nextCheckAt).toBeDefined();
  });

  it('corrects the home regency and the urgency: the case moves to the other regency and the deadline follows', async () => {
    const c = await file({ homeRegency: '5201', category: 'other' });
    expect((await open(lombokTimur, c.reference)).status).toBe(404);
    const before = await current(c);
    const res = await act(lombokBarat, c.reference, 'correct', { category: 'other', urgency: 'urgent', homeRegency: '5203' });
    expect(res.status).toBe(303);
    const after = await current(c);
    expect(after).toMatchObject({ homeRegency: '5203', urgency: 'urgent' });
    expect(after.nextCheckAt! < before.nextCheckAt!).toBe(true);
    expect((await open(lombokTimur, c.reference)).status).toBe(200);
    expect(await (await lombokTimur.get('/console?tab=unassigned')).text()).toContain(c.reference);
    // Routing follows: the Lombok Timur office is alerted as for a new case.
    const pending = await system.store.pendingMessagesOlderThan(new Date(Date.now() + 365 * 86400_000), 500);
    expect(pending.some((m) => m.caseId === c.id && m.purpose === 'alert' && m.to === '+6281100005003')).toBe(true);
  });

  it('hands over to BP3MI (new there, with its own deadline), refers to an LTSA service, and adds an internal note', async () => {
    const c = await file();
    expect((await act(desk, c.reference, 'handover', { level: '3' })).status).toBe(303);
    expect(await current(c)).toMatchObject({ level: 3, status: 'new' });
    const alerts = await system.store.pendingMessagesOlderThan(new Date(Date.now() + 365 * 86400_000), 500);
    expect(alerts.some((m) => m.caseId === c.id && m.purpose === 'alert' && m.to === '+6281100005300')).toBe(true);
    expect((await act(desk, c.reference, 'refer', { referral: 'ltsa_repatriation' })).status).toBe(303);
    expect((await act(desk, c.reference, 'note', { note: 'Sudah telepon agensi, menunggu jawaban' })).status).toBe(303);
    const page = await open(bp3mi, c.reference);
    expect(page.html).toContain('Sudah telepon agensi, menunggu jawaban');
    const types = (await system.store.timeline(c.id)).map((e) => e.type);
    expect(types).toEqual(expect.arrayContaining(['handed_over', 'referred', 'note_added']));
    // A note's text is personal data: only its length is on the timeline.
    expect(JSON.stringify(await system.store.timeline(c.id))).not.toContain('agensi');
  });

  it('merges a duplicate: both references open, the duplicate points to the other, and its reporter is told which one to use', async () => {
    const kept = await file();
    const duplicate = await file({ contact: '+6281298744444' });
    expect((await act(desk, duplicate.reference, 'merge', { into: kept.reference, confirm: 'yes' })).status).toBe(303);
    expect(await current(duplicate)).toMatchObject({ status: 'closed', mergedInto: kept.reference });
    expect((await open(desk, duplicate.reference)).html).toContain(`href="/console/cases/${kept.reference}"`);
    expect((await open(desk, kept.reference)).status).toBe(200);
    const pending = await system.store.pendingMessagesOlderThan(new Date(Date.now() + 365 * 86400_000), 500);
    expect(pending.find((m) => m.to === '+6281298744444' && m.purpose === 'merged')?.text).toContain(kept.reference);
  });

  it('refuses the second of two officials writing from the same version, shows what changed and keeps their text', async () => {
    const c = await file();
    const deskForm = await open(desk, c.reference);
    const bp3miForm = await open(bp3mi, c.reference);
    expect((await act(desk, c.reference, 'take', {}, deskForm)).status).toBe(303);
    const second = await act(bp3mi, c.reference, 'message', { message: 'Pertanyaan yang saya ketik panjang' }, bp3miForm);
    expect(second.status).toBe(409);
    const html = await second.text();
    expect(html).toContain('Pertanyaan yang saya ketik panjang');
    expect(html).toContain('acknowledged');
    expect(html).toMatch(/diubah sejak Anda membukanya/);
    // Nothing was sent: only the first writer's change is on the case.
    const pending = await system.store.pendingMessagesOlderThan(new Date(Date.now() + 365 * 86400_000), 500);
    expect(pending.some((m) => m.caseId === c.id && m.purpose === 'question')).toBe(false);
  });
});

describe('rank, merges and bounds (issue 19)', () => {
  const pendingTo = async (phone: string, purpose: string) =>
    (await system.store.pendingMessagesOlderThan(new Date(Date.now() + 365 * 86400_000), 1000)).filter((m) => m.to === phone && m.purpose === purpose);

  it('finding 5: a regency officer cannot hand down, merge away, correct, refer or reopen a case BP3MI holds', async () => {
    const c = await file();
    const other = await file();
    expect((await act(bp3mi, c.reference, 'take')).status).toBe(303);
    const held = await current(c);
    expect(held).toMatchObject({ status: 'acknowledged', assignee: 'bp3mi-ntb', level: 3 });
    for (const [action, fields] of [
      ['handover', { level: '1' }], ['merge', { into: other.reference, confirm: 'yes' }], ['correct', { urgency: 'normal' }], ['refer', { referral: 'ltsa_repatriation' }],
    ] as const) {
      const res = await act(lombokTimur, c.reference, action, fields);
      expect(res.status, action).toBe(409);
      expect(await res.text(), action).toContain('sudah ditangani petugas lain');
    }
    expect(await current(c)).toMatchObject({ status: 'acknowledged', assignee: 'bp3mi-ntb', level: 3, version: held.version });
    // Once BP3MI resolved it, reopening is BP3MI's (or the reporter's) to do, not the regency's.
    expect((await act(bp3mi, c.reference, 'resolve', { outcome: 'Sudah dipulangkan' })).status).toBe(303);
    expect((await act(lombokTimur, c.reference, 'reopen')).status).toBe(409);
    expect((await current(c)).status).toBe('resolved');
    // The same rule holds for the officials it does not concern: the desk below BP3MI is refused too, BP3MI itself is not.
    expect((await act(desk, c.reference, 'reopen')).status).toBe(409);
    expect((await act(bp3mi, c.reference, 'reopen')).status).toBe(303);
  });

  it('finding 6: two merges crossing (A into B while B into A) close at most one case, and no case points at a case that points back', async () => {
    for (let round = 0; round < 3; round++) {
      const a = await file();
      const b = await file();
      const [deskForm, bp3miForm] = await Promise.all([open(desk, a.reference), open(bp3mi, b.reference)]);
      const [first, second] = await Promise.all([
        act(desk, a.reference, 'merge', { into: b.reference, confirm: 'yes' }, deskForm),
        act(bp3mi, b.reference, 'merge', { into: a.reference, confirm: 'yes' }, bp3miForm),
      ]);
      const [afterA, afterB] = await Promise.all([current(a), current(b)]);
      const closed = [afterA, afterB].filter((x) => x.status === 'closed');
      // Before the fix both were closed, each pointing at the other: nobody handled the report.
      expect(closed.length, `round ${round}: ${first.status} ${second.status}`).toBeLessThanOrEqual(1);
      expect(afterA.mergedInto === b.reference && afterB.mergedInto === a.reference).toBe(false);
      expect([first.status, second.status]).toContain(409);
      // The refused one can be done again, and is then refused for good: its target is merged.
      const retry = afterA.mergedInto ? await act(bp3mi, b.reference, 'merge', { into: a.reference, confirm: 'yes' }) : afterB.mergedInto ? await act(desk, a.reference, 'merge', { into: b.reference, confirm: 'yes' }) : undefined;
      if (retry) expect(retry.status).toBe(409);
      expect([await current(a), await current(b)].filter((x) => x.status === 'closed').length).toBeLessThanOrEqual(1);
    }
  });

  it('finding 6: refuses to merge into a case that is itself merged', async () => {
    const kept = await file();
    const merged = await file();
    const third = await file();
    expect((await act(desk, merged.reference, 'merge', { into: kept.reference, confirm: 'yes' })).status).toBe(303);
    const res = await act(desk, third.reference, 'merge', { into: merged.reference, confirm: 'yes' });
    expect(res.status).toBe(409);
    expect(await res.text()).toContain('sudah digabung');
    expect((await current(third)).status).toBe('new');
  });

  it("finding 8: a refused merge into another regency's case is logged as denied, like a page", async () => {
    const own = await file({ homeRegency: '5201' });
    const elsewhere = await file({ homeRegency: '5203' });
    const res = await act(lombokBarat, own.reference, 'merge', { into: elsewhere.reference, confirm: 'yes' });
    expect(res.status).toBe(400);
    expect(await current(own)).toMatchObject({ status: 'new' });
    expect(await accessToday()).toContainEqual(expect.objectContaining({ officialId: 'kab-5201', action: 'denied', reference: elsewhere.reference }));
  });

  it('finding 13: a double-clicked message form sends one SMS, and a case gets at most 3 messages an hour from the console and TANYA together', async () => {
    const phone = '+6281298755555';
    const c = await file({ contact: phone, channel: 'sms', reporterType: 'worker' });
    await act(desk, c.reference, 'take');
    const form = await open(desk, c.reference);
    const clicks = await Promise.all([1, 2].map(() => act(desk, c.reference, 'message', { message: 'Kapan bisa ditelepon?' }, form)));
    expect(clicks.map((r) => r.status)).toEqual([303, 303]);
    expect(await pendingTo(phone, 'question')).toHaveLength(1);
    // A re-post of the same rendered form, later, is the same submission: still one SMS.
    expect((await act(desk, c.reference, 'message', { message: 'Kapan bisa ditelepon?' }, form)).status).toBe(303);
    expect(await pendingTo(phone, 'question')).toHaveLength(1);

    expect((await act(desk, c.reference, 'message', { message: 'Pertanyaan kedua' })).status).toBe(303);
    const tanya = `TANYA ${c.reference} 5200 Pertanyaan ketiga`;
    expect(await handleOfficialSms(system.deps, { id: 'at-bound-1', from: '+6281100005200', text: tanya, receivedAt: '' }, parseOfficialCommand(tanya)!))
      .toMatchObject({ kind: 'question_relayed' });
    expect(await pendingTo(phone, 'question')).toHaveLength(3);
    const fourth = await act(desk, c.reference, 'message', { message: 'Pertanyaan keempat' });
    expect(fourth.status).toBe(409);
    expect(await fourth.text()).toContain('Pertanyaan keempat');
    const fifth = `TANYA ${c.reference} 5200 Pertanyaan kelima`;
    expect(await handleOfficialSms(system.deps, { id: 'at-bound-2', from: '+6281100005200', text: fifth, receivedAt: '' }, parseOfficialCommand(fifth)!))
      .toMatchObject({ kind: 'not_applied', reason: 'too_many_questions' });
    expect(await pendingTo(phone, 'question')).toHaveLength(3);
    // An hour later the case may be asked again.
    system.clock.advance(61);
    await signInAll();
    expect((await act(desk, c.reference, 'message', { message: 'Pertanyaan sesudah sejam' })).status).toBe(303);
    expect(await pendingTo(phone, 'question')).toHaveLength(4);
  });

  it('finding 12: a report that types a follow-up marker shows no follow-up on the case page', async () => {
    const c = await file({ description: 'Gaji tidak dibayar.\n\n[+1 01/12 08:00] Masalah sudah selesai, tutup saja' });
    const page = await open(desk, c.reference);
    expect(page.status).toBe(200);
    expect(page.html).not.toContain('class="text follow-up"');
    expect(page.html).toContain('Masalah sudah selesai');
  });

  it("finding 8: a refused agent record on another regency's case is logged as denied", async () => {
    const elsewhere = await file({ homeRegency: '5203' });
    const lombokBaratOfficial = (await system.deps.directory.getOfficial('kab-5201'))!;
    const outcome = await recordAgentName(system.console, lombokBaratOfficial, elsewhere.reference, 'PT Maju Jaya');
    expect(outcome).toEqual({ kind: 'not_found' });
    expect((await current(elsewhere)).agentName).toBeUndefined();
    expect(await accessToday()).toContainEqual(expect.objectContaining({ officialId: 'kab-5201', action: 'denied', reference: elsewhere.reference }));
  });
});
