import { ArnFormat, Duration, Stack } from 'aws-cdk-lib';
import * as apigwv2 from 'aws-cdk-lib/aws-apigatewayv2';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as kms from 'aws-cdk-lib/aws-kms';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as subscriptions from 'aws-cdk-lib/aws-sns-subscriptions';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { METRICS_NAMESPACE, METRICS_SERVICE } from '../../lib/adapters/metrics/cloudwatch.js';
import type { MetricName } from '../../lib/metrics.js';
import type { HotlineFunction } from './hotline-function.js';
import { STABLE_LOGICAL_IDS, keepLogicalId } from './logical-ids.js';

export interface AlarmsProps {
  key: kms.IKey;
  functions: Record<string, HotlineFunction>;
  notifier: HotlineFunction;
  escalator: HotlineFunction;
  deadLetterQueue: sqs.IQueue;
  api: apigwv2.IHttpApi;
  alarmEmail?: string;
  smsSpendAlarmUsd: number;
  /** Escalations in an hour above which someone should look at why officials are not answering. */
  escalationsPerHour: number;
}

/**
 * Alarms where a human must act, all to one encrypted, TLS-only topic: function errors, dead
 * letters, the stream falling behind, the escalator not running, API 5xx, SMS spend, and the
 * hotline's own counts (lib/adapters/metrics/cloudwatch.ts): an alert that could not be sent,
 * a spike of escalations, the SMS spend guard tripping.
 */
export class HotlineAlarms extends Construct {
  readonly topic: sns.Topic;
  readonly alarms: cloudwatch.Alarm[] = [];

  constructor(scope: Construct, id: string, props: AlarmsProps) {
    super(scope, id);
    const stack = Stack.of(this);
    this.topic = new sns.Topic(this, 'Topic', {
      displayName: 'PMI hotline alarms',
      masterKey: props.key,
      enforceSSL: true,
    });
    // Operators subscribed to this topic: a replaced topic would silently drop their subscriptions.
    keepLogicalId(this.topic, STABLE_LOGICAL_IDS.alarmTopic);
    if (props.alarmEmail) this.topic.addSubscription(new subscriptions.EmailSubscription(props.alarmEmail));
    // enforceSSL gives the topic a policy of its own, which replaces SNS's default one: without this
    // statement CloudWatch may not publish and every alarm would be silently dropped.
    this.topic.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'AllowCloudWatchAlarmsToPublish',
        principals: [new iam.ServicePrincipal('cloudwatch.amazonaws.com')],
        actions: ['sns:Publish'],
        resources: [this.topic.topicArn],
        conditions: {
          StringEquals: { 'aws:SourceAccount': stack.account },
          ArnLike: { 'aws:SourceArn': stack.formatArn({ service: 'cloudwatch', resource: 'alarm', resourceName: '*', arnFormat: ArnFormat.COLON_RESOURCE_NAME }) },
        },
      }),
    );

    const fiveMinutes = Duration.minutes(5);
    const atLeastOnce = {
      threshold: 1,
      evaluationPeriods: 1,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
    };

    for (const [name, fn] of Object.entries(props.functions)) {
      this.alarm(`${name}Errors`, {
        alarmDescription: `${name} function errors`,
        metric: fn.fn.metricErrors({ period: fiveMinutes, statistic: cloudwatch.Stats.SUM }),
        ...atLeastOnce,
      });
    }
    this.alarm('NotifierDlq', {
      alarmDescription: 'Stream records the notifier gave up on (SMS alerts may be late: check the escalator)',
      metric: props.deadLetterQueue.metricApproximateNumberOfMessagesVisible({ period: fiveMinutes, statistic: cloudwatch.Stats.MAXIMUM }),
      threshold: 0,
      evaluationPeriods: 1,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
      treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
    });
    this.alarm('NotifierIteratorAge', {
      alarmDescription: 'Notifier is more than 5 minutes behind the table stream',
      metric: props.notifier.fn.metric('IteratorAge', { period: fiveMinutes, statistic: cloudwatch.Stats.MAXIMUM }),
      threshold: Duration.minutes(5).toMilliseconds(),
      evaluationPeriods: 1,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
      treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
    });
    // A disabled rule or a broken deployment shows up as silence, not as errors.
    this.alarm('EscalatorNotRunning', {
      alarmDescription: 'Escalator has not run for 15 minutes: SLA escalations are not happening',
      metric: props.escalator.fn.metricInvocations({ period: Duration.minutes(15), statistic: cloudwatch.Stats.SUM }),
      threshold: 1,
      evaluationPeriods: 1,
      comparisonOperator: cloudwatch.ComparisonOperator.LESS_THAN_THRESHOLD,
      treatMissingData: cloudwatch.TreatMissingData.BREACHING,
    });
    // A 5xx ends a USSD session with an error and makes Africa's Talking retry SMS callbacks.
    this.alarm('Api5xx', {
      alarmDescription: 'HTTP API returned 5xx responses',
      metric: props.api.metricServerError({ period: fiveMinutes, statistic: cloudwatch.Stats.SUM }),
      ...atLeastOnce,
    });
    this.alarm('SmsSpend', {
      alarmDescription: 'SNS SMS spend this month passed the budget',
      metric: new cloudwatch.Metric({ namespace: 'AWS/SNS', metricName: 'SMSMonthToDateSpentUSD', period: Duration.minutes(15), statistic: cloudwatch.Stats.MAXIMUM }),
      threshold: props.smsSpendAlarmUsd,
      evaluationPeriods: 1,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
      treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
    });

    // The hotline's own counts (Powertools metrics, embedded metric format).
    const count = (name: MetricName, period: Duration) =>
      new cloudwatch.Metric({ namespace: METRICS_NAMESPACE, metricName: name, dimensionsMap: { service: METRICS_SERVICE }, period, statistic: cloudwatch.Stats.SUM });
    this.alarm('AlertFailed', {
      alarmDescription: 'An SMS alert to an official could not be sent (check SNS SMS settings and the official\'s number)',
      metric: count('AlertFailed', fiveMinutes),
      ...atLeastOnce,
    });
    this.alarm('EscalationSpike', {
      alarmDescription: `More than ${props.escalationsPerHour} escalations in an hour: officials are not acknowledging`,
      metric: count('Escalated', Duration.hours(1)),
      threshold: props.escalationsPerHour,
      evaluationPeriods: 1,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
      treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
    });
    this.alarm('SpendGuardTripped', {
      alarmDescription: 'The SMS spend guard stopped sending: SMS are held until someone raises the limit or the month turns',
      metric: count('SpendGuardTripped', fiveMinutes),
      ...atLeastOnce,
    });
  }

  private alarm(id: string, props: cloudwatch.AlarmProps): cloudwatch.Alarm {
    const alarm = new cloudwatch.Alarm(this, id, props);
    const action = new SnsAction(this.topic);
    alarm.addAlarmAction(action);
    alarm.addOkAction(action);
    this.alarms.push(alarm);
    return alarm;
  }
}
