import { createHash } from 'node:crypto';
import { CATEGORIES, CATEGORY_LABELS, type Language } from '../domain/categories.js';
import { regencyLabel } from '../domain/regions.js';
import { esc } from '../http/escape.js';
import { PUBLIC_REGENCIES, publicRows, type PublicMonth } from './public.js';
import { SUPPRESSED, WITHHELD, type Shown } from './suppression.js';
import { CHANNELS } from '../domain/case.js';
import { CHANNEL_LABELS } from '../domain/channels.js';
import { columnChart } from './svg.js';
import { csvField } from './csv-field.js';
import type { QuarterTable } from './quarters.js';

/**
 * GET /statistik: the public transparency page. Only what public.ts lets out: months, regencies,
 * categories, counts with every figure under 5 hidden, shares and a median. No free text, no
 * reference, nothing finer than a month.
 */
export const STATISTIK_CSS = `*{box-sizing:border-box}
body{margin:0;font:1rem/1.5 system-ui,-apple-system,"Segoe UI",Roboto,Arial,sans-serif;color:#111;background:#fff}
header,main{max-width:60rem;margin:0 auto;padding:.75rem 1rem}
header{background:#0b4f6c;color:#fff;max-width:none}
header a{color:#fff}
h1{font-size:1.35rem;margin:.25rem 0}
h2{font-size:1.15rem;margin:1.5rem 0 .5rem;border-top:2px solid #0b4f6c;padding-top:.5rem}
h3{font-size:1rem;margin:1rem 0 .25rem}
.lang{display:block;text-align:right;font-weight:700}
.kpi{display:flex;flex-wrap:wrap;gap:.5rem;margin:0;padding:0;list-style:none}
.kpi li{flex:1 1 9rem;background:#f3f6f8;border-radius:4px;padding:.5rem}
.kpi b{display:block;font-size:1.3rem}
.scroll{overflow-x:auto;max-width:100%}
table{border-collapse:collapse;font-size:.85rem}
th,td{border:1px solid #bbb;padding:.2rem .35rem;text-align:right;white-space:nowrap}
th[scope=row]{text-align:left;position:sticky;left:0;background:#fff}
thead th{background:#e8eef2}
.note{color:#444;font-size:.9rem}
.chart{max-width:32rem;display:block}
`;
const CSS_HASH = createHash('sha256').update(STATISTIK_CSS).digest('base64');

export const STATISTIK_HEADERS: Record<string, string> = {
  'content-security-policy': `default-src 'none'; style-src 'sha256-${CSS_HASH}'; img-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'`,
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  // Public and the same for everyone: the API's edge and browsers may keep it five minutes.
  'cache-control': 'public, max-age=300, stale-while-revalidate=60',
};

const TEXTS = {
  id: {
    title: 'Statistik Hotline PMI NTB',
    other: { lang: 'en', label: 'English', href: '/statistik?lang=en' },
    intro: 'Jumlah pengaduan pekerja migran Indonesia (PMI) asal NTB per bulan, kabupaten/kota dan jenis masalah. Angka di bawah 5 ditampilkan sebagai "<5" dan beberapa jumlah total disembunyikan ("—") agar tidak seorang pun dapat dikenali atau dihitung dari selisih.',
    json: 'Data yang sama dalam JSON',
    trend: 'Laporan per bulan',
    reports: 'Laporan', onTime: 'Ditanggapi tepat waktu', median: 'Median waktu tanggapan pertama', resolved: 'Diselesaikan',
    byRegency: 'Laporan per kabupaten/kota dan jenis masalah',
    byChannel: 'Laporan per saluran', channel: 'Saluran',
    asOf: 'Data per', csv: 'Unduh semua tabel (CSV)',
    quarters: 'Per triwulan (NTB)', quartersNote: 'Tabel yang lebih kasar untuk bulan-bulan yang sepi: laporan se-NTB per triwulan yang sudah berakhir, menurut jenis masalah, kabupaten/kota dan saluran. Angka di bawah 5 dan angka yang dapat membuka angka kecil lain dari selisih (juga dengan tabel bulanan) sama-sama ditampilkan "—".',
    qCategory: 'Jenis masalah', quarterLabel: (q: string) => `TW ${['I', 'II', 'III', 'IV'][Number(q.slice(6)) - 1]} ${q.slice(0, 4)}`,
    quarterWithheld: 'tidak diterbitkan',
    channelsWithheld: 'Rincian per saluran bulan ini tidak diterbitkan: angka yang kecil dapat dihitung dari selisih.',
    regency: 'Kabupaten/kota', total: 'Total', month: 'Bulan',
    hidden: 'disembunyikan', none: 'Belum ada laporan.',
    longer: 'lebih dari 30 hari',
    notes: 'Tepat waktu: ditanggapi petugas dalam batas waktu sejak laporan masuk. Median dibaca dari kelompok waktu (≤ batas kelompok).',
    withheldMark: '"—" berarti disembunyikan agar angka kecil lain tidak dapat dihitung dari selisih (pada saluran: 5 atau lebih).',
    json_marker: 'Dalam JSON, "*" pada tepat waktu dan diselesaikan berarti disembunyikan: kurang dari 5, atau kurang dari 5 di bawah jumlah laporan (agar jumlah yang terlambat atau belum selesai tidak dapat dihitung dari selisih).',
    closed: 'Sebuah bulan diterbitkan setelah bulan itu berakhir (WITA): angka bulan berjalan tidak ditampilkan, agar perubahan kecil dari hari ke hari tidak menunjukkan satu laporan.',
  },
  en: {
    title: 'NTB migrant worker hotline: figures',
    other: { lang: 'id', label: 'Bahasa Indonesia', href: '/statistik' },
    intro: 'Complaints of Indonesian migrant workers (PMI) from NTB per month, regency and kind of problem. Figures under 5 are shown as "<5" and some totals are withheld ("—") so that no one can be singled out or worked out by subtraction.',
    json: 'The same data as JSON',
    trend: 'Reports per month',
    reports: 'Reports', onTime: 'Answered on time', median: 'Median time to first response', resolved: 'Resolved',
    byRegency: 'Reports per regency and kind of problem',
    byChannel: 'Reports per channel', channel: 'Channel',
    asOf: 'Data as of', csv: 'Download every table (CSV)',
    quarters: 'Per quarter (NTB)', quartersNote: 'Coarser tables for quiet months: reports in all of NTB per closed quarter, by kind of problem, regency and channel. Figures under 5 and figures that would reveal another small one by subtraction (also with the monthly tables) both show as "—".',
    qCategory: 'Kind of problem', quarterLabel: (q: string) => `Q${q.slice(6)} ${q.slice(0, 4)}`,
    quarterWithheld: 'not published',
    channelsWithheld: 'No breakdown by channel this month: a small figure could be worked out by subtraction.',
    regency: 'Regency', total: 'Total', month: 'Month',
    hidden: 'withheld', none: 'No reports yet.',
    longer: 'over 30 days',
    notes: 'On time: answered by an official within the deadline counted from filing. The median is read from time groups (≤ the group bound).',
    withheldMark: '"—" means withheld so that another small figure cannot be worked out by subtraction (for a channel: 5 or more).',
    json_marker: 'In the JSON, "*" for answered on time and resolved means withheld: under 5, or under 5 short of the reports (so that the number late or unresolved cannot be worked out by subtraction).',
    closed: 'A month is published once it has ended (WITA): the current month is not shown, so that a small change from one day to the next cannot point at one report.',
  },
} as const;

export function formatDuration(minutes: number | null | undefined, language: Language): string {
  if (minutes === null) return '—';
  if (minutes === undefined) return TEXTS[language].longer;
  const [h, d] = language === 'id' ? ['jam', 'hari'] : ['h', 'days'];
  if (minutes < 60) return `≤ ${minutes} ${language === 'id' ? 'menit' : 'min'}`;
  if (minutes < 1440) return `≤ ${minutes / 60} ${h}`;
  return `≤ ${minutes / 1440} ${d}`;
}

const pct = (share: number | null) => (share === null ? '—' : `${Math.round(share * 100)}%`);
const shown = (v: Shown | null) => (v === null ? '—' : String(v));

// One formatter per language, made on first use (not at cold start) and kept: building an Intl
// formatter costs far more than using it, and a page labels a dozen months.
const monthFormats = new Map<Language, Intl.DateTimeFormat>();
const monthFormat = (language: Language) => {
  let f = monthFormats.get(language);
  if (!f) monthFormats.set(language, f = new Intl.DateTimeFormat(language === 'id' ? 'id-ID' : 'en-GB', { month: 'short', year: 'numeric', timeZone: 'UTC' }));
  return f;
};

export function monthLabel(month: string, language: Language): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return monthFormat(language).format(new Date(Date.UTC(y, m - 1, 15)));
}

/** A withheld cell (`*` in the JSON) shows as "—" on the page, as a withheld total does. */
const cellText = (v: Shown | null) => (v === null || v === WITHHELD ? '—' : String(v));

function channelTable(m: PublicMonth, language: Language): string {
  const t = TEXTS[language];
  if (!m.channels.published) return `<h3>${t.byChannel}</h3><p>${esc(t.channelsWithheld)}</p>`;
  const body = CHANNELS.map((c, k) => `<tr><th scope="row">${esc(CHANNEL_LABELS[c][language])}</th><td>${cellText(m.channels.cells[k]!)}</td></tr>`).join('');
  return `<h3>${t.byChannel}</h3><div class="scroll" tabindex="0"><table><thead><tr><th scope="col">${t.channel}</th><th scope="col">${t.reports}</th></tr></thead><tbody>${body}</tbody><tfoot><tr><th scope="row">${t.total}</th><td>${cellText(m.channels.total)}</td></tr></tfoot></table></div>`;
}

/** What the page shows beside the months: the closed quarters' coarser tables and the day the counters were read. */
export interface StatistikView { quarters?: QuarterTable[]; asOf?: string }

function dayLabel(day: string, language: Language): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d, 12)).toLocaleDateString(language === 'id' ? 'id-ID' : 'en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
}

/** The quarters side by side, oldest first: one table per breakdown, a column per quarter. */
function quarterTables(quarters: QuarterTable[], language: Language): string {
  const t = TEXTS[language];
  const shownQuarters = [...quarters].reverse();
  if (shownQuarters.length === 0) return '';
  const table = (caption: string, labels: string[], pick: (q: QuarterTable) => Shown[]) => {
    const head = `<tr><th scope="col">${esc(caption)}</th>${shownQuarters.map((q) => `<th scope="col">${esc(t.quarterLabel(q.quarter))}</th>`).join('')}</tr>`;
    const body = labels.map((label, i) => `<tr><th scope="row">${esc(label)}</th>${shownQuarters.map((q) => `<td>${q.published ? cellText(pick(q)[i]!) : '—'}</td>`).join('')}</tr>`).join('');
    const foot = `<tr><th scope="row">${t.total}</th>${shownQuarters.map((q) => `<td>${q.published ? cellText(q.reports) : esc(t.quarterWithheld)}</td>`).join('')}</tr>`;
    return `<div class="scroll" tabindex="0"><table><thead>${head}</thead><tbody>${body}</tbody><tfoot>${foot}</tfoot></table></div>`;
  };
  return `<section><h2 id="triwulan">${t.quarters}</h2><p class="note">${esc(t.quartersNote)}</p>
<h3>${t.qCategory}</h3>${table(t.qCategory, CATEGORIES.map((c) => CATEGORY_LABELS[c][language]), (q) => q.byCategory)}
<h3>${t.regency}</h3>${table(t.regency, PUBLIC_REGENCIES.map((r) => regencyLabel(r, language)), (q) => q.byRegency)}
<h3>${t.channel}</h3>${table(t.channel, CHANNELS.map((c) => CHANNEL_LABELS[c][language]), (q) => q.byChannel)}</section>`;
}

export function renderStatistik(months: PublicMonth[], language: Language, view: StatistikView = {}): string {
  const t = TEXTS[language];
  const published = months.filter((m) => m.reported);
  const trend = [...published].reverse().map((m) => ({ label: monthLabel(m.month, language), value: m.tables.reports.grandTotal }));
  const sections = published.map((m) => {
    const r = m.tables.reports;
    const head = `<tr><th scope="col">${esc(t.regency)}</th>${CATEGORIES.map((c) => `<th scope="col">${esc(CATEGORY_LABELS[c][language])}</th>`).join('')}<th scope="col">${t.total}</th></tr>`;
    const body = PUBLIC_REGENCIES.map((code, i) => `<tr><th scope="row">${esc(regencyLabel(code, language))}</th>${r.cells[i]!.map((v) => `<td>${shown(v)}</td>`).join('')}<td>${shown(r.rowTotals[i]!)}</td></tr>`).join('');
    const foot = `<tr><th scope="row">${t.total}</th>${r.colTotals.map((v) => `<td>${shown(v)}</td>`).join('')}<td>${shown(r.grandTotal)}</td></tr>`;
    return `<section><h2 id="m${m.month}">${esc(monthLabel(m.month, language))}</h2>
<ul class="kpi"><li>${t.reports}<b>${shown(r.grandTotal)}</b></li><li>${t.onTime}<b>${pct(m.shareAcknowledgedOnTime)}</b></li><li>${t.median}<b>${esc(formatDuration(m.medianFirstResponseMinutes, language))}</b></li><li>${t.resolved}<b>${pct(m.shareResolved)}</b></li></ul>
<h3>${t.byRegency}</h3><div class="scroll" tabindex="0"><table><thead>${head}</thead><tbody>${body}</tbody><tfoot>${foot}</tfoot></table></div>
${channelTable(m, language)}</section>`;
  });
  const trendTable = `<div class="scroll" tabindex="0"><table><thead><tr><th scope="col">${t.month}</th><th scope="col">${t.reports}</th></tr></thead><tbody>${trend.map((b) => `<tr><th scope="row">${esc(b.label)}</th><td>${b.value === null ? '—' : b.value}</td></tr>`).join('')}</tbody></table></div>`;
  return `<!doctype html>
<html lang="${language}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><meta name="referrer" content="no-referrer"><title>${esc(t.title)}</title><style>${STATISTIK_CSS}</style></head>
<body><header><a class="lang" href="${t.other.href}" hreflang="${t.other.lang}" lang="${t.other.lang}">${t.other.label}</a><h1>${esc(t.title)}</h1></header>
<main><p>${esc(t.intro)}</p>${view.asOf ? `<p id="data-per"><b>${t.asOf} ${esc(dayLabel(view.asOf, language))} (WITA)</b></p>` : ''}<p id="closed-months">${esc(t.closed)}</p><p><a href="/statistik.json">${t.json}</a> · <a href="/statistik?format=csv${language === 'en' ? '&amp;lang=en' : ''}" download>${t.csv}</a></p>
${published.length === 0 ? `<p>${t.none}</p>` : `<h2>${t.trend}</h2>${columnChart(trend)}${trendTable}${quarterTables(view.quarters ?? [], language)}${sections.join('\n')}`}
<p class="note">${esc(t.notes)}</p><p class="note">${esc(t.withheldMark)}</p><p class="note">${esc(t.json_marker)}</p></main></body></html>`;
}

/**
 * `rows`: month x regency x category (reports "<5" under 5; the linked measures "*" where withheld);
 * `channels`: month x channel (reports "<5" under 5, "*" withheld: 5 or more), for the months whose
 * breakdown by channel is published; `quarters`: per closed quarter, NTB by category, regency and
 * channel and its total, in the same notation; `asOf`: the day (WITA) the counters were read.
 */
export function statistikJson(months: PublicMonth[], view: StatistikView = {}): string {
  const channels = months.filter((m) => m.reported && m.channels.published)
    .flatMap((m) => CHANNELS.map((channel, k) => ({ month: m.month, channel, reports: m.channels.cells[k]! })));
  const quarters = (view.quarters ?? []).filter((q) => q.published).map((q) => ({
    quarter: q.quarter,
    byCategory: Object.fromEntries(CATEGORIES.map((c, i) => [c, q.byCategory[i]!])),
    byRegency: Object.fromEntries(PUBLIC_REGENCIES.map((r, i) => [r, q.byRegency[i]!])),
    byChannel: Object.fromEntries(CHANNELS.map((c, i) => [c, q.byChannel[i]!])),
    reports: q.reports,
  }));
  return JSON.stringify({ ...(view.asOf ? { asOf: view.asOf } : {}), rows: publicRows(months), channels, ...(view.quarters ? { quarters } : {}) });
}

const CSV_HEAD = {
  id: ['tabel', 'periode', 'kabupaten_kota', 'jenis_masalah', 'saluran', 'laporan', 'ditanggapi_tepat_waktu', 'diselesaikan'],
  en: ['table', 'period', 'regency', 'kind_of_problem', 'channel', 'reports', 'answered_on_time', 'resolved'],
};
const CSV_TABLES = {
  id: { cells: 'bulan: kabupaten/kota x jenis masalah', channels: 'bulan: saluran', qc: 'triwulan: jenis masalah', qr: 'triwulan: kabupaten/kota', qk: 'triwulan: saluran', all: 'Semua' },
  en: { cells: 'month: regency x kind of problem', channels: 'month: channel', qc: 'quarter: kind of problem', qr: 'quarter: regency', qk: 'quarter: channel', all: 'All' },
};

/**
 * Every table of the page in one CSV (`/statistik?format=csv`), names not codes: per month the
 * regency x category cells with their totals (a total withheld: "*"), the channels; per quarter
 * the three breakdowns and the total. "<5" under 5, "*" withheld, empty where a table has no such measure.
 */
export function statistikCsv(months: PublicMonth[], view: StatistikView, language: Language): string {
  const n = CSV_TABLES[language];
  const v = (x: Shown | null | undefined) => (x === undefined ? '' : x === null ? WITHHELD : x);
  const rows: Array<Array<string | number>> = [CSV_HEAD[language]];
  const regencies = PUBLIC_REGENCIES.map((r) => regencyLabel(r, language));
  const categories = CATEGORIES.map((c) => CATEGORY_LABELS[c][language]);
  const channels = CHANNELS.map((c) => CHANNEL_LABELS[c][language]);
  for (const m of months.filter((x) => x.reported)) {
    const { reports, acknowledgedOnTime, resolved } = m.tables;
    regencies.forEach((r, i) => categories.forEach((c, j) => rows.push([n.cells, m.month, r, c, n.all, v(reports.cells[i]![j]), v(acknowledgedOnTime.cells[i]![j]), v(resolved.cells[i]![j])])));
    regencies.forEach((r, i) => rows.push([n.cells, m.month, r, n.all, n.all, v(reports.rowTotals[i]), '', '']));
    categories.forEach((c, j) => rows.push([n.cells, m.month, n.all, c, n.all, v(reports.colTotals[j]), '', '']));
    rows.push([n.cells, m.month, n.all, n.all, n.all, v(reports.grandTotal), v(acknowledgedOnTime.grandTotal), v(resolved.grandTotal)]);
    if (m.channels.published) channels.forEach((c, k) => rows.push([n.channels, m.month, n.all, n.all, c, v(m.channels.cells[k]), '', '']));
  }
  for (const q of (view.quarters ?? []).filter((x) => x.published)) {
    categories.forEach((c, j) => rows.push([n.qc, q.quarter, n.all, c, n.all, v(q.byCategory[j]), '', '']));
    regencies.forEach((r, i) => rows.push([n.qr, q.quarter, r, n.all, n.all, v(q.byRegency[i]), '', '']));
    channels.forEach((c, k) => rows.push([n.qk, q.quarter, n.all, n.all, c, v(q.byChannel[k]), '', '']));
    rows.push([n.qk, q.quarter, n.all, n.all, n.all, v(q.reports), '', '']);
  }
  return `${rows.map((r) => r.map((x) => csvField(x)).join(',')).join('\r\n')}\r\n`;
}

export { SUPPRESSED };
