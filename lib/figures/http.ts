import type { Clock } from '../clock.js';
import type { HttpEvent, HttpResult } from '../http/api.js';
import { monthOf } from './contribution.js';
import type { FiguresPort } from './port.js';
import { publicMonth, type PublicMonth } from './public.js';
import { STATISTIK_HEADERS, renderStatistik, statistikJson } from './statistik-page.js';

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

/** The public figures of the last twelve closed months: twelve Queries (one per month partition), newest first. */
export async function loadPublicMonths(figures: FiguresPort, now: Date): Promise<PublicMonth[]> {
  const months = closedMonths(now, PUBLIC_MONTHS);
  const cells = await Promise.all(months.map((m) => figures.summaryCells(m)));
  return months.map((m, i) => publicMonth(m, cells[i]!));
}

/**
 * `GET /statistik` and `GET /statistik.json`, for any HTTP function's router: answers them, or
 * undefined for any other route. No sign-in; the same answer for everyone, cached at the edge.
 */
export function statistikRoutes(deps: () => { figures: FiguresPort; clock: Clock }) {
  return async (event: HttpEvent): Promise<HttpResult | undefined> => {
    if (event.requestContext.http.method !== 'GET') return undefined;
    if (event.rawPath !== '/statistik' && event.rawPath !== '/statistik.json') return undefined;
    const { figures, clock } = deps();
    const months = await loadPublicMonths(figures, clock.now());
    if (event.rawPath === '/statistik.json') {
      return { statusCode: 200, headers: { ...STATISTIK_HEADERS, 'content-type': 'application/json; charset=utf-8' }, body: statistikJson(months) };
    }
    const language = event.queryStringParameters?.lang === 'en' ? 'en' : 'id';
    return {
      statusCode: 200,
      headers: { ...STATISTIK_HEADERS, 'content-type': 'text/html; charset=utf-8', 'content-language': language, vary: 'accept-encoding' },
      body: renderStatistik(months, language),
    };
  };
}

/** The dashboard's figures: twelve month partitions and the open-cases partition, thirteen Queries whatever the number of cases. */
export async function loadDashboardFigures(figures: FiguresPort, now: Date): Promise<{ months: Array<{ month: string; cells: Awaited<ReturnType<FiguresPort['monthCells']>> }>; open: Awaited<ReturnType<FiguresPort['openCells']>> }> {
  const months = lastMonths(now, PUBLIC_MONTHS);
  const [open, ...cells] = await Promise.all([figures.openCells(), ...months.map((m) => figures.summaryCells(m))]);
  return { months: months.map((month, i) => ({ month, cells: cells[i]! })), open };
}
