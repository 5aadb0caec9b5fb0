import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Case } from '../../lib/domain/case.js';
import { fileReport } from '../../lib/use-cases/file-report.js';
import { ConsoleClient, createConsoleTestSystem, type ConsoleTestSystem } from '../support/console.js';
import { localContext } from '../../lib/local/lambda-shim.js';

/**
 * The reader alert (issue 22 point 5): one official viewing the personal data of more than
 * READER_ALERT_CASES (20) cases within READER_ALERT_MINUTES (60) alerts BP3MI and the level above by
 * SMS, is flagged in the access log, never blocks the official, and BP3MI can end that official's
 * console sessions.
 */
let system: ConsoleTestSystem;
let reader: ConsoleClient;
let desk: ConsoleClient;
let bp3mi: ConsoleClient;
const cases: Case[] = [];

beforeAll(async () => {
  system = await createConsoleTestSystem();
  reader = new ConsoleClient(system, '192.0.2.41');
  desk = new ConsoleClient(system, '192.0.2.42');
  bp3mi = new ConsoleClient(system, '192.0.2.43');
  await reader.signIn('+6281100005003', '0303');
  await desk.signIn('+6281100005200', '5200');
  await bp3mi.signIn('+6281100005300', '5300');
  for (let i = 0; i < 22; i++) {
    cases.push((await fileReport(system.deps, {
      channel: 'web', intakeKey: `web:reader-${i}`, reporterType: 'family', contact: `+62812987${String(i).padStart(5, '0')}`,
      category: 'unpaid_wages', homeRegency: '5203', country: 'MY', description: `Gaji belum dibayar, laporan nomor ${i}.`,
    })).case);
  }
}, 240_000);
afterAll(async () => { await system.drop(); });

const readerAlerts = async () => (await system.store.pendingMessagesOlderThan(new Date(Date.now() + 365 * 86400_000), 2000)).filter((m) => m.purpose === 'reader_alert');
const accessToday = async () => (await system.console.accessLog.day(system.clock.now().toISOString().slice(0, 10), 500)).entries;

describe('one official reading many cases\' personal data', { timeout: 180_000 }, () => {
  it('alerts the desk and BP3MI after the 21st case within the hour, flags it in the access log, and never blocks', async () => {
    for (const c of cases.slice(0, 20)) expect((await reader.get(`/console/cases/${c.reference}`)).status).toBe(200);
    // The same case again is not another case.
    expect((await reader.get(`/console/cases/${cases[0]!.reference}`)).status).toBe(200);
    expect(await readerAlerts()).toEqual([]);

    const page = await reader.get(`/console/cases/${cases[20]!.reference}`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('Gaji belum dibayar, laporan nomor 20.');

    const alerts = await readerAlerts();
    expect(alerts.map((m) => m.to).sort()).toEqual(['+6281100005200', '+6281100005300']);
    for (const m of alerts) {
      expect(m.text).toBe('AKSES DATA: Petugas Disnaker Lombok Timur (kab-5203) membuka data pribadi 21 kasus dalam 60 menit. Cek Log akses di konsol; BP3MI dapat mengakhiri sesinya.');
      for (const c of cases) expect(m.text).not.toContain(c.reference);
    }
    const flagged = (await accessToday()).filter((e) => e.action === 'reader_alert');
    expect(flagged).toEqual([expect.objectContaining({ officialId: 'kab-5203', cases: 21, reference: '-' })]);

    // Once per window: a 22nd case is shown and logged, without a second alert.
    expect((await reader.get(`/console/cases/${cases[21]!.reference}`)).status).toBe(200);
    expect(await readerAlerts()).toHaveLength(2);
    expect((await accessToday()).filter((e) => e.action === 'viewed' && e.officialId === 'kab-5203')).toHaveLength(23);
  });

  it('shows the alert in the access log and lets BP3MI, and only BP3MI, end the official\'s sessions', async () => {
    const log = await (await desk.get('/console/access-log')).text();
    // In words, as every access-log cell; the code stays in the stored entry (data-action).
    expect(log).toContain('data-action="reader_alert"><a href="/console/readers" class="late">peringatan akses, jumlah kasus: 21</a>');
    expect(log).not.toContain('reader_alert:');
    const readers = await (await bp3mi.get('/console/readers')).text();
    expect(readers).toContain('Petugas Disnaker Lombok Timur');
    expect(readers).toContain('id="end-kab-5203"');
    const csrfOf = (html: string) => /name="csrf" value="([^"]+)"/.exec(html)?.[1] ?? '';

    const deskPage = await (await desk.get('/console/readers')).text();
    expect(deskPage).not.toContain('id="end-kab-5203"');
    expect((await desk.post('/console/readers/end-sessions', { csrf: csrfOf(deskPage), official: 'kab-5203' })).status).toBe(403);
    expect((await reader.get('/console')).status).toBe(200);

    const missing = await bp3mi.post('/console/readers/end-sessions', { csrf: csrfOf(readers) });
    expect(missing.status).toBe(400);
    // The field named in words (issue 23 item 6): 'Periksa isian: petugas'.
    expect(await missing.text()).toContain('Periksa isian: petugas');

    system.clock.advance(1);
    const ended = await bp3mi.post('/console/readers/end-sessions', { csrf: csrfOf(readers), official: 'kab-5203' });
    expect(ended.status).toBe(200);
    const gone = await reader.get('/console');
    expect(gone.status).toBe(303);
    expect(gone.headers.get('location')).toMatch(/^\/console\/sign-in\?ended=1/);
    // The others keep working; the official may sign in again (ending sessions is not disabling).
    expect((await bp3mi.get('/console')).status).toBe(200);
    system.clock.advance(1);
    await reader.signIn('+6281100005003', '0303');
    expect((await reader.get('/console')).status).toBe(200);
  });
});

describe('an official reading many cases by INFO from a basic phone', { timeout: 240_000 }, () => {
  const LOBAR = { id: 'kab-5201', phone: '+6281100005001', pin: '0101' };
  let sent = 0;
  /** One SMS through the sms-inbound handler, as Africa's Talking posts it (the function's own wiring). */
  const sms = async (text: string) => {
    const body = new URLSearchParams({ from: LOBAR.phone, to: '1708', text, date: '2026-12-06 08:00:00', id: `ATXid_reader_${++sent}` }).toString();
    const result = await system.handlers.smsInbound({
      version: '2.0', routeKey: 'POST /sms', rawPath: '/sms', rawQueryString: `key=${system.callbackKey}`,
      headers: { 'content-type': 'application/x-www-form-urlencoded' }, queryStringParameters: { key: system.callbackKey },
      requestContext: {
        accountId: 'test', apiId: 'test', domainName: 'localhost', domainPrefix: 'localhost',
        http: { method: 'POST', path: '/sms', protocol: 'HTTP/1.1', sourceIp: '127.0.0.1', userAgent: 'test' },
        requestId: `reader-${sent}`, routeKey: 'POST /sms', stage: '$default', time: '', timeEpoch: Date.now(),
      },
      body, isBase64Encoded: false,
    } as never, localContext('sms-inbound', 60_000) as never) as { statusCode: number };
    expect(result.statusCode).toBe(200);
  };

  it('counts INFO reads of the number and the text toward the same alert as console views (issue 22 point 5)', async () => {
    const held: Case[] = [];
    for (let i = 0; i < 21; i++) {
      held.push((await fileReport(system.deps, {
        channel: 'web', intakeKey: `web:reader-sms-${i}`, reporterType: 'family', contact: `+62813987${String(i).padStart(5, '0')}`,
        category: 'unpaid_wages', homeRegency: '5201', country: 'MY', description: `Paspor ditahan, laporan nomor ${i}.`,
      })).case);
    }
    // The holder reads each case by INFO (the number and the text): only a holder is shown them.
    for (const c of held) await sms(`TERIMA ${c.reference} ${LOBAR.pin}`);
    for (const c of held.slice(0, 20)) await sms(`INFO ${c.reference} ${LOBAR.pin}`);
    const mine = async () => (await readerAlerts()).filter((m) => m.text.includes(`(${LOBAR.id})`));
    expect(await mine()).toEqual([]);

    await sms(`INFO ${held[20]!.reference} ${LOBAR.pin}`);
    const alerts = await mine();
    expect(alerts.map((m) => m.to).sort()).toEqual(['+6281100005200', '+6281100005300']);
    expect(alerts[0]!.text).toContain('membuka data pribadi 21 kasus dalam 60 menit');
    const log = await accessToday();
    expect(log.filter((e) => e.action === 'viewed' && e.officialId === LOBAR.id)).toHaveLength(21);
    expect(log.filter((e) => e.action === 'reader_alert' && e.officialId === LOBAR.id)).toEqual([expect.objectContaining({ cases: 21 })]);
  });
});
