import type { Hono } from 'hono';
import { type ConsoleEnv, signedInRoutes } from './kit.js';
import { lazyPages } from './lazy.js';
// The deps' type lives with the pages that use them: a type import back here would close a circle.
import type { FiguresScreenDeps } from './figures-pages.js';

export type { FiguresScreenDeps };

/**
 * `/console/figures`: the dashboard scoped to the official, the CSV exports (each recorded in the
 * access log), the recurring agents (desk and BP3MI), and the form that records an agent on a case.
 * The routes are here; their code (figures-pages.ts, with the dashboard of lib/figures) loads with
 * the screen's first request, not at the console's cold start.
 */
export function figuresScreen(deps: FiguresScreenDeps): Hono<ConsoleEnv> {
  const routes = signedInRoutes();
  const pages = lazyPages(() => import('./figures-pages.js').then((m) => m.figuresPages(deps)));
  routes.get('/', pages('dashboard'));
  routes.get('/figures.csv', pages('figuresCsv'));
  routes.get('/cases.csv', pages('casesCsv'));
  routes.get('/agents', pages('agents'));
  routes.get('/agent', pages('agentPage'));
  routes.post('/agent', pages('recordAgent'));
  return routes;
}

/** The figures screen's styles for the console's stylesheet (the CSP allows no inline style), loaded by the stylesheet's request. */
export const figuresScreenCss = async () => (await import('./figures-pages.js')).FIGURES_SCREEN_CSS;
