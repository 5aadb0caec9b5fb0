import { performance } from 'node:perf_hooks';
import type { DynamoDBRecord, DynamoDBStreamEvent } from 'aws-lambda';
import { StreamPoller } from '../../lib/local/stream-poller.js';
import { isNotifierRecord } from '../../lib/adapters/dynamo/stream-filter.js';
import { handleInboundSms } from '../../lib/use-cases/handle-inbound-sms.js';
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

/**
 * The reference of a new-case alert, read as an official reads it: it opens with the reference and
 * ends with the reply to send, 'Balas: TERIMA ABC-234 <PIN Anda>' (lib/messages/official.ts).
 */
export function alertReference(text: string): string | undefined {
  const m = /^PMI NTB ([A-Z2-9]{3}-[A-Z2-9]{3}) .*Balas: TERIMA \1 <PIN Anda>$/.exec(text);
  return m?.[1];
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
  // The notifier was built with its senders (lib/composition/functions/notifier.ts), so the bench
  // watches what leaves the local SMS gateway instead of swapping a sender the handler never reads.
  const stopWatching = sys.runtime.outbox.onSent((entry) => {
    const ref = entry.route === 'sns' ? alertReference(entry.message) : undefined;
    if (ref && !alerted.has(ref)) alerted.set(ref, performance.now());
  });

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
    stopWatching();
  }
  const latencies = [...stored].filter(([ref]) => alerted.has(ref)).map(([ref, t]) => alerted.get(ref)! - t);
  return {
    reports: stored.size, alerted: latencies.length,
    medianMs: median(latencies), p99Ms: percentile(latencies, 99), deadLetters,
    notifier: [...samples].map(([label, s]) => summarise(label, s)),
  };
}
