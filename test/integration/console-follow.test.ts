import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Case } from '../../lib/domain/case.js';
import { fileReport, type ReportInput } from '../../lib/use-cases/file-report.js';
import { handleInboundSms } from '../../lib/use-cases/handle-inbound-sms.js';
import { handleOfficialSms } from '../../lib/use-cases/handle-official-sms.js';
import { parseOfficialCommand } from '../../lib/officials/commands.js';
import { createConsoleApp } from '../../lib/console/app.js';
import { figuresScreen, figuresScreenCss } from '../../lib/console/figures-screen.js';
import { DynamoFiguresStore } from '../../lib/adapters/dynamo/figures-store.js';
import { DynamoAgentsStore } from '../../lib/adapters/dynamo/agents-store.js';
import { ConsoleClient, createConsoleTestSystem, ORIGIN, type ConsoleTestSystem } from '../support/console.js';

/**
 * Issue 23, item 7 ("find and follow") on DynamoDB Local: "Pesan baru" per official, the case as one
 * conversation, and the agency or broker the family named shown to the holder with the form filled in.
 */
let system: ConsoleTestSystem;
let desk: ConsoleClient;
let bp3mi: ConsoleClient;
let lombokTimur: ConsoleClient;

beforeAll(async () => {
  system = await createConsoleTestSystem();
  // With the figures screen mounted as functions/console.ts does: it holds the agent form.
  system.app = createConsoleApp(system.console, { secureCookies: false, origin: ORIGIN, rpName: 'test' }, [{
    path: '/figures', css: figuresScreenCss,
    routes: figuresScreen({
      figures: new DynamoFiguresStore(system.stores.table), agents: new DynamoAgentsStore(system.stores.table), accessLog: system.console.accessLog,
      cases: system.stores.cases, cipher: system.cipher, clock: system.clock, directory: system.console.directory,
    }),
  }]);
  desk = new ConsoleClient(system, '192.0.2.31');
  bp3mi = new ConsoleClient(system, '192.0.2.32');
  lombokTimur = new ConsoleClient(system, '192.0.2.33');
  await desk.signIn('+6281100005200', '5200');
  await bp3mi.signIn('+6281100005300', '5300');
  await lombokTimur.signIn('+6281100005003', '0303');
});
afterAll(async () => { await system.drop(); });

let intake = 0;
async function file(over: Partial<ReportInput> = {}): Promise<Case> {
  const filed = await fileReport(system.deps, {
    channel: 'sms', intakeKey: `sms:follow-${++intake}`, reporterType: 'worker', contact: `+60129870${String(intake).padStart(4, '0')}`,
    category: 'unpaid_wages', homeRegency: '5203', country: 'MY', description: `Gaji belum dibayar, laporan ${intake}.`, ...over,
  });
  return filed.case;
}
let smsSeq = 0;
const reporterWrites = (c: Case, text: string) =>
  handleInboundSms(system.deps, { id: `at-follow-${++smsSeq}`, from: c.contact, text, receivedAt: system.clock.now().toISOString() });

interface FormState { csrf: string; version: string; seen: string; token: string; html: string; status: number }
async function open(client: ConsoleClient, reference: string): Promise<FormState> {
  const res = await client.get(`/console/cases/${reference}`);
  const html = await res.text();
  const hidden = (name: string) => new RegExp(`name="${name}" value="([^"]*)"`).exec(html)?.[1] ?? '';
  return { csrf: hidden('csrf'), version: hidden('version'), seen: hidden('seen'), token: hidden('token'), html, status: res.status };
}
async function act(client: ConsoleClient, reference: string, action: string, fields: Record<string, string> = {}) {
  const s = await open(client, reference);
  return client.post(`/console/cases/${reference}/${action}`, { csrf: s.csrf, version: s.version, seen: s.seen, ...(action === 'message' ? { token: s.token } : {}), ...fields });
}
const queue = async (client: ConsoleClient, query = '') => (await client.get(`/console${query}`)).text();
/** The card of one case in a queue page, up to the next card. */
const card = (html: string, reference: string) => new RegExp(`<li class="card[^"]*"><a class="ref" href="/console/cases/${reference}">[\\s\\S]*?</li>`).exec(html)?.[0];
const unreadCount = (html: string) => /id="tab-unread"[^>]*>Pesan baru \((\d+)/.exec(html)?.[1];

describe('"Pesan baru": cases the reporter wrote on since this official last opened them', () => {
  it('marks the card and lists the case under "Pesan baru" for the holder, until the holder opens it; another official\'s read state is their own', async () => {
    const c = await file();
    expect((await act(desk, c.reference, 'take')).status).toBe(303);
    const before = Number(unreadCount(await queue(desk)));
    expect(card(await queue(desk, '?tab=mine'), c.reference)).not.toContain('Pesan baru');

    await reporterWrites(c, 'majikan juga menahan paspor saya sekarang');

    const mine = await queue(desk, '?tab=mine');
    expect(card(mine, c.reference)).toContain('<span class="new-msg">Pesan baru</span>');
    expect(Number(unreadCount(mine))).toBe(before + 1);
    expect(card(await queue(desk, '?tab=unread'), c.reference)).toBeDefined();
    // Only the one handling it was told: BP3MI's queue shows the case without the mark.
    expect(card(await queue(bp3mi, '?tab=all'), c.reference)).not.toContain('Pesan baru');

    expect((await open(desk, c.reference)).html).toContain('majikan juga menahan paspor saya sekarang');
    const after = await queue(desk, '?tab=mine');
    expect(card(after, c.reference)).not.toContain('Pesan baru');
    expect(Number(unreadCount(after))).toBe(before);
    expect(card(await queue(desk, '?tab=unread'), c.reference)).toBeUndefined();
  });

  it('marks an untaken case for the officials of its regency, and the answer to a question for the official who asked', async () => {
    const c = await file({ homeRegency: '5203' });
    await reporterWrites(c, 'tolong saya belum digaji empat bulan');
    expect(card(await queue(lombokTimur), c.reference)).toContain('Pesan baru');

    expect((await act(lombokTimur, c.reference, 'message', { message: 'Di perusahaan apa Anda bekerja?' })).status).toBe(303);
    expect(card(await queue(lombokTimur, '?tab=unread'), c.reference)).toBeUndefined();
    await reporterWrites(c, 'PT Sawit Makmur di Sabah');
    expect(card(await queue(lombokTimur, '?tab=unread'), c.reference)).toContain('Pesan baru');
  });

  it('counts "Pesan baru" under the filters like every tab, labelled as filtered', async () => {
    const c = await file({ category: 'documents_held' });
    await act(desk, c.reference, 'take');
    await reporterWrites(c, 'paspor masih ditahan agen sampai sekarang');
    const filtered = await queue(desk, '?tab=unread&category=documents_held');
    expect(filtered).toMatch(/id="tab-unread"[^>]*>Pesan baru \(\d+ tersaring\)/);
    expect(card(filtered, c.reference)).toBeDefined();
    expect(card(await queue(desk, '?tab=unread&category=death'), c.reference)).toBeUndefined();
  });
});

describe('the case as one conversation', () => {
  it('shows the report, the console question, the TANYA by SMS and the reporter\'s answers in order, each with who sent it and how', async () => {
    const c = await file();
    await act(desk, c.reference, 'take');
    expect((await act(desk, c.reference, 'message', { message: 'Sejak kapan gaji tidak dibayar?' })).status).toBe(303);
    system.clock.advance(1);
    await reporterWrites(c, 'Sejak bulan Agustus');
    system.clock.advance(1);
    const tanya = parseOfficialCommand(`TANYA ${c.reference} 5200 Berapa bulan total?`)!;
    expect(await handleOfficialSms(system.deps, { id: `at-tanya-${c.reference}`, from: '+6281100005200', text: '', receivedAt: system.clock.now().toISOString() }, tanya))
      .toMatchObject({ kind: 'question_relayed' });
    system.clock.advance(1);
    await reporterWrites(c, 'Empat bulan');

    const html = (await open(desk, c.reference)).html;
    const thread = /<ol class="thread" id="thread">([\s\S]*?)<\/ol>/.exec(html)?.[1] ?? '';
    const entries = [...thread.matchAll(/<li class="(from-[a-z]+)" data-kind="([a-z_]+)"><p class="who">([^<]*)<\/p><div [^>]*>([^<]*)<\/div>/g)]
      .map((m) => ({ from: m[1], kind: m[2], who: m[3]!.replace(/ · \d\d\/\d\d.*$/, ''), text: m[4] }));
    expect(entries).toEqual([
      { from: 'from-reporter', kind: 'report', who: 'Pekerja · Laporan · lewat SMS', text: c.description },
      { from: 'from-official', kind: 'question', who: 'Desk Disnakertrans NTB · Pertanyaan ke pelapor · lewat konsol', text: 'Sejak kapan gaji tidak dibayar?' },
      { from: 'from-reporter', kind: 'answer', who: 'Pekerja · Jawaban · lewat SMS', text: 'Sejak bulan Agustus' },
      { from: 'from-official', kind: 'question', who: 'Desk Disnakertrans NTB · Pertanyaan ke pelapor · lewat SMS', text: 'Berapa bulan total?' },
      { from: 'from-reporter', kind: 'answer', who: 'Pekerja · Jawaban · lewat SMS', text: 'Empat bulan' },
    ]);
    // Questions are the conversation, not internal notes; the timeline still carries no text.
    expect(html).not.toContain('id="notes"');
    expect(/<ol class="timeline" id="timeline">[\s\S]*?<\/ol>/.exec(html)?.[0]).not.toContain('Sejak kapan');
  });
});

describe('the agency or broker the family named', () => {
  it('is shown to the holder, access-logged, with the agent form filled in; others see that one was named, not the name', async () => {
    const c = await file({ channel: 'web', reporterType: 'family', agentName: 'PT Maju Jaya Sentosa' });
    const before = await open(desk, c.reference);
    expect(before.html).toContain('<dd id="agent">hanya untuk petugas yang mengambil kasus</dd>');
    expect(before.html).not.toContain('PT Maju Jaya Sentosa');
    expect(await (await desk.get(`/console/figures/agent?ref=${c.reference}`)).text()).not.toContain('PT Maju Jaya Sentosa');

    await act(desk, c.reference, 'take');
    const held = await open(desk, c.reference);
    expect(held.html).toContain('<dd id="agent">PT Maju Jaya Sentosa</dd>');
    expect(held.html).toContain('Ubah agen/calo yang disebut');
    const form = await (await desk.get(`/console/figures/agent?ref=${c.reference}`)).text();
    expect(form).toContain('name="agentName" maxlength="100" required autocomplete="off" value="PT Maju Jaya Sentosa"');
    const log = (await system.console.accessLog.day(system.clock.now().toISOString().slice(0, 10), 500)).entries
      .filter((e) => e.reference === c.reference && e.fields.includes('agent_name'));
    expect(log.length).toBe(2);

    expect((await open(bp3mi, c.reference)).html).not.toContain('PT Maju Jaya Sentosa');
  });
});
