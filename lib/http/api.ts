import middy from '@middy/core';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { createHash, timingSafeEqual } from 'node:crypto';
import { ClientError, ForbiddenError, PayloadTooLargeError, ValidationError } from '../domain/errors.js';
import { injectLambdaContext, logger } from '../logger.js';
import { MIN_CALLBACK_KEY_LENGTH } from '../config.js';

export type HttpEvent = APIGatewayProxyEventV2;
export type HttpResult = APIGatewayProxyStructuredResultV2;

export const MAX_BODY_BYTES = 32 * 1024;

export function rawBody(event: HttpEvent): string {
  if (!event.body) return '';
  const body = event.isBase64Encoded ? Buffer.from(event.body, 'base64').toString('utf8') : event.body;
  if (Buffer.byteLength(body) > MAX_BODY_BYTES) throw new PayloadTooLargeError(MAX_BODY_BYTES);
  return body;
}

/** Form-encoded body (AT callbacks, the no-JavaScript web form) as a plain record; repeated keys keep the first. */
export function formBody(event: HttpEvent): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of new URLSearchParams(rawBody(event))) if (!(key in out)) out[key] = value;
  return out;
}

export function header(event: HttpEvent, name: string): string | undefined {
  const wanted = name.toLowerCase();
  for (const [key, value] of Object.entries(event.headers ?? {})) if (key.toLowerCase() === wanted) return value;
  return undefined;
}

/**
 * Where a handler gets the callback key: fixed locally, read through the secrets cache in AWS (so a
 * changed key applies within the cache age, without a redeploy).
 */
export type CallbackKey = string | (() => Promise<string>);

export const resolveCallbackKey = async (key: CallbackKey): Promise<string> => (typeof key === 'string' ? key : key());

/**
 * AT does not sign callbacks and publishes no IP ranges, so the callback URL carries a secret key
 * (DOMAIN.md). Compared in constant time; never logged (the logger never sees the query string).
 */
export function requireCallbackKey(event: HttpEvent, expected: string): void {
  // Digests of equal length: the comparison reveals neither the key nor its length. An unset key
  // (a broken secret) lets nobody in rather than everybody.
  const digest = (value: string) => createHash('sha256').update(value).digest();
  const given = event.queryStringParameters?.key ?? '';
  if (expected.length < MIN_CALLBACK_KEY_LENGTH || !timingSafeEqual(digest(given), digest(expected))) throw new ForbiddenError();
}

export const text = (statusCode: number, body: string, contentType = 'text/plain; charset=utf-8'): HttpResult => ({
  statusCode, headers: { 'content-type': contentType, 'cache-control': 'no-store' }, body,
});

export const json = (statusCode: number, body: unknown): HttpResult => ({
  statusCode, headers: { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' }, body: JSON.stringify(body),
});

/** The one place errors become HTTP answers: 4xx with a message for the caller, 5xx with none. */
export function errorResponse(error: unknown, route: string): HttpResult {
  if (error instanceof ClientError) {
    // The caller's fault (bad body, wrong key, too large): WARN, so that ERROR and its alarms mean a fault of ours.
    logger.warn('request refused', { route, code: error.code, fields: Object.keys(error.fields) });
    return json(error.status, {
      error: error.code,
      message: error.message,
      ...(error instanceof ValidationError ? { fields: error.fields } : {}),
    });
  }
  logger.error('request failed', { route, errorName: error instanceof Error ? error.name : typeof error, code: (error as { code?: string })?.code });
  return json(500, { error: 'INTERNAL', message: 'Internal error' });
}

/**
 * Wraps an HTTP handler with middy: the logger gets the Lambda context (request id, cold start on
 * every line), and errors thrown by the handler become responses in one place.
 * `onError` lets a channel answer its own way (USSD must answer 200 `END` on any failure).
 */
export function httpHandler(
  route: string,
  handle: (event: HttpEvent) => Promise<HttpResult>,
  onError: (error: unknown, event: HttpEvent) => HttpResult = (error) => errorResponse(error, route),
) {
  return middy<HttpEvent, HttpResult>()
    .use(injectLambdaContext(logger, { resetKeys: true }))
    .handler(handle)
    .onError(async (request) => {
      request.response = onError(request.error, request.event);
    });
}
