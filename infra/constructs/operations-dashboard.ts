import { Duration } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { METRICS_NAMESPACE, METRICS_SERVICE } from '../../lib/adapters/metrics/cloudwatch.js';
import { CHANNELS } from '../../lib/domain/case.js';
import type { MetricName } from '../../lib/metrics.js';

/**
 * The operators' view in CloudWatch (issue 14): reports per channel, alert delivery,
 * acknowledgements within the deadline, escalations, dead letters and SMS spend, from the hotline's
 * own metrics (namespace PmiHotline, counted where they happen) and AWS's (SNS spend, the DLQs).
 */
export class OperationsDashboard extends Construct {
  readonly dashboard: cloudwatch.Dashboard;

  constructor(scope: Construct, id: string, props: { deadLetterQueues: sqs.IQueue[]; period?: Duration }) {
    super(scope, id);
    const period = props.period ?? Duration.hours(1);
    const count = (name: MetricName, label: string, dimensions: Record<string, string> = {}) => new cloudwatch.Metric({
      namespace: METRICS_NAMESPACE, metricName: name, dimensionsMap: { service: METRICS_SERVICE, ...dimensions },
      period, statistic: cloudwatch.Stats.SUM, label,
    });
    const graph = (title: string, left: cloudwatch.IMetric[], stacked = false) => new cloudwatch.GraphWidget({ title, left, width: 12, height: 6, stacked });

    this.dashboard = new cloudwatch.Dashboard(this, 'Dashboard', {
      dashboardName: 'pmi-hotline-operations',
      defaultInterval: Duration.days(7),
      widgets: [
        [
          graph('Reports filed per channel', CHANNELS.map((channel) => count('ReportFiled', channel.toUpperCase(), { channel })), true),
          graph('Alert delivery (SMS to officials)', [count('AlertSent', 'sent'), count('AlertFailed', 'failed for good')]),
        ],
        [
          graph('Acknowledgements within the deadline', [count('AcknowledgedInTime', 'in time'), count('AcknowledgedLate', 'late')], true),
          graph('Escalations to the next level', [count('Escalated', 'escalated')]),
        ],
        [
          graph('Dead letters (stream records given up)', [
            count('DeadLetter', 'counted by the consumers'),
            ...props.deadLetterQueues.map((q, i) => q.metricApproximateNumberOfMessagesVisible({ period, label: `DLQ ${i + 1} waiting` })),
          ]),
          graph('SMS spend', [
            new cloudwatch.Metric({ namespace: 'AWS/SNS', metricName: 'SMSMonthToDateSpentUSD', period: Duration.hours(1), statistic: cloudwatch.Stats.MAXIMUM, label: 'SNS month to date (USD)' }),
            count('ReporterSmsSent', "reporter SMS (Africa's Talking)"),
            count('SpendGuardTripped', 'spend guard tripped'),
          ]),
        ],
      ],
    });
  }
}
