import { handle } from 'hono/aws-lambda';
import { awsConfig, handlerWhenReady } from '../lib/composition/aws-config.js';
import { awsStores } from '../lib/composition/aws-store.js';
import { systemClock } from '../lib/clock.js';
import { createConsoleApp } from '../lib/console/app.js';
import { consoleDeps } from '../lib/console/wiring.js';
import { figuresScreen } from '../lib/figures/console-screen.js';
import { DynamoFiguresStore } from '../lib/adapters/dynamo/figures-store.js';
import { DynamoAgentsStore } from '../lib/adapters/dynamo/agents-store.js';

/**
 * The officials' console behind the HTTP API (`ANY /console` and `/console/{proxy+}`): one Hono app,
 * adapted to API Gateway's payload by Hono's aws-lambda adapter, with the figures screen mounted at
 * /console/figures. Locally `npm start` serves the same app. Cookies are Secure with the `__Host-`
 * prefix in AWS; plain http locally.
 */
const cfg = awsConfig();

export const handler = handlerWhenReady(async () => {
  const stores = await awsStores(cfg);
  const deps = consoleDeps({ stores, cipher: stores.cipher, clock: systemClock, policy: cfg.policy });
  const figures = figuresScreen({
    figures: new DynamoFiguresStore(stores.table), agents: new DynamoAgentsStore(stores.table),
    accessLog: deps.accessLog, cases: stores.cases, cipher: stores.cipher, clock: systemClock,
  });
  const app = createConsoleApp(
    deps,
    { secureCookies: true, ...(cfg.consoleOrigin ? { origin: cfg.consoleOrigin } : {}), rpName: 'Hotline PMI NTB' },
    [{ path: '/figures', routes: figures }],
  );
  return handle(app) as never;
});
