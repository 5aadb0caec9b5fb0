import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { AssetHashType, DockerImage, Duration, RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import { buildSync, type BuildOptions, type BuildResult } from 'esbuild';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import type * as sns from 'aws-cdk-lib/aws-sns';
import { Construct } from 'constructs';
import { QUEUE_INDEXES, TABLE } from '../../lib/adapters/dynamo/table-definition.js';
import type { HotlineData } from './data.js';
import { keepLogicalId } from './logical-ids.js';

/** Repository root, derived from this file so no machine path ends up in the repo or the assets. */
export const REPO_ROOT = fileURLToPath(new URL('../..', import.meta.url));

/**
 * What a bundle file starts with when bundled CommonJS code calls `require` for a module left outside
 * the bundle (a Node built-in, an external package): ESM has no `require`, and esbuild's stand-in
 * throws "Dynamic require of ... is not supported". No function needs it today (africastalking, the
 * one CommonJS package a function loads at run time, is required through its adapter's own
 * createRequire), so bundleFunction adds it only to a build that has such a call: in every file of a
 * bundle it costs each cold start an import of `module` and a createRequire (measured ~0.25 ms per
 * file; the console reads 11 files at init).
 */
export const BUNDLE_BANNER = "import { createRequire } from 'module'; const require = createRequire(import.meta.url);";

/** esbuild's stand-in for `require` in ESM output: present only in a bundle whose CommonJS code calls require at run time. */
const DYNAMIC_REQUIRE_STAND_IN = 'Dynamic require of "';

/**
 * esbuild settings shared by every function (exported so tests and the bench bundle with them).
 *
 * The AWS SDK v3 is bundled, tree-shaken and minified rather than taken from the Lambda runtime:
 * a function's cold start is dominated by loading the SDK, and the runtime's copy is the whole,
 * unminified package (every command of every client it loads, CommonJS). Bundled, a function loads
 * only the commands it sends: `npm run bench` measures each function's whole initialisation both
 * ways. It also pins the SDK version the tests ran with.
 *
 * Code splitting: what a function imports with `import()` (passkey ceremonies in the console, the
 * SDK's event-stream and user-agent parsers that these clients never use) goes to `chunks/` and is
 * read and compiled only by the invocation that needs it, not by every cold start. The entry is
 * `index.mjs`, as Lambda's `index.handler` expects.
 */
export const ESBUILD_OPTIONS = {
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node22',
  minify: true,
  // Mappings only: stack traces can be decoded from a logged trace; embedding every source would
  // triple the upload. No --enable-source-maps at run time (it decodes the map at every cold start).
  sourcemap: 'linked',
  sourcesContent: false,
  // Prefer the ESM entry of dual packages: better tree shaking, and no CJS wrapper at cold start.
  mainFields: ['module', 'main'],
  splitting: true,
  entryNames: 'index',
  chunkNames: 'chunks/[name]-[hash]',
  outExtension: { '.js': '.mjs' },
  // africastalking comes from a layer (africasTalkingLayerCode): with its dependencies it is ~1.7 MB,
  // eight times the rest of a function, and only the senders load it, lazily.
  external: ['africastalking'],
  // Lambda gives credentials in the environment only: the SDK's default chain (SSO, ini files, STS web
  // identity, metadata endpoints) is replaced by its environment provider (infra/bundling/lambda-credentials.ts).
  // node:stream/web: @middy/core imports it for a streamed-response mode no function uses, and it
  // costs every cold start Node's whole web-streams implementation (infra/bundling/web-streams.ts).
  alias: {
    '@aws-sdk/credential-provider-node': join(REPO_ROOT, 'infra', 'bundling', 'lambda-credentials.ts'),
    'node:stream/web': join(REPO_ROOT, 'infra', 'bundling', 'web-streams.ts'),
  },
  absWorkingDir: REPO_ROOT,
  logLevel: 'error',
} satisfies BuildOptions;

/**
 * Bundles one entry point (path from the repository root) into `outdir` as the stack deploys it:
 * `index.mjs`, its map, and the lazily loaded `chunks/`. Synchronous, for CDK's local bundling.
 */
export function bundleFunction(entry: string, outdir: string, options: Pick<BuildOptions, 'external' | 'alias' | 'metafile'> = {}): BuildResult & { requireBanner: boolean } {
  const build = (banner?: string) => buildSync({ ...ESBUILD_OPTIONS, ...options, ...(banner ? { banner: { js: banner } } : {}), entryPoints: { index: join(REPO_ROOT, entry) }, outdir, write: false });
  let result = build();
  const requireBanner = result.outputFiles.some((file) => file.path.endsWith('.mjs') && file.text.includes(DYNAMIC_REQUIRE_STAND_IN));
  if (requireBanner) result = build(BUNDLE_BANNER);
  for (const file of result.outputFiles) {
    mkdirSync(dirname(file.path), { recursive: true });
    writeFileSync(file.path, file.contents);
  }
  return { ...result, requireBanner };
}

/**
 * A function's code asset: bundled locally with esbuild's API (offline, no Docker; the CLI options
 * of NodejsFunction cannot split code into chunks). The hash follows the output, so a change in any
 * bundled source or dependency uploads a new version, and an unchanged bundle none.
 */
export function functionCode(entry: string): lambda.Code {
  return lambda.Code.fromAsset(REPO_ROOT, {
    assetHashType: AssetHashType.OUTPUT,
    bundling: {
      // CDK reuses a bundle for assets whose source path and serialisable bundling options are equal
      // (the tryBundle closure is not part of that key): every function bundles the same folder, so
      // the entry must be in the options, or all functions would get the first one's bundle.
      environment: { ENTRY: entry },
      // Never used: local bundling below always succeeds where esbuild is installed (a dev dependency).
      image: DockerImage.fromRegistry('public.ecr.aws/sam/build-nodejs22.x'),
      local: {
        tryBundle(outputDir: string): boolean {
          bundleFunction(entry, outputDir);
          return true;
        },
      },
    },
  });
}

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

/**
 * Table actions a function may use. Spelled out instead of grantReadWriteData: no Scan (nothing needs
 * a full-table read) and KMS actions without wildcards. Transactions need no extra actions: IAM checks
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

export interface HotlineFunctionProps {
  /** Path of the entry point from the repository root, e.g. `functions/web.ts`. */
  readonly entry: string;
  readonly description: string;
  readonly timeout: Duration;
  /** @default 256 */
  readonly memorySize?: number;
  readonly environment: Record<string, string>;
  /** Logical ID of an existing log group to keep (its history survives an update). */
  readonly logGroupLogicalId?: string;
}

/**
 * One Lambda function as every function of the hotline is built: esbuild bundle (ESBUILD_OPTIONS),
 * nodejs22.x on arm64, its own log group with a retention, and its own role that starts with
 * nothing but writing to that log group. What else it may do is declared per function with the
 * `grant*` methods below, next to the function in the stack.
 */
export class HotlineFunction extends Construct {
  readonly fn: lambda.Function;
  readonly role: iam.Role;
  readonly logGroup: logs.LogGroup;

  constructor(scope: Construct, id: string, props: HotlineFunctionProps) {
    super(scope, id);
    this.logGroup = new logs.LogGroup(this, 'Logs', {
      retention: logs.RetentionDays.ONE_MONTH,
      // Logs are operational data with a fixed retention; nothing in them outlives the stack.
      removalPolicy: RemovalPolicy.DESTROY,
    });
    if (props.logGroupLogicalId) keepLogicalId(this.logGroup, props.logGroupLogicalId);
    // An explicit role instead of the default one: the default attaches the AWS managed
    // AWSLambdaBasicExecutionRole (logs on every log group); this role may write to its own only.
    this.role = new iam.Role(this, 'Role', {
      assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
      description: `pmi-hotline ${id} function`,
    });
    this.logGroup.grant(this.role, 'logs:CreateLogStream', 'logs:PutLogEvents');

    // `Default`: the Lambda is this construct's own resource, and keeps the logical ID it had before
    // the stack was split into constructs (a `Default` path part does not count towards the ID).
    this.fn = new lambda.Function(this, 'Default', {
      code: functionCode(props.entry),
      handler: 'index.handler',
      runtime: lambda.Runtime.NODEJS_22_X,
      architecture: lambda.Architecture.ARM_64,
      memorySize: props.memorySize ?? 256,
      timeout: props.timeout,
      description: `pmi-hotline: ${props.description}`,
      role: this.role,
      logGroup: this.logGroup,
      environment: props.environment,
    });
    Validations.of(this).acknowledge({
      id: 'AwsSolutions-L1',
      reason: 'Pinned to nodejs22.x on purpose: the bundle targets node22 and the code is tested on it. Moving to a newer runtime is a deliberate, tested upgrade.',
    });
  }

  /**
   * The table (items and both indexes, no Scan) with its key, the key again for the data keys that
   * seal personal fields, and the lookup (HMAC) secret: what any use of the case store needs.
   * Statements written out (not table.grant) so the index resources are named, not `index/*`.
   */
  grantStore(data: HotlineData): this {
    this.role.addToPrincipalPolicy(new iam.PolicyStatement({ actions: TABLE_DATA_ACTIONS, resources: [data.table.tableArn] }));
    this.role.addToPrincipalPolicy(
      new iam.PolicyStatement({
        actions: ['dynamodb:Query'],
        resources: [TABLE.byContactIndex.name, TABLE.dueIndex.name].map((name) => `${data.table.tableArn}/index/${name}`),
      }),
    );
    // Per-case keys: read, made on first write, destroyed (overwritten by a tombstone) by an erasure.
    this.role.addToPrincipalPolicy(new iam.PolicyStatement({ actions: ['dynamodb:GetItem', 'dynamodb:PutItem'], resources: [data.keysTable.tableArn] }));
    data.key.grant(this.role, ...TABLE_KEY_ACTIONS);
    data.lookupKeySecret.grantRead(this.role);
    return this;
  }

  /** The console's queue indexes (gsi3-5): Query only, and only for the console. */
  grantQueueIndexes(data: HotlineData): this {
    this.role.addToPrincipalPolicy(
      new iam.PolicyStatement({
        actions: ['dynamodb:Query'],
        resources: QUEUE_INDEXES.map((index) => `${data.table.tableArn}/index/${index.name}`),
      }),
    );
    return this;
  }

  /** Query on more indexes of the table (the console's queues, the cases-by-month index). */
  grantIndexes(data: HotlineData, names: string[]): this {
    this.role.addToPrincipalPolicy(new iam.PolicyStatement({ actions: ['dynamodb:Query'], resources: names.map((name) => `${data.table.tableArn}/index/${name}`) }));
    return this;
  }

  /**
   * The figures aggregate only: the table's items (counters, per-case contributions) and the table
   * key DynamoDB needs to use them; no index, no lookup secret, nothing that decrypts a personal field.
   */
  grantFigures(data: HotlineData): this {
    this.role.addToPrincipalPolicy(new iam.PolicyStatement({ actions: TABLE_DATA_ACTIONS, resources: [data.table.tableArn] }));
    // The key only through DynamoDB: the one key also wraps the data keys of personal fields, which
    // this function must never be able to unwrap itself.
    this.role.addToPrincipalPolicy(new iam.PolicyStatement({
      actions: TABLE_KEY_ACTIONS, resources: [data.key.keyArn],
      conditions: { StringEquals: { 'kms:ViaService': `dynamodb.${Stack.of(this).region}.amazonaws.com` } },
    }));
    return this;
  }

  /** The Africa's Talking secret: the callback key (callbacks) and the credentials (reporter SMS). */
  /** The WhatsApp secret: webhook verification (app secret, verify token) and Graph API sending (access token). */
  grantWhatsAppSecret(data: HotlineData): this {
    data.whatsappSecret.grantRead(this.role);
    return this;
  }

  grantGatewaySecret(data: HotlineData): this {
    data.gatewaySecret.grantRead(this.role);
    return this;
  }

  /**
   * SMS straight to a phone number (SNS Publish with PhoneNumber) has no resource ARN, so IAM only
   * accepts Resource "*", and no condition key narrows it to phone numbers: only sns:Publish.
   */
  grantSendSms(): this {
    this.role.addToPrincipalPolicy(new iam.PolicyStatement({ sid: 'SendSmsToPhoneNumbers', actions: ['sns:Publish'], resources: ['*'] }));
    return this;
  }

  /**
   * Publish to an encrypted topic. Written by hand rather than topic.grantPublish, whose KMS part is
   * `kms:GenerateDataKey*`; SNS needs exactly these two actions on the topic key.
   */
  grantPublish(topic: sns.ITopic, data: HotlineData): this {
    this.role.addToPrincipalPolicy(new iam.PolicyStatement({ actions: ['sns:Publish'], resources: [topic.topicArn] }));
    data.key.grant(this.role, 'kms:GenerateDataKey', 'kms:Decrypt');
    return this;
  }
}
