import type { Context } from 'aws-lambda';
import type { IncomingMessage } from 'node:http';
import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';
import type { HttpEvent } from '../http/api.js';
import { logger } from '../logger.js';

/**
 * The local server answers requests and stream batches of all functions concurrently in one process,
 * where one shared log context would put one request's function name and request id on another's
 * lines (lib/logger.ts): each local invocation gets a store of its own.
 */
const invocations = new AsyncLocalStorage<Record<string, unknown>>();
logger.useInvocationScope(invocations);

/** Invokes a handler as Lambda would, with a fresh context and a log context of its own. */
export function invokeLocally<E, R>(handler: (event: E, context: Context) => R, event: E, functionName: string, timeoutMs?: number): R {
  return invocations.run({}, () => handler(event, localContext(functionName, timeoutMs)));
}

/**
 * A Lambda context good enough for middy and Powertools when a handler runs in the local server.
 * The remaining time counts down from the invocation as Lambda's does (timeouts as in the stack).
 */
export function localContext(functionName: string, timeoutMs = 10_000): Context {
  const deadline = Date.now() + timeoutMs;
  return {
    callbackWaitsForEmptyEventLoop: false, functionName, functionVersion: '$LATEST',
    invokedFunctionArn: `arn:aws:lambda:local:000000000000:function:${functionName}`,
    memoryLimitInMB: '256', awsRequestId: randomUUID(), logGroupName: `/aws/lambda/${functionName}`,
    logStreamName: 'local', getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()),
    done: () => undefined, fail: () => undefined, succeed: () => undefined,
  };
}

/** Builds the API Gateway HTTP API (payload v2) event that API Gateway would send for this request. */
export function toHttpApiEvent(req: IncomingMessage, body: Buffer, routeKey: string): HttpEvent {
  const url = new URL(req.url ?? '/', 'http://localhost');
  const headers: Record<string, string> = {};
  for (const [k, v] of Object.entries(req.headers)) if (v !== undefined) headers[k.toLowerCase()] = Array.isArray(v) ? v.join(',') : v;
  const query: Record<string, string> = {};
  for (const [k, v] of url.searchParams) query[k] = k in query ? `${query[k]},${v}` : v;
  const textual = /^(application\/(x-www-form-urlencoded|json)|text\/)/.test(headers['content-type'] ?? 'text/plain');
  return {
    version: '2.0', routeKey, rawPath: url.pathname, rawQueryString: url.search.slice(1),
    headers, ...(url.search ? { queryStringParameters: query } : {}),
    requestContext: {
      // API Gateway's domainName is the host the client asked for (Hono's adapter builds the request URL from it).
      accountId: 'local', apiId: 'local', domainName: headers.host ?? 'localhost', domainPrefix: (headers.host ?? 'localhost').split('.')[0]!,
      http: { method: req.method ?? 'GET', path: url.pathname, protocol: 'HTTP/1.1', sourceIp: req.socket.remoteAddress ?? '127.0.0.1', userAgent: headers['user-agent'] ?? '' },
      requestId: randomUUID(), routeKey, stage: '$default', time: new Date().toISOString(), timeEpoch: Date.now(),
    },
    ...(body.length ? { body: textual ? body.toString('utf8') : body.toString('base64'), isBase64Encoded: !textual } : { isBase64Encoded: false }),
  };
}
