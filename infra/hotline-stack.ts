import { CfnOutput, CfnParameter, Duration, Stack, Validations, type StackProps } from 'aws-cdk-lib';
import * as apigwv2 from 'aws-cdk-lib/aws-apigatewayv2';
import type * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as sns from 'aws-cdk-lib/aws-sns';
import type { Construct } from 'constructs';
import { HotlineAlarms } from './constructs/alarms.js';
import { HotlineApi } from './constructs/api.js';
import { HotlineData } from './constructs/data.js';
import { HotlineFunction, africasTalkingLayerCode } from './constructs/hotline-function.js';
import { STABLE_LOGICAL_IDS } from './constructs/logical-ids.js';
import { TABLE } from '../lib/adapters/dynamo/table-definition.js';
import { Scheduler } from './constructs/scheduler.js';
import { StreamConsumer } from './constructs/stream-consumer.js';
import { OperationsDashboard } from './constructs/operations-dashboard.js';
import { FIGURES_EVENTS } from '../lib/figures/stream-filter.js';

export { BUNDLE_BANNER, ESBUILD_OPTIONS, TABLE_DATA_ACTIONS, africasTalkingLayerCode, bundleFunction } from './constructs/hotline-function.js';
export { STABLE_LOGICAL_IDS } from './constructs/logical-ids.js';

export type FunctionName = 'smsInbound' | 'smsDelivery' | 'ussd' | 'web' | 'notifier' | 'escalator' | 'console' | 'figures';

/** Africa's Talking drops a callback after 15 s, so HTTP handlers must give up well before that. */
const API_TIMEOUT = Duration.seconds(10);

/**
 * Every function: its construct id, entry point and limits. What each may touch is declared in the
 * constructor below, next to the function, one grant per port it builds (functions/*.ts).
 */
const FUNCTIONS: Record<FunctionName, { id: string; entry: string; description: string; timeout: Duration; memorySize?: number }> = {
  // Officials' PINs are checked with scrypt (N=2^15, r=8: 32 MB, ~100 ms at 256 MB): more memory is more CPU.
  smsInbound: { id: 'SmsInbound', entry: 'functions/sms-inbound.ts', description: 'Incoming SMS callback', timeout: API_TIMEOUT, memorySize: 512 },
  smsDelivery: { id: 'SmsDelivery', entry: 'functions/sms-delivery.ts', description: 'SMS delivery report callback', timeout: API_TIMEOUT },
  ussd: { id: 'Ussd', entry: 'functions/ussd.ts', description: 'USSD session and end-of-session callbacks', timeout: API_TIMEOUT },
  web: { id: 'Web', entry: 'functions/web.ts', description: 'Web report form', timeout: API_TIMEOUT },
  notifier: { id: 'Notifier', entry: 'functions/notifier.ts', description: 'Table stream consumer: sends SMS, publishes case events', timeout: Duration.seconds(60) },
  escalator: { id: 'Escalator', entry: 'functions/escalator.ts', description: 'Scheduled SLA escalation and SMS retry', timeout: Duration.seconds(120) },
  // Sign-in checks the PIN with scrypt, as the SMS commands do: the same memory.
  console: { id: 'Console', entry: 'functions/console.ts', description: "Officials' console", timeout: API_TIMEOUT, memorySize: 512 },
  figures: { id: 'Figures', entry: 'functions/figures.ts', description: 'Table stream consumer: keeps the figures (counters per month, regency, category, channel, level)', timeout: Duration.seconds(60) },
};

/**
 * The HTTP routes and the function behind each; the callback URLs given to Africa's Talking follow
 * from these. The public form gets its own, tighter limits, so a flood of form posts is cut off at
 * the route and cannot eat into what the gateway callbacks (a USSD session on the line) may use.
 */
export const ROUTES: ReadonlyArray<{ method: apigwv2.HttpMethod; path: string; fn: FunctionName; throttle?: { rateLimit: number; burstLimit: number } }> = [
  { method: apigwv2.HttpMethod.POST, path: '/sms', fn: 'smsInbound' },
  { method: apigwv2.HttpMethod.POST, path: '/sms/delivery', fn: 'smsDelivery' },
  { method: apigwv2.HttpMethod.POST, path: '/ussd', fn: 'ussd' },
  { method: apigwv2.HttpMethod.POST, path: '/ussd/events', fn: 'ussd' },
  { method: apigwv2.HttpMethod.GET, path: '/', fn: 'web', throttle: { rateLimit: 10, burstLimit: 20 } },
  { method: apigwv2.HttpMethod.POST, path: '/reports', fn: 'web', throttle: { rateLimit: 2, burstLimit: 5 } },
  { method: apigwv2.HttpMethod.GET, path: '/reports/done', fn: 'web', throttle: { rateLimit: 5, burstLimit: 10 } },
  // A few dozen officials; sign-in is also limited per phone and per source address in the table.
  { method: apigwv2.HttpMethod.ANY, path: '/console', fn: 'console', throttle: { rateLimit: 5, burstLimit: 10 } },
  { method: apigwv2.HttpMethod.ANY, path: '/console/{proxy+}', fn: 'console', throttle: { rateLimit: 10, burstLimit: 20 } },
  // Public figures: answered with Cache-Control public, max-age=300 for a CDN or browser to keep;
  // the route limit caps what a flood can cost meanwhile.
  { method: apigwv2.HttpMethod.GET, path: '/statistik', fn: 'web', throttle: { rateLimit: 10, burstLimit: 20 } },
  { method: apigwv2.HttpMethod.GET, path: '/statistik.json', fn: 'web', throttle: { rateLimit: 10, burstLimit: 20 } },
];

export interface HotlineStackProps extends StackProps {
  /** Registered SMS sender ID for Africa's Talking; omitted means the gateway default. */
  readonly atSenderId?: string;
  /** Sender ID registered with AWS for SNS SMS to officials; a separate registration from AT's. */
  readonly snsSenderId?: string;
  /** Address subscribed to the alarm topic; the subscription must be confirmed from the mailbox. */
  readonly alarmEmail?: string;
  /** LOG_LEVEL for every function. @default 'INFO' */
  readonly logLevel?: 'DEBUG' | 'INFO' | 'WARN' | 'ERROR' | 'SILENT';
  /** Alarm when SNS SMS spend this month passes this many USD. @default 10 */
  readonly smsSpendAlarmUsd?: number;
  /** Alarm when more cases than this are escalated in one hour. @default 10 */
  readonly escalationsPerHourAlarm?: number;
}

/**
 * The hotline in AWS, as constructs: HotlineData (table, the one key, secrets), a HotlineFunction per
 * function with its grants, the HotlineApi in front of the HTTP functions, the StreamConsumer
 * feeding the notifier, the Scheduler running the escalator, and HotlineAlarms.
 */
export class HotlineStack extends Stack {
  readonly data: HotlineData;
  readonly table: dynamodb.Table;
  readonly hotlineFunctions: Record<FunctionName, HotlineFunction>;
  /** The Lambda functions themselves. */
  readonly functions: Record<FunctionName, lambda.Function>;
  readonly eventsTopic: sns.Topic;
  readonly api: apigwv2.HttpApi;
  readonly stage: apigwv2.HttpStage;
  readonly streamConsumer: StreamConsumer;
  readonly figuresStream: StreamConsumer;
  readonly dashboard: OperationsDashboard;
  readonly alarms: HotlineAlarms;

  constructor(scope: Construct, id: string, props: HotlineStackProps = {}) {
    super(scope, id, { description: 'PMI complaint hotline: USSD, SMS and web intake with SMS alerts to officials', ...props });

    const data = new HotlineData(this, 'Data');
    this.data = data;
    this.table = data.table;

    // Case events for other systems; subscribers filter on the message attributes.
    this.eventsTopic = new sns.Topic(this, 'HotlineEvents', {
      displayName: 'PMI hotline case events',
      masterKey: data.key,
      enforceSSL: true,
      signatureVersion: '2',
    });

    // ---- Deploy-time parameters -------------------------------------------------------------
    // Parameters rather than context: `cdk synth` stays offline and argument-free, and CloudFormation
    // refuses a deploy without the number (the local demo number must never reach a real reporter).
    const smsNumber = new CfnParameter(this, 'HotlineSmsNumber', {
      type: 'String',
      description: 'The number reporters text (LAPOR, STATUS), in E.164, e.g. +62812...',
      allowedPattern: '^\\+[1-9][0-9]{6,14}$',
      constraintDescription: 'an E.164 number such as +6281234567890',
    });
    const hotlinePhone = new CfnParameter(this, 'HotlinePhone', {
      type: 'String',
      description: 'The number people are told to call when something fails',
      default: '0800-1000',
      minLength: 3,
    });

    // ---- Functions --------------------------------------------------------------------------
    const environment: Record<string, string> = {
      STAGE: 'aws',
      TABLE_NAME: data.table.tableName,
      KMS_KEY_ARN: data.key.keyArn,
      GATEWAY_SECRET_ARN: data.gatewaySecret.secretArn,
      LOOKUP_KEY_SECRET_ARN: data.lookupKeySecret.secretArn,
      EVENTS_TOPIC_ARN: this.eventsTopic.topicArn,
      LOG_LEVEL: props.logLevel ?? 'INFO',
      POWERTOOLS_SERVICE_NAME: 'pmi-hotline',
      // No NODE_OPTIONS=--enable-source-maps: Node then reads and decodes the whole source map at
      // every cold start (8-12 ms of each function's init, `npm run bench`). The maps still ship
      // beside each bundle (index.mjs.map) to decode a logged stack trace after the fact.
      SMS_SHORTCODE: smsNumber.valueAsString,
      HOTLINE_PHONE: hotlinePhone.valueAsString,
      ...(props.atSenderId ? { AT_SENDER_ID: props.atSenderId } : {}),
      ...(props.snsSenderId ? { SNS_SENDER_ID: props.snsSenderId } : {}),
    };
    const fns = Object.fromEntries(
      (Object.keys(FUNCTIONS) as FunctionName[]).map((name) => {
        const spec = FUNCTIONS[name];
        return [name, new HotlineFunction(this, spec.id, { ...spec, environment, logGroupLogicalId: STABLE_LOGICAL_IDS.functionLogs[spec.id] })];
      }),
    ) as Record<FunctionName, HotlineFunction>;
    this.hotlineFunctions = fns;
    this.functions = Object.fromEntries(Object.entries(fns).map(([name, f]) => [name, f.fn])) as Record<FunctionName, lambda.Function>;

    // Grants, one per port each function builds (functions/*.ts): the callbacks read the callback key
    // from the gateway secret; the web form never sees that secret; only the two senders may send
    // SMS and read the gateway credentials; only the notifier publishes case events.
    fns.smsInbound.grantStore(data).grantGatewaySecret(data);
    fns.smsDelivery.grantStore(data).grantGatewaySecret(data);
    fns.ussd.grantStore(data).grantGatewaySecret(data);
    fns.web.grantStore(data);
    fns.notifier.grantStore(data).grantGatewaySecret(data).grantSendSms().grantPublish(this.eventsTopic, data);
    fns.escalator.grantStore(data).grantGatewaySecret(data).grantSendSms();
    // The console reads the queue indexes besides the store; no gateway secret, no SMS of its own
    // (sign-in codes go through the outbox, which the notifier sends).
    // The figures screen's case-list export reads the cases-by-month index.
    fns.console.grantStore(data).grantQueueIndexes(data).grantIndexes(data, [TABLE.byMonthIndex.name]);
    // Figures: the counters only (no lookup secret, the key only through DynamoDB).
    fns.figures.grantFigures(data);

    // Only the functions that send reporter SMS carry the Africa's Talking SDK.
    const atLayer = new lambda.LayerVersion(this, 'AfricasTalkingSdk', {
      code: africasTalkingLayerCode(),
      compatibleRuntimes: [lambda.Runtime.NODEJS_22_X],
      compatibleArchitectures: [lambda.Architecture.ARM_64],
      description: "Africa's Talking SDK, bundled with its dependencies",
    });
    fns.notifier.fn.addLayers(atLayer);
    fns.escalator.fn.addLayers(atLayer);
    Validations.of(fns.escalator.role).acknowledge({
      id: 'AwsSolutions-IAM5[Resource::*]',
      reason: 'sns:Publish to a phone number (SMS) has no resource ARN; AWS requires Resource "*" and offers no condition key for phone numbers. Action is limited to sns:Publish.',
    });
    Validations.of(fns.notifier.role).acknowledge({
      id: 'AwsSolutions-IAM5[Resource::*]',
      reason: 'sns:Publish to a phone number (SMS) has no resource ARN; AWS requires Resource "*" and offers no condition key for phone numbers. dynamodb:ListStreams (added by the stream event source) is account-level and also needs "*".',
    });

    this.streamConsumer = new StreamConsumer(this, 'NotifierStream', { table: data.table, consumer: fns.notifier });
    // Its own mapping: figures never hold up an alert. Counters are not time-critical, so records may
    // wait a day before they are given up (then `npm run figures:rebuild` recounts).
    this.figuresStream = new StreamConsumer(this, 'FiguresStream', { table: data.table, consumer: fns.figures, events: FIGURES_EVENTS, maxRecordAge: Duration.hours(24) });
    Validations.of(fns.figures.role).acknowledge({
      id: 'AwsSolutions-IAM5[Resource::*]',
      reason: 'dynamodb:ListStreams (added by the stream event source) is account-level and needs "*".',
    });
    new Scheduler(this, 'EscalatorSchedule', { target: fns.escalator, every: Duration.minutes(5) });

    const http = new HotlineApi(this, 'Api', {
      routes: ROUTES.map((route) => ({ ...route, fn: fns[route.fn].fn, fnId: FUNCTIONS[route.fn].id })),
    });
    this.api = http.api;
    this.stage = http.stage;
    // Writes are checked against the console's own origin, which is also the WebAuthn origin.
    fns.console.fn.addEnvironment('CONSOLE_ORIGIN', this.api.apiEndpoint);

    this.alarms = new HotlineAlarms(this, 'Alarms', {
      key: data.key,
      functions: Object.fromEntries((Object.keys(FUNCTIONS) as FunctionName[]).map((name) => [FUNCTIONS[name].id, fns[name]])),
      notifier: fns.notifier,
      escalator: fns.escalator,
      deadLetterQueue: this.streamConsumer.deadLetterQueue,
      api: this.api,
      alarmEmail: props.alarmEmail,
      smsSpendAlarmUsd: props.smsSpendAlarmUsd ?? 10,
      escalationsPerHour: props.escalationsPerHourAlarm ?? 10,
    });
    this.dashboard = new OperationsDashboard(this, 'Operations', {
      deadLetterQueues: [this.streamConsumer.deadLetterQueue, this.figuresStream.deadLetterQueue],
    });

    // ---- Outputs ----------------------------------------------------------------------------
    // The callback key is never an output: the operator reads it from the secret and appends it.
    const keyHint = 'append ?key=<callbackKey from the GatewaySecretName secret>';
    new CfnOutput(this, 'ApiUrl', { value: this.stage.url, description: 'HTTP API base URL' });
    new CfnOutput(this, 'WebFormUrl', { value: this.stage.url, description: 'Public web report form' });
    const callbacks: Array<[string, string, string]> = [
      ['SmsCallbackUrl', 'sms', "Africa's Talking SMS incoming-messages callback"],
      ['SmsDeliveryReportsUrl', 'sms/delivery', "Africa's Talking SMS delivery-reports callback"],
      ['UssdCallbackUrl', 'ussd', "Africa's Talking USSD callback"],
      ['UssdEventsUrl', 'ussd/events', "Africa's Talking USSD end-of-session notification callback"],
    ];
    for (const [outputId, path, what] of callbacks) {
      new CfnOutput(this, outputId, { value: `${this.stage.url}${path}`, description: `${what}: ${keyHint}` });
    }
    new CfnOutput(this, 'GatewaySecretName', {
      value: data.gatewaySecret.secretName,
      description: "Secrets Manager secret: set username and apiKey from Africa's Talking; callbackKey is generated",
    });
    new CfnOutput(this, 'AlarmTopicArn', { value: this.alarms.topic.topicArn, description: 'Subscribe operators here' });
  }
}
