import { handle } from 'hono/aws-lambda';
import { createConsoleApp } from '../lib/console/app.js';
import { consoleDeps } from '../lib/console/wiring.js';
import { runtime } from '../lib/wiring.js';
import { figuresScreen } from '../lib/figures/console-screen.js';
import { DynamoFiguresStore } from '../lib/adapters/dynamo/figures-store.js';
import { DynamoAgentsStore } from '../lib/adapters/dynamo/agents-store.js';

/**
 * The officials' console behind the HTTP API (`ANY /console` and `/console/{proxy+}`): one Hono app,
 * adapted to API Gateway's payload by Hono's aws-lambda adapter. Locally `npm start` serves the same
 * handler. Cookies are Secure with the `__Host-` prefix in AWS; plain http locally.
 */
const deps = consoleDeps({ stores: runtime.stores, cipher: runtime.cipher, clock: runtime.deps.clock, policy: runtime.deps.policy });
const figures = figuresScreen({
  figures: new DynamoFiguresStore(runtime.stores.table), agents: new DynamoAgentsStore(runtime.stores.table),
  accessLog: deps.accessLog, cases: runtime.stores.cases, cipher: runtime.cipher, clock: runtime.deps.clock,
});
const app = createConsoleApp(
  deps,
  { secureCookies: runtime.config.stage === 'aws', ...(runtime.config.consoleOrigin ? { origin: runtime.config.consoleOrigin } : {}), rpName: 'Hotline PMI NTB' },
  [{ path: '/figures', routes: figures }],
);

export const handler = handle(app);
