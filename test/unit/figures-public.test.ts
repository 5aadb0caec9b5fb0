import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { CATEGORIES } from '../../lib/domain/categories.js';
import { publicMonth, publicRows, PUBLIC_REGENCIES, PUBLIC_ROLL_UP_COUNTERS } from '../../lib/figures/public.js';
import { categoryCounter, CATEGORY_MEASURES, channelFiled, COUNTERS, histogramKeys } from '../../lib/figures/contribution.js';
import { CHANNELS } from '../../lib/domain/case.js';
import { isDeepStrictEqual } from 'node:util';
import { renderStatistik, statistikJson } from '../../lib/figures/statistik-page.js';
import { closedMonths, fingerprint, statistikRoutes, lastMonths } from '../../lib/figures/http.js';
import type { CellCounts, FiguresPort } from '../../lib/figures/port.js';
import type { HttpEvent } from '../../lib/http/api.js';
import { rollUpsOf } from '../support/roll-ups.js';

const REGENCY_CODES = ['5201', '5202', '5203', '5204', 'outside', 'unknown'] as const;

const cellsArb = fc.array(fc.record({
  regency: fc.constantFrom(...REGENCY_CODES),
  category: fc.constantFrom(...CATEGORIES),
  channel: fc.constantFrom('sms', 'ussd', 'web', 'whatsapp'),
  level: fc.constantFrom(1, 2, 3),
  filed: fc.integer({ min: 0, max: 12 }),
  onTimeShare: fc.double({ min: 0, max: 1, noNaN: true }),
  resolvedShare: fc.double({ min: 0, max: 1, noNaN: true }),
}), { maxLength: 40 }).map((list): CellCounts[] => list.map((c) => ({
  cell: { kind: 'month', month: '2026-11', regency: c.regency, category: c.category, channel: c.channel as 'sms', level: c.level as 1 },
  counts: { filed: c.filed, ackOnTime: Math.floor(c.filed * c.onTimeShare), resolved: Math.floor(c.filed * c.resolvedShare), ack0: c.filed },
})));

describe('public figures', () => {
  it('never put a number under 5 in /statistik.json, and list every regency x category of a month with reports', { timeout: 30_000 }, () => {
    fc.assert(fc.property(cellsArb, (cells) => {
      const month = publicMonth('2026-11', cells);
      const rows = publicRows([month]);
      for (const row of rows) {
        expect(row.reports === '<5' || (typeof row.reports === 'number' && row.reports >= 5)).toBe(true);
        // The linked measures: withheld ("*") under 5 and where the reports are 1 to 4 more than they are.
        for (const v of [row.acknowledgedOnTime, row.resolved]) {
          expect(v === '*' || (typeof v === 'number' && v >= 5 && typeof row.reports === 'number' && !(row.reports - v >= 1 && row.reports - v <= 4))).toBe(true);
        }
        expect(Object.keys(row).sort()).toEqual(['acknowledgedOnTime', 'category', 'month', 'regency', 'reports', 'resolved']);
      }
      expect(rows.length).toBe(month.reported ? PUBLIC_REGENCIES.length * CATEGORIES.length : 0);
    }), { numRuns: 200 });
  });

  it('are the same from the month x regency roll-ups the page reads as from the finest cells', { timeout: 30_000 }, () => {
    fc.assert(fc.property(cellsArb, (cells) => {
      expect(publicMonth('2026-11', rollUpsOf(cells))).toEqual(publicMonth('2026-11', cells));
    }), { numRuns: 200 });
  });

  it('never show a number under 5 in the tables of the page', { timeout: 30_000 }, () => {
    fc.assert(fc.property(cellsArb, (cells) => {
      const html = renderStatistik([publicMonth('2026-11', cells)], 'id');
      const numbers = [...html.matchAll(/<td>(\d+)<\/td>/g)].map((m) => Number(m[1]));
      for (const n of numbers) expect(n).toBeGreaterThanOrEqual(5);
    }), { numRuns: 200 });
  });

  it('fold homes outside NTB into "unknown" and count channels and levels together', () => {
    const cell = (regency: string, channel: string, level: number, filed: number): CellCounts => ({
      cell: { kind: 'month', month: '2026-11', regency: regency as 'unknown', category: 'unpaid_wages', channel: channel as 'sms', level: level as 1 }, counts: { filed },
    });
    const rows = publicRows([publicMonth('2026-11', [cell('outside', 'sms', 1, 3), cell('unknown', 'web', 2, 3), cell('5203', 'sms', 1, 7)])]);
    expect(rows.find((r) => r.regency === 'unknown' && r.category === 'unpaid_wages')?.reports).toBe(6);
    expect(rows.find((r) => r.regency === '5203' && r.category === 'unpaid_wages')?.reports).toBe(7);
    expect(rows.find((r) => r.regency === '5201' && r.category === 'unpaid_wages')?.reports).toBe('<5');
  });

  it('withhold the shares when the month total would pin the small cells (all of them zero)', () => {
    const m = publicMonth('2026-11', [{ cell: { kind: 'month', month: '2026-11', regency: '5203', category: 'unpaid_wages', channel: 'sms', level: 1 }, counts: { filed: 20, ackOnTime: 15 } }]);
    expect(m.tables.reports.grandTotal).toBeNull();
    expect(m.shareAcknowledgedOnTime).toBeNull();
    expect(renderStatistik([m], 'en')).toContain('<b>—</b>');
  });

  it('show the share answered on time and the median first response only from published totals', () => {
    const cells: CellCounts[] = [
      { cell: { kind: 'month', month: '2026-11', regency: '5203', category: 'unpaid_wages', channel: 'sms', level: 1 }, counts: { filed: 20, ackOnTime: 15, resolved: 10, ack2: 12, ack6: 3 } },
      { cell: { kind: 'month', month: '2026-11', regency: '5202', category: 'job_fraud', channel: 'web', level: 1 }, counts: { filed: 10, ackOnTime: 5, resolved: 5, ack2: 5 } },
      { cell: { kind: 'month', month: '2026-11', regency: '5201', category: 'other', channel: 'web', level: 1 }, counts: { filed: 2, ackOnTime: 1, resolved: 1, ack2: 1 } },
    ];
    const m = publicMonth('2026-11', cells);
    // Small cells hold 2, 1 and 1 of the totals: the grand totals leave them undetermined, so they are published.
    expect(m.tables.reports.grandTotal).toBe(32);
    expect(m.shareAcknowledgedOnTime).toBeCloseTo(21 / 32);
    expect(m.shareResolved).toBeCloseTo(16 / 32);
    expect(m.medianFirstResponseMinutes).toBe(60);
    const html = renderStatistik([m], 'id');
    expect(html).toContain('66%');
    expect(html).toContain('≤ 1 jam');
    expect(html).toContain('href="/statistik?lang=en"');
  });
});

describe('reports per channel on /statistik', () => {
  const cell = (channel: string, filed: number, regency = '5203'): CellCounts => ({
    cell: { kind: 'channel', month: '2026-11', regency: regency as '5203', channel: channel as 'whatsapp' }, counts: { filed },
  });
  const summary = (filed: number, regency = '5203'): CellCounts => ({ cell: { kind: 'summary', month: '2026-11', regency: regency as '5203', category: 'unpaid_wages' }, counts: { filed } });

  it('count WhatsApp as a channel of its own, from the channel roll-up, summed over regencies', () => {
    const m = publicMonth('2026-11', [summary(20), summary(12, '5201'), cell('whatsapp', 14), cell('whatsapp', 6, '5201'), cell('sms', 6), cell('web', 6, '5201')]);
    // WhatsApp 20, SMS 6, web 6, USSD 0 (a small figure, shown as "<5"). The month's many empty cells
    // withhold its total (a zero can only grow), so the channels may stay: their sum gives it only within 0..4.
    expect(m.channels).toEqual({ cells: [6, '<5', 6, 20], total: null, published: true });
    expect(m.tables.reports.grandTotal).toBeNull();
    const html = renderStatistik([m], 'id');
    expect(html).toContain('Laporan per saluran');
    expect(html).toMatch(/<th scope="row">WhatsApp<\/th><td>20<\/td>/);
    expect(html).toMatch(/<th scope="row">USSD<\/th><td><5<\/td>/);
    const json = JSON.parse(statistikJson([m])) as { channels: Array<{ month: string; channel: string; reports: unknown }> };
    expect(json.channels).toEqual([
      { month: '2026-11', channel: 'sms', reports: 6 }, { month: '2026-11', channel: 'ussd', reports: '<5' },
      { month: '2026-11', channel: 'web', reports: 6 }, { month: '2026-11', channel: 'whatsapp', reports: 20 },
    ]);
  });
});

describe('GET /statistik', () => {
  const fake = (cells: CellCounts[]): FiguresPort => ({
    monthCells: async () => [],
    rollUps: async (from, to) => cells.filter((c) => c.cell.kind === 'month' && c.cell.month >= from && c.cell.month <= to),
    openCells: async () => [], casesOfMonth: async () => [], applyCase: async () => 'applied', replaceFigures: async () => undefined,
  });
  const event = (path: string, query?: Record<string, string>) => ({
    rawPath: path, queryStringParameters: query, requestContext: { http: { method: 'GET' } },
  }) as unknown as HttpEvent;
  const now = new Date('2026-11-20T00:00:00Z');
  const routes = statistikRoutes(() => ({ figures: fake([
    { cell: { kind: 'month', month: '2026-10', regency: '5203', category: 'trafficking', channel: 'web', level: 1 }, counts: { filed: 9 } },
    { cell: { kind: 'month', month: '2026-11', regency: '5201', category: 'other', channel: 'web', level: 1 }, counts: { filed: 7 } },
  ]), clock: { now: () => now } }));

  it('is cacheable at the edge, in Bahasa Indonesia by default and English on ?lang=en', async () => {
    const id = await routes(event('/statistik'));
    expect(id?.headers?.['cache-control']).toMatch(/^public, max-age=300/);
    expect(id?.headers?.['content-language']).toBe('id');
    expect(String(id?.body)).toContain('Statistik Hotline PMI NTB');
    const en = await routes(event('/statistik', { lang: 'en' }));
    expect(String(en?.body)).toContain('Reports per regency');
  });

  it('answers JSON rows with month, regency, category and counts, and nothing for other routes', async () => {
    const res = await routes(event('/statistik.json'));
    const body = JSON.parse(String(res?.body)) as { rows: Array<Record<string, unknown>> };
    expect(body.rows).toContainEqual({ month: '2026-10', regency: '5203', category: 'trafficking', reports: 9, acknowledgedOnTime: '*', resolved: '*' });
    expect(res?.headers?.['cache-control']).toMatch(/^public/);
    expect(await routes(event('/reports'))).toBeUndefined();
  });

  it('publishes a month only after it has closed in WITA, and says so on the page', async () => {
    const json = JSON.parse(String((await routes(event('/statistik.json')))?.body)) as { rows: Array<{ month: string }> };
    expect(json.rows.some((r) => r.month === '2026-11')).toBe(false);
    const page = String((await routes(event('/statistik')))?.body);
    expect(page).not.toContain('id="m2026-11"');
    expect(page).toContain('id="m2026-10"');
    expect(page).toMatch(/diterbitkan setelah bulan itu berakhir \(WITA\)/);
    // 1 December 00:30 WITA is still 30 November in UTC: November has closed in WITA, so it is published.
    const december = statistikRoutes(() => ({ figures: fake([{ cell: { kind: 'month', month: '2026-11', regency: '5201', category: 'other', channel: 'web', level: 1 }, counts: { filed: 7 } }]), clock: { now: () => new Date('2026-11-30T16:30:00Z') } }));
    expect(String((await december(event('/statistik.json')))?.body)).toContain('"month":"2026-11"');
    expect(closedMonths(new Date('2026-11-30T15:59:00Z'), 2)).toEqual(['2026-10', '2026-09']);
  });

  it('shows a change of the counters at once, though a warm function keeps what it computed from the same counters', async () => {
    const cells: CellCounts[] = [{ cell: { kind: 'month', month: '2026-10', regency: '5203', category: 'trafficking', channel: 'web', level: 1 }, counts: { filed: 9 } }];
    let reads = 0;
    const port = { ...fake(cells), rollUps: async (from: string, to: string) => { reads++; return cells.filter((c) => c.cell.kind === 'month' && c.cell.month >= from && c.cell.month <= to).map((c) => ({ ...c, counts: { ...c.counts } })); } };
    const live = statistikRoutes(() => ({ figures: port, clock: { now: () => now } }));
    const reportsOf = async () => (JSON.parse(String((await live(event('/statistik.json')))?.body)) as { rows: Array<{ regency: string; category: string; reports: unknown }> })
      .rows.find((r) => r.regency === '5203' && r.category === 'trafficking')?.reports;
    expect(await reportsOf()).toBe(9);
    expect(await reportsOf()).toBe(9);
    cells[0]!.counts.filed = 11;
    expect(await reportsOf()).toBe(11);
    // Every request reads the counters (the twelve months' roll-ups in one Query), cached or not.
    expect(reads).toBe(3);
  });

  it('shows a change of any counter of a month x regency roll-up that the figures read at once, the memo notwithstanding', async () => {
    const rollUps = rollUpsOf([
      { cell: { kind: 'month', month: '2026-10', regency: '5203', category: 'trafficking', channel: 'web', level: 1 }, counts: { filed: 9, ackOnTime: 7, resolved: 6, ack2: 7 } },
      { cell: { kind: 'month', month: '2026-10', regency: '5201', category: 'unpaid_wages', channel: 'sms', level: 2 }, counts: { filed: 12, ackOnTime: 6, resolved: 5, ack3: 6, res4: 5 } },
    ]);
    let reads = 0;
    const port = { ...fake([]), rollUps: async () => { reads++; return rollUps.map((c) => ({ ...c, counts: { ...c.counts } })); } };
    const live = statistikRoutes(() => ({ figures: port, clock: { now: () => now } }));
    const reportsOf = async () => (JSON.parse(String((await live(event('/statistik.json')))?.body)) as { rows: Array<{ regency: string; category: string; reports: unknown }> })
      .rows.find((r) => r.regency === '5203' && r.category === 'trafficking')?.reports;
    const page = async () => String((await live(event('/statistik')))?.body);
    expect(await reportsOf()).toBe(9);
    rollUps[0]!.counts['trafficking#filed'] = 11;
    expect(await reportsOf()).toBe(11);
    // The memo's key sees every counter of a roll-up whose change changes the figures...
    const key = fingerprint(rollUps);
    const figures = publicMonth('2026-10', rollUps);
    const candidates = new Set([
      ...rollUps.flatMap((c) => Object.keys(c.counts)), ...histogramKeys('ack'), ...histogramKeys('res'), ...COUNTERS,
      ...CATEGORIES.flatMap((c) => CATEGORY_MEASURES.map((m) => categoryCounter(c, m))), ...CHANNELS.map(channelFiled),
    ]);
    const read: string[] = [];
    for (const name of candidates) {
      const was = rollUps[0]!.counts[name];
      rollUps[0]!.counts[name] = (was ?? 0) + 5;
      if (!isDeepStrictEqual(publicMonth('2026-10', rollUps), figures)) {
        read.push(name);
        expect(fingerprint(rollUps), name).not.toBe(key);
      }
      if (was === undefined) delete rollUps[0]!.counts[name]; else rollUps[0]!.counts[name] = was;
    }
    expect(read).toEqual(expect.arrayContaining(['trafficking#filed', 'other#ackOnTime', 'job_fraud#resolved', 'whatsapp#filed', 'ack12']));
    // ...and what they do not read of it (time to resolution, escalations) changes nothing on the page.
    const before = await page();
    rollUps[1]!.counts.res4! += 3;
    rollUps[1]!.counts.escalations = 2;
    expect(fingerprint(rollUps)).toBe(key);
    expect(await page()).toBe(before);
    expect(reads).toBe(4);
  });

  it('keys the memo by each counter apart: the same digits split differently between two counters are another key', () => {
    const [a, b] = PUBLIC_ROLL_UP_COUNTERS as [string, string];
    const rollUp = (x: number, y: number): CellCounts[] => [{ cell: { kind: 'regency', month: '2026-10', regency: '5203' }, counts: { [a]: x, [b]: y } }];
    expect(fingerprint(rollUp(1, 12))).not.toBe(fingerprint(rollUp(11, 2)));
    expect(fingerprint(rollUp(1, 12))).toBe(fingerprint(rollUp(1, 12)));
  });

  it('publishes only the closed months even when the store hands over roll-ups of other months', async () => {
    const rollUps = rollUpsOf([
      { cell: { kind: 'month', month: '2026-10', regency: '5203', category: 'trafficking', channel: 'web', level: 1 }, counts: { filed: 9 } },
      { cell: { kind: 'month', month: '2026-11', regency: '5203', category: 'trafficking', channel: 'web', level: 1 }, counts: { filed: 8 } },
      { cell: { kind: 'month', month: '2024-01', regency: '5203', category: 'trafficking', channel: 'web', level: 1 }, counts: { filed: 7 } },
    ]);
    const live = statistikRoutes(() => ({ figures: { ...fake([]), rollUps: async () => rollUps }, clock: { now: () => now } }));
    const rows = (JSON.parse(String((await live(event('/statistik.json')))?.body)) as { rows: Array<{ month: string; reports: unknown }> }).rows;
    expect([...new Set(rows.map((r) => r.month))]).toEqual(['2026-10']);
    expect(rows.filter((r) => r.reports === 9)).toHaveLength(1);
  });

  it('covers the last twelve months, newest first, in WITA', () => {
    expect(lastMonths(new Date('2026-11-30T16:30:00Z'), 3)).toEqual(['2026-12', '2026-11', '2026-10']);
  });
});

describe('/statistik for a meeting: data per, CSV, quarters', () => {
  const now = new Date('2026-12-06T00:30:00Z');
  const cells: CellCounts[] = ['2026-07', '2026-08', '2026-09'].flatMap((month) => [
    { cell: { kind: 'summary', month, regency: '5203', category: 'unpaid_wages' }, counts: { filed: 2 } },
    { cell: { kind: 'summary', month, regency: '5203', category: 'job_fraud' }, counts: { filed: 2 } },
    { cell: { kind: 'summary', month, regency: '5201', category: 'unpaid_wages' }, counts: { filed: 2 } },
    { cell: { kind: 'summary', month, regency: '5201', category: 'job_fraud' }, counts: { filed: 2 } },
    { cell: { kind: 'channel', month, regency: '5203', channel: 'whatsapp' }, counts: { filed: 4 } },
    { cell: { kind: 'channel', month, regency: '5201', channel: 'sms' }, counts: { filed: 4 } },
  ] satisfies CellCounts[]);
  const port: FiguresPort = {
    monthCells: async () => [], rollUps: async (from, to) => cells.filter((c) => 'month' in c.cell && c.cell.month >= from && c.cell.month <= to),
    openCells: async () => [], casesOfMonth: async () => [], applyCase: async () => 'applied', replaceFigures: async () => undefined,
  };
  const routes = statistikRoutes(() => ({ figures: port, clock: { now: () => now } }));
  const get = (query: Record<string, string> = {}, path = '/statistik') => routes({ rawPath: path, queryStringParameters: query, requestContext: { http: { method: 'GET' } } } as unknown as HttpEvent);

  it('say the day the figures were read (WITA) and offer every table as CSV', async () => {
    const page = String((await get())?.body);
    expect(page).toContain('Data per 6 Desember 2026 (WITA)');
    expect(page).toContain('href="/statistik?format=csv"');
    expect(String((await get({ lang: 'en' }))?.body)).toContain('Data as of 6 December 2026 (WITA)');
  });

  it('publish a quiet quarter, where every monthly cell is under 5, by category, regency and channel', async () => {
    const json = JSON.parse(String((await get({}, '/statistik.json'))?.body)) as { asOf: string; quarters: Array<Record<string, unknown>> };
    expect(json.asOf).toBe('2026-12-06');
    const q3 = json.quarters.find((q) => q.quarter === '2026-Q3')!;
    // Each month: 8 reports, every cell and total under 5 or withheld. The quarter: 24, and one of each
    // pair published (the other would be the total minus it, and the empty rows beside them must stay unknown).
    expect(q3).toMatchObject({ reports: 24, byCategory: { unpaid_wages: '*', job_fraud: 12 }, byRegency: { '5203': 12, '5201': '*' }, byChannel: { whatsapp: '*', sms: '*' } });
    const page = String((await get())?.body);
    expect(page).toContain('Per triwulan (NTB)');
    expect(page).toContain('TW III 2026');
    // Quarters in which nothing was reported are not listed.
    expect(json.quarters.map((q) => q.quarter)).toEqual(['2026-Q3']);
    expect(page).not.toContain('TW I 2026');
  });

  it('write the CSV with names, not codes, and nothing under 5 but "<5"', async () => {
    const res = await get({ format: 'csv' });
    expect(res?.headers?.['content-type']).toMatch(/^text\/csv/);
    expect(res?.headers?.['content-disposition']).toContain('statistik-pmi-ntb-2026-12-06.csv');
    const lines = String(res?.body).trim().split('\r\n');
    expect(lines[0]).toBe('tabel,periode,kabupaten_kota,jenis_masalah,saluran,laporan,ditanggapi_tepat_waktu,diselesaikan');
    expect(lines).toContain('triwulan: jenis masalah,2026-Q3,Semua,Penipuan kerja/biaya,Semua,12,,');
    expect(lines).toContain('triwulan: saluran,2026-Q3,Semua,Semua,Semua,24,,');
    expect(lines.some((l) => l.startsWith('bulan: kabupaten/kota x jenis masalah,2026-09,Lombok Timur,'))).toBe(true);
    for (const line of lines.slice(1)) {
      const reports = line.split(',')[5]!;
      expect(reports === '<5' || reports === '*' || Number(reports) >= 5, line).toBe(true);
    }
  });
});
