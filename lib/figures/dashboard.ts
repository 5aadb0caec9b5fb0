import { CATEGORIES, CATEGORY_LABELS, type Language } from '../domain/categories.js';
import { CHANNELS } from '../domain/case.js';
import { CHANNEL_LABELS } from '../domain/channels.js';
import { REGENCY_CODES, regencyLabel, type HomeRegency } from '../domain/regions.js';
import { esc } from '../http/escape.js';
import { addHistogram, BUCKET_COUNT, categoryCounter, channelFiled, COUNTERS, quantileMinutes, type CaseFacts, type Counts } from './contribution.js';
import type { CellCounts } from './port.js';
import { formatDuration, monthLabel } from './statistik-page.js';
import { barChart, columnChart, type Bar } from './svg.js';

/**
 * The officials' dashboard: exact figures (officials may see small numbers; the public page may
 * not), scoped to what the official covers: the desk and BP3MI all of NTB, a regency officer their
 * regencies. Pure: figures in, HTML out, so it renders the same in the console, in tests and in the bench.
 */
export interface DashboardScope {
  /** `all`, or the regency codes an official covers. */
  regencies: 'all' | readonly string[];
}

// The roll-ups' counter names made once.
const CATEGORY_FILED = CATEGORIES.map((c) => categoryCounter(c, 'filed'));
const CHANNEL_FILED = CHANNELS.map(channelFiled);

const inScope = (scope: DashboardScope, regency: string) => scope.regencies === 'all' || scope.regencies.includes(regency);
const DASHBOARD_REGENCIES: HomeRegency[] = [...REGENCY_CODES, 'outside', 'unknown'];

export interface DashboardModel {
  months: Array<{ month: string; filed: number; ackOnTime: number; ackLate: number; resolved: number; escalations: number; confirmed: number; reopened: number }>;
  byRegency: Array<{ regency: HomeRegency; filed: number; ackOnTime: number; ackLate: number; share: number | null }>;
  byCategory: Array<{ category: (typeof CATEGORIES)[number]; filed: number }>;
  byChannel: Array<{ channel: (typeof CHANNELS)[number]; filed: number }>;
  openByAge: Array<{ age: OpenAge; open: number }>;
  times: { ackMedian: number | null | undefined; ackP90: number | null | undefined; resMedian: number | null | undefined; resP90: number | null | undefined };
}

export const OPEN_AGES = ['lt1d', 'd1to3', 'd3to7', 'd7to30', 'gt30d'] as const;
export type OpenAge = (typeof OPEN_AGES)[number];
const AGE_LIMIT_DAYS: Record<OpenAge, number> = { lt1d: 1, d1to3: 3, d3to7: 7, d7to30: 30, gt30d: Infinity };

export function dashboardModel(input: { months: Array<{ month: string; cells: CellCounts[] }>; open: CellCounts[]; scope: DashboardScope; now: Date }): DashboardModel {
  const byRegency = new Map<string, Counts>();
  const byCategory = new Map<string, number>();
  const byChannel = new Map<string, number>();
  const ack = new Array<number>(BUCKET_COUNT).fill(0);
  const res = new Array<number>(BUCKET_COUNT).fill(0);
  const months = input.months.map(({ month, cells }) => {
    const sum: Counts = {};
    for (const { cell, counts } of cells) {
      if (!inScope(input.scope, cell.regency)) continue;
      if (cell.kind === 'regency') {
        // A regency's month: its totals, and its categories and channels as counters of their own.
        for (const k of COUNTERS) sum[k] = (sum[k] ?? 0) + (counts[k] ?? 0);
        const r = byRegency.get(cell.regency) ?? {};
        for (const k of ['filed', 'ackOnTime', 'ackLate'] as const) r[k] = (r[k] ?? 0) + (counts[k] ?? 0);
        byRegency.set(cell.regency, r);
        CATEGORIES.forEach((category, i) => { const n = counts[CATEGORY_FILED[i]!]; if (n) byCategory.set(category, (byCategory.get(category) ?? 0) + n); });
        CHANNELS.forEach((channel, i) => { const n = counts[CHANNEL_FILED[i]!]; if (n) byChannel.set(channel, (byChannel.get(channel) ?? 0) + n); });
        addHistogram(ack, counts, 'ack');
        addHistogram(res, counts, 'res');
        continue;
      }
      // Written before the month x regency roll-ups: channels from their own roll-up, everything else from the regency x category one.
      if (cell.kind === 'channel') {
        byChannel.set(cell.channel, (byChannel.get(cell.channel) ?? 0) + (counts.filed ?? 0));
        continue;
      }
      if (cell.kind !== 'summary') continue;
      for (const k of COUNTERS) sum[k] = (sum[k] ?? 0) + (counts[k] ?? 0);
      const r = byRegency.get(cell.regency) ?? {};
      for (const k of ['filed', 'ackOnTime', 'ackLate'] as const) r[k] = (r[k] ?? 0) + (counts[k] ?? 0);
      byRegency.set(cell.regency, r);
      byCategory.set(cell.category, (byCategory.get(cell.category) ?? 0) + (counts.filed ?? 0));
      addHistogram(ack, counts, 'ack');
      addHistogram(res, counts, 'res');
    }
    const v = (k: string) => sum[k] ?? 0;
    return { month, filed: v('filed'), ackOnTime: v('ackOnTime'), ackLate: v('ackLate'), resolved: v('resolved'), escalations: v('escalations'), confirmed: v('confirmed'), reopened: v('reopened') };
  });
  const openByAge = new Map<OpenAge, number>(OPEN_AGES.map((a) => [a, 0]));
  for (const { cell, counts } of input.open) {
    if (cell.kind !== 'open' || !inScope(input.scope, cell.regency) || !counts.open) continue;
    // The day is the WITA filing day; its age is counted from that day's start in WITA.
    const ageDays = (input.now.getTime() - (Date.parse(`${cell.day}T00:00:00+08:00`))) / 86_400_000;
    const age = OPEN_AGES.find((a) => ageDays < AGE_LIMIT_DAYS[a])!;
    openByAge.set(age, openByAge.get(age)! + counts.open);
  }
  return {
    months,
    byRegency: DASHBOARD_REGENCIES.filter((r) => inScope(input.scope, r)).map((regency) => {
      const c = byRegency.get(regency) ?? {};
      const answered = (c.ackOnTime ?? 0) + (c.ackLate ?? 0);
      return { regency, filed: c.filed ?? 0, ackOnTime: c.ackOnTime ?? 0, ackLate: c.ackLate ?? 0, share: answered ? (c.ackOnTime ?? 0) / answered : null };
    }),
    byCategory: CATEGORIES.map((category) => ({ category, filed: byCategory.get(category) ?? 0 })),
    byChannel: CHANNELS.map((channel) => ({ channel, filed: byChannel.get(channel) ?? 0 })),
    openByAge: OPEN_AGES.map((age) => ({ age, open: openByAge.get(age)! })),
    times: { ackMedian: quantileMinutes(ack, 0.5), ackP90: quantileMinutes(ack, 0.9), resMedian: quantileMinutes(res, 0.5), resP90: quantileMinutes(res, 0.9) },
  };
}

const TEXTS = {
  id: {
    title: 'Angka pengaduan', scopeAll: 'Seluruh NTB', onTime: 'Ditanggapi tepat waktu per kabupaten/kota (12 bulan)',
    trend: 'Tren bulanan', open: 'Kasus terbuka menurut umur', categories: 'Jenis masalah (12 bulan)', channels: 'Saluran (12 bulan)',
    regency: 'Kabupaten/kota', share: 'Tepat waktu', onTimeN: 'Tepat', lateN: 'Terlambat', month: 'Bulan', filed: 'Laporan',
    resolved: 'Selesai', escalations: 'Eskalasi', confirmed: 'YA', reopened: 'TIDAK', age: 'Umur', count: 'Jumlah', category: 'Jenis', channel: 'Saluran',
    times: 'Waktu', ackTime: 'Tanggapan pertama', resTime: 'Penyelesaian', median: 'Median', p90: 'Persentil 90',
    ages: { lt1d: '< 1 hari', d1to3: '1–3 hari', d3to7: '3–7 hari', d7to30: '7–30 hari', gt30d: '> 30 hari' },
    csvFigures: 'Unduh angka (CSV)', csvCases: 'Unduh daftar kasus tanpa data pribadi (CSV)',
  },
  en: {
    title: 'Complaint figures', scopeAll: 'All of NTB', onTime: 'Answered on time per regency (12 months)',
    trend: 'Monthly trend', open: 'Open cases by age', categories: 'Kinds of problem (12 months)', channels: 'Channels (12 months)',
    regency: 'Regency', share: 'On time', onTimeN: 'On time', lateN: 'Late', month: 'Month', filed: 'Reports',
    resolved: 'Resolved', escalations: 'Escalations', confirmed: 'YES', reopened: 'NO', age: 'Age', count: 'Count', category: 'Kind', channel: 'Channel',
    times: 'Times', ackTime: 'First response', resTime: 'Resolution', median: 'Median', p90: '90th percentile',
    ages: { lt1d: '< 1 day', d1to3: '1–3 days', d3to7: '3–7 days', d7to30: '7–30 days', gt30d: '> 30 days' },
    csvFigures: 'Download figures (CSV)', csvCases: 'Download the case list without personal data (CSV)',
  },
} as const;

export const DASHBOARD_CSS = `.dash section{margin:0 0 1.5rem}.dash h2{font-size:1.1rem;margin:.5rem 0}.dash .pair{display:flex;flex-wrap:wrap;gap:.75rem;align-items:flex-start}
.dash .pair>*{flex:1 1 18rem;min-width:0}.dash .scroll{overflow-x:auto}.dash table{border-collapse:collapse;font-size:.9rem}.dash th{overflow-wrap:normal;white-space:nowrap}
.dash th,.dash td{border:1px solid #bbb;padding:.2rem .4rem;text-align:right}.dash th[scope=row]{text-align:left}.dash .chart{max-width:26rem;display:block}`;

const pct = (v: number | null) => (v === null ? '—' : `${Math.round(v * 100)}%`);

function table(head: string[], rows: Array<[string, ...Array<string | number>]>): string {
  // tabindex: a table wider than the phone scrolls, and a keyboard user must be able to scroll it too (axe scrollable-region-focusable).
  return `<div class="scroll" tabindex="0"><table><thead><tr>${head.map((h) => `<th scope="col">${esc(h)}</th>`).join('')}</tr></thead><tbody>${
    rows.map(([label, ...cells]) => `<tr><th scope="row">${esc(label)}</th>${cells.map((c) => `<td>${esc(String(c))}</td>`).join('')}</tr>`).join('')
  }</tbody></table></div>`;
}

const pair = (chart: string, numbers: string) => `<div class="pair">${chart}${numbers}</div>`;

/** The dashboard as an HTML fragment (the console wraps it in its layout); `exportBase` is where its CSV links point. */
export function renderDashboard(model: DashboardModel, language: Language, options: { scopeLabel?: string; exportBase?: string } = {}): string {
  const t = TEXTS[language];
  const regencyBars: Bar[] = model.byRegency.map((r) => ({ label: regencyLabel(r.regency, language), value: r.share === null ? null : Math.round(r.share * 100) }));
  const trend = model.months.slice().reverse();
  const base = options.exportBase ?? '/console/figures';
  return `<div class="dash"><h1>${esc(t.title)}: ${esc(options.scopeLabel ?? t.scopeAll)}</h1>
<p><a href="${base}/figures.csv">${t.csvFigures}</a> · <a href="${base}/cases.csv">${t.csvCases}</a></p>
<section><h2>${t.onTime}</h2>${pair(barChart(regencyBars, { max: 100, unit: '%' }), table([t.regency, t.share, t.onTimeN, t.lateN, t.filed], model.byRegency.map((r) => [regencyLabel(r.regency, language), pct(r.share), r.ackOnTime, r.ackLate, r.filed])))}</section>
<section><h2>${t.trend}</h2>${pair(columnChart(trend.map((m) => ({ label: monthLabel(m.month, language).replace(/\s\d{4}$/, ''), value: m.filed }))), table([t.month, t.filed, t.onTimeN, t.lateN, t.resolved, t.escalations, t.confirmed, t.reopened], trend.map((m) => [monthLabel(m.month, language), m.filed, m.ackOnTime, m.ackLate, m.resolved, m.escalations, m.confirmed, m.reopened])))}</section>
<section><h2>${t.open}</h2>${pair(barChart(model.openByAge.map((a) => ({ label: t.ages[a.age], value: a.open }))), table([t.age, t.count], model.openByAge.map((a) => [t.ages[a.age], a.open])))}</section>
<section><h2>${t.categories}</h2>${pair(barChart(model.byCategory.map((c) => ({ label: CATEGORY_LABELS[c.category][language], value: c.filed }))), table([t.category, t.filed], model.byCategory.map((c) => [CATEGORY_LABELS[c.category][language], c.filed])))}</section>
<section><h2>${t.channels}</h2>${pair(barChart(model.byChannel.map((c) => ({ label: CHANNEL_LABELS[c.channel][language], value: c.filed }))), table([t.channel, t.filed], model.byChannel.map((c) => [CHANNEL_LABELS[c.channel][language], c.filed])))}</section>
<section><h2>${t.times}</h2>${table(['', t.median, t.p90], [[t.ackTime, formatDuration(model.times.ackMedian, language), formatDuration(model.times.ackP90, language)], [t.resTime, formatDuration(model.times.resMedian, language), formatDuration(model.times.resP90, language)]])}</section>
</div>`;
}

/** A standalone page around the fragment (tests, the bench, and the console until it has its layout). */
export function renderDashboardPage(model: DashboardModel, language: Language, options: { scopeLabel?: string; exportBase?: string } = {}): string {
  return `<!doctype html><html lang="${language}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>${esc(TEXTS[language].title)}</title><style>body{margin:0;padding:.75rem;font:1rem/1.5 system-ui,sans-serif}${DASHBOARD_CSS}</style></head><body>${renderDashboard(model, language, options)}</body></html>`;
}

// ---- CSV exports ------------------------------------------------------------------------------

export { csvField } from './csv-field.js';

// The console's downloads (figures.csv, cases.csv) are written by lib/console/csv.ts, in words and WITA times.
