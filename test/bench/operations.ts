import type { DynamoCall } from './dynamo-meter.js';
import { median, percentile, unionMs } from './stats.js';

/** One business operation measured invocation by invocation. */
export interface OperationSample {
  wallMs: number;
  calls: DynamoCall[];
}

export interface OperationSummary {
  label: string;
  invocations: number;
  requestsPerOp: number;
  /** The most DynamoDB requests any one invocation made. */
  maxRequestsPerOp: number;
  commands: string;
  readUnitsPerOp: number;
  writeUnitsPerOp: number;
  capacityReported: boolean;
  handlerMedianMs: number;
  handlerP99Ms: number;
  dynamoMedianMs: number;
  /** Median over invocations of handler time / time spent in DynamoDB calls (overlaps counted once). */
  overheadRatio: number;
}

export function summarise(label: string, samples: OperationSample[]): OperationSummary {
  const n = samples.length;
  const all = samples.flatMap((s) => s.calls);
  const byCommand = new Map<string, number>();
  for (const c of all) byCommand.set(c.command, (byCommand.get(c.command) ?? 0) + 1);
  const commands = [...byCommand].sort((a, b) => b[1] - a[1]).map(([c, k]) => `${c} ${(k / n).toFixed(k % n ? 1 : 0)}`).join(', ');
  const ratios = samples.filter((s) => s.calls.length > 0).map((s) => s.wallMs / unionMs(s.calls));
  return {
    label, invocations: n,
    requestsPerOp: all.length / n,
    maxRequestsPerOp: Math.max(0, ...samples.map((s) => s.calls.length)),
    commands,
    readUnitsPerOp: all.reduce((a, c) => a + c.readUnits, 0) / n,
    writeUnitsPerOp: all.reduce((a, c) => a + c.writeUnits, 0) / n,
    capacityReported: all.every((c) => c.reported),
    handlerMedianMs: median(samples.map((s) => s.wallMs)),
    handlerP99Ms: percentile(samples.map((s) => s.wallMs), 99),
    dynamoMedianMs: median(samples.map((s) => unionMs(s.calls))),
    overheadRatio: ratios.length ? median(ratios) : Number.NaN,
  };
}
