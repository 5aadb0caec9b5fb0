import { awsConfig, handlerWhenReady } from '../lib/composition/aws-config.js';
import { awsStores } from '../lib/composition/aws-store.js';
import { systemClock } from '../lib/clock.js';
import { CloudWatchMetrics } from '../lib/adapters/metrics/cloudwatch.js';
import { createConsoleHandler } from '../lib/console/http.js';
import { consoleDeps } from '../lib/console/wiring.js';
import { FIGURES_SCREEN_CSS, figuresScreen } from '../lib/figures/console-screen.js';
import { DynamoFiguresStore } from '../lib/adapters/dynamo/figures-store.js';
import { DynamoAgentsStore } from '../lib/adapters/dynamo/agents-store.js';

/**
 * The officials' console (lib/console/app.tsx) behind `ANY /console` and `/console/{proxy+}`. Ports:
 * the table's aggregates (cases, directory, reporters and the console's own); no gateway secret and
 * no SMS sending: a sign-in code goes out through the outbox like every SMS. Cookies are Secure with
 * the `__Host-` prefix; writes and passkeys are checked against CONSOLE_ORIGIN. The figures screen
 * (issue 14) is mounted at /console/figures.
 */
const cfg = awsConfig();

export const handler = handlerWhenReady(async () => {
  const stores = await awsStores(cfg);
  const deps = consoleDeps({ stores, clock: systemClock, policy: cfg.policy, metrics: new CloudWatchMetrics() });
  const figures = figuresScreen({
    figures: new DynamoFiguresStore(stores.table), agents: new DynamoAgentsStore(stores.table),
    accessLog: deps.accessLog, cases: stores.cases, cipher: stores.cipher, clock: systemClock,
  });
  return createConsoleHandler({
    deps,
    options: { secureCookies: true, ...(cfg.consoleOrigin ? { origin: cfg.consoleOrigin } : {}), rpName: 'Hotline PMI NTB' },
    screens: [{ path: '/figures', routes: figures, css: FIGURES_SCREEN_CSS }],
  });
});
