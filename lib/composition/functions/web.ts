import type { Ports } from '../ports.js';
import type { HttpEvent, HttpResult } from '../../http/api.js';
import { createWebHandler } from '../../web/http.js';

/** The paths lib/figures/http.ts answers (the manifest's web routes /statistik and /statistik.json). */
const STATISTIK_PATHS = new Set(['/statistik', '/statistik.json']);

/**
 * The public web form (lib/web/http.ts) and the public figures (/statistik, lib/figures/http.ts):
 * no callback key and no gateway secret (anyone may report).
 *
 * The figures' page, tables and suppression (about 25 KB) are loaded by the first request for
 * them, not at cold start: a cold start is usually someone opening the form, and the figures are
 * answered with a public cache age for a CDN to keep. A failed load is not kept.
 */
export function create(p: Pick<Ports, 'cases' | 'reporters' | 'counters' | 'figures' | 'clock' | 'policy' | 'metrics'>) {
  const { cases, reporters, counters, figures, clock, policy, metrics } = p;
  let routes: Promise<(event: HttpEvent) => Promise<HttpResult | undefined>> | undefined;
  const load = () => import('../../figures/http.js').then(({ statistikRoutes }) => statistikRoutes(() => ({ figures, clock })));
  return createWebHandler({
    deps: { cases, reporters, counters, clock, policy, metrics },
    async statistik(event) {
      if (event.requestContext.http.method !== 'GET' || !STATISTIK_PATHS.has(event.rawPath)) return undefined;
      routes ??= load().catch((error: unknown) => { routes = undefined; throw error; });
      return (await routes)(event);
    },
  });
}
