import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Case } from '../../lib/domain/case.js';
import { fileReport, type ReportInput } from '../../lib/use-cases/file-report.js';
import { ConsoleClient, createConsoleTestSystem, type ConsoleTestSystem } from '../support/console.js';

/** The queue and the case page say who must act: the office holding the case, or the one it waits for. */
let system: ConsoleTestSystem;
let desk: ConsoleClient;

beforeAll(async () => {
  system = await createConsoleTestSystem();
  desk = new ConsoleClient(system, '192.0.2.9');
  await desk.signIn('+6281100005200', '5200');
});
afterAll(async () => { await system.drop(); });

let intake = 0;
async function file(over: Partial<ReportInput> = {}): Promise<Case> {
  const filed = await fileReport(system.deps, {
    channel: 'web', intakeKey: `web:holder-${++intake}`, reporterType: 'family', contact: `+6281298800${String(intake).padStart(3, '0')}`,
    category: 'unpaid_wages', homeRegency: '5203', country: 'MY', description: `Gaji belum dibayar, laporan ${intake}.`, ...over,
  });
  return filed.case;
}
const holderOn = async (path: string, reference?: string) => {
  const html = await (await desk.get(path)).text();
  const row = reference ? html.slice(html.indexOf(`>${reference}</a>`)) : html.slice(html.indexOf('id="status"'));
  return /<span class="holder">([^<]*)<\/span>/.exec(row)?.[1];
};

describe('who must act, as the console shows it', () => {
  it('shows a new Lombok Timur case as waiting for Lombok Timur, in the queue and on the case page', async () => {
    const c = await file();
    expect(await holderOn(`/console/cases/${c.reference}`)).toBe('Menunggu Lombok Timur');
    expect(await holderOn('/console?tab=all', c.reference)).toBe('Menunggu Lombok Timur');
  });

  it('shows a case whose regency nobody knows as waiting for the desk, not for a regency office nobody alerted', async () => {
    const c = await file({ homeRegency: 'unknown' });
    expect(await holderOn(`/console/cases/${c.reference}`)).toBe('Menunggu Desk: kabupaten belum diketahui');
  });

  it('shows a level-1 case the desk took as handled by the desk', async () => {
    const c = await file();
    const page = await (await desk.get(`/console/cases/${c.reference}`)).text();
    const hidden = (name: string) => new RegExp(`name="${name}" value="([^"]*)"`).exec(page)?.[1] ?? '';
    const res = await desk.post(`/console/cases/${c.reference}/take`, { csrf: hidden('csrf'), version: hidden('version'), seen: hidden('seen') });
    expect(res.status).toBe(303);
    expect(await holderOn(`/console/cases/${c.reference}`)).toBe('Ditangani Desk provinsi');
    expect(await holderOn('/console?tab=mine', c.reference)).toBe('Ditangani Desk provinsi');
  });
});
