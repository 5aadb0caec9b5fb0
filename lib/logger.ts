import type { MiddlewareObj } from '@middy/core';
import type { Context } from 'aws-lambda';

/**
 * The one structured logger. What goes in: case ids, references, codes, counts, durations.
 * What never goes in: phone numbers, NIK, report text, callback keys, whole events or request bodies
 * (test/support/privacy-teardown.ts scans every line a test run produces).
 *
 * One JSON line per entry, as Powertools' logger wrote them (level, message, timestamp, service,
 * the Lambda context, the entry's attributes): INFO and DEBUG to stdout, WARN and ERROR to stderr.
 * Written here rather than with Powertools because every function builds a logger at cold start:
 * Powertools' logger loads 35 KB and builds its own `Console` on two fresh streams with it (issue
 * 18: a measurable share of every function's init, `npm run bench`). Nothing is written, and no
 * stream touched, before the first entry at the level set.
 *
 * Importing it reads no configuration: each composition calls `configureLogger` with the level from
 * the config module, and the handlers give it the Lambda context per invocation (the middy
 * middleware `injectLambdaContext`), so every line carries the request id.
 */
const SERVICE = 'pmi-hotline';
export type LogLevel = 'DEBUG' | 'INFO' | 'WARN' | 'ERROR' | 'SILENT';
const RANK: Record<LogLevel, number> = { DEBUG: 8, INFO: 12, WARN: 16, ERROR: 20, SILENT: 28 };

type Attributes = Record<string, unknown>;

/** Where an invocation's context lives when one process runs several invocations at once. */
export interface InvocationScope {
  getStore(): Attributes | undefined;
}

export class Logger {
  private threshold: number;
  private context: Attributes = {};
  private scope?: InvocationScope;
  /** True until the first invocation's context is added: a Lambda instance's first invocation is its cold start. */
  private coldStart = true;

  constructor(private readonly options: { serviceName?: string; logLevel?: LogLevel } = {}) {
    this.threshold = RANK[options.logLevel ?? 'INFO'];
  }

  setLogLevel(level: LogLevel): void {
    this.threshold = RANK[level];
  }

  debug(message: string, attributes?: Attributes): void { this.write('DEBUG', message, attributes); }
  info(message: string, attributes?: Attributes): void { this.write('INFO', message, attributes); }
  warn(message: string, attributes?: Attributes): void { this.write('WARN', message, attributes); }
  error(message: string, attributes?: Attributes): void { this.write('ERROR', message, attributes); }

  /**
   * The local server runs every function in one process and answers requests concurrently: with the
   * context in one field, a line of one request carried the function name and request id of another
   * that had started since. It gives the logger a store per invocation (an AsyncLocalStorage,
   * lib/local/lambda-shim.ts). A Lambda instance runs one invocation at a time and keeps the field.
   */
  useInvocationScope(scope: InvocationScope): void {
    this.scope = scope;
  }

  /** The invocation's context on every following line (the same keys as Powertools' logger). */
  addContext(context: Context): void {
    const attributes = {
      cold_start: this.coldStart,
      function_arn: context.invokedFunctionArn,
      function_memory_size: Number(context.memoryLimitInMB),
      function_name: context.functionName,
      function_request_id: context.awsRequestId,
    };
    const store = this.scope?.getStore();
    if (store) Object.assign(store, attributes);
    else this.context = attributes;
    this.coldStart = false;
  }

  private write(level: Exclude<LogLevel, 'SILENT'>, message: string, attributes?: Attributes): void {
    if (RANK[level] < this.threshold) return;
    // The X-Ray trace of the invocation: set by the Lambda runtime per invocation (not configuration).
    const trace = process.env._X_AMZN_TRACE_ID?.split(';')[0]?.replace('Root=', '');
    const line = JSON.stringify({
      level, message, timestamp: new Date().toISOString(), service: this.options.serviceName ?? SERVICE,
      ...(this.scope?.getStore() ?? this.context), ...(trace ? { xray_trace_id: trace } : {}), ...attributes,
    });
    (RANK[level] >= RANK.WARN ? process.stderr : process.stdout).write(`${line}\n`);
  }
}

export const logger = new Logger({ serviceName: SERVICE });

export function configureLogger(cfg: { logLevel: LogLevel }): void {
  logger.setLogLevel(cfg.logLevel);
}

/**
 * middy middleware: the Lambda context on every line of the invocation. `resetKeys` is accepted for
 * the call sites' sake: this logger keeps no keys between invocations besides the context, which
 * each invocation replaces.
 */
export function injectLambdaContext(target: Logger, _options?: { resetKeys?: boolean }): MiddlewareObj {
  return { before: (request) => { target.addContext(request.context as Context); } };
}
