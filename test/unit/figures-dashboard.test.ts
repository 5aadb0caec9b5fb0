import { describe, expect, it } from 'vitest';
import { dashboardModel, renderDashboard } from '../../lib/figures/dashboard.js';
import type { CellCounts, FiguresPort } from '../../lib/figures/port.js';
import { DASHBOARD_FRESH_MS, loadDashboardFigures } from '../../lib/figures/http.js';

const now = new Date('2026-11-20T04:00:00Z');
/** The finest cell of a month and the two roll-ups the consumer keeps beside it. */
const month = (regency: string, category: string, channel: string, counts: Record<string, number>): CellCounts[] => [
  { cell: { kind: 'month', month: '2026-11', regency: regency as '5201', category: category as 'other', channel: channel as 'sms', level: 1 }, counts },
  { cell: { kind: 'summary', month: '2026-11', regency: regency as '5201', category: category as 'other' }, counts },
  { cell: { kind: 'channel', month: '2026-11', regency: regency as '5201', channel: channel as 'sms' }, counts },
];
const all: CellCounts[] = [
  ...month('5201', 'unpaid_wages', 'sms', { filed: 7, ackOnTime: 5, ackLate: 1, resolved: 2, ack1: 5, ack7: 1, res9: 2 }),
  ...month('5203', 'trafficking', 'web', { filed: 3, ackOnTime: 1, ackLate: 2, escalations: 2, ack2: 1, ack8: 2 }),
  ...month('5203', 'unpaid_wages', 'ussd', { filed: 2 }),
];
/** What summaryCells returns (the dashboard's input; monthCells, the CSV's, is tested in console-csv.test.ts). */
const cells = all.filter((c) => c.cell.kind !== 'month');
const open: CellCounts[] = [
  { cell: { kind: 'open', day: '2026-11-20', regency: '5201' }, counts: { open: 2 } },
  { cell: { kind: 'open', day: '2026-11-15', regency: '5203' }, counts: { open: 3 } },
  { cell: { kind: 'open', day: '2026-09-01', regency: '5203' }, counts: { open: 1 } },
];

describe('the officials dashboard', () => {
  it('shows the desk all of NTB: on-time share per regency, trend, open cases by age, categories and channels', () => {
    const model = dashboardModel({ months: [{ month: '2026-11', cells }], open, scope: { regencies: 'all' }, now });
    expect(model.byRegency.find((r) => r.regency === '5201')).toMatchObject({ filed: 7, ackOnTime: 5, ackLate: 1 });
    expect(model.byRegency.find((r) => r.regency === '5203')!.share).toBeCloseTo(1 / 3);
    expect(model.months[0]).toMatchObject({ filed: 12, escalations: 2, resolved: 2 });
    expect(model.openByAge).toEqual([{ age: 'lt1d', open: 2 }, { age: 'd1to3', open: 0 }, { age: 'd3to7', open: 3 }, { age: 'd7to30', open: 0 }, { age: 'gt30d', open: 1 }]);
    expect(model.byChannel).toEqual([{ channel: 'sms', filed: 7 }, { channel: 'ussd', filed: 2 }, { channel: 'web', filed: 3 }, { channel: 'whatsapp', filed: 0 }]);
  });

  it('counts WhatsApp reports as a channel of their own and names every channel in plain words', () => {
    const withWhatsApp = [...cells, ...month('5203', 'unpaid_wages', 'whatsapp', { filed: 4 }).filter((c) => c.cell.kind === 'channel')];
    const model = dashboardModel({ months: [{ month: '2026-11', cells: withWhatsApp }], open, scope: { regencies: 'all' }, now });
    expect(model.byChannel.find((c) => c.channel === 'whatsapp')).toEqual({ channel: 'whatsapp', filed: 4 });
    const html = renderDashboard(model, 'id');
    expect(html).toContain('<th scope="row">WhatsApp</th><td>4</td>');
    expect(html).toContain('<th scope="row">Formulir web</th><td>3</td>');
    expect(html).not.toMatch(/WHATSAPP|>WEB</);
  });

  it('shows a regency officer only their regency', () => {
    const model = dashboardModel({ months: [{ month: '2026-11', cells }], open, scope: { regencies: ['5203'] }, now });
    expect(model.byRegency.map((r) => r.regency)).toEqual(['5203']);
    expect(model.months[0]!.filed).toBe(5);
    expect(model.openByAge.reduce((a, b) => a + b.open, 0)).toBe(4);
    const html = renderDashboard(model, 'id', { scopeLabel: 'Lombok Timur' });
    expect(html).not.toContain('Lombok Barat');
  });

  it('draws every chart as server SVG with its numbers in a table beside it, and no script', () => {
    const html = renderDashboard(dashboardModel({ months: [{ month: '2026-11', cells }], open, scope: { regencies: 'all' }, now }), 'en');
    expect((html.match(/<svg /g) ?? []).length).toBe(5);
    expect((html.match(/<table>/g) ?? []).length).toBe(6);
    expect(html).not.toMatch(/<script|on\w+=/i);
    expect(html).toContain('viewBox=');
    expect(html).toContain('href="/console/figures/cases.csv"');
  });
});

describe('the dashboard\'s reads', () => {
  const storeReading = (counts: { filed: number }) => {
    const reads = { months: 0, open: 0 };
    const port: FiguresPort = {
      monthCells: async () => [], casesOfMonth: async () => [], applyCase: async () => 'applied', replaceFigures: async () => undefined,
      summaryCells: async (m) => { reads.months++; return [{ cell: { kind: 'summary', month: m, regency: '5201', category: 'other' }, counts: { ...counts } }]; },
      openCells: async () => { reads.open++; return []; },
    };
    return { port, reads };
  };

  it('read the thirteen partitions once per DASHBOARD_FRESH_MS for one store, and again after it, on a new day, or for another store', async () => {
    const counts = { filed: 4 };
    const { port, reads } = storeReading(counts);
    const at = now.getTime();
    const filed = async (ms: number, store = port) => (await loadDashboardFigures(store, new Date(ms))).months[0]!.cells[0]!.counts.filed;
    expect(await filed(at)).toBe(4);
    expect(reads).toEqual({ months: 12, open: 1 });
    counts.filed = 5;
    expect(await filed(at + DASHBOARD_FRESH_MS - 1)).toBe(4);
    expect(reads).toEqual({ months: 12, open: 1 });
    expect(await filed(at + DASHBOARD_FRESH_MS)).toBe(5);
    expect(reads).toEqual({ months: 24, open: 2 });
    const other = storeReading({ filed: 9 });
    expect(await filed(at + DASHBOARD_FRESH_MS, other.port)).toBe(9);
    expect(reads).toEqual({ months: 24, open: 2 });
    // 20 November 23:59:59 WITA, then the next second: 21 November, read again.
    const { port: late, reads: lateReads } = storeReading({ filed: 1 });
    await filed(Date.parse('2026-11-20T15:59:59Z'), late);
    await filed(Date.parse('2026-11-20T16:00:00Z'), late);
    expect(lateReads).toEqual({ months: 24, open: 2 });
  });

  it('do not keep a failed read', async () => {
    let fail = true;
    const { port } = storeReading({ filed: 3 });
    const flaky: FiguresPort = { ...port, openCells: async () => { if (fail) throw new Error('throttled'); return []; } };
    await expect(loadDashboardFigures(flaky, now)).rejects.toThrow('throttled');
    fail = false;
    expect((await loadDashboardFigures(flaky, now)).months).toHaveLength(12);
  });
});
