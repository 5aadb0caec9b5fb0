import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ArnFormat, AssetHashType, CfnOutput, CfnParameter, DockerImage, Duration, RemovalPolicy, Stack, Validations, type StackProps } from 'aws-cdk-lib';
import { buildSync } from 'esbuild';
import * as apigwv2 from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import { AccessLogFormat } from 'aws-cdk-lib/aws-apigateway';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as events from 'aws-cdk-lib/aws-events';
import * as targets from 'aws-cdk-lib/aws-events-targets';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { DynamoEventSource, SqsDlq } from 'aws-cdk-lib/aws-lambda-event-sources';
import * as nodejs from 'aws-cdk-lib/aws-lambda-nodejs';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as subscriptions from 'aws-cdk-lib/aws-sns-subscriptions';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import type { Construct } from 'constructs';
import { NOTIFIER_EVENTS } from '../lib/adapters/dynamo/stream-filter.js';
import { TABLE } from '../lib/adapters/dynamo/table-definition.js';
import { AT_PLACEHOLDER_API_KEY } from '../lib/adapters/sms/africastalking.js';

/** Repository root, derived from this file so no machine path ends up in the repo or the assets. */
const REPO_ROOT = fileURLToPath(new URL('..', import.meta.url));

/**
 * esbuild settings shared by every function (exported so tests can bundle a probe with the same settings).
 * ESM output needs a real `require` for CommonJS dependencies such as africastalking; the banner provides
 * one. The AWS SDK v3 is part of the Node.js Lambda runtime, so it stays out of the bundle.
 */
export const BUNDLING: nodejs.BundlingOptions = {
  format: nodejs.OutputFormat.ESM,
  target: 'node22',
  minify: true,
  sourceMap: true,
  // Stack traces only need the mappings; embedding every source would triple the upload.
  sourcesContent: false,
  // Prefer the ESM entry of dual packages: better tree shaking, and no CJS wrapper at cold start.
  mainFields: ['module', 'main'],
  banner: "import { createRequire } from 'module'; const require = createRequire(import.meta.url);",
  // africastalking comes from a layer (africasTalkingLayerCode): with its dependencies it is ~1.7 MB,
  // eight times the rest of a function, and only the senders load it, lazily.
  externalModules: ['@aws-sdk/*', 'africastalking'],
  // Bundle with the local esbuild: synth must work offline and without Docker.
  forceDockerBundling: false,
};

/**
 * The Africa's Talking SDK as a Lambda layer: esbuild bundles it with its dependencies into one
 * CommonJS file at `nodejs/node_modules/africastalking`, where Lambda's NODE_PATH finds it for
 * `require`. Built locally (offline, no Docker); the hash follows the output, so an SDK upgrade in
 * package-lock.json publishes a new layer version.
 */
export function africasTalkingLayerCode(): lambda.Code {
  const sdkDir = join(REPO_ROOT, 'node_modules', 'africastalking');
  return lambda.Code.fromAsset(sdkDir, {
    assetHashType: AssetHashType.OUTPUT,
    bundling: {
      // Never used: local bundling below always succeeds where esbuild is installed (a dev dependency).
      image: DockerImage.fromRegistry('public.ecr.aws/sam/build-nodejs22.x'),
      local: {
        tryBundle(outputDir: string): boolean {
          buildSync({
            entryPoints: [join(sdkDir, 'index.js')],
            bundle: true,
            platform: 'node',
            format: 'cjs',
            target: 'node22',
            minify: true,
            legalComments: 'external',
            outfile: join(outputDir, 'nodejs', 'node_modules', 'africastalking', 'index.js'),
            logLevel: 'error',
          });
          return true;
        },
      },
    },
  });
}

export type FunctionName = 'smsInbound' | 'smsDelivery' | 'ussd' | 'web' | 'notifier' | 'escalator';

interface FunctionSpec {
  id: string;
  entry: string;
  description: string;
  timeout: Duration;
  memorySize?: number;
}

/** Africa's Talking drops a callback after 15 s, so HTTP handlers must give up well before that. */
const API_TIMEOUT = Duration.seconds(10);

const FUNCTIONS: Record<FunctionName, FunctionSpec> = {
  // Officials' PINs are checked with scrypt (N=2^15, r=8: 32 MB, ~100 ms at 256 MB): more memory is more CPU.
  smsInbound: { id: 'SmsInbound', entry: 'functions/sms-inbound.ts', description: 'Incoming SMS callback', timeout: API_TIMEOUT, memorySize: 512 },
  smsDelivery: { id: 'SmsDelivery', entry: 'functions/sms-delivery.ts', description: 'SMS delivery report callback', timeout: API_TIMEOUT },
  ussd: { id: 'Ussd', entry: 'functions/ussd.ts', description: 'USSD session and end-of-session callbacks', timeout: API_TIMEOUT },
  web: { id: 'Web', entry: 'functions/web.ts', description: 'Web report form', timeout: API_TIMEOUT },
  notifier: { id: 'Notifier', entry: 'functions/notifier.ts', description: 'Table stream consumer: sends SMS, publishes case events', timeout: Duration.seconds(60) },
  escalator: { id: 'Escalator', entry: 'functions/escalator.ts', description: 'Scheduled SLA escalation and SMS retry', timeout: Duration.seconds(120) },
};

/** The HTTP routes and the function behind each; the callback URLs given to Africa's Talking follow from these. */
export const ROUTES: ReadonlyArray<{ method: apigwv2.HttpMethod; path: string; fn: FunctionName }> = [
  { method: apigwv2.HttpMethod.POST, path: '/sms', fn: 'smsInbound' },
  { method: apigwv2.HttpMethod.POST, path: '/sms/delivery', fn: 'smsDelivery' },
  { method: apigwv2.HttpMethod.POST, path: '/ussd', fn: 'ussd' },
  { method: apigwv2.HttpMethod.POST, path: '/ussd/events', fn: 'ussd' },
  { method: apigwv2.HttpMethod.GET, path: '/', fn: 'web' },
  { method: apigwv2.HttpMethod.POST, path: '/reports', fn: 'web' },
  { method: apigwv2.HttpMethod.GET, path: '/reports/done', fn: 'web' },
];

/**
 * Table actions the functions use. Spelled out instead of grantReadWriteData: no Scan (nothing needs a
 * full-table read) and KMS actions without wildcards. Transactions need no extra actions: IAM checks
 * TransactWriteItems as its Put/Update/Delete/ConditionCheck parts.
 */
export const TABLE_DATA_ACTIONS = [
  'dynamodb:BatchGetItem',
  'dynamodb:BatchWriteItem',
  'dynamodb:ConditionCheckItem',
  'dynamodb:DeleteItem',
  'dynamodb:DescribeTable',
  'dynamodb:GetItem',
  'dynamodb:PutItem',
  'dynamodb:Query',
  'dynamodb:UpdateItem',
];

/** What CDK's table grants give on the table key, with `ReEncrypt*` and `GenerateDataKey*` expanded. */
const TABLE_KEY_ACTIONS = [
  'kms:Decrypt',
  'kms:DescribeKey',
  'kms:Encrypt',
  'kms:GenerateDataKey',
  'kms:GenerateDataKeyWithoutPlaintext',
  'kms:ReEncryptFrom',
  'kms:ReEncryptTo',
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
}

export class HotlineStack extends Stack {
  readonly table: dynamodb.Table;
  readonly functions: Record<FunctionName, nodejs.NodejsFunction>;
  readonly api: apigwv2.HttpApi;
  readonly stage: apigwv2.HttpStage;

  constructor(scope: Construct, id: string, props: HotlineStackProps = {}) {
    super(scope, id, { description: 'PMI complaint hotline: USSD, SMS and web intake with SMS alerts to officials', ...props });

    // ---- Keys and secrets -------------------------------------------------------------------
    // Keys are retained: a deleted key makes the retained table and every encrypted field unreadable.
    const tableKey = new kms.Key(this, 'TableKey', {
      description: 'pmi-hotline: DynamoDB table encryption at rest',
      enableKeyRotation: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    // A separate key for envelope encryption of personal fields (NIK, phone numbers, free text): being
    // allowed to read the table does not imply being able to decrypt those fields.
    const fieldKey = new kms.Key(this, 'FieldKey', {
      description: 'pmi-hotline: envelope encryption of personal fields',
      enableKeyRotation: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    const topicKey = new kms.Key(this, 'TopicKey', {
      description: 'pmi-hotline: SNS topics (case events, alarms)',
      enableKeyRotation: true,
    });
    // CloudWatch alarms publish to the encrypted alarm topic, so the service must be able to use the key.
    topicKey.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'AllowCloudWatchAlarmsToPublish',
        principals: [new iam.ServicePrincipal('cloudwatch.amazonaws.com')],
        actions: ['kms:Decrypt', 'kms:GenerateDataKey'],
        resources: ['*'],
      }),
    );

    const gatewaySecret = new secretsmanager.Secret(this, 'GatewaySecret', {
      description: "pmi-hotline: Africa's Talking username and apiKey (fill in after deploy); callbackKey guards the callback URLs",
      generateSecretString: {
        secretStringTemplate: JSON.stringify({ username: 'sandbox', apiKey: AT_PLACEHOLDER_API_KEY }),
        generateStringKey: 'callbackKey',
        excludePunctuation: true,
        passwordLength: 40,
      },
    });
    const lookupKeySecret = new secretsmanager.Secret(this, 'LookupKeySecret', {
      description: 'pmi-hotline: HMAC key for phone/NIK lookup hashes',
      generateSecretString: { excludePunctuation: true, passwordLength: 64 },
      // Every stored lookup hash depends on this key; losing it orphans all reporter lookups.
      removalPolicy: RemovalPolicy.RETAIN,
    });
    Validations.of(gatewaySecret).acknowledge({
      id: 'AwsSolutions-SMG4',
      reason: "The apiKey is issued in the Africa's Talking dashboard and cannot be rotated by a Lambda; callbackKey is also typed into that dashboard. Operators rotate both by hand.",
    });
    Validations.of(lookupKeySecret).acknowledge({
      id: 'AwsSolutions-SMG4',
      reason: 'HMAC key behind stored lookup hashes: rotating it silently breaks every existing lookup, so rotation is a planned re-hash migration, not a schedule.',
    });

    // ---- Table ------------------------------------------------------------------------------
    // Built from the shared table definition, so the table in AWS and on DynamoDB Local cannot drift.
    const table = new dynamodb.Table(this, 'Table', {
      partitionKey: { name: TABLE.partitionKey, type: dynamodb.AttributeType.STRING },
      sortKey: { name: TABLE.sortKey, type: dynamodb.AttributeType.STRING },
      billingMode: dynamodb.BillingMode.PAY_PER_REQUEST,
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      encryption: dynamodb.TableEncryption.CUSTOMER_MANAGED,
      encryptionKey: tableKey,
      timeToLiveAttribute: TABLE.ttlAttribute,
      stream: dynamodb.StreamViewType[TABLE.streamView],
      deletionProtection: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    for (const index of [TABLE.byContactIndex, TABLE.dueIndex]) {
      table.addGlobalSecondaryIndex({
        indexName: index.name,
        partitionKey: { name: index.partitionKey, type: dynamodb.AttributeType.STRING },
        sortKey: { name: index.sortKey, type: dynamodb.AttributeType.STRING },
        projectionType: dynamodb.ProjectionType.ALL,
      });
    }
    // Cases by month for the figures rebuild and the case-list export: non-personal facts only.
    table.addGlobalSecondaryIndex({
      indexName: TABLE.byMonthIndex.name,
      partitionKey: { name: TABLE.byMonthIndex.partitionKey, type: dynamodb.AttributeType.STRING },
      sortKey: { name: TABLE.byMonthIndex.sortKey, type: dynamodb.AttributeType.STRING },
      projectionType: dynamodb.ProjectionType.INCLUDE,
      nonKeyAttributes: [...TABLE.byMonthIndex.projected],
    });
    this.table = table;

    // ---- Topics -----------------------------------------------------------------------------
    const eventsTopic = new sns.Topic(this, 'HotlineEvents', {
      displayName: 'PMI hotline case events',
      masterKey: topicKey,
      enforceSSL: true,
      signatureVersion: '2',
    });
    const alarmTopic = new sns.Topic(this, 'AlarmTopic', {
      displayName: 'PMI hotline alarms',
      masterKey: topicKey,
      enforceSSL: true,
    });
    if (props.alarmEmail) alarmTopic.addSubscription(new subscriptions.EmailSubscription(props.alarmEmail));
    // enforceSSL gives the topic a policy of its own, which replaces SNS's default one: without this
    // statement CloudWatch may not publish and every alarm would be silently dropped.
    alarmTopic.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'AllowCloudWatchAlarmsToPublish',
        principals: [new iam.ServicePrincipal('cloudwatch.amazonaws.com')],
        actions: ['sns:Publish'],
        resources: [alarmTopic.topicArn],
        conditions: {
          StringEquals: { 'aws:SourceAccount': this.account },
          ArnLike: { 'aws:SourceArn': this.formatArn({ service: 'cloudwatch', resource: 'alarm', resourceName: '*', arnFormat: ArnFormat.COLON_RESOURCE_NAME }) },
        },
      }),
    );

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
      TABLE_NAME: table.tableName,
      KMS_KEY_ARN: fieldKey.keyArn,
      GATEWAY_SECRET_ARN: gatewaySecret.secretArn,
      LOOKUP_KEY_SECRET_ARN: lookupKeySecret.secretArn,
      EVENTS_TOPIC_ARN: eventsTopic.topicArn,
      LOG_LEVEL: props.logLevel ?? 'INFO',
      POWERTOOLS_SERVICE_NAME: 'pmi-hotline',
      NODE_OPTIONS: '--enable-source-maps',
      SMS_SHORTCODE: smsNumber.valueAsString,
      HOTLINE_PHONE: hotlinePhone.valueAsString,
      ...(props.atSenderId ? { AT_SENDER_ID: props.atSenderId } : {}),
      ...(props.snsSenderId ? { SNS_SENDER_ID: props.snsSenderId } : {}),
    };

    const makeFunction = (spec: FunctionSpec): nodejs.NodejsFunction => {
      const logGroup = new logs.LogGroup(this, `${spec.id}Logs`, {
        retention: logs.RetentionDays.ONE_MONTH,
        // Logs are operational data with a fixed retention; nothing in them outlives the stack.
        removalPolicy: RemovalPolicy.DESTROY,
      });
      // An explicit role instead of the default one: the default attaches the AWS managed
      // AWSLambdaBasicExecutionRole (logs on every log group); this role may write to its own only.
      const role = new iam.Role(this, `${spec.id}Role`, {
        assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
        description: `pmi-hotline ${spec.id} function`,
      });
      logGroup.grant(role, 'logs:CreateLogStream', 'logs:PutLogEvents');

      const fn = new nodejs.NodejsFunction(this, spec.id, {
        entry: join(REPO_ROOT, spec.entry),
        handler: 'handler',
        projectRoot: REPO_ROOT,
        depsLockFilePath: join(REPO_ROOT, 'package-lock.json'),
        runtime: lambda.Runtime.NODEJS_22_X,
        architecture: lambda.Architecture.ARM_64,
        memorySize: spec.memorySize ?? 256,
        timeout: spec.timeout,
        description: `pmi-hotline: ${spec.description}`,
        role,
        logGroup,
        environment,
        bundling: BUNDLING,
      });
      Validations.of(fn).acknowledge({
        id: 'AwsSolutions-L1',
        reason: 'Pinned to nodejs22.x on purpose: the bundle targets node22 and the code is tested on it. Moving to a newer runtime is a deliberate, tested upgrade.',
      });

      // Every function reads and writes the table, protects personal fields and hashes lookups.
      // Statements written out (not table.grant) so the index resources are named, not `index/*`.
      role.addToPrincipalPolicy(new iam.PolicyStatement({ actions: TABLE_DATA_ACTIONS, resources: [table.tableArn] }));
      role.addToPrincipalPolicy(
        new iam.PolicyStatement({
          actions: ['dynamodb:Query'],
          resources: [TABLE.byContactIndex.name, TABLE.dueIndex.name].map((name) => `${table.tableArn}/index/${name}`),
        }),
      );
      tableKey.grant(role, ...TABLE_KEY_ACTIONS);
      fieldKey.grant(role, 'kms:GenerateDataKey', 'kms:Decrypt');
      lookupKeySecret.grantRead(role);
      // HTTP handlers need callbackKey; notifier and escalator need the gateway credentials.
      gatewaySecret.grantRead(role);
      return fn;
    };

    const functions = Object.fromEntries(
      (Object.keys(FUNCTIONS) as FunctionName[]).map((name) => [name, makeFunction(FUNCTIONS[name])]),
    ) as Record<FunctionName, nodejs.NodejsFunction>;
    this.functions = functions;

    // Case events for other systems. Written by hand rather than topic.grantPublish, whose KMS part
    // is `kms:GenerateDataKey*`; SNS needs exactly these two actions on the topic key.
    const { notifier, escalator } = functions;
    const atLayer = new lambda.LayerVersion(this, 'AfricasTalkingSdk', {
      code: africasTalkingLayerCode(),
      compatibleRuntimes: [lambda.Runtime.NODEJS_22_X],
      compatibleArchitectures: [lambda.Architecture.ARM_64],
      description: "Africa's Talking SDK, bundled with its dependencies",
    });
    // Only the functions that send reporter SMS carry the SDK.
    notifier.addLayers(atLayer);
    escalator.addLayers(atLayer);
    notifier.addToRolePolicy(new iam.PolicyStatement({ actions: ['sns:Publish'], resources: [eventsTopic.topicArn] }));
    topicKey.grant(notifier, 'kms:GenerateDataKey', 'kms:Decrypt');

    // SMS straight to a phone number (SNS Publish with PhoneNumber) has no resource ARN, so IAM only
    // accepts Resource "*", and no condition key narrows it to phone numbers. Only the two functions
    // that send SMS get it, and only sns:Publish.
    for (const fn of [notifier, escalator]) {
      fn.addToRolePolicy(new iam.PolicyStatement({ sid: 'SendSmsToPhoneNumbers', actions: ['sns:Publish'], resources: ['*'] }));
    }
    Validations.of(escalator.role!).acknowledge({
      id: 'AwsSolutions-IAM5[Resource::*]',
      reason: 'sns:Publish to a phone number (SMS) has no resource ARN; AWS requires Resource "*" and offers no condition key for phone numbers. Action is limited to sns:Publish.',
    });
    Validations.of(notifier.role!).acknowledge({
      id: 'AwsSolutions-IAM5[Resource::*]',
      reason: 'sns:Publish to a phone number (SMS) has no resource ARN; AWS requires Resource "*" and offers no condition key for phone numbers. dynamodb:ListStreams (added by the stream event source) is account-level and also needs "*".',
    });

    // ---- Stream consumer --------------------------------------------------------------------
    // Only the record descriptions (shard, sequence numbers) of failed batches land here, no item data,
    // so SQS-managed encryption suffices and no KMS grant is needed for the function to send.
    const notifierDlq = new sqs.Queue(this, 'NotifierDlq', {
      encryption: sqs.QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
    });
    Validations.of(notifierDlq).acknowledge({
      id: 'AwsSolutions-SQS3',
      reason: 'This queue is the on-failure destination of the notifier stream event source mapping, i.e. it is a dead-letter queue; cdk-nag only recognises DLQs set through an SQS redrive policy.',
    });
    notifier.addEventSource(
      new DynamoEventSource(table, {
        startingPosition: lambda.StartingPosition.LATEST,
        batchSize: 25,
        bisectBatchOnError: true,
        retryAttempts: 5,
        reportBatchItemFailures: true,
        // Alerts are time-critical; an older record goes to the DLQ and the escalator's outbox sweep
        // (gsi2 PENDING) still sends the message.
        maxRecordAge: Duration.hours(1),
        onFailure: new SqsDlq(notifierDlq),
        filters: [
          // The same items the notifier's own predicate (isNotifierRecord) accepts, so Lambda is not
          // invoked for timeline events, counters or drafts. sk is a key attribute: matching Keys
          // matches both images. REMOVE (TTL expiry) is left out: nothing is sent for an expired item.
          ...Object.entries(NOTIFIER_EVENTS).map(([sk, eventNames]) =>
            lambda.FilterCriteria.filter({
              eventName: lambda.FilterRule.or(...eventNames),
              dynamodb: { Keys: { [TABLE.sortKey]: { S: lambda.FilterRule.isEqual(sk) } } },
            }),
          ),
        ],
      }),
    );

    // ---- Schedule ---------------------------------------------------------------------------
    // The next run is five minutes away: retrying a failed or stale run only overlaps with it.
    escalator.configureAsyncInvoke({ retryAttempts: 0, maxEventAge: Duration.minutes(5) });
    new events.Rule(this, 'EscalatorSchedule', {
      description: 'pmi-hotline: run the escalator every 5 minutes',
      schedule: events.Schedule.rate(Duration.minutes(5)),
      targets: [new targets.LambdaFunction(escalator, { retryAttempts: 2, maxEventAge: Duration.minutes(5) })],
    });

    // ---- HTTP API ---------------------------------------------------------------------------
    const accessLogs = new logs.LogGroup(this, 'ApiAccessLogs', {
      retention: logs.RetentionDays.ONE_MONTH,
      removalPolicy: RemovalPolicy.DESTROY,
    });
    const api = new apigwv2.HttpApi(this, 'Api', {
      description: 'pmi-hotline: Africa\'s Talking callbacks and the web report form',
      // The default stage cannot take throttling or access logs, so the stage is defined below.
      createDefaultStage: false,
    });
    const stage = new apigwv2.HttpStage(this, 'DefaultStage', {
      httpApi: api,
      stageName: '$default',
      autoDeploy: true,
      // Far above real traffic (about 1,500 complaints a year nationally); caps cost of a flood.
      throttle: { rateLimit: 20, burstLimit: 40 },
      accessLogSettings: {
        destination: new apigwv2.LogGroupLogDestination(accessLogs),
        // $context.path has no query string: the callback key in `?key=` must never be logged.
        // No source IP either: it can place a worker abroad, and nothing here needs it.
        format: AccessLogFormat.custom(
          JSON.stringify({
            requestId: '$context.requestId',
            time: '$context.requestTime',
            route: '$context.routeKey',
            path: '$context.path',
            status: '$context.status',
            protocol: '$context.protocol',
            responseLength: '$context.responseLength',
            responseLatency: '$context.responseLatency',
            integrationStatus: '$context.integrationStatus',
            integrationLatency: '$context.integrationLatency',
            integrationError: '$context.integrationErrorMessage',
            error: '$context.error.message',
          }),
        ),
      },
    });
    // The public form gets its own, tighter limits, so a flood of form posts is cut off at the
    // route and cannot eat into what the gateway callbacks (a USSD session on the line) may use.
    (stage.node.defaultChild as apigwv2.CfnStage).addPropertyOverride('RouteSettings', {
      'GET /': { ThrottlingRateLimit: 10, ThrottlingBurstLimit: 20 },
      'POST /reports': { ThrottlingRateLimit: 2, ThrottlingBurstLimit: 5 },
      'GET /reports/done': { ThrottlingRateLimit: 5, ThrottlingBurstLimit: 10 },
    });
    this.api = api;
    this.stage = stage;

    const integrations = new Map<FunctionName, HttpLambdaIntegration>();
    for (const route of ROUTES) {
      let integration = integrations.get(route.fn);
      if (!integration) {
        integration = new HttpLambdaIntegration(`${FUNCTIONS[route.fn].id}Integration`, functions[route.fn]);
        integrations.set(route.fn, integration);
      }
      api.addRoutes({ path: route.path, methods: [route.method], integration });
    }
    Validations.of(api).acknowledge({
      id: 'AwsSolutions-APIG4',
      reason: "Africa's Talking cannot sign callbacks or send auth headers; each callback carries the secret callbackKey in the URL and the handler checks it. The web form is public by design: anyone may report, anonymously.",
    });

    // ---- Alarms -----------------------------------------------------------------------------
    const alarmAction = new SnsAction(alarmTopic);
    const alarm = (id: string, props: cloudwatch.AlarmProps) => {
      const a = new cloudwatch.Alarm(this, id, props);
      a.addAlarmAction(alarmAction);
      a.addOkAction(alarmAction);
      return a;
    };
    const fiveMinutes = Duration.minutes(5);

    for (const name of Object.keys(functions) as FunctionName[]) {
      alarm(`${FUNCTIONS[name].id}ErrorsAlarm`, {
        alarmDescription: `${FUNCTIONS[name].id} function errors`,
        metric: functions[name].metricErrors({ period: fiveMinutes, statistic: cloudwatch.Stats.SUM }),
        threshold: 1,
        evaluationPeriods: 1,
        comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
        treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
      });
    }
    alarm('NotifierDlqAlarm', {
      alarmDescription: 'Stream records the notifier gave up on (SMS alerts may be late: check the escalator)',
      metric: notifierDlq.metricApproximateNumberOfMessagesVisible({ period: fiveMinutes, statistic: cloudwatch.Stats.MAXIMUM }),
      threshold: 0,
      evaluationPeriods: 1,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
      treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
    });
    alarm('NotifierIteratorAgeAlarm', {
      alarmDescription: 'Notifier is more than 5 minutes behind the table stream',
      metric: notifier.metric('IteratorAge', { period: fiveMinutes, statistic: cloudwatch.Stats.MAXIMUM }),
      threshold: Duration.minutes(5).toMilliseconds(),
      evaluationPeriods: 1,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
      treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
    });
    // A disabled rule or a broken deployment shows up as silence, not as errors.
    alarm('EscalatorNotRunningAlarm', {
      alarmDescription: 'Escalator has not run for 15 minutes: SLA escalations are not happening',
      metric: escalator.metricInvocations({ period: Duration.minutes(15), statistic: cloudwatch.Stats.SUM }),
      threshold: 1,
      evaluationPeriods: 1,
      comparisonOperator: cloudwatch.ComparisonOperator.LESS_THAN_THRESHOLD,
      treatMissingData: cloudwatch.TreatMissingData.BREACHING,
    });
    // A 5xx ends a USSD session with an error and makes Africa's Talking retry SMS callbacks.
    alarm('Api5xxAlarm', {
      alarmDescription: 'HTTP API returned 5xx responses',
      metric: api.metricServerError({ period: fiveMinutes, statistic: cloudwatch.Stats.SUM }),
      threshold: 1,
      evaluationPeriods: 1,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
    });
    alarm('SmsSpendAlarm', {
      alarmDescription: 'SNS SMS spend this month passed the budget',
      metric: new cloudwatch.Metric({
        namespace: 'AWS/SNS',
        metricName: 'SMSMonthToDateSpentUSD',
        period: Duration.minutes(15),
        statistic: cloudwatch.Stats.MAXIMUM,
      }),
      threshold: props.smsSpendAlarmUsd ?? 10,
      evaluationPeriods: 1,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
      treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
    });

    // ---- Outputs ----------------------------------------------------------------------------
    // The callback key is never an output: the operator reads it from the secret and appends it.
    const keyHint = 'append ?key=<callbackKey from the GatewaySecretName secret>';
    new CfnOutput(this, 'ApiUrl', { value: stage.url, description: 'HTTP API base URL' });
    new CfnOutput(this, 'WebFormUrl', { value: stage.url, description: 'Public web report form' });
    const callbacks: Array<[string, string, string]> = [
      ['SmsCallbackUrl', 'sms', "Africa's Talking SMS incoming-messages callback"],
      ['SmsDeliveryReportsUrl', 'sms/delivery', "Africa's Talking SMS delivery-reports callback"],
      ['UssdCallbackUrl', 'ussd', "Africa's Talking USSD callback"],
      ['UssdEventsUrl', 'ussd/events', "Africa's Talking USSD end-of-session notification callback"],
    ];
    for (const [outputId, path, what] of callbacks) {
      new CfnOutput(this, outputId, { value: `${stage.url}${path}`, description: `${what}: ${keyHint}` });
    }
    new CfnOutput(this, 'GatewaySecretName', {
      value: gatewaySecret.secretName,
      description: "Secrets Manager secret: set username and apiKey from Africa's Talking; callbackKey is generated",
    });
    new CfnOutput(this, 'AlarmTopicArn', { value: alarmTopic.topicArn, description: 'Subscribe operators here' });
  }
}
