import type { LocalSystem } from '../composition/local.js';
import type { DevRoute } from './server.js';
import type { FiguresPort } from '../figures/port.js';
import { loadDashboardFigures } from '../figures/http.js';
import { dashboardModel, renderDashboardPage } from '../figures/dashboard.js';
import { languageOf } from '../web/texts.js';

/**
 * Local only: the officials' dashboard for all of NTB without sign-in, to look at the figures while
 * trying the system (the console serves it to signed-in officials at /console/figures, scoped to their area).
 */
export function figuresDevRoutes(system: Pick<LocalSystem, 'clock'>, figures: FiguresPort): Record<string, DevRoute> {
  return {
    'GET /dev/dashboard': async (req) => {
      const now = system.clock.now();
      const loaded = await loadDashboardFigures(figures, now);
      const language = languageOf(new URL(req.url ?? '/', 'http://localhost').searchParams.get('lang') ?? undefined);
      return { status: 200, type: 'text/html; charset=utf-8', body: renderDashboardPage(dashboardModel({ ...loaded, scope: { regencies: 'all' }, now }), language, { exportBase: '/console/figures' }) };
    },
  };
}
