import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { tmpdir } from 'node:os';
import { Validations, type CfnElement } from 'aws-cdk-lib';
import { Match } from 'aws-cdk-lib/assertions';
import type { DynamoDBRecord } from 'aws-lambda';
import type { IConstruct } from 'constructs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isNotifierRecord } from '../../lib/adapters/dynamo/stream-filter.js';
import { isFiguresRecord } from '../../lib/adapters/dynamo/stream-filter.js';
import { QUEUE_INDEXES, TABLE, createTableInput } from '../../lib/adapters/dynamo/table-definition.js';
import { createKeysTableInput } from '../../lib/adapters/crypto/subject-keys.js';
import { BUNDLE_BANNER, ROUTES, STABLE_LOGICAL_IDS, type FunctionName } from '../../infra/hotline-stack.js';
import { FUNCTIONS, FUNCTION_NAMES as MANIFEST_NAMES, envOf, type FunctionSpec } from '../../lib/composition/manifest.js';
import { NTB_WORKLOAD } from '../bench/cost.js';
import { REPO_ROOT, asArray, identityPolicyStatements, onlyResource, resourcesOfType, synthHotline, type Synthesised } from './synth.js';

// One synthesis (with esbuild bundling of all six functions) shared by every test in this file.
let s: Synthesised;
let resources: Record<string, any>;
beforeAll(() => {
  s = synthHotline({ bundle: true });
  resources = s.template.toJSON().Resources;
});
afterAll(() => s?.cleanup());

const FUNCTION_NAMES: FunctionName[] = ['smsInbound', 'smsDelivery', 'ussd', 'web', 'notifier', 'escalator', 'console', 'whatsapp'];
const HTTP_FUNCTIONS: FunctionName[] = ['smsInbound', 'smsDelivery', 'ussd', 'web', 'console', 'whatsapp'];
const logicalId = (construct: IConstruct) => s.stack.getLogicalId(construct.node.defaultChild as CfnElement);
const fnId = (name: FunctionName) => logicalId(s.stack.functions[name]);
const ref = (construct: IConstruct) => ({ Ref: logicalId(construct) });
const byPath = (path: string) => {
  const found = s.stack.node.findAll().find((c) => c.node.path === `PmiHotline/${path}`);
  if (!found) throw new Error(`no construct at ${path}`);
  return found;
};
/** Statements of the identity policies attached to a function's role. */
const statementsOf = (name: FunctionName) => {
  const roleId = logicalId(s.stack.functions[name].role!);
  const attached = new Set(
    resourcesOfType(s.template, 'AWS::IAM::Policy')
      .filter(([, p]) => p.Properties.Roles.some((r: any) => r.Ref === roleId))
      .map(([id]) => id),
  );
  return identityPolicyStatements(s.template).filter((x) => attached.has(x.logicalId)).map((x) => x.statement);
};
const allows = (name: FunctionName, action: string, resource: unknown) =>
  statementsOf(name).some(
    (st) => st.Effect === 'Allow' && asArray(st.Action).includes(action) && asArray(st.Resource).some((r) => JSON.stringify(r) === JSON.stringify(resource)),
  );

describe('HTTP API', () => {
  it('has exactly the nine public routes, WhatsApp\'s two and the console\'s two, each integrated with its function', () => {
    const routes = resourcesOfType(s.template, 'AWS::ApiGatewayV2::Route').map(([, r]) => r.Properties);
    expect(routes.map((r) => r.RouteKey).sort()).toEqual(
      ['POST /sms', 'POST /sms/delivery', 'POST /ussd', 'POST /ussd/events', 'GET /', 'POST /reports', 'GET /reports/done', 'GET /statistik', 'GET /statistik.json', 'ANY /console', 'ANY /console/{proxy+}', 'GET /whatsapp', 'POST /whatsapp'].sort(),
    );
    for (const route of ROUTES) {
      const cfn = routes.find((r) => r.RouteKey === `${route.method} ${route.path}`)!;
      const integrationId = cfn.Target['Fn::Join'][1][1].Ref;
      expect(resources[integrationId].Properties).toMatchObject({
        IntegrationType: 'AWS_PROXY',
        PayloadFormatVersion: '2.0',
        IntegrationUri: { 'Fn::GetAtt': [fnId(route.fn), 'Arn'] },
      });
    }
  });

  it('gives the public form routes their own tighter limits, below the stage default the callbacks use', () => {
    const stage = onlyResource(s.template, 'AWS::ApiGatewayV2::Stage').Properties;
    const routeKeys = resourcesOfType(s.template, 'AWS::ApiGatewayV2::Route').map(([, r]) => r.Properties.RouteKey);
    for (const key of ['GET /', 'POST /reports']) {
      expect(routeKeys).toContain(key);
      expect(stage.RouteSettings[key].ThrottlingRateLimit).toBeLessThan(stage.DefaultRouteSettings.ThrottlingRateLimit);
    }
    for (const key of Object.keys(stage.RouteSettings)) expect(routeKeys).toContain(key);
    expect(Object.keys(stage.RouteSettings).some((k) => k.includes('/sms') || k.includes('/ussd'))).toBe(false);
  });

  it('gives the console its own limits, below the stage default', () => {
    const stage = onlyResource(s.template, 'AWS::ApiGatewayV2::Stage').Properties;
    for (const key of ['ANY /console', 'ANY /console/{proxy+}']) {
      expect(stage.RouteSettings[key].ThrottlingRateLimit).toBeLessThan(stage.DefaultRouteSettings.ThrottlingRateLimit);
      expect(stage.RouteSettings[key].ThrottlingBurstLimit).toBeLessThan(stage.DefaultRouteSettings.ThrottlingBurstLimit);
    }
  });

  it('throttles the stage and writes access logs without the query string or caller IP', () => {
    const stage = onlyResource(s.template, 'AWS::ApiGatewayV2::Stage');
    const { DefaultRouteSettings: throttle, AccessLogSettings: access } = stage.Properties;
    expect(stage.Properties.StageName).toBe('$default');
    expect(throttle.ThrottlingRateLimit).toBeGreaterThan(0);
    expect(throttle.ThrottlingBurstLimit).toBeGreaterThanOrEqual(throttle.ThrottlingRateLimit);
    const logGroupId = access.DestinationArn['Fn::GetAtt'][0];
    expect(resources[logGroupId].Properties.RetentionInDays).toBeGreaterThan(0);
    const format = JSON.parse(access.Format);
    expect(format.requestId).toBe('$context.requestId');
    // The Africa's Talking callback key travels in `?key=`: it must never reach a log.
    expect(access.Format).not.toMatch(/querystring|requestOverride|\$context\.identity/i);
  });
});

describe('functions', () => {
  it('are ESM-bundled nodejs22.x+ on arm64 with 256 MB (512 MB where PINs are hashed) and bounded timeouts', () => {
    const fns = resourcesOfType(s.template, 'AWS::Lambda::Function');
    expect(fns).toHaveLength(9);
    for (const [, fn] of fns) {
      const [, version] = /^nodejs(\d+)\.x$/.exec(fn.Properties.Runtime) ?? [];
      expect(Number(version), fn.Properties.Runtime).toBeGreaterThanOrEqual(22);
      expect(fn.Properties.Architectures).toEqual(['arm64']);
      expect(fn.Properties.Handler).toBe('index.handler');
    }
    const memory = (name: FunctionName) => resources[fnId(name)].Properties.MemorySize;
    expect(memory('smsInbound')).toBe(512);
    expect(memory('console')).toBe(512);
    for (const name of ['smsDelivery', 'ussd', 'web', 'notifier', 'escalator', 'figures'] as const) expect(memory(name)).toBe(256);
    const timeout = (name: FunctionName) => resources[fnId(name)].Properties.Timeout;
    // Africa's Talking gives up after 15 s.
    for (const name of HTTP_FUNCTIONS) expect(timeout(name)).toBeLessThanOrEqual(10);
    expect(timeout('notifier')).toBe(60);
    expect(timeout('escalator')).toBe(120);
  });

  it('ask at deploy time for the number reporters text, in E.164 and with no default', () => {
    const param = s.template.toJSON().Parameters.HotlineSmsNumber;
    expect(param.Default).toBeUndefined();
    const pattern = new RegExp(param.AllowedPattern);
    expect(pattern.test('+6281234567890')).toBe(true);
    expect(pattern.test('081234567890')).toBe(false);
    expect(s.template.toJSON().Parameters.HotlinePhone.Default).toBe('0800-1000');
  });

  it('get the configuration lib/config.ts reads, pointing at this stack’s resources, and only what their grants imply', () => {
    const values = {
      STAGE: 'aws',
      TABLE_NAME: ref(s.stack.table),
      KMS_KEY_ARN: { 'Fn::GetAtt': [logicalId(byPath('Data/Key')), 'Arn'] },
      GATEWAY_SECRET_ARN: ref(byPath('Data/GatewaySecret')),
      LOOKUP_KEY_SECRET_ARN: ref(byPath('Data/LookupKeySecret')),
      EVENTS_TOPIC_ARN: ref(byPath('HotlineEvents')),
      WHATSAPP_SECRET_ARN: ref(byPath('Data/WhatsAppSecret')),
      LOG_LEVEL: 'INFO',
      POWERTOOLS_SERVICE_NAME: 'pmi-hotline',
      SMS_SHORTCODE: { Ref: 'HotlineSmsNumber' },
      HOTLINE_PHONE: { Ref: 'HotlinePhone' },
    } as Record<string, unknown>;
    for (const name of MANIFEST_NAMES) {
      const env = resources[fnId(name)].Properties.Environment.Variables;
      // Only set when a sender ID is configured (see props.test.ts).
      const expected = envOf(name).filter((v) => v !== 'AT_SENDER_ID' && v !== 'SNS_SENDER_ID');
      expect(Object.keys(env).sort(), name).toEqual(expected.sort());
      // CONSOLE_ORIGIN is the API's endpoint (an expression CDK builds).
      for (const variable of expected) {
        if (variable === 'CONSOLE_ORIGIN') expect(JSON.stringify(env[variable]), name).toContain(logicalId(s.stack.api));
        else expect(env[variable], `${name} ${variable}`).toEqual(values[variable]);
      }
      // --enable-source-maps would decode the whole source map at every cold start (npm run bench).
      expect(env).not.toHaveProperty('NODE_OPTIONS');
    }
    // What a function knows is what it may touch: the web form, the console and the figures do not
    // even know the name of the gateway secret they may not read, and the figures no key or secret.
    const knows = (name: FunctionName, variable: string) => variable in resources[fnId(name)].Properties.Environment.Variables;
    expect(MANIFEST_NAMES.filter((name) => knows(name, 'GATEWAY_SECRET_ARN')).sort()).toEqual(['escalator', 'notifier', 'smsDelivery', 'smsInbound', 'ussd']);
    expect(MANIFEST_NAMES.filter((name) => knows(name, 'EVENTS_TOPIC_ARN'))).toEqual(['notifier']);
    for (const variable of ['KMS_KEY_ARN', 'LOOKUP_KEY_SECRET_ARN', 'GATEWAY_SECRET_ARN']) expect(knows('figures', variable), variable).toBe(false);
  });

  it('log to their own log group with a retention period', () => {
    const logGroupIds = new Set<string>();
    for (const name of FUNCTION_NAMES) {
      const logGroupId = resources[fnId(name)].Properties.LoggingConfig.LogGroup.Ref;
      expect(resources[logGroupId].Type).toBe('AWS::Logs::LogGroup');
      logGroupIds.add(logGroupId);
    }
    expect(logGroupIds.size).toBe(8);
    for (const [id, group] of resourcesOfType(s.template, 'AWS::Logs::LogGroup')) {
      expect(group.Properties.RetentionInDays, id).toBe(30);
    }
    // No LogRetention custom resource (it brings its own Lambda with an AWS managed policy).
    expect(resourcesOfType(s.template, 'Custom::LogRetention')).toHaveLength(0);
  });

  const assetDir = (name: FunctionName) => join(s.assembly.directory, `asset.${(resources[fnId(name)].Properties.Code.S3Key as string).replace(/\.zip$/, '')}`);
  /** The files a cold start reads: index.mjs and, transitively, the chunks it imports statically (not through import()). */
  const readAtInit = (dir: string): string[] => {
    const files = new Set<string>();
    const visit = (file: string) => {
      if (files.has(file)) return;
      files.add(file);
      const code = readFileSync(join(dir, file), 'utf8');
      for (const [, path] of code.matchAll(/(?:from|import)\s*"(\.\/[^"]+\.mjs)"/g)) visit(join(dirname(file), path!));
    };
    visit('index.mjs');
    return [...files];
  };
  const sourcesOf = (dir: string, files: string[]): string[] => files.flatMap((file) => JSON.parse(readFileSync(join(dir, `${file}.map`), 'utf8')).sources as string[]);
  const initSources = (name: FunctionName) => sourcesOf(assetDir(name), readAtInit(assetDir(name)));
  const lazySources = (name: FunctionName) => {
    const dir = assetDir(name);
    const atInit = new Set(readAtInit(dir));
    const chunks = existsSync(join(dir, 'chunks')) ? readdirSync(join(dir, 'chunks')).filter((f) => f.endsWith('.mjs')).map((f) => join('chunks', f)) : [];
    return sourcesOf(dir, chunks.filter((f) => !atInit.has(f)));
  };

  it('are bundled as ESM with source maps and the AWS SDK inside the bundle, and without the require banner none of them needs', () => {
    for (const name of FUNCTION_NAMES) {
      const dir = assetDir(name);
      const code = readFileSync(join(dir, 'index.mjs'), 'utf8');
      // Every file a cold start reads would otherwise import `module` and call createRequire for nothing.
      for (const file of readAtInit(dir)) {
        const source = readFileSync(join(dir, file), 'utf8');
        expect(source.startsWith(BUNDLE_BANNER), `${name} ${file}`).toBe(false);
        // Node's web streams (seven internal modules) stay unloaded: middy's import of them is stood in for.
        expect(source, `${name} ${file}`).not.toMatch(/from\s*["']node:stream\/web["']/);
      }
      expect(code, name).not.toContain(REPO_ROOT);
      const map = JSON.parse(readFileSync(join(dir, 'index.mjs.map'), 'utf8'));
      expect(map.sources.length, name).toBeGreaterThan(0);
      expect(map.sourcesContent, name).toBeUndefined();
      const atInit = initSources(name);
      // Bundled, tree-shaken and minified: a cold start loads only the commands the function sends.
      expect(atInit.filter((src: string) => src.includes('node_modules/@aws-sdk/client-dynamodb/')).length, name).toBeGreaterThan(0);
      expect(code, name).not.toMatch(/from\s*["']@aws-sdk\//);
      // Entry and lazily loaded chunks together stay under the budget.
      const chunks = existsSync(join(dir, 'chunks')) ? readdirSync(join(dir, 'chunks')) : [];
      const total = statSync(join(dir, 'index.mjs')).size + chunks.filter((f) => f.endsWith('.mjs')).reduce((sum, f) => sum + statSync(join(dir, 'chunks', f)).size, 0);
      expect(total, name).toBeLessThan(1024 * 1024);
      expect(chunks.every((f) => /\.mjs(\.map)?$/.test(f)), name).toBe(true);
      // Credentials from the environment only (Lambda's): no SSO, ini-file or STS providers to parse.
      const all = [...atInit, ...lazySources(name)];
      expect(all.filter((src: string) => /credential-provider-(sso|ini|web-identity|node)\//.test(src)), name).toEqual([]);
      expect(atInit.some((src: string) => src.includes('credential-provider-env/')), name).toBe(true);
      expect(all.filter((src: string) => src.startsWith('/')), name).toEqual([]);
      expect(readdirSync(dir).filter((f) => f !== 'chunks').sort()).toEqual(['index.mjs', 'index.mjs.map']);
    }
  });

  it('each get a bundle of their own entry point', () => {
    const keys = FUNCTION_NAMES.map((name) => resources[fnId(name)].Properties.Code.S3Key as string);
    expect(new Set(keys).size).toBe(FUNCTION_NAMES.length);
  });

  it('leave code only some requests need to chunks that a cold start does not read', () => {
    const atInit = (name: FunctionName, part: string) => initSources(name).some((src) => src.includes(part));
    const lazily = (name: FunctionName, part: string) => lazySources(name).some((src) => src.includes(part));
    // Passkey ceremonies (WebAuthn, X.509 and ASN.1 parsers): only the console's passkey requests load them.
    expect(atInit('console', '@simplewebauthn/')).toBe(false);
    expect(lazily('console', '@simplewebauthn/server')).toBe(true);
    // The phone-number parser and its metadata: in the console, only the sign-in form's POST parses a number.
    expect(atInit('console', 'libphonenumber-js/')).toBe(false);
    expect(lazily('console', 'libphonenumber-js/')).toBe(true);
    // Each console page's code (views, forms, the use cases behind them) loads with that page's first request:
    // a cold start reads the router, the session check and the layout, not the case page, the exports or the figures.
    for (const page of ['lib/console/views.tsx', 'lib/console/timeline.ts', 'lib/console/requests.tsx', 'lib/console/print.tsx', 'lib/console/access-log.tsx',
      'lib/console/figures-pages.ts', 'lib/figures/dashboard.ts', 'lib/console/assets.ts', 'lib/use-cases/console/case-file.ts', 'lib/use-cases/console/queue.ts']) {
      expect(atInit('console', page), page).toBe(false);
      expect(lazily('console', page), page).toBe(true);
    }
    // The stream and schedule jobs never parse a number (the channel rule only asks whether a contact is a WhatsApp user id).
    for (const name of ['notifier', 'escalator', 'smsDelivery'] as const) expect(atInit(name, 'libphonenumber-js/') || atInit(name, 'domain/phone-metadata.ts'), name).toBe(false);
    // The same parser and the report use case in the web function: the form's POST loads them, showing the form does not.
    expect(atInit('web', 'libphonenumber-js/') || atInit('web', 'use-cases/file-report.ts')).toBe(false);
    expect(lazily('web', 'use-cases/file-report.ts')).toBe(true);
    // The alert rule and the officials' texts in the delivery-report function: only an official's alert that was not delivered loads them.
    expect(atInit('smsDelivery', 'cases/alerts.ts') || atInit('smsDelivery', 'messages/official.ts')).toBe(false);
    expect(lazily('smsDelivery', 'cases/alerts.ts')).toBe(true);
    // The public figures' page and tables: only a request for /statistik loads them, the form does not.
    expect(atInit('web', 'figures/statistik-page.ts') || atInit('web', 'figures/http.ts')).toBe(false);
    expect(lazily('web', 'figures/statistik-page.ts')).toBe(true);
    // SNS in the escalator: most runs alert nobody, so its first alert loads the client; the notifier alerts for every new case.
    expect(atInit('escalator', '@aws-sdk/client-sns/')).toBe(false);
    expect(lazily('escalator', '@aws-sdk/client-sns/')).toBe(true);
    expect(atInit('notifier', '@aws-sdk/client-sns/')).toBe(true);
    // The place reader and its NTB gazetteer: only a report's or a follow-up's text is read for places,
    // so STATUS, settings, delivery receipts and consent replies never load them; USSD asks from a list.
    for (const name of ['smsInbound', 'whatsapp'] as const) {
      expect(atInit(name, 'domain/places/gazetteer.ts') || atInit(name, 'domain/places/read-places.ts') || atInit(name, 'domain/places/names.ts'), name).toBe(false);
      expect(lazily(name, 'domain/places/gazetteer.ts') && lazily(name, 'domain/places/read-places.ts'), name).toBe(true);
    }
    expect(atInit('ussd', 'domain/places/gazetteer.ts') || lazily('ussd', 'domain/places/gazetteer.ts')).toBe(false);
    // The conversation in the WhatsApp webhook: only a webhook carrying a message loads it (and the phone
    // parser); statuses and the verification GET do not.
    for (const part of ['use-cases/receive-text.ts', 'use-cases/handle-inbound-sms.ts', 'conversation/grammar.ts', 'libphonenumber-js/', 'domain/phone-metadata.ts']) {
      expect(atInit('whatsapp', part), part).toBe(false);
      expect(lazily('whatsapp', part), part).toBe(true);
    }
    expect(atInit('whatsapp', 'whatsapp/payload.ts') && atInit('whatsapp', 'use-cases/record-delivery.ts')).toBe(true);
    // The SDK's event-stream codec: no client these functions use streams events.
    for (const name of FUNCTION_NAMES) expect(atInit(name, '/event-streams/'), name).toBe(false);
  });

  it('read few files at a cold start: the console\'s pages share one chunk with its router (lib/console/init-chunk.ts)', () => {
    // Every extra ES module a cold start reads costs ~0.4 ms; before init-chunk.ts the console read eleven.
    expect(readAtInit(assetDir('console')).length).toBeLessThanOrEqual(5);
    for (const name of FUNCTION_NAMES) expect(readAtInit(assetDir(name)).length, name).toBeLessThanOrEqual(6);
  });

  it('read at cold start the adapters of the aggregates their manifest entry names, and no other', () => {
    const atInit = (name: FunctionName, part: string) => initSources(name).some((src) => src.includes(part));
    const adapters = { ussdDrafts: 'adapters/dynamo/ussd-drafts.ts', counters: 'adapters/dynamo/rate-counter.ts', directory: 'adapters/dynamo/directory.ts' } as const;
    for (const name of FUNCTION_NAMES) {
      const ports: readonly string[] = (FUNCTIONS[name] as FunctionSpec).ports;
      // The console takes every aggregate at once (`stores`); any other function builds only its own on the sealed table.
      if (ports.includes('stores')) continue;
      expect(atInit(name, 'adapters/dynamo/stores.ts'), name).toBe(false);
      for (const [port, file] of Object.entries(adapters)) if (!ports.includes(port)) expect(atInit(name, file), `${name} ${file}`).toBe(false);
    }
    // Not vacuous: a function that takes one reads it.
    expect(atInit('ussd', adapters.ussdDrafts)).toBe(true);
    expect(atInit('smsDelivery', adapters.directory)).toBe(true);
    expect(atInit('smsDelivery', adapters.counters)).toBe(false);
    expect(atInit('web', adapters.directory)).toBe(false);
  });
});

describe('table', () => {
  it('is on-demand, PITR, CMK-encrypted, retained, with TTL, stream and both GSIs from TABLE', () => {
    s.template.hasResource('AWS::DynamoDB::Table', {
      DeletionPolicy: 'Retain',
      UpdateReplacePolicy: 'Retain',
      Properties: Match.objectLike({
        BillingMode: 'PAY_PER_REQUEST',
        PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
        SSESpecification: { SSEEnabled: true, SSEType: 'KMS', KMSMasterKeyId: { 'Fn::GetAtt': [logicalId(byPath('Data/Key')), 'Arn'] } },
        TimeToLiveSpecification: { AttributeName: TABLE.ttlAttribute, Enabled: true },
        StreamSpecification: { StreamViewType: 'NEW_AND_OLD_IMAGES' },
        DeletionProtectionEnabled: true,
      }),
    });
  });

  it('has the same keys, attributes, indexes and stream as the local table (createTableInput)', () => {
    const table = resources[STABLE_LOGICAL_IDS.table];
    const local = createTableInput('any');
    const byName = (a: { AttributeName?: string }, b: { AttributeName?: string }) => a.AttributeName!.localeCompare(b.AttributeName!);
    expect([...table.Properties.AttributeDefinitions].sort(byName)).toEqual([...local.AttributeDefinitions!].sort(byName));
    expect(table.Properties.KeySchema).toEqual(local.KeySchema);
    const indexes = (list: any[]) =>
      list.map((i) => ({ IndexName: i.IndexName, KeySchema: i.KeySchema, Projection: i.Projection })).sort((a, b) => a.IndexName.localeCompare(b.IndexName));
    expect(indexes(table.Properties.GlobalSecondaryIndexes)).toEqual(indexes(local.GlobalSecondaryIndexes!));
    expect(table.Properties.StreamSpecification.StreamViewType).toBe(local.StreamSpecification!.StreamViewType);
  });

  it('keeps per-case keys in a second table with no point-in-time recovery and no stream, so a destroyed key has no copy (crypto-shredding)', () => {
    const tables = resourcesOfType(s.template, 'AWS::DynamoDB::Table');
    expect(tables).toHaveLength(2);
    const keysId = logicalId(byPath('Data/KeysTable'));
    const keysTable = resources[keysId];
    expect(keysTable.Properties.PointInTimeRecoverySpecification?.PointInTimeRecoveryEnabled ?? false).toBe(false);
    expect(keysTable.Properties.StreamSpecification).toBeUndefined();
    expect(keysTable.Properties.KeySchema).toEqual(createKeysTableInput('any').KeySchema);
    expect(keysTable.Properties.TableName).toEqual({ 'Fn::Join': ['', [{ Ref: STABLE_LOGICAL_IDS.table }, '-keys']] });
    expect(keysTable.Properties.SSESpecification.KMSMasterKeyId).toEqual({ 'Fn::GetAtt': [STABLE_LOGICAL_IDS.key, 'Arn'] });
    expect(keysTable.DeletionPolicy).toBe('Retain');
    // Every function that reads or writes cases may read, make and destroy keys; none may scan or query them.
    for (const name of FUNCTION_NAMES) {
      const onKeys = statementsOf(name).filter((st: any) => JSON.stringify(st.Resource).includes(keysId));
      expect(onKeys.flatMap((st: any) => asArray(st.Action)).sort(), name).toEqual(['dynamodb:GetItem', 'dynamodb:PutItem']);
    }
  });

  it('is encrypted with the one customer-managed key, which rotates and outlives the stack', () => {
    const keys = resourcesOfType(s.template, 'AWS::KMS::Key');
    expect(keys.map(([id]) => id)).toEqual([logicalId(byPath('Data/Key'))]);
    const [, key] = keys[0]!;
    expect(key.Properties.EnableKeyRotation).toBe(true);
    expect(key.DeletionPolicy).toBe('Retain');
    expect(key.UpdateReplacePolicy).toBe('Retain');
  });

  it('keeps the logical IDs of retained and externally known resources, so an update never replaces them', () => {
    // The IDs the stack had before it was split into constructs: a changed ID is a new resource.
    const expected: Record<string, string> = {
      TableCD117FA1: 'AWS::DynamoDB::Table',
      TableKeyF581D96F: 'AWS::KMS::Key',
      LookupKeySecret35DCA09A: 'AWS::SecretsManager::Secret',
      GatewaySecret56F9BE8C: 'AWS::SecretsManager::Secret',
      HotlineEventsB3307949: 'AWS::SNS::Topic',
      AlarmTopicD01E77F9: 'AWS::SNS::Topic',
      ApiF70053CD: 'AWS::ApiGatewayV2::Api',
      DefaultStageEE28A986: 'AWS::ApiGatewayV2::Stage',
    };
    for (const [id, type] of Object.entries(expected)) expect(resources[id]?.Type, id).toBe(type);
    expect(resources.TableCD117FA1.Properties.SSESpecification.KMSMasterKeyId).toEqual({ 'Fn::GetAtt': ['TableKeyF581D96F', 'Arn'] });
    expect(resources.TableCD117FA1.DeletionPolicy).toBe('Retain');
    expect(resources.TableKeyF581D96F.DeletionPolicy).toBe('Retain');
    expect(resources.LookupKeySecret35DCA09A.DeletionPolicy).toBe('Retain');
    expect(STABLE_LOGICAL_IDS).toMatchObject({ table: 'TableCD117FA1', key: 'TableKeyF581D96F' });
  });
});

describe('notifier stream', () => {
  const mapping = () => {
    // Two mappings on the stream: the notifier's and the figures consumer's (tested below).
    const mappings = resourcesOfType(s.template, 'AWS::Lambda::EventSourceMapping').filter(([, m]) => m.Properties.FunctionName.Ref === fnId('notifier'));
    expect(mappings).toHaveLength(1);
    return mappings[0]![1].Properties;
  };

  it('reads the table stream with bounded retries, bisection, partial failures and a DLQ', () => {
    const m = mapping();
    expect(m.FunctionName).toEqual({ Ref: fnId('notifier') });
    expect(m.EventSourceArn).toEqual({ 'Fn::GetAtt': [logicalId(s.stack.table), 'StreamArn'] });
    expect(m.StartingPosition).toBe('LATEST');
    expect(m.BatchSize).toBe(25);
    expect(m.BisectBatchOnFunctionError).toBe(true);
    expect(m.MaximumRetryAttempts).toBeGreaterThanOrEqual(0);
    expect(m.MaximumRetryAttempts).toBeLessThanOrEqual(10);
    expect(m.MaximumRecordAgeInSeconds).toBeGreaterThan(0);
    expect(m.MaximumRecordAgeInSeconds).toBeLessThanOrEqual(6 * 3600);
    expect(m.FunctionResponseTypes).toEqual(['ReportBatchItemFailures']);
    const dlqId = logicalId(byPath('NotifierStream/Dlq'));
    expect(m.DestinationConfig).toEqual({ OnFailure: { Destination: { 'Fn::GetAtt': [dlqId, 'Arn'] } } });
  });

  it('has an encrypted, TLS-only dead-letter queue that keeps failures 14 days', () => {
    const dlqId = logicalId(byPath('NotifierStream/Dlq'));
    expect(resources[dlqId].Properties).toMatchObject({ SqsManagedSseEnabled: true, MessageRetentionPeriod: 14 * 24 * 3600 });
    s.template.hasResourceProperties('AWS::SQS::QueuePolicy', {
      Queues: [{ Ref: dlqId }],
      PolicyDocument: { Statement: Match.arrayWith([Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } })]) },
    });
  });

  // Lambda event filtering with literal-list patterns: every key must match, a list means "one of".
  const matches = (pattern: unknown, value: unknown): boolean => {
    if (Array.isArray(pattern)) {
      if (!pattern.every((p) => ['string', 'number', 'boolean'].includes(typeof p))) throw new Error('only literal lists are modelled');
      return pattern.includes(value as never);
    }
    return Object.entries(pattern as object).every(([k, p]) => matches(p, (value as Record<string, unknown> | undefined)?.[k]));
  };
  const record = (eventName: 'INSERT' | 'MODIFY' | 'REMOVE', pk: string, sk: string): DynamoDBRecord => {
    const image = { pk: { S: pk }, sk: { S: sk } };
    return {
      eventName,
      dynamodb: {
        Keys: image,
        ...(eventName !== 'INSERT' ? { OldImage: image } : {}),
        ...(eventName !== 'REMOVE' ? { NewImage: image } : {}),
      },
    };
  };

  it('filters records exactly as the notifier’s own predicate does', () => {
    const filters = mapping().FilterCriteria.Filters.map((f: { Pattern: string }) => JSON.parse(f.Pattern));
    const accepted = (r: DynamoDBRecord) => filters.some((f: unknown) => matches(f, r));
    const cases: Array<[DynamoDBRecord, boolean]> = [
      [record('INSERT', 'CASE#1', 'CASE'), true],
      [record('MODIFY', 'CASE#1', 'CASE'), true],
      [record('INSERT', 'MSG#1', 'MSG'), true],
      [record('MODIFY', 'MSG#1', 'MSG'), false], // a status update of an outbox message
      [record('REMOVE', 'MSG#1', 'MSG'), false], // TTL expiry
      [record('REMOVE', 'CASE#1', 'CASE'), false],
      [record('INSERT', 'CASE#1', 'EV#2026-01-01T00:00:00Z#1'), false],
      [record('INSERT', 'RATE#sms#x#1', 'RATE'), false],
      [record('INSERT', 'USSD#h', 'DRAFT'), false],
      [record('INSERT', 'REF#ABC', 'REF'), false],
    ];
    for (const [r, expected] of cases) {
      const label = `${r.eventName} ${r.dynamodb!.Keys!.sk!.S}`;
      expect(accepted(r), label).toBe(expected);
      expect(isNotifierRecord(r), label).toBe(expected);
    }
  });
});

describe('figures (issue 14)', () => {
  const figuresMapping = () => {
    const mappings = resourcesOfType(s.template, 'AWS::Lambda::EventSourceMapping').filter(([, m]) => m.Properties.FunctionName.Ref === fnId('figures'));
    expect(mappings).toHaveLength(1);
    return mappings[0]![1].Properties;
  };

  it('are kept by their own stream mapping that reads case changes only, with partial failures and a DLQ', () => {
    const m = figuresMapping();
    expect(m.EventSourceArn).toEqual({ 'Fn::GetAtt': [logicalId(s.stack.table), 'StreamArn'] });
    expect(m.FunctionResponseTypes).toEqual(['ReportBatchItemFailures']);
    expect(m.DestinationConfig).toEqual({ OnFailure: { Destination: { 'Fn::GetAtt': [logicalId(byPath('FiguresStream/Dlq')), 'Arn'] } } });
    const filters = m.FilterCriteria.Filters.map((f: { Pattern: string }) => JSON.parse(f.Pattern));
    const image = (sk: string) => ({ pk: { S: 'X#1' }, sk: { S: sk } });
    const rec = (eventName: 'INSERT' | 'MODIFY' | 'REMOVE', sk: string) => ({ eventName, dynamodb: { Keys: image(sk), NewImage: image(sk) } }) as DynamoDBRecord;
    for (const [r, expected] of [[rec('INSERT', 'CASE'), true], [rec('MODIFY', 'CASE'), true], [rec('REMOVE', 'CASE'), false], [rec('INSERT', 'MSG'), false], [rec('INSERT', 'FIGCASE'), false]] as const) {
      const accepted = filters.some((f: { eventName: string[]; dynamodb: { Keys: { sk: { S: string[] } } } }) =>
        f.eventName.includes(r.eventName!) && f.dynamodb.Keys.sk.S.includes(r.dynamodb!.Keys!.sk!.S!));
      expect(accepted, `${r.eventName} ${r.dynamodb!.Keys!.sk!.S}`).toBe(expected);
      expect(isFiguresRecord(r)).toBe(expected);
    }
  });

  it('are written by a function that gets the table and the key, and no lookup secret, no SMS, no Scan', () => {
    const statements = statementsOf('figures');
    // Its own grant of the key is only through DynamoDB (the stream mapping adds kms:Decrypt to read the stream).
    const viaDynamo = statements.filter((st) => JSON.stringify(st.Condition ?? {}).includes('kms:ViaService'));
    expect(viaDynamo.length).toBe(1);
    expect(statements.some((st) => asArray(st.Action).includes('secretsmanager:GetSecretValue'))).toBe(false);
    expect(statements.some((st) => asArray(st.Action).includes('sns:Publish'))).toBe(false);
    expect(statements.some((st) => asArray(st.Action).includes('dynamodb:Scan'))).toBe(false);
  });

  it('are served on GET /statistik and /statistik.json by the web function, under their own route limits', () => {
    for (const path of ['/statistik', '/statistik.json']) {
      const route = ROUTES.find((r) => r.path === path)!;
      expect(route.fn).toBe('web');
      expect(route.throttle!.rateLimit).toBeLessThanOrEqual(20);
    }
  });

  it("give operators a CloudWatch dashboard of the hotline's metrics", () => {
    const dashboard = onlyResource(s.template, 'AWS::CloudWatch::Dashboard');
    const body = JSON.stringify(dashboard.Properties.DashboardBody);
    for (const metric of ['ReportFiled', 'AlertSent', 'AlertFailed', 'AcknowledgedInTime', 'AcknowledgedLate', 'Escalated', 'DeadLetter', 'ReporterSmsSent', 'SpendGuardTripped', 'SMSMonthToDateSpentUSD', 'ApproximateNumberOfMessagesVisible']) {
      expect(body, metric).toContain(metric);
    }
    expect(body).toContain('PmiHotline');
    for (const channel of ['sms', 'ussd', 'web']) expect(body).toContain(`\\"channel\\",\\"${channel}\\"`);
  });
});

describe('schedule', () => {
  it('runs the escalator every 5 minutes without piling up stale retries', () => {
    s.template.hasResourceProperties('AWS::Events::Rule', {
      ScheduleExpression: 'rate(5 minutes)',
      State: 'ENABLED',
      Targets: [Match.objectLike({ Arn: { 'Fn::GetAtt': [fnId('escalator'), 'Arn'] }, RetryPolicy: { MaximumEventAgeInSeconds: 300, MaximumRetryAttempts: 2 } })],
    });
    s.template.hasResourceProperties('AWS::Lambda::EventInvokeConfig', {
      FunctionName: { Ref: fnId('escalator') },
      MaximumRetryAttempts: 0,
    });
  });
});

describe('alarms', () => {
  const alarms = () => resourcesOfType(s.template, 'AWS::CloudWatch::Alarm').map(([, a]) => a.Properties);
  const alarmTopic = () => ref(byPath('Alarms/Topic'));

  it('watch errors of every function', () => {
    for (const name of FUNCTION_NAMES) {
      const alarm = alarms().find((a) => a.MetricName === 'Errors' && a.Dimensions?.[0]?.Value?.Ref === fnId(name));
      expect(alarm, name).toMatchObject({ Namespace: 'AWS/Lambda', Threshold: 1, ComparisonOperator: 'GreaterThanOrEqualToThreshold' });
    }
  });

  it('watch the hotline\'s own counts where someone must act: alerts that failed, an escalation spike, the SMS spend guard', () => {
    const own = (name: string) => alarms().find((a) => a.Namespace === 'PmiHotline' && a.MetricName === name);
    for (const name of ['AlertFailed', 'SpendGuardTripped']) {
      expect(own(name), name).toMatchObject({ Statistic: 'Sum', Threshold: 1, ComparisonOperator: 'GreaterThanOrEqualToThreshold', TreatMissingData: 'notBreaching' });
    }
    expect(own('Escalated')).toMatchObject({ Statistic: 'Sum', Period: 3600, Threshold: 10, ComparisonOperator: 'GreaterThanThreshold' });
    // Powertools writes every count with the service dimension; an alarm on another dimension set never fires.
    for (const name of ['AlertFailed', 'SpendGuardTripped', 'Escalated']) expect(own(name)!.Dimensions).toEqual([{ Name: 'service', Value: 'pmi-hotline' }]);
  });

  it('are what the cost estimate counts', () => {
    expect(alarms()).toHaveLength(NTB_WORKLOAD.alarms);
  });

  it('watch the DLQ depth, stream iterator age, escalator heartbeat and API 5xx', () => {
    const find = (metric: string) => alarms().find((a) => a.MetricName === metric);
    expect(find('ApproximateNumberOfMessagesVisible')).toMatchObject({
      Namespace: 'AWS/SQS',
      Dimensions: [{ Name: 'QueueName', Value: { 'Fn::GetAtt': [logicalId(byPath('NotifierStream/Dlq')), 'QueueName'] } }],
      Threshold: 0,
      ComparisonOperator: 'GreaterThanThreshold',
    });
    expect(find('IteratorAge')).toMatchObject({
      Dimensions: [{ Name: 'FunctionName', Value: { Ref: fnId('notifier') } }],
      Statistic: 'Maximum',
      Threshold: 5 * 60 * 1000,
    });
    expect(find('Invocations')).toMatchObject({
      Dimensions: [{ Name: 'FunctionName', Value: { Ref: fnId('escalator') } }],
      ComparisonOperator: 'LessThanThreshold',
      TreatMissingData: 'breaching',
    });
    expect(find('5xx')).toMatchObject({ Namespace: 'AWS/ApiGateway', Dimensions: [{ Name: 'ApiId', Value: ref(s.stack.api) }] });
    expect(find('SMSMonthToDateSpentUSD')).toMatchObject({ Namespace: 'AWS/SNS', Threshold: 10 });
  });

  it('all notify the encrypted, TLS-only alarm topic', () => {
    expect(alarms().length).toBeGreaterThanOrEqual(11);
    for (const a of alarms()) expect(a.AlarmActions, a.AlarmDescription).toEqual([alarmTopic()]);
    const topic = resources[logicalId(byPath('Alarms/Topic'))].Properties;
    expect(topic.KmsMasterKeyId).toBeDefined();
    // CloudWatch must be able to use the topic key, or alarm notifications silently fail.
    const keyId = topic.KmsMasterKeyId['Fn::GetAtt'][0];
    expect(resources[keyId].Properties.KeyPolicy.Statement).toContainEqual(
      expect.objectContaining({ Principal: { Service: 'cloudwatch.amazonaws.com' }, Action: ['kms:Decrypt', 'kms:GenerateDataKey'] }),
    );
    // The TLS-only topic policy replaces SNS's default one: CloudWatch needs its own Allow, scoped to
    // this account's alarms.
    s.template.hasResourceProperties('AWS::SNS::TopicPolicy', {
      Topics: [{ Ref: logicalId(byPath('Alarms/Topic')) }],
      PolicyDocument: {
        Statement: Match.arrayWith([Match.objectLike({
          Effect: 'Allow', Principal: { Service: 'cloudwatch.amazonaws.com' }, Action: 'sns:Publish',
          Condition: { StringEquals: { 'aws:SourceAccount': { Ref: 'AWS::AccountId' } }, ArnLike: { 'aws:SourceArn': Match.anyValue() } },
        })]),
      },
    });
  });
});

describe('events topic', () => {
  it('is KMS-encrypted and accepts TLS only', () => {
    const topicId = logicalId(byPath('HotlineEvents'));
    expect(resources[topicId].Properties.KmsMasterKeyId).toEqual({ 'Fn::GetAtt': [logicalId(byPath('Data/Key')), 'Arn'] });
    s.template.hasResourceProperties('AWS::SNS::TopicPolicy', {
      Topics: [{ Ref: topicId }],
      PolicyDocument: { Statement: Match.arrayWith([Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } })]) },
    });
  });
});

describe('secrets', () => {
  it('generate the gateway callback key inside the credentials template and a 64-character lookup key', () => {
    expect(resources[logicalId(byPath('Data/GatewaySecret'))].Properties.GenerateSecretString).toEqual({
      SecretStringTemplate: JSON.stringify({ username: 'sandbox', apiKey: 'set-me' }),
      GenerateStringKey: 'callbackKey',
      ExcludePunctuation: true,
      PasswordLength: 40,
    });
    const lookup = resources[logicalId(byPath('Data/LookupKeySecret'))];
    expect(lookup.Properties.GenerateSecretString).toEqual({ ExcludePunctuation: true, PasswordLength: 64 });
    expect(lookup.DeletionPolicy).toBe('Retain');
  });
});

describe('IAM', () => {
  it('has no wildcard actions in any identity policy', () => {
    const statements = identityPolicyStatements(s.template);
    expect(statements.length).toBeGreaterThan(0);
    for (const { logicalId: id, statement } of statements) {
      expect(statement.NotAction, id).toBeUndefined();
      for (const action of asArray(statement.Action)) expect(action, id).not.toContain('*');
    }
  });

  it('uses no AWS managed policies', () => {
    for (const [id, role] of resourcesOfType(s.template, 'AWS::IAM::Role')) expect(role.Properties.ManagedPolicyArns, id).toBeUndefined();
  });

  it('allows Resource "*" only for SMS to phone numbers (notifier, escalator) and stream listing (notifier)', () => {
    const starActions = (name: FunctionName) =>
      statementsOf(name)
        .filter((st) => asArray(st.Resource).includes('*'))
        .flatMap((st) => asArray(st.Action))
        .sort();
    expect(starActions('notifier')).toEqual(['dynamodb:ListStreams', 'sns:Publish']);
    expect(starActions('escalator')).toEqual(['sns:Publish']);
    for (const name of HTTP_FUNCTIONS) expect(starActions(name), name).toEqual([]);
  });

  it('grants each function the table, the key and the lookup secret, and no Scan', () => {
    const tableArn = { 'Fn::GetAtt': [logicalId(s.stack.table), 'Arn'] };
    const keyArn = { 'Fn::GetAtt': [logicalId(byPath('Data/Key')), 'Arn'] };
    for (const name of FUNCTION_NAMES) {
      for (const action of ['dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:Query', 'dynamodb:ConditionCheckItem']) {
        expect(allows(name, action, tableArn), `${name} ${action}`).toBe(true);
      }
      expect(allows(name, 'dynamodb:Query', { 'Fn::Join': ['', [tableArn, `/index/${TABLE.dueIndex.name}`]] }), name).toBe(true);
      expect(allows(name, 'dynamodb:Query', { 'Fn::Join': ['', [tableArn, `/index/${TABLE.byContactIndex.name}`]] }), name).toBe(true);
      expect(statementsOf(name).some((st) => asArray(st.Action).includes('dynamodb:Scan')), name).toBe(false);
      // Only the console reads the queue indexes.
      for (const index of QUEUE_INDEXES) {
        expect(allows(name, 'dynamodb:Query', { 'Fn::Join': ['', [tableArn, `/index/${index.name}`]] }), `${name} ${index.name}`).toBe(name === 'console');
      }
      expect(allows(name, 'kms:GenerateDataKey', keyArn) && allows(name, 'kms:Decrypt', keyArn), name).toBe(true);
      expect(allows(name, 'secretsmanager:GetSecretValue', ref(byPath('Data/LookupKeySecret'))), name).toBe(true);
    }
  });

  it('gives each function only the secrets and SMS rights it uses: the web form cannot read the gateway secret, only senders send SMS', () => {
    const gateway = ref(byPath('Data/GatewaySecret'));
    const readsGateway = (name: FunctionName) => allows(name, 'secretsmanager:GetSecretValue', gateway);
    const sendsSms = (name: FunctionName) => statementsOf(name).some((st) => asArray(st.Action).includes('sns:Publish') && asArray(st.Resource).includes('*'));
    expect(FUNCTION_NAMES.filter(readsGateway).sort()).toEqual(['escalator', 'notifier', 'smsDelivery', 'smsInbound', 'ussd']);
    expect(readsGateway('web')).toBe(false);
    expect(readsGateway('console')).toBe(false);
    expect(FUNCTION_NAMES.filter(sendsSms).sort()).toEqual(['escalator', 'notifier']);
    // The WhatsApp secret: the webhook (app secret, verify token) and the two senders (access token), nobody else.
    const whatsapp = ref(byPath('Data/WhatsAppSecret'));
    expect(FUNCTION_NAMES.filter((name) => allows(name, 'secretsmanager:GetSecretValue', whatsapp)).sort()).toEqual(['escalator', 'notifier', 'whatsapp']);
    // Nobody reads a secret by a wildcard or another stack's secret.
    for (const name of FUNCTION_NAMES) {
      const secretResources = statementsOf(name).filter((st) => asArray(st.Action).includes('secretsmanager:GetSecretValue')).flatMap((st) => asArray(st.Resource));
      for (const r of secretResources) expect([gateway, ref(byPath('Data/LookupKeySecret')), whatsapp], name).toContainEqual(r);
    }
  });

  it('lets only the notifier publish case events; HTTP functions cannot publish at all', () => {
    const topic = ref(byPath('HotlineEvents'));
    const topicKeyArn = { 'Fn::GetAtt': [logicalId(byPath('Data/Key')), 'Arn'] };
    expect(allows('notifier', 'sns:Publish', topic)).toBe(true);
    expect(allows('notifier', 'kms:GenerateDataKey', topicKeyArn)).toBe(true);
    for (const name of HTTP_FUNCTIONS) {
      expect(statementsOf(name).some((st) => asArray(st.Action).includes('sns:Publish')), name).toBe(false);
    }
  });
});

describe('outputs', () => {
  it('give the callback URLs to enter in Africa’s Talking, never the callback key', () => {
    const outputs = s.template.toJSON().Outputs as Record<string, { Value: unknown; Description: string }>;
    const suffix = (id: string) => {
      const parts = (outputs[id]!.Value as { 'Fn::Join': [string, unknown[]] })['Fn::Join'][1];
      return parts[parts.length - 1];
    };
    expect(suffix('ApiUrl')).toBe('/');
    expect(suffix('SmsCallbackUrl')).toBe('/sms');
    expect(suffix('SmsDeliveryReportsUrl')).toBe('/sms/delivery');
    expect(suffix('UssdCallbackUrl')).toBe('/ussd');
    expect(suffix('UssdEventsUrl')).toBe('/ussd/events');
    for (const id of ['SmsCallbackUrl', 'SmsDeliveryReportsUrl', 'UssdCallbackUrl', 'UssdEventsUrl']) {
      expect(outputs[id]!.Description).toContain('?key=<callbackKey');
    }
    const text = JSON.stringify(outputs);
    expect(text).not.toContain('resolve:secretsmanager');
    expect(text).not.toContain('SecretString');
  });
});

describe('portability', () => {
  it('contains no account id and no machine path', () => {
    const text = JSON.stringify(s.template.toJSON());
    expect(text.match(/\b\d{12}\b/g)).toBeNull();
    expect(text).not.toContain(REPO_ROOT);
    expect(text).not.toContain(tmpdir());
    for (const file of ['infra/app.ts', 'infra/hotline-stack.ts', 'cdk.json', ...readdirSync(join(REPO_ROOT, 'infra/constructs')).map((f) => `infra/constructs/${f}`)]) {
      const source = readFileSync(join(REPO_ROOT, file), 'utf8');
      expect(source.match(/\b\d{12}\b/g), file).toBeNull();
      expect(source, file).not.toMatch(/(["'`])\/(home|Users|work|tmp|var)\//);
    }
    expect(existsSync(join(REPO_ROOT, 'package-lock.json'))).toBe(true);
  });
});

describe('cdk-nag (AwsSolutions)', () => {
  it('reports no unacknowledged errors or warnings', () => {
    const summary = s.nagViolations.map((v) => `${v.ruleName} (${v.severity}): ${v.violatingResources.map((r) => r.constructPath).join(', ')}`);
    expect(summary).toEqual([]);
  });

  it('acknowledges only the reviewed rules, each with a reason', () => {
    const acknowledged: string[] = [];
    for (const construct of s.app.node.findAll()) {
      for (const entry of construct.node.metadata) {
        if (entry.type !== Validations.ACKNOWLEDGED_RULES_METADATA_KEY) continue;
        for (const [id, reason] of Object.entries(entry.data as Record<string, string>)) {
          expect(String(reason).length, id).toBeGreaterThan(40);
          acknowledged.push(`${construct.node.path.replace(/^PmiHotline\//, '')} ${id.replace(/^annotation::/i, '')}`);
        }
      }
    }
    expect(acknowledged.sort()).toEqual(
      [
        'Api AwsSolutions-APIG4',
        'Escalator/Role AwsSolutions-IAM5[Resource::*]',
        'Data/GatewaySecret AwsSolutions-SMG4',
        'Data/LookupKeySecret AwsSolutions-SMG4',
        'Data/WhatsAppSecret AwsSolutions-SMG4',
        'Data/KeysTable AwsSolutions-DDB3',
        'NotifierStream/Dlq AwsSolutions-SQS3',
        'FiguresStream/Dlq AwsSolutions-SQS3',
        'Notifier/Role AwsSolutions-IAM5[Resource::*]',
        'Figures/Role AwsSolutions-IAM5[Resource::*]',
        ...['SmsInbound', 'SmsDelivery', 'Ussd', 'Web', 'Notifier', 'Escalator', 'Console', 'Figures', 'WhatsApp'].map((fn) => `${fn} AwsSolutions-L1`),
      ].sort(),
    );
  });
});
