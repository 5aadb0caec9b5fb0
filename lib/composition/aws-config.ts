import { config, type Config } from '../config.js';
import { configureLogger } from '../logger.js';
import type { ConsoleOptions } from '../console/kit.js';

/**
 * The configuration of a Lambda function: read once at cold start, failing fast on a bad or
 * missing value. The entry points in functions/ are for AWS only; `npm start` composes the same
 * handlers on local adapters (lib/composition/local.ts).
 */
export function awsConfig(): Config {
  const cfg = config();
  if (cfg.stage !== 'aws') throw new Error('functions/* are the Lambda entry points and need STAGE=aws; `npm start` runs the system locally');
  configureLogger(cfg);
  return cfg;
}

type Handler<E, C, R> = (event: E, context: C) => Promise<R>;

/**
 * A Lambda handler whose ports are built in the background from the cold start on: module loading
 * and client construction happen during init, the secret reads they need are already in flight, and
 * the first invocation waits for them (later ones find them done). A failed build fails that
 * invocation (function errors alarm) and is tried again on the next one.
 */
export function handlerWhenReady<E, C, R>(build: () => Promise<Handler<E, C, R>>): Handler<E, C, R> {
  let ready: Promise<Handler<E, C, R>> | undefined;
  const start = () => {
    ready = build();
    ready.catch(() => { ready = undefined; });
    return ready;
  };
  start();
  return async (event, context) => (await (ready ?? start()))(event, context);
}

/** The console's cookies and origin in AWS: Secure `__Host-` cookies, writes and passkeys checked against CONSOLE_ORIGIN. */
export function awsConsoleSite(cfg: Pick<Config, 'consoleOrigin'>): ConsoleOptions {
  return { secureCookies: true, ...(cfg.consoleOrigin ? { origin: cfg.consoleOrigin } : {}), rpName: 'Hotline PMI NTB' };
}
