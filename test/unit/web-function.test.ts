import { beforeAll, describe, expect, it } from 'vitest';
import { create } from '../../lib/composition/functions/web.js';
import { defaultPolicy } from '../../lib/config.js';
import type { Ports } from '../../lib/composition/ports.js';
import type { CellCounts, FiguresPort } from '../../lib/figures/port.js';
import type { HttpEvent, HttpResult } from '../../lib/http/api.js';

/**
 * The web function's factory as its Lambda entry builds it: the figures' routes are loaded by the
 * first request for them (lib/composition/functions/web.ts), the form is answered without them.
 */
describe('the web function', () => {
  // The module the first /statistik request loads, loaded before any test as every other test file
  // loads what it imports: its module-level tables (channel labels, ...) then count as loaded at
  // start, not as covered by this test alone, which checks the route, not every label (mutation run).
  beforeAll(async () => { await import('../../lib/figures/http.js'); });
  const cells: CellCounts[] = [{ cell: { kind: 'month', month: '2026-10', regency: '5203', category: 'trafficking', channel: 'web', level: 1 }, counts: { filed: 9 } }];
  const asked: string[] = [];
  const figures: FiguresPort = {
    monthCells: async () => [],
    rollUps: async (from, to) => { asked.push(from, to); return cells.filter((c) => c.cell.kind === 'month' && c.cell.month >= from && c.cell.month <= to); },
    openCells: async () => [], casesOfMonth: async () => [], applyCase: async () => 'applied', replaceFigures: async () => undefined,
  };
  const now = new Date('2026-11-20T00:00:00Z');
  const unused = {} as never;
  const handler = create({
    cases: unused, reporters: unused, counters: unused, figures, clock: { now: () => now } as Ports['clock'], policy: defaultPolicy(), metrics: { count: () => undefined } as Ports['metrics'],
  });
  const context = { awsRequestId: 'r-1', functionName: 'web', functionVersion: '1', invokedFunctionArn: 'arn', memoryLimitInMB: '256', getRemainingTimeInMillis: () => 10_000 };
  const get = (method: string, path: string) => handler({
    version: '2.0', routeKey: `${method} ${path}`, rawPath: path, rawQueryString: '', headers: {}, isBase64Encoded: false,
    requestContext: { http: { method, path, protocol: 'HTTP/1.1', sourceIp: '192.0.2.1', userAgent: 't' }, requestId: 'r', routeKey: `${method} ${path}`, stage: '$default' },
  } as unknown as HttpEvent, context as never) as Promise<HttpResult>;

  it('shows the form without reading any figures', async () => {
    const form = await get('GET', '/');
    expect(form.statusCode).toBe(200);
    expect(form.headers?.['content-type']).toBe('text/html; charset=utf-8');
    expect(asked).toEqual([]);
  });

  it('answers /statistik and /statistik.json from the figures, loaded with the first request for them', async () => {
    const page = await get('GET', '/statistik');
    expect(page.statusCode).toBe(200);
    expect(String(page.body)).toContain('Statistik Hotline PMI NTB');
    expect(page.headers?.['cache-control']).toMatch(/^public, max-age=300/);
    const json = await get('GET', '/statistik.json');
    expect(json.headers?.['content-type']).toBe('application/json; charset=utf-8');
    expect(JSON.parse(String(json.body)).rows).toContainEqual({ month: '2026-10', regency: '5203', category: 'trafficking', reports: 9, acknowledgedOnTime: '*', resolved: '*' });
    expect(asked).toContain('2026-10');
  });

  it('leaves other methods on the figures paths to the form, which knows no such page', async () => {
    expect((await get('POST', '/statistik')).statusCode).toBe(404);
  });
});
