import { describe, expect, it } from 'vitest';
import { dashboardModel, renderDashboard } from '../../lib/figures/dashboard.js';
import type { CellCounts } from '../../lib/figures/port.js';
import { rollUpsOf } from '../support/roll-ups.js';

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
  it('is the same from the month x regency roll-ups it reads as from the regency x category and channel roll-ups', () => {
    const rollUps = rollUpsOf(all);
    expect(rollUps.map((c) => c.cell.kind)).toEqual(['regency', 'regency']);
    for (const scope of [{ regencies: 'all' as const }, { regencies: ['5203'] }, { regencies: ['5201', '5202'] }]) {
      expect(dashboardModel({ months: [{ month: '2026-11', cells: rollUps }], open, scope, now })).toEqual(dashboardModel({ months: [{ month: '2026-11', cells }], open, scope, now }));
    }
  });

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
