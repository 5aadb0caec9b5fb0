import { awsConfig, handlerWhenReady } from '../lib/composition/aws-config.js';
import { awsStores } from '../lib/composition/aws-store.js';
import { systemClock } from '../lib/clock.js';
import { createConsoleHandler } from '../lib/console/http.js';
import { consoleDeps } from '../lib/console/wiring.js';

/**
 * The officials' console (lib/console/app.tsx) behind `ANY /console` and `/console/{proxy+}`. Ports:
 * the table's aggregates (cases, directory, reporters and the console's own); no gateway secret and
 * no SMS sending: a sign-in code goes out through the outbox like every SMS. Cookies are Secure with
 * the `__Host-` prefix; writes and passkeys are checked against CONSOLE_ORIGIN.
 */
const cfg = awsConfig();

export const handler = handlerWhenReady(async () => {
  const stores = await awsStores(cfg);
  return createConsoleHandler({
    deps: consoleDeps({ stores, clock: systemClock, policy: cfg.policy }),
    options: { secureCookies: true, ...(cfg.consoleOrigin ? { origin: cfg.consoleOrigin } : {}), rpName: 'Hotline PMI NTB' },
  });
});
