import { CATEGORY_LABELS, URGENCY_LABELS, type Language } from '../domain/categories.js';
import { regencyLabel, type HomeRegency } from '../domain/regions.js';
import { BUCKET_COUNT, COUNTERS, histogramOf, TIME_BUCKETS_MINUTES, type CaseFacts, type Counter } from '../figures/contribution.js';
import { csvField, type DashboardScope } from '../figures/dashboard.js';
import type { CellCounts } from '../figures/port.js';
import { T } from './texts.js';

/**
 * The console's CSV downloads, written for a meeting, not for a machine: Indonesian column names
 * (English when the official reads the console in English), regencies, categories, channels, levels
 * and statuses by name, times in WITA (the offices' clock, written `2026-12-06 08:43`, which a
 * spreadsheet reads as a date), and the time histograms as labelled columns ("Respons pertama
 * 15–30 menit"), never `ack_bucket_3`. The codes stay in the JSON and the logs. A byte-order mark
 * leads the file so that a spreadsheet opens it as UTF-8 (official names may carry accents).
 */

type Cell = string | number | undefined;
const pair = (id: string, en: string) => ({ id, en });

const BOM = '\uFEFF';
export const csvDocument = (rows: Cell[][]) => `${BOM}${rows.map((r) => r.map(csvField).join(',')).join('\r\n')}\r\n`;

/** An instant as the offices read it: the WITA (UTC+8) date and minute, `2026-12-06 08:43`. */
export function witaDateTime(iso: string | undefined): string | undefined {
  if (!iso) return undefined;
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) return undefined;
  return new Date(ms + 8 * 3600_000).toISOString().slice(0, 16).replace('T', ' ');
}

const COUNTER_NAMES: Record<Counter, { id: string; en: string }> = {
  filed: pair('Laporan masuk', 'Reports filed'),
  ackOnTime: pair('Ditanggapi tepat waktu', 'Acknowledged on time'),
  ackLate: pair('Ditanggapi terlambat', 'Acknowledged late'),
  escalations: pair('Dinaikkan', 'Escalations'),
  resolved: pair('Selesai', 'Resolved'),
  confirmed: pair('Dikonfirmasi pelapor (YA)', 'Confirmed by the reporter (YES)'),
  reopened: pair('Dibuka lagi (TIDAK)', 'Reopened (NO)'),
  open: pair('Masih terbuka', 'Still open'),
};

/** A bucket bound in words: 15 menit, 2 jam, 3 hari. */
function span(minutes: number, l: Language): string {
  if (minutes < 60) return `${minutes} ${l === 'id' ? 'menit' : 'min'}`;
  if (minutes < 1440) return `${minutes / 60} ${l === 'id' ? 'jam' : minutes === 60 ? 'hour' : 'hours'}`;
  return `${minutes / 1440} ${l === 'id' ? 'hari' : minutes === 1440 ? 'day' : 'days'}`;
}

/**
 * The label of histogram bucket `i` (lib/figures/contribution.ts TIME_BUCKETS_MINUTES): what it
 * counts and the interval, "Respons pertama 15 menit–30 menit"; the first "sampai 15 menit", the last "lebih dari 30 hari".
 */
export function bucketLabel(kind: 'ack' | 'res', i: number, l: Language): string {
  const what = kind === 'ack' ? (l === 'id' ? 'Respons pertama' : 'First response') : (l === 'id' ? 'Selesai dalam' : 'Resolved within');
  const bounds = TIME_BUCKETS_MINUTES;
  if (i === 0) return `${what} ${l === 'id' ? 'sampai' : 'up to'} ${span(bounds[0], l)}`;
  if (i >= bounds.length) return `${what} ${l === 'id' ? 'lebih dari' : 'more than'} ${span(bounds[bounds.length - 1]!, l)}`;
  return `${what} ${span(bounds[i - 1]!, l)}–${span(bounds[i]!, l)}`;
}

const inScope = (scope: DashboardScope, regency: string) => scope.regencies === 'all' || scope.regencies.includes(regency);
const regencyName = (code: string, l: Language) => regencyLabel(code as HomeRegency, l);

/** The counters per month x regency x category x channel x level, in scope, by name. */
export function figuresCsv(months: Array<{ month: string; cells: CellCounts[] }>, scope: DashboardScope, l: Language): string {
  const head = [
    l === 'id' ? 'Bulan (WITA)' : 'Month (WITA)', T.regency[l], T.category[l], T.channel[l], T.level[l],
    ...COUNTERS.map((k) => COUNTER_NAMES[k][l]),
    ...Array.from({ length: BUCKET_COUNT }, (_, i) => bucketLabel('ack', i, l)),
    ...Array.from({ length: BUCKET_COUNT }, (_, i) => bucketLabel('res', i, l)),
  ];
  const rows: Array<{ key: string; cells: Cell[] }> = [];
  for (const { month, cells } of months) {
    for (const { cell, counts } of cells) {
      if (cell.kind !== 'month' || !inScope(scope, cell.regency)) continue;
      rows.push({
        // Sorted by month, then by the codes (the regencies' official order), not by the names.
        key: [month, cell.regency, cell.category, cell.channel, cell.level].join('|'),
        cells: [
          month, regencyName(cell.regency, l), CATEGORY_LABELS[cell.category][l], T.channels[cell.channel][l], T.levels[cell.level][l],
          ...COUNTERS.map((k) => counts[k] ?? 0), ...histogramOf(counts, 'ack'), ...histogramOf(counts, 'res'),
        ],
      });
    }
  }
  rows.sort((a, b) => a.key.localeCompare(b.key));
  return csvDocument([head, ...rows.map((r) => r.cells)]);
}

/** The case list without personal data: reference, dates (WITA), where, what, how far it got. No text, no contact, no NIK, no name. */
export function caseListCsv(cases: CaseFacts[], scope: DashboardScope, l: Language): string {
  const wita = ' (WITA)';
  const head = [
    l === 'id' ? 'Kode laporan' : 'Reference', `${l === 'id' ? 'Masuk' : 'Filed'}${wita}`, T.regency[l], T.category[l], T.urgency[l], T.channel[l], T.level[l], T.status[l],
    `${l === 'id' ? 'Ditanggapi' : 'Acknowledged'}${wita}`, `${l === 'id' ? 'Selesai' : 'Resolved'}${wita}`, COUNTER_NAMES.escalations[l],
    `${l === 'id' ? 'Dikonfirmasi pelapor' : 'Confirmed by the reporter'}${wita}`, l === 'id' ? 'Dibuka lagi' : 'Reopenings', l === 'id' ? 'Digabung ke' : 'Merged into',
  ];
  const rows = cases.filter((c) => inScope(scope, c.homeRegency)).sort((a, b) => a.createdAt.localeCompare(b.createdAt)).map((c) => [
    c.reference, witaDateTime(c.createdAt), regencyName(c.homeRegency, l), CATEGORY_LABELS[c.category][l], URGENCY_LABELS[c.urgency][l],
    T.channels[c.channel][l], T.levels[c.level][l], T.statuses[c.status][l],
    witaDateTime(c.acknowledgedAt), witaDateTime(c.resolvedAt), c.escalations ?? 0, witaDateTime(c.confirmedAt), c.reopenings ?? 0, c.mergedInto,
  ]);
  return csvDocument([head, ...rows]);
}
