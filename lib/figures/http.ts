import type { Clock } from '../clock.js';
import type { HttpEvent, HttpResult } from '../http/api.js';
import { cellId, monthOf } from './contribution.js';
import type { CellCounts, FiguresPort } from './port.js';
import { PUBLIC_ROLL_UP_COUNTERS, publicMonthWithFigures, type PublicMonth } from './public.js';
import { monthsOfQuarter, publicQuarter, quarterOf, type QuarterTable } from './quarters.js';
import { STATISTIK_HEADERS, renderStatistik, statistikCsv, statistikJson } from './statistik-page.js';

/** How far back the public page goes. */
export const PUBLIC_MONTHS = 12;

export function lastMonths(now: Date, count: number): string[] {
  const current = monthOf(now.toISOString());
  const [y, m] = current.split('-').map(Number) as [number, number];
  return Array.from({ length: count }, (_, i) => {
    const d = new Date(Date.UTC(y, m - 1 - i, 1));
    return d.toISOString().slice(0, 7);
  });
}

/**
 * The months the public page may show: the twelve before the current one (WITA). A month is
 * published only once it has closed: while it is open, a cell moving from "<5" to 5 after one report
 * would show that it was exactly 4, and which regency and category the new report has.
 */
export function closedMonths(now: Date, count: number): string[] {
  return lastMonths(now, count + 1).slice(1);
}

/** The public figures of the last twelve closed months, newest first: one Query of the months' roll-ups. */
export async function loadPublicMonths(figures: FiguresPort, now: Date, memo?: PublicMemo): Promise<PublicMonth[]> {
  return (await loadPublicFigures(figures, now, memo)).months;
}

/**
 * What a request computes from the counters is a pure function of the counters it read: a warm
 * function keeps the last results, keyed by the counters themselves (a fingerprint of what each
 * month's cells say), so that a closed month, whose counters seldom move, is suppressed and rendered
 * once and not on every request. The counters are still read on every request, so a late resolution
 * or a corrected category shows at once; nothing is served that the counters no longer say.
 */
export class PublicMemo {
  private readonly months = new Map<string, ReturnType<typeof publicMonthWithFigures>>();
  private readonly quarters = new Map<string, QuarterTable>();
  private readonly bodies = new Map<string, string>();
  constructor(private readonly limit = 64) {}
  month(key: string, make: () => ReturnType<typeof publicMonthWithFigures>) { return remember(this.months, key, make, this.limit); }
  quarter(key: string, make: () => QuarterTable): QuarterTable { return remember(this.quarters, key, make, 16); }
  body(key: string, make: () => string): string { return remember(this.bodies, key, make, 8); }
}

function remember<T>(map: Map<string, T>, key: string, make: () => T, limit: number): T {
  const known = map.get(key);
  if (known !== undefined) return known;
  const value = make();
  map.set(key, value);
  // Oldest first out: a Map iterates in insertion order.
  while (map.size > limit) map.delete(map.keys().next().value!);
  return value;
}

/** The counters a month's public figures are made of, as one string: equal strings, equal figures. */
export function fingerprint(cells: CellCounts[]): string {
  const parts: string[] = [];
  for (const { cell, counts } of cells) {
    if (cell.kind === 'open') continue;
    if (cell.kind === 'regency') {
      // A roll-up by the fixed list of what the figures read of it: no sorting of its some 60 counter
      // names per request, which was a quarter of a warm request's CPU.
      let part = `${cellId(cell)}:`;
      for (const name of PUBLIC_ROLL_UP_COUNTERS) part += `${counts[name] ?? ''},`;
      parts.push(part);
      continue;
    }
    parts.push(`${cellId(cell)}:${Object.keys(counts).sort().map((k) => `${k}=${counts[k]}`).join(',')}`);
  }
  return parts.sort().join(';');
}

export interface PublicFigures {
  /** The last twelve closed months, newest first. */
  months: PublicMonth[];
  /** The closed quarters whose three months are all among them, newest first. */
  quarters: QuarterTable[];
  /** The counters read, as a memo key. */
  key: string;
}

export async function loadPublicFigures(figures: FiguresPort, now: Date, memo = new PublicMemo()): Promise<PublicFigures> {
  const months = closedMonths(now, PUBLIC_MONTHS);
  const cells = byMonth(months, await figures.rollUps(months[months.length - 1]!, months[0]!));
  const keys = months.map((m, i) => `${m}|${fingerprint(cells[i]!)}`);
  const computed = months.map((m, i) => memo.month(keys[i]!, () => publicMonthWithFigures(m, cells[i]!)));
  const quarters = [...new Set(months.map(quarterOf))].flatMap((quarter) => {
    const own = monthsOfQuarter(quarter).map((m) => months.indexOf(m));
    // A quarter is shown once all its months are on the page, and only if anything was reported in it.
    if (own.some((i) => i < 0) || own.every((i) => !computed[i]!.month.reported)) return [];
    return [memo.quarter(own.map((i) => keys[i]).join('\n'), () => publicQuarter(quarter, own.map((i) => computed[i]!.figures)))];
  });
  return { months: computed.map((c) => c.month), quarters, key: keys.join('\n') };
}

/** "Data per" on the page: the day (WITA) the counters were read. */
export const dataDay = (now: Date) => new Date(now.getTime() + 8 * 3600_000).toISOString().slice(0, 10);

/**
 * `GET /statistik` and `GET /statistik.json`, for any HTTP function's router: answers them, or
 * undefined for any other route. No sign-in; the same answer for everyone, cached at the edge.
 */
export function statistikRoutes(deps: () => { figures: FiguresPort; clock: Clock }) {
  const memo = new PublicMemo();
  return async (event: HttpEvent): Promise<HttpResult | undefined> => {
    if (event.requestContext.http.method !== 'GET') return undefined;
    if (event.rawPath !== '/statistik' && event.rawPath !== '/statistik.json') return undefined;
    const { figures, clock } = deps();
    const now = clock.now();
    const loaded = await loadPublicFigures(figures, now, memo);
    const asOf = dataDay(now);
    const key = `${asOf}\n${loaded.key}`;
    const view = { quarters: loaded.quarters, asOf };
    if (event.rawPath === '/statistik.json') {
      return { statusCode: 200, headers: { ...STATISTIK_HEADERS, 'content-type': 'application/json; charset=utf-8' }, body: memo.body(`json\n${key}`, () => statistikJson(loaded.months, view)) };
    }
    const language = event.queryStringParameters?.lang === 'en' ? 'en' : 'id';
    // The CSV on the page's own route (`?format=csv`): the same figures, no further route or limit to deploy.
    if (event.queryStringParameters?.format === 'csv') {
      return {
        statusCode: 200,
        headers: { ...STATISTIK_HEADERS, 'content-type': 'text/csv; charset=utf-8', 'content-disposition': `attachment; filename="statistik-pmi-ntb-${asOf}.csv"`, 'content-language': language },
        body: memo.body(`csv${language}\n${key}`, () => statistikCsv(loaded.months, view, language)),
      };
    }
    return {
      statusCode: 200,
      headers: { ...STATISTIK_HEADERS, 'content-type': 'text/html; charset=utf-8', 'content-language': language, vary: 'accept-encoding' },
      body: memo.body(`${language}\n${key}`, () => renderStatistik(loaded.months, language, view)),
    };
  };
}

/** The cells read for a range of months, split by month (in `months`' order); cells of no listed month are left out. */
function byMonth(months: string[], cells: CellCounts[]): CellCounts[][] {
  const index = new Map(months.map((m, i) => [m, i]));
  const out = months.map((): CellCounts[] => []);
  for (const c of cells) {
    const i = 'month' in c.cell ? index.get(c.cell.month) : undefined;
    if (i !== undefined) out[i]!.push(c);
  }
  return out;
}

export interface DashboardFigures { months: Array<{ month: string; cells: CellCounts[] }>; open: CellCounts[] }

/** The dashboard's figures: the twelve months' roll-ups and the open cases, two Queries side by side whatever the number of cases. */
export async function loadDashboardFigures(figures: FiguresPort, now: Date): Promise<DashboardFigures> {
  const months = lastMonths(now, PUBLIC_MONTHS);
  const [open, rollUps] = await Promise.all([figures.openCells(), figures.rollUps(months[months.length - 1]!, months[0]!)]);
  const cells = byMonth(months, rollUps);
  return { months: months.map((month, i) => ({ month, cells: cells[i]! })), open };
}
