import middy from '@middy/core';
import type { Context } from 'aws-lambda';
import { handle } from 'hono/aws-lambda';
import type { HttpEvent, HttpResult } from '../http/api.js';
import { injectLambdaContext, logger } from '../logger.js';
import type { ConsoleDeps } from '../use-cases/console/deps.js';
import { createConsoleApp, type ConsoleScreen } from './app.js';
import type { ConsoleOptions } from './kit.js';

/**
 * The console's Lambda handler: the Hono app adapted to API Gateway's HTTP API payload (v2) by
 * Hono's aws-lambda adapter. functions/console.ts builds it on AWS ports, `npm start` and the bench
 * on local ones. Like every other function, middy gives the logger this invocation's Lambda context
 * (request id, function name): without it, locally the console's lines carried whatever context
 * another function had set last in the shared process.
 */
export function createConsoleHandler(input: { deps: ConsoleDeps; options: ConsoleOptions; screens?: ConsoleScreen[] }) {
  const app = handle(createConsoleApp(input.deps, input.options, input.screens ?? [])) as unknown as (event: HttpEvent, context: Context) => Promise<HttpResult>;
  return middy<HttpEvent, HttpResult>()
    .use(injectLambdaContext(logger, { resetKeys: true }))
    .handler((event, context) => app(event, context));
}
