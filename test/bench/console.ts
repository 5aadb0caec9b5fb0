import { BatchWriteItemCommand, QueryCommand } from '@aws-sdk/client-dynamodb';
import { marshall } from '@aws-sdk/util-dynamodb';
import type { Context } from 'aws-lambda';
import { CATEGORIES, urgencyOf } from '../../lib/domain/categories.js';
import type { Case, CaseStatus } from '../../lib/domain/case.js';
import { REGENCY_CODES, type HomeRegency } from '../../lib/domain/regions.js';
import { newCaseId, newReference } from '../../lib/domain/reference.js';
import { encodeCase } from '../../lib/adapters/dynamo/cases.js';
import { keys } from '../../lib/adapters/dynamo/keys.js';
import type { HttpEvent, HttpResult } from '../../lib/http/api.js';
import { consoleDeps } from '../../lib/console/wiring.js';
import { createConsoleHandler } from '../../lib/console/http.js';
import { startSession } from '../../lib/use-cases/console/sign-in.js';
import { localStores } from '../../lib/composition/local.js';
import { percentile } from './stats.js';
import type { BenchSystem } from './system.js';

/**
 * The console at scale: cases seeded across the regencies straight into the table (as the stores
 * would write them, with every index key), then the queue and case pages requested through the
 * console's Lambda handler, timed, with their DynamoDB requests counted. Measured at two table
 * sizes: requests per page must not grow with the number of cases.
 *
 * So that the table's size is the only thing that differs between the two runs, each run is the same
 * sequence of requests from the same state: a console instance of its own (nothing cached: each case
 * page opens its case's key from the key table, as a console function that did not write the case
 * does), the officials' reader-watch window empty at its start (their views of earlier runs
 * forgotten), the same number of requests, and warm-up pages that are not among the measured ones.
 * Before, the 1,000-case run found keys cached by the seeding in the same process and the
 * 10,000-case run found the officials past the reader alert's limit from the run before (a Query of
 * the directory and a once-key transaction more per view): 9.7 -> 11.6 requests per case page,
 * none of it from the number of cases.
 */
export interface PageFigures {
  label: string;
  cases: number;
  n: number;
  p50Ms: number;
  p95Ms: number;
  requestsPerPage: number;
  commands: string;
  statuses: string;
}

const REGENCIES: HomeRegency[] = [...REGENCY_CODES, 'unknown', 'outside'];
const STATUSES: CaseStatus[] = ['new', 'new', 'new', 'new', 'new', 'new', 'new', 'acknowledged', 'acknowledged', 'resolved'];
const OFFICIALS_BY_LEVEL = ['kab-5203', 'prov-ntb', 'bp3mi-ntb'];

let seeded = 0;
const references: string[] = [];

/** Writes `count` more cases (25 items per BatchWriteItem: the case and its reference). */
export async function seedCases(sys: BenchSystem, count: number): Promise<void> {
  const now = Date.now();
  const items: Record<string, unknown>[] = [];
  for (let i = 0; i < count; i++) {
    const n = seeded++;
    const category = CATEGORIES[n % CATEGORIES.length]!;
    const status = STATUSES[n % STATUSES.length]!;
    const createdAt = new Date(now - ((n * 7919) % (90 * 86400)) * 1000).toISOString();
    const reference = newReference();
    const c: Case = {
      id: newCaseId(), reference, category, urgency: urgencyOf(category), homeRegency: REGENCIES[n % REGENCIES.length]!,
      country: 'MY', channel: (['sms', 'ussd', 'web'] as const)[n % 3]!, reporterType: 'worker', contact: `+6281299${String(n).padStart(6, '0')}`,
      description: `Laporan sintetis nomor ${n} untuk bench konsol.`, smsUpdates: true, language: 'id', status, level: 1,
      createdAt, updatedAt: createdAt, levelSince: createdAt, version: 1,
      ...(status === 'new' || status === 'acknowledged' ? { nextCheckAt: new Date(now + 3600_000).toISOString() } : {}),
      ...(status !== 'new' ? { assignee: OFFICIALS_BY_LEVEL[n % 3]! } : {}),
    };
    references.push(reference);
    items.push(await encodeCase(sys.runtime.cipher, c), { ...keys.reference(reference), caseId: c.id });
  }
  const batches: Record<string, unknown>[][] = [];
  for (let i = 0; i < items.length; i += 25) batches.push(items.slice(i, i + 25));
  const workers = Array.from({ length: 8 }, async () => {
    for (let batch = batches.shift(); batch; batch = batches.shift()) {
      let pending = batch.map((item) => ({ PutRequest: { Item: marshall(item, { removeUndefinedValues: true }) } }));
      while (pending.length) {
        const out = await sys.db.send(new BatchWriteItemCommand({ RequestItems: { [sys.tableName]: pending } }));
        pending = (out.UnprocessedItems?.[sys.tableName] ?? []) as typeof pending;
      }
    }
  });
  await Promise.all(workers);
}

function getEvent(path: string, cookie: string): HttpEvent {
  const url = new URL(path, 'http://localhost');
  const now = Date.now();
  return {
    version: '2.0', routeKey: 'ANY /console/{proxy+}', rawPath: url.pathname, rawQueryString: url.search.slice(1),
    headers: { host: 'localhost', cookie },
    ...(url.search ? { queryStringParameters: Object.fromEntries(url.searchParams) } : {}),
    requestContext: {
      accountId: 'bench', apiId: 'bench', domainName: 'localhost', domainPrefix: 'localhost',
      http: { method: 'GET', path: url.pathname, protocol: 'HTTP/1.1', sourceIp: '127.0.0.1', userAgent: 'bench' },
      requestId: `bench-${now}-${Math.random()}`, routeKey: 'ANY /console/{proxy+}', stage: '$default', time: new Date(now).toISOString(), timeEpoch: now,
    },
    isBase64Encoded: false,
  };
}

/**
 * Requests per page in each run: the same at both sizes. At 1,000 cases the Lombok Timur officer has
 * 84 cases; every measured and warm-up case page is a different case.
 */
export const CONSOLE_REQUESTS = 75;
const WARM_UP = 5;

/** The reader watch's views of these officials deleted: their window starts empty, as at a shift's start. */
async function forgetReads(sys: BenchSystem, officialIds: string[]): Promise<void> {
  for (const id of officialIds) {
    const out = await sys.db.send(new QueryCommand({
      TableName: sys.tableName, KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: marshall({ ':pk': keys.officialReadsPartition(id) }),
      ProjectionExpression: 'pk, sk',
    }));
    const items = out.Items ?? [];
    for (let i = 0; i < items.length; i += 25) {
      let pending = items.slice(i, i + 25).map((Key) => ({ DeleteRequest: { Key } }));
      while (pending.length) {
        const done = await sys.db.send(new BatchWriteItemCommand({ RequestItems: { [sys.tableName]: pending } }));
        pending = (done.UnprocessedItems?.[sys.tableName] ?? []) as typeof pending;
      }
    }
    if (out.LastEvaluatedKey) await forgetReads(sys, [id]);
  }
}

/** Queue and case pages for the province desk and a regency officer, through functions/console.ts. */
export async function consolePages(sys: BenchSystem, options: { requests: number } = { requests: CONSOLE_REQUESTS }): Promise<PageFigures[]> {
  const desk = 'prov-ntb';
  const regency = 'kab-5203';
  await forgetReads(sys, [desk, regency]);
  const lombokTimur = references.filter((_, i) => REGENCIES[i % REGENCIES.length] === '5203');

  const pages: Array<{ label: string; path: (i: number) => string; official: string }> = [
    { label: 'queue, province desk (unassigned tab)', path: () => '/console', official: desk },
    { label: 'queue, province desk (all, filtered by category)', path: (i) => `/console?tab=all&category=${CATEGORIES[i % CATEGORIES.length]}`, official: desk },
    { label: 'queue, Lombok Timur officer (all tab)', path: () => '/console?tab=all', official: regency },
    { label: 'case page, province desk', path: (i) => `/console/cases/${references[(i * 7919) % references.length]}`, official: desk },
    { label: 'case page, Lombok Timur officer', path: (i) => `/console/cases/${lombokTimur[(i * 31) % lombokTimur.length]}`, official: regency },
  ];
  const figures: PageFigures[] = [];
  for (const page of pages) {
    // Per page, a console instance of its own on the same (metered) client: its key cache starts
    // empty (another page's views do not warm it), and a session begun now (its once-a-minute touch
    // falls in no series that takes under a minute).
    const { stores } = localStores(sys.runtime.config, sys.runtime.stores.db);
    const deps = consoleDeps({ stores, clock: sys.runtime.deps.clock, policy: sys.runtime.deps.policy });
    // The handler as `npm start` serves it (functions/console.ts builds the same one on AWS ports).
    const invoke = createConsoleHandler({ deps, options: { secureCookies: false, rpName: 'bench' } }) as unknown as (e: HttpEvent, c: Context) => Promise<HttpResult>;
    const cookie = `pmi-session=${(await startSession(deps, (await deps.directory.getOfficial(page.official))!)).sessionId}`;
    // Warm-up: the first requests pay for JIT and connection set-up. Pages after the measured ones,
    // so no measured case page finds its key cached by the warm-up.
    for (let i = options.requests; i < options.requests + WARM_UP; i++) await invoke(getEvent(page.path(i), cookie), sys.localContext('console'));
    const times: number[] = [];
    const requests: number[] = [];
    const commands = new Map<string, number>();
    const statuses = new Map<number, number>();
    for (let i = 0; i < options.requests; i++) {
      const { result, wallMs, calls } = await sys.meter.measure('console', () => invoke(getEvent(page.path(i), cookie), sys.localContext('console')));
      times.push(wallMs);
      requests.push(calls.length);
      for (const c of calls) commands.set(c.command, (commands.get(c.command) ?? 0) + 1);
      statuses.set(result.statusCode ?? 0, (statuses.get(result.statusCode ?? 0) ?? 0) + 1);
    }
    figures.push({
      label: page.label, cases: seeded, n: options.requests,
      p50Ms: percentile(times, 50), p95Ms: percentile(times, 95),
      requestsPerPage: requests.reduce((a, b) => a + b, 0) / requests.length,
      commands: [...commands].map(([c, k]) => `${c} ${(k / options.requests).toFixed(1)}`).join(', '),
      statuses: [...statuses].map(([s, k]) => `${s}x${k}`).join(' '),
    });
  }
  return figures;
}
