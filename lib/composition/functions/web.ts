import type { Ports } from '../ports.js';
import { createWebHandler } from '../../web/http.js';
import { statistikRoutes } from '../../figures/http.js';

/**
 * The public web form (lib/web/http.ts) and the public figures (/statistik, lib/figures/http.ts):
 * no callback key and no gateway secret (anyone may report).
 */
export function create(p: Pick<Ports, 'cases' | 'reporters' | 'counters' | 'figures' | 'clock' | 'policy' | 'metrics'>) {
  const { cases, reporters, counters, figures, clock, policy, metrics } = p;
  return createWebHandler({
    deps: { cases, reporters, counters, clock, policy, metrics },
    statistik: statistikRoutes(() => ({ figures, clock })),
  });
}
