import { BatchWriteItemCommand } from '@aws-sdk/client-dynamodb';
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
import { percentile } from './stats.js';
import type { BenchSystem } from './system.js';

/**
 * The console at scale: cases seeded across the regencies straight into the table (as the stores
 * would write them, with every index key), then the queue and case pages requested through the
 * console's Lambda handler, timed, with their DynamoDB requests counted. Measured at two table
 * sizes: requests per page must not grow with the number of cases.
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

/** Queue and case pages for the province desk and a regency officer, through functions/console.ts. */
export async function consolePages(sys: BenchSystem, options: { requests: number }): Promise<PageFigures[]> {
  const deps = consoleDeps({ stores: sys.runtime.stores, clock: sys.runtime.deps.clock, policy: sys.runtime.deps.policy });
  // The handler as `npm start` serves it (functions/console.ts builds the same one on AWS ports).
  const invoke = createConsoleHandler({ deps, options: { secureCookies: false, rpName: 'bench' } }) as unknown as (e: HttpEvent, c: Context) => Promise<HttpResult>;
  const cookieFor = async (id: string) => `pmi-session=${(await startSession(deps, (await deps.directory.getOfficial(id))!)).sessionId}`;
  const desk = await cookieFor('prov-ntb');
  const regency = await cookieFor('kab-5203');
  const lombokTimur = references.filter((_, i) => REGENCIES[i % REGENCIES.length] === '5203');

  const pages: Array<{ label: string; path: (i: number) => string; cookie: string }> = [
    { label: 'queue, province desk (unassigned tab)', path: () => '/console', cookie: desk },
    { label: 'queue, province desk (all, filtered by category)', path: (i) => `/console?tab=all&category=${CATEGORIES[i % CATEGORIES.length]}`, cookie: desk },
    { label: 'queue, Lombok Timur officer (all tab)', path: () => '/console?tab=all', cookie: regency },
    { label: 'case page, province desk', path: (i) => `/console/cases/${references[(i * 7919) % references.length]}`, cookie: desk },
    { label: 'case page, Lombok Timur officer', path: (i) => `/console/cases/${lombokTimur[(i * 31) % lombokTimur.length]}`, cookie: regency },
  ];
  const figures: PageFigures[] = [];
  for (const page of pages) {
    // Warm-up: the first requests pay for JIT and connection set-up.
    for (let i = 0; i < 5; i++) await invoke(getEvent(page.path(i), page.cookie), sys.localContext('console'));
    const times: number[] = [];
    const requests: number[] = [];
    const commands = new Map<string, number>();
    const statuses = new Map<number, number>();
    for (let i = 0; i < options.requests; i++) {
      const { result, wallMs, calls } = await sys.meter.measure('console', () => invoke(getEvent(page.path(i), page.cookie), sys.localContext('console')));
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
