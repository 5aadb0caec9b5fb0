import { performance } from 'node:perf_hooks';
import { formEvent, laporForm, type BenchSystem } from './system.js';
import { median, percentile } from './stats.js';

export interface IntakeResult {
  concurrency: number;
  cases: number;
  errors: number;
  seconds: number;
  casesPerSecond: number;
  medianMs: number;
  p99Ms: number;
}

/**
 * LAPOR texts through the SMS Lambda handler in-process (form parsing, callback key, use case,
 * DynamoDB Local transaction), from distinct numbers, with `concurrency` requests in flight.
 * Bounded by count and by time, whichever comes first.
 */
export async function smsIntakeThroughput(sys: BenchSystem, concurrency: number, opts: { maxCases: number; maxSeconds: number }): Promise<IntakeResult> {
  const key = sys.runtime.callbackKey;
  const latencies: number[] = [];
  let issued = 0;
  let errors = 0;
  const start = performance.now();
  const deadline = start + opts.maxSeconds * 1000;
  const worker = async () => {
    while (issued < opts.maxCases && performance.now() < deadline) {
      issued++;
      const t0 = performance.now();
      const res = await sys.handlers.smsInbound(formEvent('POST /sms', laporForm(), key), sys.localContext('sms-inbound'));
      latencies.push(performance.now() - t0);
      if (res.statusCode !== 200) errors++;
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  const seconds = (performance.now() - start) / 1000;
  const cases = latencies.length - errors;
  return { concurrency, cases, errors, seconds, casesPerSecond: cases / seconds, medianMs: median(latencies), p99Ms: percentile(latencies, 99) };
}
