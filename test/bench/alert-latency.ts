import { performance } from 'node:perf_hooks';
import type { DynamoDBRecord, DynamoDBStreamEvent } from 'aws-lambda';
import { StreamPoller } from '../../lib/local/stream-poller.js';
import { isNotifierRecord } from '../../lib/adapters/dynamo/stream-filter.js';
import { handleInboundSms } from '../../lib/use-cases/handle-inbound-sms.js';
import type { SmsSender } from '../../lib/use-cases/outbox-port.js';
import { nextPhone, nextSmsId, type BenchSystem } from './system.js';
import { median, percentile } from './stats.js';
import { summarise, type OperationSample, type OperationSummary } from './operations.js';

export interface AlertLatencyResult {
  reports: number;
  alerted: number;
  medianMs: number;
  p99Ms: number;
  deadLetters: number;
  notifier: OperationSummary[];
}

function recordLabel(record: DynamoDBRecord): string {
  const image = record.dynamodb?.NewImage as { sk?: { S?: string } } | undefined;
  if (image?.sk?.S === 'CASE') return record.eventName === 'INSERT' ? 'notifier: new case (queue alerts)' : 'notifier: case changed';
  // The event source filter passes every MSG change; only an insert means "send".
  return record.eventName === 'INSERT' ? 'notifier: outbox message inserted (send SMS)' : 'notifier: outbox message updated (no-op)';
}

/**
 * From a committed case to the first official's SMS leaving through the SNS route: the table stream
 * read by the local StreamPoller (Lambda's semantics), the notifier handler for each record, the
 * outbox message it queues, and that message's own stream record sent by the notifier again.
 */
export async function alertLatency(sys: BenchSystem, opts: { reports: number; gapMs: number; timeoutMs: number }): Promise<AlertLatencyResult> {
  const stored = new Map<string, number>();
  const alerted = new Map<string, number>();
  const official = sys.runtime.deps.senders.official;
  const timed: SmsSender = {
    send: async (m) => {
      const result = await official.send(m);
      const ref = /PMI NTB (\S{3}-\S{3})/.exec(m.text)?.[1];
      if (result.ok && ref && !alerted.has(ref)) alerted.set(ref, performance.now());
      return result;
    },
  };
  sys.runtime.deps.senders.official = timed;

  const samples = new Map<string, OperationSample[]>();
  let deadLetters = 0;
  const poller = new StreamPoller({
    endpoint: sys.dynamo.endpoint, db: sys.db, tableName: sys.tableName, accept: isNotifierRecord,
    // One record per invocation so each is metered on its own; failures keep Lambda's partial-batch shape.
    deliver: async (event: DynamoDBStreamEvent) => {
      const failures: Array<{ itemIdentifier: string }> = [];
      for (const record of event.Records) {
        const label = recordLabel(record);
        const m = await sys.meter.measure(label, () => sys.handlers.notifier({ Records: [record] }, sys.localContext('notifier')));
        (samples.get(label) ?? samples.set(label, []).get(label)!).push(m);
        failures.push(...(m.result?.batchItemFailures ?? []));
      }
      return { batchItemFailures: failures };
    },
    onDeadLetter: () => { deadLetters++; },
  });
  await poller.start();
  try {
    for (let i = 0; i < opts.reports; i++) {
      const out = await handleInboundSms(sys.runtime.deps, { id: nextSmsId(), from: nextPhone(), text: 'LAPOR gaji tidak dibayar', receivedAt: new Date().toISOString() });
      if (out.kind === 'case_filed') stored.set(out.reference, performance.now());
      await new Promise((r) => setTimeout(r, opts.gapMs));
    }
    const deadline = performance.now() + opts.timeoutMs;
    while (alerted.size < stored.size && performance.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    await poller.settled(2000);
  } finally {
    await poller.stop();
    sys.runtime.deps.senders.official = official;
  }
  const latencies = [...stored].filter(([ref]) => alerted.has(ref)).map(([ref, t]) => alerted.get(ref)! - t);
  return {
    reports: stored.size, alerted: latencies.length,
    medianMs: median(latencies), p99Ms: percentile(latencies, 99), deadLetters,
    notifier: [...samples].map(([label, s]) => summarise(label, s)),
  };
}
