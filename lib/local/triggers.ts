import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { DynamoDBRecord } from 'aws-lambda';
import type { LocalSystem } from '../composition/local.js';
import { FUNCTIONS, FUNCTION_NAMES, kebab, type FunctionName, type FunctionSpec } from '../composition/manifest.js';
import { invokeLocally, localContext } from './lambda-shim.js';
import type { LambdaHttpHandler, LocalRoutes } from './server.js';
import { StreamPoller } from './stream-poller.js';

/**
 * What invokes the functions locally, from their manifest entries as the stack derives its API
 * routes, event source mappings and schedules from them: `npm start`, the tests and the bench use
 * these, so a function wired here is wired the same way in AWS.
 */

type Handler = (event: unknown, context: ReturnType<typeof localContext>) => Promise<unknown>;
const handlerOf = (system: LocalSystem, name: FunctionName) => system.handlers[name] as unknown as Handler;

/** The HTTP routes of every function: `METHOD /path`, and `/{proxy+}` routes as path prefixes. */
export function httpRoutes(system: LocalSystem): Pick<LocalRoutes, 'lambda' | 'lambdaPrefixes'> {
  const lambda: LocalRoutes['lambda'] = {};
  const lambdaPrefixes: NonNullable<LocalRoutes['lambdaPrefixes']> = {};
  for (const name of FUNCTION_NAMES) {
    const spec: FunctionSpec = FUNCTIONS[name];
    const route = { name: kebab(name), handler: handlerOf(system, name) as unknown as LambdaHttpHandler };
    for (const { method, path } of spec.routes ?? []) {
      if (path.endsWith('/{proxy+}')) lambdaPrefixes[path.slice(0, -'/{proxy+}'.length)] = route;
      // `ANY /console` is served by the prefix route too (locally a prefix matches the path itself).
      else if (method === 'ANY') lambdaPrefixes[path] = route;
      else lambda[`${method} ${path}`] = route;
    }
  }
  return { lambda, lambdaPrefixes };
}

export interface StreamConsumers {
  /** One poller per stream-consuming function, by name (as one event source mapping each in AWS). */
  pollers: Partial<Record<FunctionName, StreamPoller>>;
  /** Every record each consumer delivered, in order (tests look at what went through). */
  seen: Partial<Record<FunctionName, DynamoDBRecord[]>>;
  /** Resolves when every consumer is quiet; rejects, naming what was still pending, after the timeout. */
  settled(quietMs?: number, timeoutMs?: number): Promise<void>;
  stop(): Promise<void>;
}

/**
 * The table stream fed to each function that has a `stream` trigger, with the trigger's own filter,
 * in Lambda's event shape and with its partial-failure semantics (StreamPoller).
 */
export async function startStreamConsumers(system: LocalSystem, options: {
  endpoint: string; db: DynamoDBClient; tableName: string;
  onDeadLetter?: (name: FunctionName, record: DynamoDBRecord) => void;
  /** Only these consumers (by default all). */
  only?: readonly FunctionName[];
}): Promise<StreamConsumers> {
  const pollers: StreamConsumers['pollers'] = {};
  const seen: StreamConsumers['seen'] = {};
  for (const name of FUNCTION_NAMES) {
    const spec: FunctionSpec = FUNCTIONS[name];
    if (!spec.stream || (options.only && !options.only.includes(name))) continue;
    const delivered: DynamoDBRecord[] = [];
    seen[name] = delivered;
    const handler = handlerOf(system, name);
    pollers[name] = new StreamPoller({
      name: kebab(name), endpoint: options.endpoint, db: options.db, tableName: options.tableName, accept: spec.stream.accept,
      deliver: async (event) => {
        delivered.push(...event.Records);
        return invokeLocally(handler, event, kebab(name), spec.timeoutSeconds * 1000) as never;
      },
      onDeadLetter: (record) => options.onDeadLetter?.(name, record),
    });
  }
  const all = Object.values(pollers);
  try {
    for (const poller of all) await poller.start();
  } catch (error) {
    await Promise.all(all.map((p) => p.stop().catch(() => undefined)));
    throw error;
  }
  return {
    pollers, seen,
    settled: async (quietMs, timeoutMs) => { await Promise.all(all.map((p) => p.settled(quietMs, timeoutMs))); },
    stop: async () => { await Promise.all(all.map((p) => p.stop())); },
  };
}

/** Each scheduled function on an interval (locally much shorter than in AWS, for demos). Returns a stop function. */
export function startSchedules(system: LocalSystem, onError: (name: FunctionName, error: Error) => void): () => void {
  const timers = FUNCTION_NAMES.flatMap((name) => {
    const spec: FunctionSpec = FUNCTIONS[name];
    if (!spec.schedule) return [];
    const handler = handlerOf(system, name);
    return [setInterval(() => {
      invokeLocally(handler, {}, kebab(name), spec.timeoutSeconds * 1000).catch((error: Error) => onError(name, error));
    }, spec.schedule.locallyEverySeconds * 1000)];
  });
  return () => timers.forEach((t) => clearInterval(t));
}
