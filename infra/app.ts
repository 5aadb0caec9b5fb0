import { App, Tags, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { HotlineStack, type HotlineStackProps } from './hotline-stack.js';

/**
 * Deploy-time CloudFormation parameters: HotlineSmsNumber (required, the number reporters text) and
 * HotlinePhone (default 0800-1000), e.g. `cdk deploy --parameters HotlineSmsNumber=+62...`.
 *
 * Context values (cdk.json or `-c name=value`):
 *   region            deployment region; cdk.json pins ap-southeast-3 (Jakarta: SMS support, data stays
 *                     in Indonesia). It wins over CDK_DEFAULT_REGION because the CLI always sets that,
 *                     to us-east-1 when no AWS profile is configured.
 *   atSenderId        registered Africa's Talking sender ID (optional)
 *   snsSenderId       sender ID registered with AWS for SNS SMS to officials (optional)
 *   alarmEmail        address subscribed to the alarm topic (optional)
 *   logLevel          DEBUG | INFO | WARN | ERROR | SILENT (default INFO)
 *   smsSpendAlarmUsd  SNS SMS month-to-date spend that raises an alarm (default 10)
 *   escalationsPerHourAlarm  escalations in an hour that raise an alarm (default 10)
 */
const app = new App();
const context = (name: string): string | undefined => {
  const value: unknown = app.node.tryGetContext(name);
  return value === undefined || value === null || value === '' ? undefined : String(value);
};
const LOG_LEVELS = ['DEBUG', 'INFO', 'WARN', 'ERROR', 'SILENT'] as const;
const logLevel = context('logLevel');
if (logLevel !== undefined && !(LOG_LEVELS as readonly string[]).includes(logLevel)) {
  throw new Error(`context logLevel must be one of ${LOG_LEVELS.join(', ')}`);
}
const spend = context('smsSpendAlarmUsd');
if (spend !== undefined && !(Number(spend) > 0)) throw new Error('context smsSpendAlarmUsd must be a positive number');
const escalations = context('escalationsPerHourAlarm');
if (escalations !== undefined && !(Number.isInteger(Number(escalations)) && Number(escalations) > 0)) throw new Error('context escalationsPerHourAlarm must be a positive whole number');

new HotlineStack(app, 'PmiHotline', {
  env: {
    region: context('region') ?? process.env.CDK_DEFAULT_REGION ?? 'ap-southeast-3',
    account: process.env.CDK_DEFAULT_ACCOUNT,
  },
  atSenderId: context('atSenderId'),
  snsSenderId: context('snsSenderId'),
  alarmEmail: context('alarmEmail'),
  logLevel: logLevel as HotlineStackProps['logLevel'],
  smsSpendAlarmUsd: spend === undefined ? undefined : Number(spend),
  escalationsPerHourAlarm: escalations === undefined ? undefined : Number(escalations),
});
Tags.of(app).add('project', 'pmi-hotline');

// cdk-nag runs as a CDK validation plugin: `cdk synth` fails on any unacknowledged AwsSolutions error.
Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
