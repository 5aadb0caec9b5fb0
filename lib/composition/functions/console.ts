import type { Ports } from '../ports.js';
import { createConsoleHandler } from '../../console/http.js';
import { consoleDeps } from '../../console/wiring.js';
import { figuresScreen, figuresScreenCss } from '../../console/figures-screen.js';

/**
 * The officials' console (lib/console/app.tsx) with its figures screen at /console/figures. Its own
 * aggregates on the table; a sign-in code goes out through the outbox like every SMS.
 */
export function create(p: Pick<Ports, 'stores' | 'figures' | 'agents' | 'consoleSite' | 'clock' | 'policy' | 'metrics'>) {
  const { stores, clock } = p;
  const deps = consoleDeps({ stores, clock, policy: p.policy, metrics: p.metrics });
  const figures = figuresScreen({ figures: p.figures, agents: p.agents, accessLog: deps.accessLog, cases: stores.cases, cipher: stores.cipher, clock, directory: deps.directory });
  return createConsoleHandler({ deps, options: p.consoleSite, screens: [{ path: '/figures', routes: figures, css: figuresScreenCss }] });
}
