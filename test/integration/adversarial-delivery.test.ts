import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomBytes } from 'node:crypto';
import { BatchProcessor, EventType, processPartialResponse } from '@aws-lambda-powertools/batch';
import type { DynamoDBRecord, DynamoDBStreamEvent } from 'aws-lambda';
import { localDynamoClient } from '../../lib/adapters/dynamo/local-client.js';
import { StreamPoller } from '../../lib/local/stream-poller.js';
import { isNotifierRecord } from '../../lib/adapters/dynamo/stream-filter.js';
import { fileReport } from '../../lib/use-cases/file-report.js';
import { alertOfficials } from '../../lib/use-cases/alert-officials.js';
import { deliverMessage, RetryableSendError } from '../../lib/use-cases/deliver-message.js';
import { retryPendingMessages } from '../../lib/use-cases/retry-pending-messages.js';
import { notifyTableChange } from '../../lib/jobs/notifier.js';
import { createTestSystem, type TestSystem } from '../support/local-deps.js';

let sys: TestSystem;
beforeAll(async () => { sys = await createTestSystem(); });
afterAll(async () => { await sys.drop(); });

let phoneSeq = 0;
const freshPhone = () => `+62815${String(30_000_000 + ++phoneSeq).slice(-8)}`;
const report = (homeRegency: '5203' | '5201' = '5203') => fileReport(sys.deps, {
  channel: 'web', intakeKey: `web-${randomBytes(6).toString('hex')}`, reporterType: 'family', contact: freshPhone(),
  description: 'paspor ditahan agen', homeRegency, country: 'MY',
});

async function until(condition: () => boolean, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition() && Date.now() < deadline) await new Promise((r) => setTimeout(r, 25));
}

describe('SNS failing for a while', () => {
  it('keeps official alerts pending while SNS fails, then sends each exactly once after recovery', async () => {
    const filed = await report();
    const { alerted } = await alertOfficials(sys.deps, filed.case, 1, 'new_case');
    expect(alerted.length).toBeGreaterThan(0);
    const ids = alerted.map((official) => `alert.${filed.case.id}.${official}.L1`);
    sys.outbox.clear();

    sys.outbox.setFailing('sns', true);
    try {
      for (const id of ids) await expect(deliverMessage(sys.deps, id)).rejects.toBeInstanceOf(RetryableSendError);
      sys.clock.advance(3);
      const during = await retryPendingMessages(sys.deps);
      expect(during.stillPending).toBeGreaterThanOrEqual(ids.length);
      for (const id of ids) expect((await sys.store.getMessage(id))?.status).toBe('pending');
      expect(sys.outbox.entries.filter((e) => e.route === 'sns')).toHaveLength(0);
      // The reporter's confirmation takes the other route: the sweep sent it despite the SNS outage.
      expect(sys.outbox.entries.filter((e) => e.route === 'africastalking').map((e) => e.to)).toEqual([filed.case.contact]);
    } finally {
      sys.outbox.setFailing('sns', false);
    }

    sys.clock.advance(3);
    await retryPendingMessages(sys.deps);
    // The stream retries its own copy of each record after the sweep: it must find them sent.
    for (const id of ids) expect(await deliverMessage(sys.deps, id)).toBe('skipped');
    await retryPendingMessages(sys.deps);

    const alerts = sys.outbox.entries.filter((e) => e.route === 'sns');
    expect(alerts).toHaveLength(ids.length);
    expect(new Set(alerts.map((e) => e.to)).size).toBe(ids.length);
    for (const id of ids) expect((await sys.store.getMessage(id))?.status).toBe('sent');
  });
});

describe('the re-send sweep near its time limit', () => {
  it('sends what it has time for and leaves the rest pending for the next run', async () => {
    for (let i = 0; i < 7; i++) await report();
    sys.clock.advance(3);
    const pending = await sys.store.pendingMessagesOlderThan(new Date(sys.clock.now().getTime() - 120_000), 100);
    expect(pending.length).toBeGreaterThan(4);
    sys.outbox.clear();

    let asked = 0;
    const tally = await retryPendingMessages(sys.deps, { hasTimeLeft: () => asked++ === 0 });

    expect(tally).toEqual({ sent: 4, failed: 0, stillPending: pending.length - 4 });
    expect(sys.outbox.entries).toHaveLength(4);
    const statuses = await Promise.all(pending.map(async (m) => (await sys.store.getMessage(m.id))?.status));
    expect(statuses.filter((st) => st === 'pending')).toHaveLength(pending.length - 4);

    const next = await retryPendingMessages(sys.deps);
    expect(next.sent).toBe(pending.length - 4);
  });
});

describe('a poison record on the table stream', () => {
  it('dead-letters the one record that always fails while the alerts of the other cases flow', async () => {
    const db = localDynamoClient(sys.endpoint);
    const processor = new BatchProcessor(EventType.DynamoDBStreams);
    let poisonCaseId = '';
    const deadLetters: DynamoDBRecord[] = [];
    const handleRecord = async (record: DynamoDBRecord) => {
      const image = record.dynamodb?.NewImage as { sk?: { S?: string }; id?: { S?: string } } | undefined;
      if (image?.sk?.S === 'CASE' && image.id?.S === poisonCaseId) throw new Error('poison record');
      await notifyTableChange({ deps: sys.deps, decoder: sys.stores.cases }, record);
    };
    const poller = new StreamPoller({
      endpoint: sys.endpoint, db, tableName: sys.tableName, accept: isNotifierRecord, intervalMs: 20, maxRetries: 2,
      deliver: (event: DynamoDBStreamEvent) => processPartialResponse(event, handleRecord, processor),
      onDeadLetter: (record) => { deadLetters.push(record); },
    });
    await poller.start();
    try {
      sys.outbox.clear();
      const poison = await report('5201');
      poisonCaseId = poison.case.id;
      const healthy = [await report('5203'), await report('5203'), await report('5201')];
      const alertedFor = (reference: string) => sys.outbox.entries.some((e) => e.route === 'sns' && e.message.includes(reference));

      await until(() => deadLetters.length > 0 && healthy.every((h) => alertedFor(h.case.reference)));

      expect(deadLetters).toHaveLength(1);
      expect((deadLetters[0]!.dynamodb?.NewImage as { id?: { S?: string } }).id?.S).toBe(poisonCaseId);
      for (const h of healthy) expect(alertedFor(h.case.reference)).toBe(true);
      expect(alertedFor(poison.case.reference)).toBe(false);
    } finally {
      await poller.stop();
      db.destroy();
    }
  });
});
