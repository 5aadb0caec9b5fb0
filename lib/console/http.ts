import { handle } from 'hono/aws-lambda';
import type { ConsoleDeps } from '../use-cases/console/deps.js';
import { createConsoleApp, type ConsoleScreen } from './app.js';
import type { ConsoleOptions } from './kit.js';

/**
 * The console's Lambda handler: the Hono app adapted to API Gateway's HTTP API payload (v2) by
 * Hono's aws-lambda adapter. functions/console.ts builds it on AWS ports, `npm start` and the bench
 * on local ones.
 */
export function createConsoleHandler(input: { deps: ConsoleDeps; options: ConsoleOptions; screens?: ConsoleScreen[] }) {
  return handle(createConsoleApp(input.deps, input.options, input.screens ?? []));
}
