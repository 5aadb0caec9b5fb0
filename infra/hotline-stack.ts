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
import { FUNCTIONS, FUNCTION_NAMES, entryOf, envOf, type EnvName, type FunctionName, type FunctionSpec, type Grant } from '../lib/composition/manifest.js';

export { BUNDLE_BANNER, ESBUILD_OPTIONS, TABLE_DATA_ACTIONS, africasTalkingLayerCode, bundleFunction } from './constructs/hotline-function.js';
export { STABLE_LOGICAL_IDS } from './constructs/logical-ids.js';

export type { FunctionName } from '../lib/composition/manifest.js';

/**
 * The HTTP routes and the function behind each, from the manifest (lib/composition/manifest.ts);
 * the callback URLs given to Africa's Talking follow from these.
 */
export const ROUTES: ReadonlyArray<{ method: apigwv2.HttpMethod; path: string; fn: FunctionName; throttle?: { rateLimit: number; burstLimit: number } }> =
  FUNCTION_NAMES.flatMap((fn) => ((FUNCTIONS[fn] as FunctionSpec).routes ?? []).map((route) => ({ ...route, method: apigwv2.HttpMethod[route.method], fn })));

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

    // ---- Functions: one per manifest entry (lib/composition/manifest.ts) ------------------------
    // What each variable is in this stack. A function gets the base variables and those its grants
    // imply (envOf), so it knows the name of a resource exactly when it may touch it. CONSOLE_ORIGIN
    // is the API's own endpoint, known once the API exists (below).
    const values: Partial<Record<EnvName, string>> = {
      STAGE: 'aws',
      LOG_LEVEL: props.logLevel ?? 'INFO',
      POWERTOOLS_SERVICE_NAME: 'pmi-hotline',
      // No NODE_OPTIONS=--enable-source-maps: Node then reads and decodes the whole source map at
      // every cold start (8-12 ms of each function's init, `npm run bench`). The maps still ship
      // beside each bundle (index.mjs.map) to decode a logged stack trace after the fact.
      SMS_SHORTCODE: smsNumber.valueAsString,
      HOTLINE_PHONE: hotlinePhone.valueAsString,
      TABLE_NAME: data.table.tableName,
      KMS_KEY_ARN: data.key.keyArn,
      GATEWAY_SECRET_ARN: data.gatewaySecret.secretArn,
      LOOKUP_KEY_SECRET_ARN: data.lookupKeySecret.secretArn,
      EVENTS_TOPIC_ARN: this.eventsTopic.topicArn,
      WHATSAPP_SECRET_ARN: data.whatsappSecret.secretArn,
      ...(props.atSenderId ? { AT_SENDER_ID: props.atSenderId } : {}),
      ...(props.snsSenderId ? { SNS_SENDER_ID: props.snsSenderId } : {}),
    };
    const environmentOf = (name: FunctionName) =>
      Object.fromEntries(envOf(name).flatMap((variable) => (values[variable] === undefined ? [] : [[variable, values[variable]!]])));
    const fns = Object.fromEntries(
      FUNCTION_NAMES.map((name) => {
        const spec: FunctionSpec = FUNCTIONS[name];
        return [name, new HotlineFunction(this, spec.id, {
          entry: entryOf(name), description: spec.description, timeout: Duration.seconds(spec.timeoutSeconds),
          ...(spec.memorySize ? { memorySize: spec.memorySize } : {}),
          environment: environmentOf(name), logGroupLogicalId: STABLE_LOGICAL_IDS.functionLogs[spec.id],
        })];
      }),
    ) as Record<FunctionName, HotlineFunction>;
    this.hotlineFunctions = fns;
    this.functions = Object.fromEntries(Object.entries(fns).map(([name, f]) => [name, f.fn])) as Record<FunctionName, lambda.Function>;

    // Grants as IAM: the callbacks read the callback key from the gateway secret; the web form and
    // the console never see that secret; only the two senders may send SMS and read the gateway
    // credentials; only the notifier publishes case events; the figures consumer holds no secret.
    const grant: Record<Grant, (f: HotlineFunction) => void> = {
      store: (f) => f.grantStore(data),
      figures: (f) => f.grantFigures(data),
      queueIndexes: (f) => f.grantQueueIndexes(data),
      monthIndex: (f) => f.grantIndexes(data, [TABLE.byMonthIndex.name]),
      callbackKey: (f) => f.grantGatewaySecret(data),
      reporterSms: (f) => f.grantGatewaySecret(data),
      officialSms: (f) => {
        f.grantSendSms();
        Validations.of(f.role).acknowledge({
          id: 'AwsSolutions-IAM5[Resource::*]',
          reason: 'sns:Publish to a phone number (SMS) has no resource ARN; AWS requires Resource "*" and offers no condition key for phone numbers. Action is limited to sns:Publish. A stream consumer also gets dynamodb:ListStreams (added by the stream event source), which is account-level and needs "*".',
        });
      },
      caseEvents: (f) => f.grantPublish(this.eventsTopic, data),
      // The API's endpoint: set below, once the API exists.
      consoleOrigin: () => undefined,
      whatsapp: (f) => f.grantWhatsAppSecret(data),
    };
    // The gateway secret is granted once even when both its uses are.
    for (const name of FUNCTION_NAMES) {
      const grants = [...new Set((FUNCTIONS[name] as FunctionSpec).grants.map((g) => (g === 'reporterSms' ? 'callbackKey' : g)))];
      for (const g of grants) grant[g](fns[name]);
    }

    // Only the functions that send reporter SMS carry the Africa's Talking SDK.
    const atLayer = new lambda.LayerVersion(this, 'AfricasTalkingSdk', {
      code: africasTalkingLayerCode(),
      compatibleRuntimes: [lambda.Runtime.NODEJS_22_X],
      compatibleArchitectures: [lambda.Architecture.ARM_64],
      description: "Africa's Talking SDK, bundled with its dependencies",
    });
    for (const name of FUNCTION_NAMES) if ((FUNCTIONS[name] as FunctionSpec).layers?.includes('africastalking')) fns[name].fn.addLayers(atLayer);

    // Stream consumers, each with its own mapping (figures never hold up an alert), and schedules.
    const streams: Partial<Record<FunctionName, StreamConsumer>> = {};
    for (const name of FUNCTION_NAMES) {
      const spec: FunctionSpec = FUNCTIONS[name];
      if (spec.stream) {
        streams[name] = new StreamConsumer(this, `${spec.id}Stream`, { table: data.table, consumer: fns[name], events: spec.stream.events, maxRecordAge: Duration.hours(spec.stream.maxRecordAgeHours) });
        if (!spec.grants.includes('officialSms')) {
          Validations.of(fns[name].role).acknowledge({
            id: 'AwsSolutions-IAM5[Resource::*]',
            reason: 'dynamodb:ListStreams (added by the stream event source) is account-level and needs "*".',
          });
        }
      }
      if (spec.schedule) new Scheduler(this, `${spec.id}Schedule`, { target: fns[name], every: Duration.minutes(spec.schedule.everyMinutes) });
    }
    this.streamConsumer = streams.notifier!;
    this.figuresStream = streams.figures!;

    const http = new HotlineApi(this, 'Api', {
      routes: ROUTES.map((route) => ({ ...route, fn: fns[route.fn].fn, fnId: FUNCTIONS[route.fn].id })),
    });
    this.api = http.api;
    this.stage = http.stage;
    // Writes are checked against the console's own origin, which is also the WebAuthn origin.
    for (const name of FUNCTION_NAMES) {
      if ((FUNCTIONS[name] as FunctionSpec).grants.includes('consoleOrigin')) fns[name].fn.addEnvironment('CONSOLE_ORIGIN', this.api.apiEndpoint);
    }

    this.alarms = new HotlineAlarms(this, 'Alarms', {
      key: data.key,
      functions: Object.fromEntries(FUNCTION_NAMES.map((name) => [FUNCTIONS[name].id, fns[name]])),
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
    new CfnOutput(this, 'WhatsAppWebhookUrl', {
      value: `${this.stage.url}whatsapp`,
      description: "Meta app > WhatsApp > Configuration: callback URL, with verifyToken from the WhatsAppSecretName secret; subscribe to 'messages'",
    });
    new CfnOutput(this, 'WhatsAppSecretName', {
      value: data.whatsappSecret.secretName,
      description: 'Secrets Manager secret: set appSecret, accessToken and phoneNumberId from the Meta app; verifyToken is generated',
    });
    new CfnOutput(this, 'AlarmTopicArn', { value: this.alarms.topic.topicArn, description: 'Subscribe operators here' });
  }
}
