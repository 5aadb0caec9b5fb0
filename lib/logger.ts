import { Logger } from '@aws-lambda-powertools/logger';

/**
 * The one structured logger. What goes in: case ids, references, codes, counts, durations.
 * What never goes in: phone numbers, NIK, report text, callback keys, whole events or request bodies
 * (test/support/privacy-teardown.ts scans every line a test run produces).
 *
 * Importing it reads no configuration: each composition calls `configureLogger` with the level from
 * the config module, and the handlers give it the Lambda context per invocation (middy
 * `injectLambdaContext`), so every line carries the request id.
 */
const SERVICE = 'pmi-hotline';
type Level = 'DEBUG' | 'INFO' | 'WARN' | 'ERROR' | 'SILENT';

// Built on first use or by configureLogger, whichever comes first: a function builds one, not two.
let current: Logger | undefined;
const instance = (): Logger => (current ??= new Logger({ serviceName: SERVICE }));

/**
 * Modules hold this one reference; `configureLogger` swaps the instance behind it. (Powertools resets
 * a logger to the level it was built with at every invocation, so the level is set by building a
 * new one rather than with `setLogLevel`.)
 */
export const logger: Logger = new Proxy({} as Logger, {
  get(_target, property) {
    const target = instance();
    const value: unknown = Reflect.get(target, property, target);
    return typeof value === 'function' ? value.bind(target) : value;
  },
});

export function configureLogger(cfg: { logLevel: Level }): void {
  current = new Logger({ serviceName: SERVICE, logLevel: cfg.logLevel });
}
