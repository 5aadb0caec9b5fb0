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
