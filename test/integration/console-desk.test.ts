import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Case } from '../../lib/domain/case.js';
import { fileReport, type ReportInput } from '../../lib/use-cases/file-report.js';
import { ConsoleClient, createConsoleTestSystem, type ConsoleTestSystem } from '../support/console.js';

/** Issue 23 on the console: safe steps (take first, resolve with an outcome, merge after a look, undo). */
let system: ConsoleTestSystem;
let desk: ConsoleClient;
let lombokTimur: ConsoleClient;
let bp3mi: ConsoleClient;

async function signInAll(): Promise<void> {
  await desk.signIn('+6281100005200', '5200');
  await lombokTimur.signIn('+6281100005003', '0303');
  await bp3mi.signIn('+6281100005300', '5300');
}

beforeAll(async () => {
  system = await createConsoleTestSystem();
  desk = new ConsoleClient(system, '192.0.2.21');
  lombokTimur = new ConsoleClient(system, '192.0.2.23');
  bp3mi = new ConsoleClient(system, '192.0.2.24');
  await signInAll();
});
afterAll(async () => { await system.drop(); });

let intake = 0;
async function file(over: Partial<ReportInput> = {}): Promise<Case> {
  const filed = await fileReport(system.deps, {
    channel: 'web', intakeKey: `web:desk-${++intake}`, reporterType: 'family', contact: `+6281298800${String(intake).padStart(3, '0')}`,
    category: 'unpaid_wages', homeRegency: '5203', country: 'MY', description: `Gaji belum dibayar, laporan ${intake}.\nBaris kedua.`,
    ...over,
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
async function act(client: ConsoleClient, reference: string, action: string, fields: Record<string, string> = {}) {
  const s = await open(client, reference);
  return client.post(`/console/cases/${reference}/${action}`, { csrf: s.csrf, version: s.version, seen: s.seen, ...(action === 'message' ? { token: s.token } : {}), ...fields });
}
const current = async (c: Case) => (await system.store.getCase(c.id))!;
const accessToday = async () => (await system.console.accessLog.day(system.clock.now().toISOString().slice(0, 10), 500)).entries;
const has = (html: string, id: string) => html.includes(`id="${id}"`);

describe('item 4: on an untaken case taking it is the action; resolving needs an outcome note', () => {
  it('offers an untaken case only to be taken (a full-width main button), not to be resolved or reopened', async () => {
    const c = await file();
    const { html } = await open(desk, c.reference);
    expect(html).toMatch(/<div class="main-action">[\s\S]*id="form-take"[\s\S]*class="primary"/);
    expect(has(html, 'form-resolve')).toBe(false);
    expect(has(html, 'form-reopen')).toBe(false);
  });

  it('says "Anda mengambil kasus ini" once taken, and then offers resolving, which refuses without a note and keeps nothing half done', async () => {
    const c = await file();
    expect((await act(desk, c.reference, 'take')).status).toBe(303);
    const taken = await open(desk, c.reference);
    expect(taken.html).toContain('Anda mengambil kasus ini');
    expect(has(taken.html, 'form-take')).toBe(false);
    expect(taken.html).toMatch(/id="form-resolve"[\s\S]*name="outcome"[^>]*required/);

    const refused = await act(desk, c.reference, 'resolve', { outcome: '   ' });
    expect(refused.status).toBe(400);
    const page = await refused.text();
    expect(page).toContain('Periksa isian: apa yang sudah dilakukan');
    expect(page).toContain('Tulis apa yang sudah dilakukan');
    expect(await current(c)).toMatchObject({ status: 'acknowledged', assignee: 'prov-ntb' });
    expect((await system.store.timeline(c.id)).some((e) => e.type === 'resolved')).toBe(false);
  });

  it('resolves with the outcome note written in the same change: the note on the case page, only its length on the timeline', async () => {
    const c = await file();
    await act(desk, c.reference, 'take');
    const res = await act(desk, c.reference, 'resolve', { outcome: 'Agen membayar gaji tiga bulan, dikonfirmasi keluarga' });
    expect(res.status).toBe(303);
    expect((await current(c)).status).toBe('resolved');
    const resolved = (await system.store.timeline(c.id)).find((e) => e.type === 'resolved');
    expect(resolved?.detail).toMatchObject({ via: 'console', note: true, noteLength: 'Agen membayar gaji tiga bulan, dikonfirmasi keluarga'.length });
    expect(JSON.stringify(await system.store.timeline(c.id))).not.toContain('Agen membayar');
    const page = await open(bp3mi, c.reference);
    expect(page.html).toMatch(/id="notes"[\s\S]*Agen membayar gaji tiga bulan/);
    // Resolved: reopening is what applies now; taking and resolving do not.
    expect(has(page.html, 'form-reopen')).toBe(true);
    expect(has(page.html, 'form-resolve')).toBe(false);
    expect(has(page.html, 'form-take')).toBe(false);
  });

  it('shows a regency officer none of the changes it may not make on a case BP3MI holds', async () => {
    const c = await file();
    await act(bp3mi, c.reference, 'take');
    const { html } = await open(lombokTimur, c.reference);
    for (const form of ['form-take', 'form-resolve', 'form-correct', 'handover-refer', 'form-merge', 'form-reopen']) expect(has(html, form), form).toBe(false);
    // Still: a note, and the case's facts.
    expect(has(html, 'form-note')).toBe(true);
  });
});

describe('item 5: merge after seeing both cases, undo within a day', () => {
  it('shows both cases side by side and writes nothing until confirmed; the other case\'s first line is access-logged', async () => {
    const kept = await file({ category: 'trafficking', country: 'XX', homeRegency: '5201', description: 'Anak saya dijual ke Kamboja oleh calo.\nTolong.' });
    const duplicate = await file({ category: 'death', country: 'MY', description: 'Suami meninggal di Sabah, jenazah belum dipulangkan.' });
    const asked = await act(desk, duplicate.reference, 'merge', { into: kept.reference.toLowerCase().replace('-', '') });
    expect(asked.status).toBe(200);
    const html = await asked.text();
    const confirm = /<section id="merge-confirm"[\s\S]*?<\/section>\s*<\/div>/.exec(html)?.[0] ?? '';
    for (const shown of [kept.reference, duplicate.reference, 'TPPO/calo ilegal', 'Meninggal dunia', 'Negara lain', 'Malaysia', 'Lombok Barat', 'Lombok Timur',
      'Anak saya dijual ke Kamboja oleh calo.', 'Suami meninggal di Sabah']) expect(confirm, shown).toContain(shown);
    expect(confirm).not.toContain('Tolong.');
    expect(html).toMatch(/id="form-merge-confirm"[\s\S]*name="confirm" value="yes"/);
    expect(await current(duplicate)).toMatchObject({ status: 'new' });
    expect((await current(duplicate)).mergedInto).toBeUndefined();
    expect(await accessToday()).toContainEqual(expect.objectContaining({ officialId: 'prov-ntb', action: 'viewed', reference: kept.reference, fields: ['text'] }));

    expect((await act(desk, duplicate.reference, 'merge', { into: kept.reference, confirm: 'yes' })).status).toBe(303);
    expect(await current(duplicate)).toMatchObject({ status: 'closed', mergedInto: kept.reference });
  });

  it('undoes a merge within a day, recording who undid it on both cases; the duplicate is open again', async () => {
    const kept = await file();
    const duplicate = await file();
    await act(desk, duplicate.reference, 'merge', { into: kept.reference, confirm: 'yes' });
    const merged = await open(bp3mi, duplicate.reference);
    expect(has(merged.html, 'form-unmerge')).toBe(true);
    expect(merged.html).toContain('Bisa dibatalkan sampai');
    expect((await act(bp3mi, duplicate.reference, 'unmerge')).status).toBe(303);
    const after = await current(duplicate);
    expect(after.status).toBe('new');
    expect(after.mergedInto).toBeUndefined();
    expect(after.nextCheckAt).toBeDefined();
    expect((await system.store.timeline(duplicate.id)).find((e) => e.type === 'merge_undone')).toMatchObject({ actor: 'official:bp3mi-ntb', detail: { into: kept.reference } });
    expect((await system.store.timeline(kept.id)).find((e) => e.type === 'merge_undone_from')).toMatchObject({ actor: 'official:bp3mi-ntb', detail: { from: duplicate.reference } });
    const page = await open(desk, duplicate.reference);
    expect(page.html).toContain(`BP3MI NTB: Penggabungan ke laporan ${kept.reference} dibatalkan`);
    expect(has(page.html, 'form-unmerge')).toBe(false);
    // A second undo of the same merge has nothing to undo.
    expect((await act(bp3mi, duplicate.reference, 'unmerge')).status).toBe(409);
  });

  it('no longer offers or accepts the undo after a day', async () => {
    const kept = await file();
    const duplicate = await file();
    await act(desk, duplicate.reference, 'merge', { into: kept.reference, confirm: 'yes' });
    system.clock.advance(25 * 60);
    await signInAll();
    const page = await open(desk, duplicate.reference);
    expect(has(page.html, 'form-unmerge')).toBe(false);
    const res = await act(desk, duplicate.reference, 'unmerge');
    expect(res.status).toBe(409);
    expect(await res.text()).toContain('dalam 1 hari');
    expect((await current(duplicate)).mergedInto).toBe(kept.reference);
  });
});

describe('item 6 and 11 on the case page: plain Indonesian, and the language switch after a failed post', () => {
  it('names a wrong field in words and shows no event codes on the page', async () => {
    const c = await file({ channel: 'sms', reporterType: 'worker' });
    const res = await act(desk, c.reference, 'message', { message: '' });
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(html).toContain('Periksa isian: pesan');
    expect(html).toContain('Tulis pesan 1 sampai 300 huruf.');
    expect(html).not.toMatch(/Write a message|Periksa isian: message/);
    // The timeline's codes are machine attributes, not text.
    const visible = html.replace(/<[^>]+>/g, ' ');
    expect(visible).not.toMatch(/\breported\b|\balert\b|reporter_notified/);
    expect(html).toContain('data-event="reported"');
  });

  it('writes the access log in words: "dilihat: isi laporan, nomor pelapor", never the field codes', async () => {
    const c = await file();
    await act(desk, c.reference, 'take');
    await open(desk, c.reference);
    const html = await (await desk.get('/console/access-log')).text();
    const row = new RegExp(`<tr>(?:(?!</tr>).)*${c.reference}(?:(?!</tr>).)*</tr>`).exec(html.replace(/\n/g, ' '))?.[0] ?? '';
    expect(row).toContain('dilihat: isi laporan, nomor pelapor');
    expect(html.replace(/<[^>]+>/g, ' ')).not.toMatch(/\bviewed\b|worker_name|\btext, /);
  });

  it('leads the language switch on the answer to a failed post back to the case, not to "not found"', async () => {
    const c = await file();
    const res = await act(desk, c.reference, 'note', { note: '' });
    expect(res.status).toBe(400);
    const href = /href="([^"]+)"[^>]*id="lang-switch"/.exec(await res.text())?.[1]?.replaceAll('&amp;', '&');
    expect(href).toBe(`/console/cases/${c.reference}/note?lang=en`);
    const followed = await desk.get(href!);
    expect(followed.status).toBe(303);
    expect(followed.headers.get('location')).toBe(`/console/cases/${c.reference}?lang=en`);
    const page = await desk.get(followed.headers.get('location')!);
    expect(page.status).toBe(200);
    // The case page in English (its conversation), not "Case not found".
    expect(await page.text()).toContain('<h2>Conversation</h2>');
    await desk.get('/console?lang=id');
  });
});

describe('item 7: find and follow', () => {
  it('finds a case by a sloppy reference or by the reporter\'s number, closed and merged ones too, and logs what a number search showed', async () => {
    const phone = '+6281298899001';
    const kept = await file({ contact: phone });
    const duplicate = await file({ contact: phone });
    await act(desk, duplicate.reference, 'merge', { into: kept.reference, confirm: 'yes' });
    const byReference = await (await desk.get(`/console?q=${encodeURIComponent(` ${duplicate.reference.toLowerCase().replace('-', '')} `)}`)).text();
    expect(byReference).toMatch(new RegExp(`id="search-results"[\\s\\S]*href="/console/cases/${duplicate.reference}"[\\s\\S]*Kasus ini digabung ke ${kept.reference}`));
    // Nothing is missing from "Semua" for someone who calls: the number finds both, the merged one included.
    const byPhone = await (await desk.get(`/console?q=${encodeURIComponent('0812 9889 9001')}`)).text();
    for (const c of [kept, duplicate]) expect(byPhone).toContain(`href="/console/cases/${c.reference}"`);
    expect(byPhone).not.toContain(phone);
    const log = await accessToday();
    for (const c of [kept, duplicate]) expect(log).toContainEqual(expect.objectContaining({ officialId: 'prov-ntb', action: 'viewed', reference: c.reference, fields: ['contact'] }));
    // Another regency's case is not found by a regency officer (and the attempt is logged as for its page).
    const elsewhere = await file({ homeRegency: '5201' });
    const denied = await (await lombokTimur.get(`/console?q=${elsewhere.reference}`)).text();
    expect(denied).not.toContain(`href="/console/cases/${elsewhere.reference}"`);
    expect(denied).toContain('Tidak ada kasus yang cocok');
    expect(await accessToday()).toContainEqual(expect.objectContaining({ officialId: 'kab-5203', action: 'denied', reference: elsewhere.reference }));
    expect(await (await desk.get('/console?q=halo')).text()).toContain('Tulis kode laporan');
  });

  it('shows active filters as chips that each remove one, a reset, and tab counts labelled as filtered', async () => {
    await file({ homeRegency: '5205', category: 'death' });
    const html = await (await desk.get('/console?tab=all&regency=5205&category=death')).text();
    const chips = /<ul class="chips" id="filter-chips"[\s\S]*?<\/ul>/.exec(html)?.[0] ?? '';
    expect(chips).toContain('Kabupaten/kota: Dompu');
    expect(chips).toContain('Kategori: Meninggal dunia');
    expect(chips.replaceAll('&amp;', '&')).toContain('href="/console?tab=all&category=death"');
    expect(chips).toMatch(/href="\/console\?tab=all" id="filter-reset">Hapus semua saringan/);
    expect(html).toMatch(/id="tab-all"[^>]*>Semua \(1 tersaring\)/);
    const unfiltered = await (await desk.get('/console?tab=all')).text();
    expect(unfiltered).not.toContain('filter-chips');
    expect(unfiltered).not.toContain('tersaring');
  });

  it("makes the reporter's number a tel: link for the official who took the case", async () => {
    const c = await file({ contact: '+6281298899002' });
    await act(lombokTimur, c.reference, 'take');
    expect((await open(lombokTimur, c.reference)).html).toContain('<a href="tel:+6281298899002">+6281298899002</a>');
  });

  it('keeps the typed text when the session ended, and signing in again returns to the same case', async () => {
    const c = await file();
    const form = await open(desk, c.reference);
    system.clock.advance(31);
    const res = await desk.post(`/console/cases/${c.reference}/note`, { csrf: form.csrf, version: form.version, seen: form.seen, note: 'Catatan panjang yang saya ketik' });
    expect(res.status).toBe(401);
    const html = await res.text();
    expect(html).toMatch(/<textarea[^>]*readonly[^>]*>Catatan panjang yang saya ketik<\/textarea>/);
    const again = /href="([^"]+)" id="sign-in-again"/.exec(html)?.[1]?.replaceAll('&amp;', '&');
    expect(again).toBe(`/console/sign-in?ended=1&next=${encodeURIComponent(`/console/cases/${c.reference}`)}`);
    await desk.get(again!);
    const signedIn = await desk.signIn('+6281100005200', '5200');
    expect(signedIn.headers.get('location')).toBe(`/console/cases/${c.reference}`);
    // Only the console's own pages: another site or a sign-in page is never a place to return to.
    await desk.get(`/console/sign-in?next=${encodeURIComponent('//evil.example/console')}`);
    expect((await desk.signIn('+6281100005200', '5200')).headers.get('location')).toBe('/console');
    await signInAll();
  });
});
