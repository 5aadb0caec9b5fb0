/** Counts operators alarm on (CloudWatch metrics in AWS, in memory locally). Nothing depends on them. */
export type MetricName = 'ReportFiled' | 'AlertSent' | 'AlertFailed' | 'AcknowledgedInTime' | 'AcknowledgedLate' | 'Escalated' | 'DeadLetter' | 'ReporterSmsSent' | 'SpendGuardTripped';
export interface Metrics { count(name: MetricName, value?: number, dimensions?: Record<string, string>): void; }
