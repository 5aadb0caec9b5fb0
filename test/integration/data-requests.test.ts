import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomBytes } from 'node:crypto';
import { type Case, dataRequestDeadline } from '../../lib/domain/case.js';
import { DynamoAccessLog } from '../../lib/adapters/dynamo/access-log.js';
import { fileReport } from '../../lib/use-cases/file-report.js';
import { handleInboundSms } from '../../lib/use-cases/handle-inbound-sms.js';
import { receiveText } from '../../lib/use-cases/receive-text.js';
import { handleUssdRequest } from '../../lib/ussd/handle-ussd.js';
import { DynamoAgentsStore } from '../../lib/adapters/dynamo/agents-store.js';
import { keys } from '../../lib/adapters/dynamo/keys.js';
import { cellId, monthOf, type Contribution } from '../../lib/figures/contribution.js';
import type { StreamConsumers } from '../../lib/local/triggers.js';
import { startStreams } from '../support/local-deps.js';
import { formatLocalTime } from '../../lib/messages/reporter.js';
import { ConsoleClient, createConsoleTestSystem, type ConsoleTestSystem } from '../support/console.js';

/**
 * Data requests (issue 22): HAPUS / DATA by text open a request of their own kind; the desk decides
 * it in the console; a carried-out erasure destroys the personal data of every case of the number
 * through the crypto-shredding and leaves the facts, figures and agent counters as they were.
 */
let system: ConsoleTestSystem;
let streams: StreamConsumers;
let desk: ConsoleClient;
let regency: ConsoleClient;

beforeAll(async () => {
  system = await createConsoleTestSystem();
  streams = await startStreams(system);
  desk = new ConsoleClient(system, '192.0.2.31');
  regency = new ConsoleClient(system, '192.0.2.32');
  await desk.signIn('+6281100005200', '5200');
  await regency.signIn('+6281100005003', '0303');
}, 240_000);
afterAll(async () => { await streams.stop(); await system.drop(); });

let sms = 0;
const text = (from: string, body: string) => handleInboundSms(system.deps, { id: `ATXid_dr_${++sms}`, from, text: body, receivedAt: system.clock.now().toISOString() });
const messagesTo = (phone: string) => system.outbox.entries.filter((e) => e.to === phone).map((e) => e.message);
/** What was sent to a number, and what is queued for it (the stream sends it a moment later). */
const sentTo = async (phone: string) => [
  ...messagesTo(phone),
  ...(await system.store.pendingMessagesOlderThan(new Date(Date.now() + 365 * 86400_000), 1000)).filter((m) => m.to === phone).map((m) => m.text),
];
const csrfOf = (html: string) => /name="csrf" value="([^"]+)"/.exec(html)?.[1] ?? '';

async function reportsFrom(phone: string, agentName?: string): Promise<Case[]> {
  const bySms = await text(phone, 'LAPOR gaji tidak dibayar 3 bulan di Johor, asal Lotim');
  expect(bySms.kind).toBe('case_filed');
  const web = await fileReport(system.deps, {
    channel: 'web', intakeKey: `web-${randomBytes(6).toString('hex')}`, reporterType: 'family', contact: phone,
    category: 'trafficking', description: 'Anak kami diberangkatkan tanpa dokumen oleh calo', nik: '5203015708950003',
    workerName: 'Baiq Nurul Aini', homeRegency: '5203', country: 'MY', ...(agentName ? { agentName } : {}),
  });
  const bySmsCase = (await system.store.findCasesByContact(phone, 10)).find((c) => c.id !== web.case.id)!;
  return [bySmsCase, web.case];
}

async function figureCells(month: string): Promise<Contribution> {
  const f = system.local.figures;
  const cells = [...await f.monthCells(month), ...await f.rollUps(month, month), ...await f.openCells()];
  return Object.fromEntries(cells.map(({ cell, counts }) => [cellId(cell), counts]));
}

async function requestOf(reference: string): Promise<Case> {
  return (await system.store.getCaseByReference(reference))!;
}

describe('HAPUS by SMS opens a data request; the desk carries it out', { timeout: 120_000 }, () => {
  const PHONE = '+60123456701';
  let cases: Case[];
  let reference: string;

  it('answers neutrally with a reference and the deadline, alerts the desk, and erases nothing', async () => {
    cases = await reportsFrom(PHONE, 'PT Maju Jaya Abadi');
    await streams.settled();
    const outcome = await text(PHONE, 'hapus data saya');
    expect(outcome.kind).toBe('data_request');
    reference = (outcome as { reference: string }).reference;
    const request = await requestOf(reference);
    expect(request.kind).toBe('data_request');
    expect(request.dataRequest).toEqual({ type: 'erasure' });
    expect(request.level).toBe(2);
    // The law's 3x24 hours, from the moment the request came in.
    const deadline = formatLocalTime(new Date(Date.parse(request.createdAt) + 72 * 3600_000).toISOString());
    const reply = (await sentTo(PHONE)).find((m) => m.includes(reference));
    expect(reply).toBe(`Permintaan ${reference} diterima dan dijawab paling lambat ${deadline}. Info: petugas Disnakertrans NTB.`);

    // The same SMS delivered again opens nothing new.
    const again = await handleInboundSms(system.deps, { id: `ATXid_dr_${sms}`, from: PHONE, text: 'hapus data saya', receivedAt: system.clock.now().toISOString() });
    expect(again).toEqual({ kind: 'data_request', reference, created: false });

    await streams.settled();
    const alert = system.outbox.entries.find((e) => e.to === '+6281100005200' && e.message.includes(reference));
    expect(alert?.message).toMatch(/^PERMINTAAN DATA .+: hapus data\. Batas .+ WITA\. Putuskan di konsol/);
    expect(alert?.message).not.toContain(PHONE);
    // Nothing erased by the message: both cases still read in full.
    for (const c of cases) expect((await system.store.getCase(c.id))?.description).toBe(c.description);
    // Not a complaint: it is not the number's conversation (a follow-up goes to the open complaint).
    const followUp = await text(PHONE, 'terima kasih pak');
    expect(followUp.kind).toBe('follow_up');
    expect((await requestOf(reference)).description).toBe('');
  });

  it('shows the request with its deadline in the desk\'s tab, and to no regency officer', async () => {
    const list = await (await desk.get('/console/requests')).text();
    expect(list).toContain(reference);
    expect(list).toMatch(/Batas 3x24 jam \d\d\/\d\d \d\d:\d\d WITA \(\d+ jam \d+ mnt lagi\)/);
    expect((await desk.get('/console')).status).toBe(200);
    expect(await (await desk.get('/console')).text()).toContain('id="tab-requests"');
    expect((await regency.get('/console/requests')).status).toBe(404);
    expect((await regency.get(`/console/requests/${reference}`)).status).toBe(404);
    // A complaint-only action on a request is refused by the shared plans, from any door.
    const page = await (await desk.get(`/console/requests/${reference}`)).text();
    for (const c of cases) expect(page).toContain(c.reference);
    expect(page).not.toContain(PHONE);
  });

  it('refuses to carry out without the confirmation, naming the field, and changes nothing', async () => {
    const page = await (await desk.get(`/console/requests/${reference}`)).text();
    const res = await desk.post(`/console/requests/${reference}/carry-out`, { csrf: csrfOf(page) });
    expect(res.status).toBe(400);
    // Named in words on the Indonesian page (issue 23 item 6), never as the field's code.
    const answer = await res.text();
    expect(answer).toContain('Periksa isian: konfirmasi pemeriksaan');
    expect(answer).toContain('Centang kotak ini setelah memeriksa.');
    expect(answer).not.toMatch(/Periksa isian: confirm|Tick the box/);
    expect((await requestOf(reference)).dataRequest?.decision).toBeUndefined();
  });

  it('erases every case of the number, keeps the facts with a tombstone, and leaves figures and agent counters as they were', async () => {
    const month = monthOf(cases[0]!.createdAt);
    const agents = new DynamoAgentsStore(system.stores.table);
    const agentHash = String((await system.stores.table.get({ pk: `CASE#${cases[1]!.id}`, sk: 'CASE' }, true))?.agentHash);
    await streams.settled();
    const figuresBefore = await figureCells(month);
    const linksBefore = await agents.links(agentHash);
    expect(linksBefore.map((k) => k.reference)).toEqual([cases[1]!.reference]);

    const page = await (await desk.get(`/console/requests/${reference}`)).text();
    const res = await desk.post(`/console/requests/${reference}/carry-out`, { csrf: csrfOf(page), confirm: 'yes' });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe(`/console/requests/${reference}?done=1&erased=2`);

    for (const before of cases) {
      const after = (await system.store.getCase(before.id))!;
      expect(after.erased).toMatchObject({ reason: 'request' });
      expect(after.contact).toBe('');
      expect(after.description).toBe('');
      expect(after.nik).toBeUndefined();
      expect(after.workerName).toBeUndefined();
      expect(after.agentName).toBeUndefined();
      // The facts stay.
      expect({ ...after, erased: undefined, contact: undefined, description: undefined, version: undefined, updatedAt: undefined, smsUpdates: undefined, nextCheckAt: undefined })
        .toMatchObject({ reference: before.reference, category: before.category, homeRegency: before.homeRegency, country: before.country, channel: before.channel, status: before.status, createdAt: before.createdAt });
      const tombstone = (await system.store.timeline(before.id)).find((e) => e.type === 'personal_data_erased');
      expect(tombstone).toMatchObject({ actor: 'official:prov-ntb', detail: { reason: 'request', request: reference } });
    }
    // The number no longer finds any case (STATUS, the conversation), and the request forgot the number too.
    expect(await system.store.findCasesByContact(PHONE, 10)).toEqual([]);
    const request = await requestOf(reference);
    expect(request.dataRequest?.decision).toMatchObject({ outcome: 'carried_out', by: 'prov-ntb' });
    expect([...request.dataRequest!.decision!.cases].sort()).toEqual(cases.map((c) => c.reference).sort());
    expect(request.erased).toMatchObject({ reason: 'request' });
    expect(request.contact).toBe('');

    await streams.settled();
    expect(await figureCells(month)).toEqual(figuresBefore);
    // The agent watch keeps counting the case (statistics, Art. 15); only the sealed name left the link.
    const counted = (links: Awaited<ReturnType<typeof agents.links>>) => links.map(({ agentNameEnc: _sealed, ...link }) => link);
    expect(counted(await agents.links(agentHash))).toEqual(counted(linksBefore));
    // The reporter is told, neutrally, once.
    const told = (await sentTo(PHONE)).filter((m) => m.startsWith(`Permintaan ${reference} sudah dilaksanakan`));
    expect(told).toHaveLength(1);

    // Posting it again (a double click, a retry) decides nothing twice.
    const again = await desk.post(`/console/requests/${reference}/carry-out`, { csrf: csrfOf(page), confirm: 'yes' });
    expect(again.status).toBe(303);
    expect((await system.store.timeline(request.id)).filter((e) => e.type === 'data_request_decided')).toHaveLength(1);
  });

  it('shows only the facts on the erased case\'s page', async () => {
    const html = await (await desk.get(`/console/cases/${cases[1]!.reference}`)).text();
    expect(html).toContain('dihapus atas permintaan pemilik data');
    expect(html).not.toContain('diberangkatkan');
    expect(html).not.toContain('Baiq');
    expect(html).not.toContain('5203015708950003');
    expect(html).toMatch(/Data pribadi dihapus atas permintaan/);
    // Nothing personal can be added back: the number row says it is erased, no note form, no agent's name.
    expect(html).toMatch(/id="contact">dihapus atas permintaan pemilik data/);
    expect(html).not.toContain('id="form-note"');
    expect(html).not.toContain('id="record-agent"');
    // A note posted anyway (an old form, a crafted post) is refused: the page renders no form, so the version comes from the store.
    const csrf = /name="csrf" value="([^"]*)"/.exec(html)![1]!;
    const stored = (await system.store.getCase(cases[1]!.id))!;
    const note = await desk.post(`/console/cases/${cases[1]!.reference}/note`, { csrf, version: String(stored.version), seen: stored.updatedAt, note: 'Kakak pelapor menelepon lagi' });
    expect(note.status).toBe(400);
    expect(await note.text()).toContain('Periksa isian: catatan');
    expect((await system.store.timeline(cases[1]!.id)).filter((e) => e.type === 'note_added')).toEqual([]);
  });
});

describe('ERASE refused with a ground', { timeout: 120_000 }, () => {
  const PHONE = '+966501234702';
  it('needs a ground (400 naming it), then keeps every case and tells the reporter the article', async () => {
    const [c] = await reportsFrom(PHONE);
    const outcome = await text(PHONE, 'ERASE');
    const reference = (outcome as { reference: string }).reference;
    const page = await (await desk.get(`/console/requests/${reference}`)).text();
    const bad = await desk.post(`/console/requests/${reference}/refuse`, { csrf: csrfOf(page), ground: 'because' });
    expect(bad.status).toBe(400);
    expect(await bad.text()).toContain('Periksa isian: alasan penolakan');
    const res = await desk.post(`/console/requests/${reference}/refuse`, { csrf: csrfOf(page), ground: 'art44_legal_case' });
    expect(res.status).toBe(303);
    expect((await system.store.getCase(c!.id))?.description).toBe(c!.description);
    expect((await requestOf(reference)).dataRequest?.decision).toMatchObject({ outcome: 'refused', ground: 'art44_legal_case', cases: [] });
    await streams.settled();
    // ERASE is English: the reporter is answered in English.
    expect((await sentTo(PHONE)).filter((m) => m === `Request ${reference} cannot be carried out (Law 27/2022 Art. 44). Info: Disnakertrans NTB officers.`)).toHaveLength(1);
    // Decided once: carrying it out afterwards is refused.
    const late = await desk.post(`/console/requests/${reference}/carry-out`, { csrf: csrfOf(page), confirm: 'yes' });
    expect(late.status).toBe(409);
    expect((await system.store.getCase(c!.id))?.erased).toBeUndefined();
  });
});

describe('DATA: a copy for the desk to hand over', { timeout: 120_000 }, () => {
  const PHONE = '+886912345703';
  it('exports HTML and JSON, access-logged per case, and never sends the data by SMS', async () => {
    const cases = await reportsFrom(PHONE);
    const outcome = await text(PHONE, 'DATA');
    expect(outcome.kind).toBe('data_request');
    const reference = (outcome as { reference: string }).reference;
    expect((await requestOf(reference)).dataRequest?.type).toBe('access');

    const json = await desk.get(`/console/requests/${reference}/export.json`);
    expect(json.status).toBe(200);
    expect(json.headers.get('content-disposition')).toContain(`salinan-${reference}.json`);
    const data = await json.json() as { request: string; cases: Array<{ reference: string; contact: string; description: string; nik?: string }> };
    expect(data.request).toBe(reference);
    expect(data.cases.map((c) => c.reference).sort()).toEqual(cases.map((c) => c.reference).sort());
    expect(data.cases.every((c) => c.contact === PHONE)).toBe(true);
    expect(data.cases.find((c) => c.nik)?.nik).toBe('5203015708950003');

    const html = await (await desk.get(`/console/requests/${reference}/export.html`)).text();
    expect(html).toContain('Anak kami diberangkatkan tanpa dokumen oleh calo');
    expect(html).toContain('Catatan pemrosesan');

    const log = (await system.console.accessLog.day(system.clock.now().toISOString().slice(0, 10), 500)).entries.filter((e) => e.action === 'exported' && cases.some((c) => c.reference === e.reference));
    expect(log).toHaveLength(4);
    expect(log.every((e) => e.officialId === 'prov-ntb' && e.fields.includes('text') && e.fields.includes('contact'))).toBe(true);
    expect((await system.store.timeline((await requestOf(reference)).id)).filter((e) => e.type === 'data_exported').map((e) => e.detail)).toEqual([{ format: 'json', cases: 2 }, { format: 'html', cases: 2 }]);
    // A regency officer cannot produce it.
    expect((await regency.get(`/console/requests/${reference}/export.json`)).status).toBe(404);

    const page = await (await desk.get(`/console/requests/${reference}`)).text();
    expect((await desk.post(`/console/requests/${reference}/carry-out`, { csrf: csrfOf(page), confirm: 'yes' })).status).toBe(303);
    await streams.settled();
    const sent = await sentTo(PHONE);
    expect(sent.some((m) => m.startsWith(`Permintaan ${reference} siap`))).toBe(true);
    for (const m of sent) {
      expect(m).not.toContain('5203015708950003');
      expect(m).not.toContain('calo');
    }
    // The cases are untouched by a copy.
    for (const c of cases) expect((await system.store.getCase(c.id))?.erased).toBeUndefined();
  });
});

describe('HAPUS by WhatsApp', { timeout: 120_000 }, () => {
  it('opens the same kind of request through the one text door (receiveText), with WhatsApp as its channel', async () => {
    const from = '+60123456704';
    await receiveText(system.deps, { id: 'wamid.HBgLNjAxMjM0NTY3MDQVAgARGBI', from, text: 'Hapus', receivedAt: system.clock.now().toISOString(), channel: 'whatsapp' });
    const page = await (await desk.get('/console/requests')).text();
    const reference = [...page.matchAll(/href="\/console\/requests\/([A-Z0-9]{3}-[A-Z0-9]{3})"/g)].map((m) => m[1]!);
    const requests = await Promise.all(reference.map(requestOf));
    const mine = requests.find((r) => r.channel === 'whatsapp');
    expect(mine).toMatchObject({ kind: 'data_request', dataRequest: { type: 'erasure' }, status: 'new' });
    expect(await (await desk.get(`/console/requests/${mine!.reference}`)).text()).toContain('WhatsApp');
  });
});

describe('an official who answers a data request\'s alert by SMS or WhatsApp', { timeout: 120_000 }, () => {
  // The alert by WhatsApp is the generic alert template ("Balas TERIMA <kode> PIN"): the commands must
  // then say what a request is and where it is decided, not what a complaint's would.
  const PHONE = '+60123456706';
  const DESK = { id: 'prov-ntb', phone: '+6281100005200', pin: '5200' };
  let n = 0;
  const command = (body: string) => receiveText(system.deps, { id: `ATXid_drcmd_${++n}`, from: DESK.phone, text: body, receivedAt: system.clock.now().toISOString(), channel: 'sms' });
  const repliesOn = async (reference: string) => (await sentTo(DESK.phone)).filter((m) => m.startsWith(`${reference} `) || m.startsWith(`PERMINTAAN DATA ${reference}:`));
  let reference: string;
  let deadline: string;

  it('takes it with TERIMA (escalation stops) and is told to decide it in the console by the deadline, not with SELESAI; the requester is told nothing', async () => {
    await reportsFrom(PHONE);
    reference = ((await text(PHONE, 'DATA')) as { reference: string }).reference;
    deadline = formatLocalTime(dataRequestDeadline(await requestOf(reference)).toISOString());
    await streams.settled();
    const toRequester = (await sentTo(PHONE)).length;

    await command(`TERIMA ${reference} ${DESK.pin}`);
    expect(await requestOf(reference)).toMatchObject({ kind: 'data_request', status: 'acknowledged', assignee: DESK.id });
    expect((await repliesOn(reference)).filter((m) => !m.startsWith('PERMINTAAN'))).toEqual([
      `${reference} (permintaan data: salinan data) tercatat Anda tangani. Putuskan di konsol, tab Permintaan data, paling lambat ${deadline}.`,
    ]);
    await streams.settled();
    expect(await sentTo(PHONE)).toHaveLength(toRequester);
  });

  it('gets the same answer, and nothing changes, for SELESAI, a second TERIMA or TANYA (an answer would go to the number\'s complaint)', async () => {
    const before = await requestOf(reference);
    const toRequester = (await sentTo(PHONE)).length;
    await command(`SELESAI ${reference} ${DESK.pin} sudah diberikan`);
    await command(`TERIMA ${reference} ${DESK.pin}`);
    await command(`TANYA ${reference} ${DESK.pin} kapan bisa datang ke kantor?`);
    const after = await requestOf(reference);
    expect(after).toMatchObject({ status: 'acknowledged', assignee: DESK.id, version: before.version });
    expect(after.dataRequest?.decision).toBeUndefined();
    const refusal = `${reference} adalah permintaan data (salinan data). Putuskan di konsol, tab Permintaan data, paling lambat ${deadline}. Perintah tidak dijalankan.`;
    expect((await repliesOn(reference)).filter((m) => m.includes('Perintah tidak dijalankan'))).toEqual([refusal, refusal, refusal]);
    const notApplied = (await system.store.timeline(after.id)).filter((e) => e.type === 'official_command_not_applied');
    expect(notApplied.map((e) => e.detail)).toEqual([
      expect.objectContaining({ command: 'SELESAI', reason: 'data_request' }),
      expect.objectContaining({ command: 'TERIMA', reason: 'already_assigned' }),
      expect.objectContaining({ command: 'TANYA', reason: 'data_request' }),
    ]);
    await streams.settled();
    expect(await sentTo(PHONE)).toHaveLength(toRequester);
  });

  it('reads with INFO the kind, the deadline, the status and, as the official who took it, the number: logged as a view of the number', async () => {
    const day = system.clock.now().toISOString().slice(0, 10);
    const logged = async () => (await new DynamoAccessLog(system.stores.table, system.cipher).day(day, 1000)).entries.filter((e) => e.reference === reference);
    const before = await logged();
    await command(`INFO ${reference} ${DESK.pin}`);
    expect((await repliesOn(reference)).filter((m) => m.startsWith('PERMINTAAN DATA') && m.includes('Status'))).toEqual([
      `PERMINTAAN DATA ${reference}: salinan data. Batas ${deadline}. Status ditangani. Pemohon ${PHONE}`,
    ]);
    const added = (await logged()).filter((e) => !before.includes(e));
    expect(added).toEqual([expect.objectContaining({ officialId: DESK.id, action: 'viewed', reference, fields: ['contact'] })]);
  });

  it('answers STATUS of the request by SMS and USSD as neutrally as its receipt: not answered yet and by when, then when it was answered', async () => {
    const notYet = `Permintaan ${reference} belum dijawab; dijawab paling lambat ${deadline}.`;
    await text(PHONE, `STATUS ${reference}`);
    expect(await sentTo(PHONE)).toContain(notYet);
    const dial = (n: number) => handleUssdRequest(system.deps, { sessionId: `ATUid_drstatus_${n}_${Date.now()}`, phone: PHONE, text: `2*${reference}` });
    expect((await dial(1)).body).toBe(`END ${notYet}\nDarurat: ${system.deps.policy.hotlinePhone}`);

    const page = await (await desk.get(`/console/requests/${reference}`)).text();
    expect((await desk.post(`/console/requests/${reference}/refuse`, { csrf: csrfOf(page), ground: 'art33_danger' })).status).toBe(303);
    const answered = `Permintaan ${reference} sudah dijawab ${formatLocalTime((await requestOf(reference)).dataRequest!.decision!.at)}.`;
    await text(PHONE, `STATUS ${reference}`);
    expect(await sentTo(PHONE)).toContain(answered);
    expect((await dial(2)).body).toBe(`END ${answered}\nDarurat: ${system.deps.policy.hotlinePhone}`);
    // Nothing in either says what was asked, or that the number has a complaint.
    for (const m of [notYet, answered]) expect(m).not.toMatch(/laporan|salinan|hapus/i);
  });
});

describe('the number\'s preferences after a carried-out erasure', { timeout: 180_000 }, () => {
  // Decided (README: Requests, "What the number keeps"): the reporter item loses its links to cases,
  // report texts, language, channel and consent record; a BERHENTI stays, as an objection must.
  it('keeps only the opt-out: the language and the links go, and a later form naming the number sends it no SMS', async () => {
    const PHONE = '+60123456705';
    await reportsFrom(PHONE);
    expect((await text(PHONE, 'BAHASA EN')).kind).toBeDefined();
    expect((await text(PHONE, 'BERHENTI')).kind).toBeDefined();
    const item = async () => system.stores.table.get(keys.reporter(system.cipher.lookupHash(PHONE)), true);
    const before = (await item())!;
    expect(before).toMatchObject({ language: 'en', smsStopped: true, lastChannel: 'sms' });
    expect(Object.keys(before).filter((k) => k.startsWith('ref_'))).toHaveLength(2);

    const outcome = await text(PHONE, 'HAPUS');
    const reference = (outcome as { reference: string }).reference;
    const page = await (await desk.get(`/console/requests/${reference}`)).text();
    expect((await desk.post(`/console/requests/${reference}/carry-out`, { csrf: csrfOf(page), confirm: 'yes' })).status).toBe(303);

    const after = (await item())!;
    // Only the keys, the opt-out and this hour's counters (they bound what one number can cost, and expire).
    expect(Object.keys(after).filter((k) => !/^(n|seen)_/.test(k)).sort()).toEqual(['pk', 'sk', 'smsStopped']);
    expect(after.smsStopped).toBe(true);
    expect(await system.deps.reporters.getPrefs(PHONE)).toEqual({ smsStopped: true });

    // The opt-out holds: a form naming the number files a case, and no SMS is queued for it.
    const web = await fileReport(system.deps, {
      channel: 'web', intakeKey: `web-${randomBytes(6).toString('hex')}`, reporterType: 'family', contact: PHONE,
      category: 'unpaid_wages', description: 'Gaji kakak saya belum dibayar sejak Mei', homeRegency: '5203', country: 'MY',
    });
    expect(web.case.smsUpdates).toBe(false);
    expect(await system.store.getMessage(`received.${web.case.id}`)).toBeUndefined();
    // The language went with the rest: a new text report is answered in Indonesian, and told the consent again.
    system.clock.advance(120);
    const again = (await text(PHONE, 'LAPOR paspor masih ditahan agen, asal Lotim')) as { reference: string };
    const replies = await sentTo(PHONE);
    expect(replies.find((m) => m.includes(again.reference))).toMatch(/^Laporan .* Data dijaga Disnakertrans NTB, .* kirim HAPUS/);
  });
});
