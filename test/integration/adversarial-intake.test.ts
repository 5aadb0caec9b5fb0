import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomBytes, randomInt } from 'node:crypto';
import { ScanCommand, TransactionCanceledException, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import { localDynamoClient } from '../../lib/adapters/dynamo/local-client.js';
import { DynamoStores } from '../../lib/adapters/dynamo/stores.js';
import { fileReport, type ReportInput } from '../../lib/use-cases/file-report.js';
import { checkStatus } from '../../lib/use-cases/check-status.js';
import { deliverMessage } from '../../lib/use-cases/deliver-message.js';
import { RateLimitedError } from '../../lib/domain/errors.js';
import { REFERENCE_ALPHABET } from '../../lib/domain/reference.js';
import { createTestSystem, type TestSystem } from '../support/local-deps.js';

let sys: TestSystem;
const clients: DynamoDBClient[] = [];
beforeAll(async () => { sys = await createTestSystem(); });
afterAll(async () => { clients.forEach((c) => c.destroy()); await sys.drop(); });

async function scanTable(): Promise<Record<string, unknown>[]> {
  const db = localDynamoClient(sys.endpoint);
  clients.push(db);
  const items: Record<string, unknown>[] = [];
  let start: Record<string, never> | undefined;
  do {
    const out = await db.send(new ScanCommand({ TableName: sys.tableName, ConsistentRead: true, ExclusiveStartKey: start }));
    items.push(...(out.Items ?? []).map((i) => unmarshall(i)));
    start = out.LastEvaluatedKey as typeof start;
  } while (start);
  return items;
}

/** A store on the test table whose DynamoDB client fails where `fault` says, before or after the call. */
function faultyStore(fault: (command: string, n: number) => 'before' | 'after' | undefined): DynamoStores['ports'] {
  const db = localDynamoClient(sys.endpoint);
  clients.push(db);
  let n = 0;
  db.middlewareStack.add((next, context) => async (args) => {
    const when = fault(context.commandName ?? '', ++n);
    const injected = Object.assign(new Error('injected DynamoDB fault'), { name: 'InternalServerError' });
    if (when === 'before') throw injected;
    const out = await next(args);
    // The write committed but the answer never came back: what a timeout looks like to the caller.
    if (when === 'after') throw injected;
    return out;
  }, { step: 'initialize', name: 'faultInjection' });
  return new DynamoStores(db, sys.tableName, sys.cipher).ports;
}

let phoneSeq = 0;
const freshPhone = () => `+62813${String(20_000_000 + ++phoneSeq).slice(-8)}`;
const smsReport = (intakeKey: string, contact: string): ReportInput => ({
  channel: 'sms', intakeKey, reporterType: 'worker', contact, description: 'gaji tidak dibayar tiga bulan',
});

/** AT redelivers a callback that did not get a 200 for about ten minutes: a throw here is a retry there. */
async function deliveredLikeAt<T>(attempt: () => Promise<T>, maxAttempts = 6): Promise<{ value: T; retries: number }> {
  for (let retries = 0; ; retries++) {
    try {
      return { value: await attempt(), retries };
    } catch (error) {
      if (retries + 1 >= maxAttempts) throw error;
    }
  }
}

describe('the same SMS delivered many times at once', () => {
  it('files exactly one case and queues exactly one confirmation per report when 50 messages each arrive 4 times concurrently', async () => {
    const reports = Array.from({ length: 50 }, (_, i) => ({ id: `ATXid_dup_${i}_${randomBytes(3).toString('hex')}`, phone: freshPhone() }));
    const deliveries = reports.flatMap((r) => [r, r, r, r]).sort(() => Math.random() - 0.5);

    const results = await Promise.all(deliveries.map((r) => deliveredLikeAt(() => fileReport(sys.deps, smsReport(r.id, r.phone)))));

    for (const r of reports) {
      const mine = results.filter((_, i) => deliveries[i] === r).map((x) => x.value);
      expect(new Set(mine.map((f) => f.case.id)).size).toBe(1);
      expect(mine.filter((f) => f.created)).toHaveLength(1);
    }
    const items = await scanTable();
    const ids = new Set(reports.map((r) => `sms:${r.id}`));
    const intake = items.filter((i) => i.sk === 'INTAKE' && ids.has(String(i.pk).slice('INTAKE#'.length)));
    const caseIds = new Set(intake.map((i) => String(i.caseId)));
    expect(intake).toHaveLength(50);
    expect(items.filter((i) => i.sk === 'CASE' && caseIds.has(String(i.id)))).toHaveLength(50);
    const confirmations = items.filter((i) => i.sk === 'MSG' && i.purpose === 'received' && caseIds.has(String(i.caseId)));
    expect(confirmations).toHaveLength(50);
    expect(new Set(confirmations.map((m) => m.id))).toEqual(new Set([...caseIds].map((id) => `received.${id}`)));

    // The stream may hand the same outbox record over twice: each reporter still gets one SMS.
    sys.outbox.clear();
    await Promise.all(confirmations.map((m) => deliverMessage(sys.deps, String(m.id))));
    await Promise.all(confirmations.map((m) => deliverMessage(sys.deps, String(m.id))));
    const sent = sys.outbox.entries.filter((e) => e.route === 'africastalking');
    expect(sent).toHaveLength(50);
    expect(new Set(sent.map((e) => e.to))).toEqual(new Set(reports.map((r) => r.phone)));
  }, 120_000);
});

describe('DynamoDB failing during intake', () => {
  it('leaves nothing half-stored and queues no reply when any call of fileReport fails, and files once when retried', async () => {
    const calls: string[] = [];
    const counting = faultyStore((command) => { calls.push(command); return undefined; });
    await fileReport({ ...sys.deps, ...counting }, smsReport(`ATXid_count_${randomBytes(3).toString('hex')}`, freshPhone()));
    expect(calls.length).toBeGreaterThan(0);

    for (let k = 1; k <= calls.length; k++) {
      const id = `ATXid_fault_${k}_${randomBytes(3).toString('hex')}`;
      const phone = freshPhone();
      const store = faultyStore((_, n) => (n === k ? 'before' : undefined));
      await expect(fileReport({ ...sys.deps, ...store }, smsReport(id, phone))).rejects.toThrow('injected DynamoDB fault');

      const items = await scanTable();
      expect(items.filter((i) => i.pk === `INTAKE#sms:${id}`)).toHaveLength(0);
      const before = items.filter((i) => i.sk === 'CASE').length;
      const messagesBefore = items.filter((i) => i.sk === 'MSG').length;

      const retried = await fileReport(sys.deps, smsReport(id, phone));
      expect(retried.created).toBe(true);
      const after = await scanTable();
      expect(after.filter((i) => i.sk === 'CASE').length).toBe(before + 1);
      expect(after.filter((i) => i.sk === 'MSG').length).toBe(messagesBefore + 1);
    }
  });

  it('returns the same case and queues no second reply when the answer to a committed write is lost and AT retries', async () => {
    const id = `ATXid_lost_${randomBytes(3).toString('hex')}`;
    const phone = freshPhone();
    const store = faultyStore((command) => (command === 'TransactWriteItemsCommand' ? 'after' : undefined));
    await expect(fileReport({ ...sys.deps, ...store }, smsReport(id, phone))).rejects.toThrow('injected DynamoDB fault');

    const retried = await fileReport(sys.deps, smsReport(id, phone));
    expect(retried.created).toBe(false);
    const items = await scanTable();
    expect(items.filter((i) => i.pk === `INTAKE#sms:${id}`)).toHaveLength(1);
    expect(items.filter((i) => i.sk === 'MSG' && i.caseId === retried.case.id)).toHaveLength(1);
  });
});

describe('two deliveries of one report filing at the same moment', () => {
  it('answers the loser of a transaction conflict with the case the winner filed, not an error', async () => {
    const id = `ATXid_race_${randomBytes(3).toString('hex')}`;
    const phone = freshPhone();
    const db = localDynamoClient(sys.endpoint);
    clients.push(db);
    let first = true;
    let winner: Awaited<ReturnType<typeof fileReport>> | undefined;
    db.middlewareStack.add((next, context) => async (args) => {
      if (context.commandName === 'TransactWriteItemsCommand' && first) {
        first = false;
        // The other delivery commits while this one is in flight; real DynamoDB cancels this one.
        winner = await fileReport(sys.deps, smsReport(id, phone));
        throw new TransactionCanceledException({
          message: 'Transaction cancelled', $metadata: {},
          CancellationReasons: [{ Code: 'None' }, { Code: 'None' }, { Code: 'TransactionConflict' }],
        });
      }
      return next(args);
    }, { step: 'initialize', name: 'conflictInjection' });

    const loser = await fileReport({ ...sys.deps, ...new DynamoStores(db, sys.tableName, sys.cipher).ports }, smsReport(id, phone));

    expect(winner?.created).toBe(true);
    expect(loser).toMatchObject({ created: false, case: { id: winner!.case.id } });
    const items = await scanTable();
    expect(items.filter((i) => i.sk === 'MSG' && i.caseId === winner!.case.id)).toHaveLength(1);
  });
});

describe('guessing references', () => {
  const randomReference = () => {
    let s = '';
    for (let i = 0; i < 6; i++) s += REFERENCE_ALPHABET[randomInt(REFERENCE_ALPHABET.length)];
    return `${s.slice(0, 3)}-${s.slice(3)}`;
  };

  it('answers 1,000 lookups with random references from one phone with nothing, then only with the rate limit', async () => {
    const victim = await fileReport(sys.deps, smsReport(`ATXid_victim_${randomBytes(3).toString('hex')}`, freshPhone()));
    const guesser = freshPhone();
    const guesses = Array.from({ length: 1000 }, (_, i) => (i % 100 === 0 ? victim.case.reference : randomReference()));

    const answers: unknown[] = [];
    const refusals: unknown[] = [];
    for (let i = 0; i < guesses.length; i += 25) {
      const batch = await Promise.allSettled(guesses.slice(i, i + 25).map((reference) => checkStatus(sys.deps, { phone: guesser, reference })));
      for (const r of batch) (r.status === 'fulfilled' ? answers : refusals).push(r.status === 'fulfilled' ? r.value : r.reason);
    }

    const limit = sys.deps.policy.limits.statusLookupsPerHour;
    expect(answers).toHaveLength(limit);
    for (const a of answers) expect(a).toEqual({ found: false });
    expect(refusals).toHaveLength(1000 - limit);
    for (const r of refusals) expect(r).toBeInstanceOf(RateLimitedError);
    // 1,000 round trips to DynamoDB Local: ~4 s on a quiet machine, but a full suite on two loaded cores
    // has taken past the 30 s default; the bound is on count, not on time.
  }, 120_000);

  it('still answers the reporter about their own case while a stranger is being refused', async () => {
    const phone = freshPhone();
    const own = await fileReport(sys.deps, smsReport(`ATXid_owner_${randomBytes(3).toString('hex')}`, phone));
    const answer = await checkStatus(sys.deps, { phone, reference: own.case.reference });
    expect(answer.found).toBe(true);
  });
});
