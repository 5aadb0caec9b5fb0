import type { Server } from 'node:http';
import type { Context } from 'aws-lambda';
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { ensureTable, freePort, startDynamoLocal, type RunningDynamo } from '../../lib/local/dynamo-local.js';
import { localDynamoClient } from '../../lib/adapters/dynamo/local-client.js';
import type { HttpEvent, HttpResult } from '../../lib/http/api.js';
import { parseConfig } from '../../lib/config.js';
import { composeLocal, type LocalSystem } from '../../lib/composition/local.js';
import { configureLogger } from '../../lib/logger.js';
import { seedDemoDirectory } from '../../lib/local/seed.js';
import { localContext } from '../../lib/local/lambda-shim.js';
import { startLocalServer } from '../../lib/local/server.js';
import { httpRoutes } from '../../lib/local/triggers.js';
import { DynamoMeter } from './dynamo-meter.js';

type Handler<E, R> = (event: E, context: Context) => Promise<R>;

export interface BenchSystem {
  dynamo: RunningDynamo;
  runtime: LocalSystem;
  meter: DynamoMeter;
  db: DynamoDBClient;
  tableName: string;
  handlers: {
    smsInbound: Handler<HttpEvent, HttpResult>;
    ussd: Handler<HttpEvent, HttpResult>;
    notifier: Handler<unknown, { batchItemFailures: Array<{ itemIdentifier: string }> }>;
  };
  localContext: (name: string) => Context;
  /** Starts the local HTTP server over the same handler modules on a free loopback port. */
  startHttp(): Promise<{ base: string; server: Server }>;
  stop(): Promise<void>;
}

/**
 * The same composition `npm start` builds (lib/composition/local.ts): DynamoDB Local on a free
 * loopback port, the handlers made by the functions' own factories.
 */
export async function startBenchSystem(): Promise<BenchSystem> {
  // The SDK's notice that its 2027 releases need Node 22 would only clutter the report.
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
  const dynamo = await startDynamoLocal();
  const tableName = 'pmi-hotline-bench';
  const cfg = parseConfig({
    ...process.env, STAGE: 'local', DYNAMODB_ENDPOINT: dynamo.endpoint, TABLE_NAME: tableName,
    // Synthetic load files hundreds of reports per reporter-hour; production limits would refuse them.
    LIMIT_NEW_CASES_PER_HOUR: '100000', LIMIT_INBOUND_PER_HOUR: '100000',
  });
  configureLogger(cfg);

  const db = localDynamoClient(dynamo.endpoint);
  await ensureTable(db, tableName);
  const runtime = await composeLocal(cfg);
  await seedDemoDirectory(runtime.stores.directory);

  const meter = new DynamoMeter();
  meter.attach(runtime.stores.db);

  const handlers = {
    smsInbound: runtime.handlers.smsInbound as unknown as BenchSystem['handlers']['smsInbound'],
    ussd: runtime.handlers.ussd as unknown as BenchSystem['handlers']['ussd'],
    notifier: runtime.handlers.notifier as unknown as BenchSystem['handlers']['notifier'],
  };

  const servers: Server[] = [];
  return {
    dynamo, runtime, meter, db, tableName, handlers, localContext,
    startHttp: async () => {
      const port = await freePort();
      // Every function's routes as `npm start` serves them (from the manifest).
      const server = await startLocalServer(port, { ...httpRoutes(runtime), dev: {} });
      servers.push(server);
      return { base: `http://127.0.0.1:${port}`, server };
    },
    stop: async () => {
      for (const s of servers) { s.close(); s.closeAllConnections(); }
      db.destroy();
      await dynamo.stop();
    },
  };
}

/** An API Gateway HTTP API (v2) event for an AT form callback, as the local server would build it. */
export function formEvent(routeKey: string, form: Record<string, string>, key: string): HttpEvent {
  const [method, path] = routeKey.split(' ') as [string, string];
  const now = Date.now();
  return {
    version: '2.0', routeKey, rawPath: path, rawQueryString: `key=${encodeURIComponent(key)}`,
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    queryStringParameters: { key },
    requestContext: {
      accountId: 'bench', apiId: 'bench', domainName: 'localhost', domainPrefix: 'localhost',
      http: { method, path, protocol: 'HTTP/1.1', sourceIp: '127.0.0.1', userAgent: 'bench' },
      requestId: `bench-${now}-${Math.random()}`, routeKey, stage: '$default', time: new Date(now).toISOString(), timeEpoch: now,
    },
    body: new URLSearchParams(form).toString(), isBase64Encoded: false,
  };
}

let phoneCounter = 0;
/** Distinct, valid Telkomsel-shaped numbers, so per-phone limits never couple two synthetic reporters. */
export function nextPhone(): string {
  phoneCounter++;
  return `+62812${String(10_000_000 + phoneCounter).slice(-8)}`;
}

let smsCounter = 0;
export function nextSmsId(): string {
  return `ATXid_bench_${process.pid}_${++smsCounter}`;
}

/** The AT incoming-SMS form for a LAPOR report from a fresh number. */
export function laporForm(text = 'LAPOR gaji tidak dibayar tiga bulan di kebun sawit'): Record<string, string> {
  return { from: nextPhone(), to: '1708', text, date: new Date().toISOString().slice(0, 19).replace('T', ' '), id: nextSmsId() };
}

/**
 * The handlers log one JSON line per request: realistic work for the bench to pay for, noise in its
 * report. Log lines are dropped after they are written; the report goes through the returned writer.
 */
export function muteStructuredLogs(): { print: (text: string) => void; restore: () => void; dropped: () => number } {
  const original = process.stdout.write.bind(process.stdout);
  let dropped = 0;
  process.stdout.write = ((chunk: string | Uint8Array, ...rest: unknown[]) => {
    const text = typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8');
    if (text.startsWith('{') && text.includes('"level"')) { dropped++; return true; }
    return (original as (c: unknown, ...r: unknown[]) => boolean)(chunk, ...rest);
  }) as typeof process.stdout.write;
  return { print: (text) => { original(text); }, restore: () => { process.stdout.write = original; }, dropped: () => dropped };
}
