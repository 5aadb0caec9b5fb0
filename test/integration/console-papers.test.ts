import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Case } from '../../lib/domain/case.js';
import { fileReport, type ReportInput } from '../../lib/use-cases/file-report.js';
import { handleInboundSms } from '../../lib/use-cases/handle-inbound-sms.js';
import { ConsoleClient, createConsoleTestSystem, type ConsoleTestSystem } from '../support/console.js';

/** Papers for a meeting (issue 23, item 10): the printable case summary and the access log for an audit, through the console handler on DynamoDB Local. */
let system: ConsoleTestSystem;
let desk: ConsoleClient;
let lombokBarat: ConsoleClient;
let lombokTimur: ConsoleClient;

beforeAll(async () => {
  system = await createConsoleTestSystem();
  desk = new ConsoleClient(system, '192.0.2.41');
  lombokBarat = new ConsoleClient(system, '192.0.2.42');
  lombokTimur = new ConsoleClient(system, '192.0.2.43');
  await desk.signIn('+6281100005200', '5200');
  await lombokBarat.signIn('+6281100005001', '0101');
  await lombokTimur.signIn('+6281100005003', '0303');
});
afterAll(async () => { await system.drop(); });

let intake = 0;
async function file(over: Partial<ReportInput> = {}): Promise<Case> {
  const filed = await fileReport(system.deps, {
    channel: 'sms', intakeKey: `sms:papers-${++intake}`, reporterType: 'worker', contact: `+6281298800${String(intake).padStart(3, '0')}`,
    category: 'unpaid_wages', homeRegency: '5203', country: 'MY', description: `Gaji belum dibayar 4 bulan, laporan ${intake}.`,
    nik: '5203014107900001', workerName: 'Siti Aminah', ...over,
  });
  return filed.case;
}
async function formOf(client: ConsoleClient, reference: string) {
  const html = await (await client.get(`/console/cases/${reference}`)).text();
  const hidden = (name: string) => new RegExp(`name="${name}" value="([^"]*)"`).exec(html)?.[1] ?? '';
  return { csrf: hidden('csrf'), version: hidden('version'), seen: hidden('seen') };
}
async function act(client: ConsoleClient, reference: string, action: string, fields: Record<string, string> = {}) {
  return client.post(`/console/cases/${reference}/${action}`, { ...(await formOf(client, reference)), ...fields });
}
const accessToday = async () => (await system.console.accessLog.day(system.clock.now().toISOString().slice(0, 10), 500)).entries;

describe('the printable case summary', () => {
  it('carries the facts, the conversation, the timeline and the notes, no form, the NIK masked and a RAHASIA footer, and is recorded as printed', async () => {
    const c = await file({ contact: '+6281298811111' });
    expect((await act(lombokTimur, c.reference, 'take')).status).toBe(303);
    expect((await act(lombokTimur, c.reference, 'note', { note: 'Sudah telepon agensi di Johor' })).status).toBe(303);
    await handleInboundSms(system.deps, { id: 'at-papers-1', from: '+6281298811111', text: 'Majikan janji bayar minggu depan', receivedAt: system.clock.now().toISOString() });

    const casePage = await (await lombokTimur.get(`/console/cases/${c.reference}`)).text();
    expect(casePage).toContain(`href="/console/print/${c.reference}"`);

    const res = await lombokTimur.get(`/console/print/${c.reference}`);
    expect(res.status).toBe(200);
    const html = await res.text();
    const summary = html.slice(html.indexOf('<main>'));
    // Facts, by name.
    expect(summary).toContain('Gaji tidak dibayar');
    expect(summary).toContain('Lombok Timur');
    expect(summary).toContain('Malaysia');
    expect(summary).toContain('Siti Aminah');
    // The holder sees the reporter's number (as on the case page); the NIK is never whole on paper.
    expect(summary).toContain('+6281298811111');
    expect(summary).toContain('5203********0001');
    expect(summary).not.toContain('5203014107900001');
    // The conversation: the report and the reporter's follow-up, in order.
    expect(summary.indexOf('Gaji belum dibayar 4 bulan')).toBeGreaterThan(0);
    expect(summary.indexOf('Majikan janji bayar minggu depan')).toBeGreaterThan(summary.indexOf('Gaji belum dibayar 4 bulan'));
    // The timeline in words with dated WITA times, the event code only as data.
    expect(summary).toMatch(/<li data-event="reported">\d{4}-\d{2}-\d{2} \d{2}:\d{2} WITA · /);
    expect(summary).toContain('data-event="acknowledged"');
    expect(summary).not.toMatch(/>[^<]*\b(reported|acknowledged|note_added)\b[^<]*</);
    // The internal note with who wrote it.
    expect(summary).toMatch(/Petugas Disnaker Lombok Timur[^<]*: <span class="note-text">Sudah telepon agensi di Johor/);
    // No form and nothing that changes the case; the RAHASIA line and who printed it.
    expect(summary).not.toMatch(/<form|<textarea|<input|<select/);
    expect(summary).toMatch(/<footer class="rahasia"[^>]*>RAHASIA · Berisi data pribadi \(UU 27\/2022\)[^<]*Dicetak oleh Petugas Disnaker Lombok Timur/);

    const printed = (await accessToday()).filter((e) => e.action === 'printed' && e.reference === c.reference);
    expect(printed).toHaveLength(1);
    expect(printed[0]).toMatchObject({ officialId: 'kab-5203', fields: ['text', 'worker_name', 'contact'] });
  });

  it("keeps the reporter's number off another official's printout, and prints in English when the console is in English", async () => {
    const c = await file({ contact: '+6281298822222' });
    await act(lombokTimur, c.reference, 'take');
    const html = await (await desk.get(`/console/print/${c.reference}?lang=en`)).text();
    expect(html).not.toContain('6281298822222');
    expect(html).toContain('Only for the official who took the case');
    expect(html).toContain('CONFIDENTIAL (RAHASIA)');
    await desk.get('/console?lang=id');
    const printed = (await accessToday()).find((e) => e.action === 'printed' && e.reference === c.reference);
    expect(printed).toMatchObject({ officialId: 'prov-ntb', fields: ['text', 'worker_name'] });
  });

  it("answers another regency's case exactly as an unknown one, and logs the attempt as denied, not printed", async () => {
    const c = await file({ homeRegency: '5203' });
    const denied = await lombokBarat.get(`/console/print/${c.reference}`);
    const missing = await lombokBarat.get('/console/print/ZZZ-ZZZ');
    expect(denied.status).toBe(404);
    expect(missing.status).toBe(404);
    expect((await denied.text()).replaceAll(c.reference, 'REF')).toBe((await missing.text()).replaceAll('ZZZ-ZZZ', 'REF'));
    const log = (await accessToday()).filter((e) => e.reference === c.reference && e.officialId === 'kab-5201');
    expect(log.map((e) => e.action)).toEqual(['denied']);
  });
});

describe('the access log for an audit', () => {
  const rowsOf = (html: string) => [...html.replace(/\n/g, ' ').matchAll(/<tr>((?:(?!<\/tr>).)*)<\/tr>/g)].map((m) => m[1]!.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ').trim());
  /** The log's body rows (not its head). */
  const tableOf = (html: string) => /<table id="access-log">[\s\S]*?<tbody>([\s\S]*?)<\/tbody>/.exec(html)?.[1] ?? '';

  it('filters by kind, official and case, groups the entries of one action into one row, and counts per kind, all in words', async () => {
    const a = await file({ contact: '+6281298833333' });
    const b = await file({ contact: '+6281298833333' });
    // The desk finds both cases by the reporter's number: one action, two cases.
    expect((await desk.get(`/console?q=${encodeURIComponent('+6281298833333')}`)).status).toBe(200);
    // A Lombok Barat officer asks for a Lombok Timur case: denied.
    expect((await lombokBarat.get(`/console/cases/${a.reference}`)).status).toBe(404);
    // The holder reveals the NIK with a reason.
    await act(lombokTimur, a.reference, 'take');
    const form = await formOf(lombokTimur, a.reference);
    expect((await lombokTimur.post(`/console/cases/${a.reference}/nik`, { csrf: form.csrf, reason: 'Cocokkan dengan paspor' })).status).toBe(200);

    const denied = await (await desk.get('/console/access-log?kind=denied')).text();
    const deniedRows = rowsOf(tableOf(denied));
    expect(deniedRows.some((r) => r.includes('Petugas Disnaker Lombok Barat') && r.includes('ditolak (di luar wilayah)') && r.includes(a.reference))).toBe(true);
    expect(deniedRows.every((r) => r.includes('ditolak'))).toBe(true);

    const nik = rowsOf(tableOf(await (await desk.get('/console/access-log?kind=nik_revealed&official=kab-5203')).text()));
    expect(nik).toHaveLength(1);
    expect(nik[0]).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2} Petugas Disnaker Lombok Timur \(Kabupaten\/kota\) NIK ditampilkan: isi laporan, nama pekerja, nomor pelapor, NIK \(Cocokkan dengan paspor\)/);

    const search = rowsOf(tableOf(await (await desk.get(`/console/access-log?official=prov-ntb&kind=viewed`)).text()));
    const grouped = search.find((r) => r.includes(a.reference) && r.includes(b.reference));
    expect(grouped).toContain('dilihat: nomor pelapor');
    expect(grouped).toContain('2 kasus:');

    const ofCase = await (await desk.get(`/console/access-log?ref=${a.reference.toLowerCase().replace('-', '')}`)).text();
    const caseRows = rowsOf(tableOf(ofCase));
    expect(caseRows.length).toBeGreaterThanOrEqual(4);
    expect(caseRows.every((r) => r.includes(a.reference))).toBe(true);
    expect(caseRows.some((r) => r.includes(b.reference))).toBe(false);
    // Per kind, for that case: the count and a link that adds the kind to the filters.
    expect(ofCase).toMatch(new RegExp(`<tr data-kind="denied"><th scope="row"><a href="/console/access-log\\?from=[-\\d]+&amp;to=[-\\d]+&amp;ref=${a.reference}&amp;kind=denied"[^>]*>ditolak \\(di luar wilayah\\)</a></th><td>1</td></tr>`));
    // No code on the Indonesian page: kinds and fields in words, the codes only in data-action.
    const visible = ofCase.replace(/<[^>]+>/g, ' ');
    expect(visible).not.toMatch(/\b(viewed|nik_revealed|denied|worker_name|contact)\b/);
    expect(ofCase).toContain('data-action="nik_revealed"');
  });

  it('reads WITA days: an entry at 16:30 UTC belongs to the next day', async () => {
    const day = system.clock.now().toISOString().slice(0, 10);
    const next = new Date(Date.parse(`${day}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
    await system.console.accessLog.append({ at: `${day}T15:30:00.000Z`, officialId: 'bp3mi-ntb', action: 'denied', reference: 'WTA-222', fields: [] });
    await system.console.accessLog.append({ at: `${day}T16:30:00.000Z`, officialId: 'bp3mi-ntb', action: 'denied', reference: 'WTA-333', fields: [] });
    const html = tableOf(await (await desk.get(`/console/access-log?from=${next}&to=${next}&official=bp3mi-ntb`)).text());
    expect(html).toContain('WTA-333');
    expect(html).not.toContain('WTA-222');
    expect(html).toContain(`${next} 00:30`);
  });

  it('exports the filtered log as CSV in words and WITA times, and records the export itself', async () => {
    const res = await desk.get('/console/access-log/export.csv?kind=nik_revealed');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/text\/csv/);
    expect(res.headers.get('content-disposition')).toMatch(/attachment; filename="log-akses-\d{4}-\d{2}-\d{2}\.csv"/);
    const lines = (await res.text()).replace(/^\uFEFF/, '').trim().split('\r\n');
    expect(lines[0]).toBe('Waktu (WITA),Petugas,ID petugas,Tingkat,Jenis,Data yang dibuka,Kasus,Alasan,Jumlah kasus (peringatan pembaca)');
    expect(lines.slice(1).length).toBeGreaterThanOrEqual(1);
    expect(lines[1]).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2},Petugas Disnaker Lombok Timur,kab-5203,Kabupaten\/kota,NIK ditampilkan,"isi laporan, nama pekerja, nomor pelapor, NIK",[A-Z0-9]{3}-[A-Z0-9]{3},Cocokkan dengan paspor,$/);
    const exported = (await accessToday()).filter((e) => e.action === 'exported' && e.officialId === 'prov-ntb' && e.reference === 'access-log.csv');
    expect(exported).toEqual([expect.objectContaining({ fields: ['access_log'] })]);
    // The export is itself a row of the log, in words.
    const html = await (await desk.get('/console/access-log?kind=exported')).text();
    expect(rowsOf(tableOf(html)).some((r) => r.includes('diunduh: log akses') && r.includes('log akses (CSV)'))).toBe(true);
  });

  it('names a wrong filter in Indonesian (400) instead of reading something else, and keeps the log from regency officers', async () => {
    for (const [query, named] of [['ref=0000', 'kode kasus'], ['kind=viewd', 'jenis'], ['official=nobody', 'petugas'], ['from=2026-13-45', 'dari tanggal (wita)']] as const) {
      const res = await desk.get(`/console/access-log?${query}`);
      expect(res.status, query).toBe(400);
      expect(await res.text(), query).toContain(`Periksa isian: ${named}`);
      expect((await desk.get(`/console/access-log/export.csv?${query}`)).status, query).toBe(400);
    }
    const long = await desk.get('/console/access-log?from=2026-01-01&to=2026-03-01');
    expect(long.status).toBe(400);
    expect(await long.text()).toContain('Periode paling lama 31 hari.');
    expect((await lombokBarat.get('/console/access-log')).status).toBe(403);
    expect((await lombokBarat.get('/console/access-log/export.csv')).status).toBe(403);
  });
});
