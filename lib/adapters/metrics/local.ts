import type { MetricName, Metrics } from '../../metrics.js';

/** Local stand-in for CloudWatch: counts kept in memory (GET /dev/metrics shows them). */
export class LocalMetrics implements Metrics {
  readonly counts: Partial<Record<MetricName, number>> = {};

  count(name: MetricName, value = 1): void {
    this.counts[name] = (this.counts[name] ?? 0) + value;
  }
}
