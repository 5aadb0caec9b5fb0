import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Context } from 'aws-lambda';
import type { HttpEvent, HttpResult } from '../http/api.js';
import { invokeLocally, toHttpApiEvent } from './lambda-shim.js';

export type LambdaHttpHandler = (event: HttpEvent, context: Context) => Promise<HttpResult>;
/** Local-only routes (outbox, clock, simulator): plain functions, not Lambda handlers. */
export type DevRoute = (req: IncomingMessage, body: Buffer) => Promise<{ status: number; type?: string; body: string }>;

export interface LocalRoutes {
  /** `METHOD /path` -> the same handler module the HTTP API invokes in AWS. */
  lambda: Record<string, { name: string; handler: LambdaHttpHandler }>;
  /** Path prefix -> handler for every method and sub-path (the HTTP API's `ANY /console/{proxy+}`). */
  lambdaPrefixes?: Record<string, { name: string; handler: LambdaHttpHandler }>;
  dev: Record<string, DevRoute>;
}

/** Bodies over this are cut off like API Gateway would (its limit is 10 MB; ours is far lower). */
const LOOPBACK_HOST = /^(localhost|127\.0\.0\.1|\[::1\])(:\d{1,5})?$/i;
const LOOPBACK_ORIGIN = /^http:\/\/(localhost|127\.0\.0\.1|\[::1\])(:\d{1,5})?$/i;

/**
 * Whether a request may reach a local-only route. The dev routes hand out the demo PINs and move the
 * clock, and the server listens on loopback only, but a web page open in the developer's browser can
 * still reach it: by DNS rebinding (its own name resolved to 127.0.0.1, so the Host header carries
 * that name) or by a cross-site form POST. So: only loopback Host names, and writes only from no page
 * (curl) or from a loopback page (the simulator).
 */
export function devRequestAllowed(req: Pick<IncomingMessage, 'method' | 'headers'>): boolean {
  if (!LOOPBACK_HOST.test(req.headers.host ?? '')) return false;
  if (req.method === 'GET' || req.method === 'HEAD') return true;
  const site = req.headers['sec-fetch-site'];
  if (site !== undefined && site !== 'same-origin' && site !== 'none') return false;
  const origin = req.headers.origin;
  return origin === undefined || LOOPBACK_ORIGIN.test(origin);
}

const MAX_LOCAL_BODY = 256 * 1024;

export async function startLocalServer(port: number, routes: LocalRoutes): Promise<Server> {
  const server = createServer(async (req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of req) {
      size += (chunk as Buffer).length;
      if (size > MAX_LOCAL_BODY) { res.writeHead(413).end('Payload Too Large'); return; }
      chunks.push(chunk as Buffer);
    }
    const body = Buffer.concat(chunks);
    const path = new URL(req.url ?? '/', 'http://localhost').pathname;
    const routeKey = `${req.method} ${path}`;
    try {
      const prefix = Object.keys(routes.lambdaPrefixes ?? {}).find((p) => path === p || path.startsWith(`${p}/`));
      const lambda = routes.lambda[routeKey] ?? (prefix ? routes.lambdaPrefixes![prefix] : undefined);
      if (lambda) {
        const result = await invokeLocally(lambda.handler, toHttpApiEvent(req, body, prefix ? `ANY ${prefix}/{proxy+}` : routeKey), lambda.name);
        // Payload v2 returns cookies apart from the headers; API Gateway sends each as a Set-Cookie.
        const headers: Record<string, string | string[]> = { ...(result.headers as Record<string, string>) };
        if (result.cookies?.length) headers['set-cookie'] = result.cookies;
        res.writeHead(result.statusCode ?? 200, headers);
        res.end(result.isBase64Encoded ? Buffer.from(result.body ?? '', 'base64') : result.body ?? '');
        return;
      }
      const dev = routes.dev[routeKey];
      if (dev && !devRequestAllowed(req)) {
        res.writeHead(403, { 'content-type': 'application/json' }).end(JSON.stringify({ error: 'FORBIDDEN', message: 'Local dev routes answer loopback requests only' }));
        return;
      }
      if (dev) {
        const out = await dev(req, body);
        res.writeHead(out.status, { 'content-type': out.type ?? 'application/json; charset=utf-8', 'cache-control': 'no-store' });
        res.end(out.body);
        return;
      }
      res.writeHead(404, { 'content-type': 'application/json' }).end(JSON.stringify({ error: 'NOT_FOUND' }));
    } catch (error) {
      // Mirrors API Gateway: an unhandled Lambda error is a bare 500.
      process.stderr.write(`local server: ${(error as Error).name}\n`);
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ message: 'Internal Server Error' }));
    }
  });
  server.keepAliveTimeout = 5_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  return server;
}
