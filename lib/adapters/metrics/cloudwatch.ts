import type { MetricName, Metrics } from '../../metrics.js';

/** CloudWatch namespace of the hotline's own counts; the stack's alarms read the same names. */
export const METRICS_NAMESPACE = 'PmiHotline';
/** The `service` dimension every count carries; alarms match on it. */
export const METRICS_SERVICE = 'pmi-hotline';

/**
 * Counts as CloudWatch metrics in the embedded metric format (EMF): one JSON line on stdout that
 * CloudWatch turns into a metric, no API call and no extra permission. Each count is written at once
 * rather than buffered for a flush at the end of the invocation: nothing is lost if the invocation
 * fails half-way, and the handful of counts per invocation costs nothing to write. Extra dimensions
 * create separate metrics (each billed): use them sparingly.
 *
 * The line is the one Powertools' `singleMetric()` wrote (the same namespace, `service` dimension and
 * fields), written here: Powertools' metrics built its own `Console` on fresh stdout and stderr
 * streams in every function's cold start, for the few invocations that count something (issue 18).
 */
export class CloudWatchMetrics implements Metrics {
  private readonly namespace: string;
  private readonly service: string;

  constructor(options: { namespace?: string; serviceName?: string } = {}) {
    this.namespace = options.namespace ?? METRICS_NAMESPACE;
    this.service = options.serviceName ?? METRICS_SERVICE;
  }

  count(name: MetricName, value = 1, dimensions: Record<string, string> = {}): void {
    const line = {
      _aws: {
        Timestamp: Date.now(),
        CloudWatchMetrics: [{ Namespace: this.namespace, Dimensions: [['service', ...Object.keys(dimensions)]], Metrics: [{ Name: name, Unit: 'Count' }] }],
      },
      service: this.service,
      ...dimensions,
      [name]: value,
    };
    process.stdout.write(`${JSON.stringify(line)}\n`);
  }
}
