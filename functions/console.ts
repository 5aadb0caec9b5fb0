import { handle } from 'hono/aws-lambda';
import { createConsoleApp } from '../lib/console/app.js';
import { consoleDeps } from '../lib/console/wiring.js';
import { runtime } from '../lib/wiring.js';

/**
 * The officials' console behind the HTTP API (`ANY /console` and `/console/{proxy+}`): one Hono app,
 * adapted to API Gateway's payload by Hono's aws-lambda adapter. Locally `npm start` serves the same
 * handler. Cookies are Secure with the `__Host-` prefix in AWS; plain http locally.
 */
const app = createConsoleApp(
  consoleDeps({ stores: runtime.stores, cipher: runtime.cipher, clock: runtime.deps.clock, policy: runtime.deps.policy }),
  { secureCookies: runtime.config.stage === 'aws', ...(runtime.config.consoleOrigin ? { origin: runtime.config.consoleOrigin } : {}), rpName: 'Hotline PMI NTB' },
);

export const handler = handle(app);
