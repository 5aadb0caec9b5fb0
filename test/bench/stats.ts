/** Nearest-rank percentile: with few samples it reports a value that was observed, never an interpolation. */
export function percentile(samples: number[], p: number): number {
  if (samples.length === 0) return Number.NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = Math.min(sorted.length, Math.max(1, Math.ceil((p / 100) * sorted.length)));
  return sorted[rank - 1]!;
}

export const median = (samples: number[]) => percentile(samples, 50);

export function sum(values: number[]): number {
  return values.reduce((a, b) => a + b, 0);
}

/** Total time covered by possibly overlapping intervals: parallel DynamoDB calls count once. */
export function unionMs(intervals: Array<{ start: number; end: number }>): number {
  const sorted = [...intervals].sort((a, b) => a.start - b.start);
  let total = 0;
  let curStart = Number.NaN;
  let curEnd = Number.NaN;
  for (const { start, end } of sorted) {
    if (Number.isNaN(curEnd) || start > curEnd) {
      if (!Number.isNaN(curEnd)) total += curEnd - curStart;
      curStart = start;
      curEnd = end;
    } else if (end > curEnd) {
      curEnd = end;
    }
  }
  if (!Number.isNaN(curEnd)) total += curEnd - curStart;
  return total;
}

export const fmtMs = (ms: number) => (Number.isNaN(ms) ? 'n/a' : ms < 1 ? `${ms.toFixed(3)} ms` : ms < 100 ? `${ms.toFixed(2)} ms` : `${ms.toFixed(0)} ms`);
export const fmtNum = (n: number, digits = 1) => (Number.isNaN(n) ? 'n/a' : n.toFixed(digits));
