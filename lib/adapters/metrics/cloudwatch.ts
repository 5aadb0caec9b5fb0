import { Metrics as PowertoolsMetrics, MetricUnit } from '@aws-lambda-powertools/metrics';
import type { MetricName, Metrics } from '../../metrics.js';

/** CloudWatch namespace of the hotline's own counts; the stack's alarms read the same names. */
export const METRICS_NAMESPACE = 'PmiHotline';
/** Powertools adds this as the `service` dimension; alarms match on it. */
export const METRICS_SERVICE = 'pmi-hotline';

/**
 * Counts as CloudWatch metrics through Powertools (embedded metric format: a structured log line
 * that CloudWatch turns into a metric, no API call and no extra permission). Each count is written
 * at once rather than buffered for a flush at the end of the invocation: nothing is lost if the
 * invocation fails half-way, and the handful of counts per invocation costs nothing to write.
 * Extra dimensions create separate metrics (each billed): use them sparingly.
 */
export class CloudWatchMetrics implements Metrics {
  private readonly metrics: PowertoolsMetrics;

  constructor(options: { namespace?: string; serviceName?: string } = {}) {
    this.metrics = new PowertoolsMetrics({ namespace: options.namespace ?? METRICS_NAMESPACE, serviceName: options.serviceName ?? METRICS_SERVICE });
  }

  count(name: MetricName, value = 1, dimensions?: Record<string, string>): void {
    const single = this.metrics.singleMetric();
    if (dimensions) single.addDimensions(dimensions);
    single.addMetric(name, MetricUnit.Count, value);
  }
}
