import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Context } from 'aws-lambda';
import { createConsoleHandler } from '../../lib/console/http.js';
import { localContext, toHttpApiEvent } from '../../lib/local/lambda-shim.js';
import { configureLogger, logger } from '../../lib/logger.js';
import { fileReport } from '../../lib/use-cases/file-report.js';
import { PAGE_SIZE } from '../../lib/use-cases/console/queue.js';
import { witaDay } from '../../lib/use-cases/console/access-audit.js';
import { ConsoleClient, createConsoleTestSystem, type ConsoleTestSystem } from '../support/console.js';

/** Cursors, page parameters and the console's error lines, tried as a typo or a tampered link would. */
let system: ConsoleTestSystem;
let desk: ConsoleClient;
let lombokTimur: ConsoleClient;

const errorLines = (lines: string[]) => lines.filter((l) => l.includes('"level":"ERROR"'));
function captureOutput(): { lines: string[]; restore: () => void } {
  const lines: string[] = [];
  // Powertools writes WARN and ERROR to stderr, the rest to stdout.
  const spies = [process.stdout, process.stderr].map((stream) => vi.spyOn(stream, 'write').mockImplementation((chunk: string | Uint8Array) => { lines.push(String(chunk)); return true; }));
  return { lines, restore: () => spies.forEach((s) => s.mockRestore()) };
}

beforeAll(async () => {
  system = await createConsoleTestSystem();
  desk = new ConsoleClient(system, '192.0.2.81');
  lombokTimur = new ConsoleClient(system, '192.0.2.82');
  await desk.signIn('+6281100005200', '5200');
  await lombokTimur.signIn('+6281100005003', '0303');
  for (let i = 0; i < PAGE_SIZE + 2; i++) {
    await fileReport(system.deps, {
      channel: 'web', intakeKey: `web:cursor-${i}`, reporterType: 'family', contact: `+62812987${String(i).padStart(5, '0')}`,
      category: i % 3 === 0 ? 'violence_abuse' : 'unpaid_wages', homeRegency: '5203', country: 'MY', description: `Laporan nomor ${i}.`,
    });
  }
  // Entries for the access log's second page.
  const at = system.clock.now().toISOString();
  for (let i = 0; i < 3; i++) await system.console.accessLog.append({ at, officialId: 'prov-ntb', action: 'viewed', reference: `ABC-23${i}`, fields: ['text'] });
});
afterAll(async () => { await system.drop(); });

describe('console cursors and page parameters', () => {
  it('answers an over-long or malformed access-log filter with 400 naming it in words, writes no ERROR line, and no longer reads a cursor', async () => {
    // The log's days are WITA days.
    const day = witaDay(system.clock.now().toISOString());
    const capture = captureOutput();
    const answers: Array<[number, string]> = [];
    try {
      for (const [query, named] of [
        [`from=${'x'.repeat(3000)}`, 'dari tanggal'], [`to=${day}T99`, 'sampai tanggal'], ['ref=%00', 'kode kasus'], [`ref=${'A'.repeat(3000)}`, 'kode kasus'],
        ['kind=%00', 'jenis'], [`official=${'x'.repeat(3000)}`, 'petugas'],
      ] as const) {
        const res = await desk.get(`/console/access-log?${query}`);
        const text = await res.text();
        answers.push([res.status, text.includes(`Periksa isian: ${named}`) ? named : text.slice(0, 80)]);
      }
    } finally { capture.restore(); }
    expect(answers).toEqual([[400, 'dari tanggal'], [400, 'sampai tanggal'], [400, 'kode kasus'], [400, 'kode kasus'], [400, 'jenis'], [400, 'petugas']]);
    expect(errorLines(capture.lines)).toEqual([]);

    // An old link with a cursor reads the whole day, filtered and grouped (the cursor is ignored, never passed to DynamoDB).
    const old = await desk.get(`/console/access-log?day=${day}&after=${encodeURIComponent('x'.repeat(3000))}`);
    expect(old.status).toBe(200);
    const html = await old.text();
    for (let i = 0; i < 3; i++) expect(html).toContain(`ABC-23${i}`);
  });

  it('ignores a tampered queue cursor (garbage, over-long, another urgency, past the overdue bound) and a period typed backwards: 200, never 500', { timeout: 180_000 }, async () => {
    const real = /href="[^"]*after=([^"&]+)/.exec(await (await desk.get('/console?tab=all')).text())?.[1];
    expect(real).toBeDefined();
    const decoded = JSON.parse(Buffer.from(decodeURIComponent(real!), 'base64url').toString()) as Record<string, string>;
    const tampered = (value: string) => Buffer.from(JSON.stringify(Object.fromEntries(Object.keys(decoded).map((k) => [k, value])))).toString('base64url');
    const cursors = [
      'not-base64-json', 'x'.repeat(3900), tampered('9#9999-12-31T23:59:59.999Z#zzzz'), tampered('x'.repeat(2000)),
      tampered(`2#${'9'.repeat(20)}#id`), Buffer.from('[1,2,3]').toString('base64url'), Buffer.from('{"a":{"b":1}}').toString('base64url'),
    ];
    const capture = captureOutput();
    const statuses: number[] = [];
    try {
      for (const client of [desk, lombokTimur]) {
        for (const tab of ['all', 'overdue', 'unassigned', 'mine']) {
          for (const after of cursors) statuses.push((await client.get(`/console?tab=${tab}&after=${encodeURIComponent(after)}`)).status);
        }
        statuses.push((await client.get('/console?tab=all&from=2026-12-31&to=2026-01-01')).status);
        statuses.push((await client.get('/console?tab=all&from=9999-99-99&to=0000-00-00&level=9&regency=%00')).status);
      }
    } finally { capture.restore(); }
    expect(new Set(statuses)).toEqual(new Set([200]));
    expect(errorLines(capture.lines)).toEqual([]);
    // A period typed backwards still finds the cases filed in it.
    const today = system.clock.now().toISOString().slice(0, 10);
    expect(await (await desk.get(`/console?tab=all&from=${today}&to=2000-01-01`)).text()).toMatch(/\/console\/cases\/[A-Z0-9]{3}-[A-Z0-9]{3}/);
  });
});

describe('free text on the way in', () => {
  const RLO = '\u202E';
  const hidden = /[\p{Cf}\u0000-\u0008]/u;
  it('drops format characters (U+202E and the like) from the worker name, the agent name, notes and the NIK reason, as from the report text', async () => {
    const filed = await fileReport(system.deps, {
      channel: 'web', intakeKey: 'web:format-chars', reporterType: 'family', contact: '+6281298799999', category: 'unpaid_wages',
      homeRegency: '5203', country: 'MY', description: `Gaji${RLO} belum dibayar`, nik: '5203014107900001',
      workerName: `Siti${RLO}\u200B Aminah\u0007`, agentName: `PT${RLO} Maju`,
    });
    const stored = (await system.store.getCase(filed.case.id))!;
    expect(stored.workerName).toBe('Siti Aminah');
    expect(stored.agentName).toBe('PT Maju');
    expect(stored.description).toBe('Gaji belum dibayar');

    const ref = filed.case.reference;
    const page = await (await lombokTimur.get(`/console/cases/${ref}`)).text();
    const field = (name: string) => new RegExp(`name="${name}" value="([^"]*)"`).exec(page)?.[1] ?? '';
    const noted = await lombokTimur.post(`/console/cases/${ref}/note`, { csrf: field('csrf'), version: field('version'), seen: field('seen'), note: `cek${RLO}gnirts\u2066 kontrak` });
    expect(noted.status).toBe(303);
    const reveal = await lombokTimur.post(`/console/cases/${ref}/nik`, { csrf: field('csrf'), reason: `Verifikasi${RLO} dokumen` });
    expect(reveal.status).toBe(200);
    const shown = await (await lombokTimur.get(`/console/cases/${ref}`)).text();
    expect(shown).toContain('cekgnirts kontrak');
    expect(shown).not.toMatch(hidden);
    const day = system.clock.now().toISOString().slice(0, 10);
    const reasons = (await system.console.accessLog.day(day, 200)).entries.filter((e) => e.reference === ref && e.reason).map((e) => e.reason);
    expect(reasons).toEqual(['Verifikasi dokumen']);
  });
});

describe('queue pages', () => {
  it('give the desk\'s "all" tab a second page with the cases the first did not show (the cursor is the index\'s own sort key)', async () => {
    const first = await (await desk.get('/console?tab=all')).text();
    const refs = (html: string) => [...html.matchAll(/class="ref" href="\/console\/cases\/([A-Z0-9-]+)"/g)].map((m) => m[1]!);
    const next = /id="next-page"|href="([^"]*after=[^"]+)" id="next-page"/.exec(first);
    const link = /href="([^"]*after=[^"]+)" id="next-page"/.exec(first)?.[1]?.replaceAll('&amp;', '&');
    expect(next && link).toBeTruthy();
    const second = await (await desk.get(link!)).text();
    expect(refs(first)).toHaveLength(PAGE_SIZE);
    expect(refs(second).length).toBeGreaterThanOrEqual(2);
    expect(refs(second).filter((r) => refs(first).includes(r))).toEqual([]);
  });
});

describe('the console\'s log lines', () => {
  it('carry the console\'s own function name and request id, even after another function set its context in the same process', async () => {
    const broken = { ...system.console, sessions: { ...system.console.sessions, getSession: async () => { throw new TypeError('store down'); } } };
    const handler = createConsoleHandler({ deps: broken as never, options: { secureCookies: false, origin: 'http://console.test', rpName: 'test' } });
    const event = toHttpApiEvent({ method: 'GET', url: '/console', headers: { host: 'console.test', cookie: `pmi-session=${'a'.repeat(43)}` }, socket: { remoteAddress: '192.0.2.83' } } as never, Buffer.alloc(0), 'ANY /console/{proxy+}');
    const capture = captureOutput();
    let status: number | undefined;
    try {
      // A logger built now writes to the captured stdout; another function's invocation then leaves
      // its context on it (as the escalator does locally every 5 s).
      configureLogger({ logLevel: 'INFO' });
      logger.addContext(localContext('escalator') as Context);
      status = (await handler(event, localContext('console'))).statusCode;
    } finally { capture.restore(); }
    expect(status).toBe(500);
    const line = JSON.parse(errorLines(capture.lines)[0]!) as Record<string, unknown>;
    expect(line.message).toBe('console request failed');
    expect(line.function_name).toBe('console');
    expect(line.errorName).toBe('TypeError');
  });
});
