import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { EOL, tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { App, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BUNDLE_BANNER, africasTalkingLayerCode, bundleFunction } from '../../infra/hotline-stack.js';
import { functionCode } from '../../infra/constructs/hotline-function.js';
import { REPO_ROOT } from './synth.js';
import { entryOf, type FunctionName } from '../../lib/composition/manifest.js';

/**
 * The real handlers change often; this probe pins what the bundling settings must support: CommonJS
 * africastalking from the layer (through createRequire), zod, libphonenumber-js, middy, Powertools,
 * and the AWS SDK bundled (tree-shaken, minified) rather than loaded from the runtime.
 */
let outdir: string;
let bundle: string;
let layerModules: string;
beforeAll(() => {
  outdir = mkdtempSync(join(tmpdir(), 'pmi-hotline-bundle-'));
  const app = new App({ outdir });
  const stack = new Stack(app, 'Probe');
  const fn = new lambda.Function(stack, 'Probe', {
    code: functionCode('test/infra/fixtures/bundle-probe.ts'),
    handler: 'index.handler',
    runtime: lambda.Runtime.NODEJS_22_X,
    architecture: lambda.Architecture.ARM_64,
  });
  const layer = new lambda.LayerVersion(stack, 'AtLayer', { code: africasTalkingLayerCode() });
  const assembly = app.synth();
  const layerKey: string = Template.fromStack(stack).toJSON().Resources[stack.getLogicalId(layer.node.defaultChild as lambda.CfnLayerVersion)].Properties.Content.S3Key;
  layerModules = join(assembly.directory, `asset.${layerKey.replace(/\.zip$/, '')}`, 'nodejs', 'node_modules');
  const key: string = Template.fromStack(stack).toJSON().Resources[stack.getLogicalId(fn.node.defaultChild as lambda.CfnFunction)].Properties.Code.S3Key;
  bundle = join(assembly.directory, `asset.${key.replace(/\.zip$/, '')}`, 'index.mjs');
  // The bundle runs from a folder with no node_modules at all: the SDK must be inside it, and
  // africastalking can only be found through the layer.
});
afterAll(() => rmSync(outdir, { recursive: true, force: true }));

describe('function bundling', () => {
  it('bundles the AWS SDK instead of importing the runtime\'s copy', () => {
    const code = readFileSync(bundle, 'utf8');
    // Booleans, not the code: a failure should not print half a megabyte of minified bundle.
    expect(/from\s*["']@aws-sdk\//.test(code)).toBe(false);
    expect(code.includes('"SNSClient"')).toBe(true);
  });

  it('keeps the Africa\'s Talking SDK out of the function and in a one-file layer', () => {
    expect(readFileSync(bundle, 'utf8')).not.toContain('api.africastalking.com');
    expect(readFileSync(join(layerModules, 'africastalking', 'index.js'), 'utf8')).toContain('africastalking.com');
  });

  it('produces an ESM bundle that loads and runs in plain Node.js with the layer on NODE_PATH', () => {
    const script = `const m = await import(${JSON.stringify(pathToFileURL(bundle).href)}); process.stdout.write(JSON.stringify(await m.handler({}, {})));`;
    const out = execFileSync(process.execPath, ['--enable-source-maps', '--input-type=module', '-e', script], {
      cwd: outdir,
      encoding: 'utf8',
      env: { PATH: process.env.PATH ?? '', NODE_PATH: layerModules },
    });
    expect(JSON.parse(out)).toEqual({ africastalkingSms: 'function', phone: 'ID', zod: 5, batch: 'function', sdk: 'function', command: 'function' });
  });
});

describe('the require banner', () => {
  it('is added only to a bundle whose CommonJS code requires a module left outside it, which then loads', () => {
    const plain = bundleFunction('test/infra/fixtures/bundle-probe.ts', join(outdir, 'no-banner'));
    expect(plain.requireBanner).toBe(false);
    expect(readFileSync(join(outdir, 'no-banner', 'index.mjs'), 'utf8').startsWith(BUNDLE_BANNER)).toBe(false);
    const withRequire = bundleFunction('test/infra/fixtures/require-probe.ts', join(outdir, 'banner'));
    expect(withRequire.requireBanner).toBe(true);
    const file = join(outdir, 'banner', 'index.mjs');
    expect(readFileSync(file, 'utf8').startsWith(BUNDLE_BANNER)).toBe(true);
    const script = `const m = await import(${JSON.stringify(pathToFileURL(file).href)}); process.stdout.write(await m.handler());`;
    expect(JSON.parse(execFileSync(process.execPath, ['--input-type=module', '-e', script], { cwd: outdir, encoding: 'utf8' }))).toBe(EOL);
  });
});

describe('a deployed function bundle', () => {
  /**
   * The real entry points, bundled as the stack bundles them, run in a fresh node with the
   * environment the stack gives that function (STAGE=aws, the variables its grants imply): configuration, SDK clients, the secret reads through Powertools, the
   * handler factory. AWS is a loopback stand-in (nothing leaves the machine) that serves the secrets.
   */
  async function invoke(fn: FunctionName, event: Record<string, unknown>): Promise<{ statusCode: number; headers: Record<string, string>; body?: string }> {
    const { bundle: build, fakeAws, awsLikeEnv } = await import('../bench/bundles.js');
    const { file } = build(entryOf(fn), join(outdir, `fn-${fn}`));
    const aws = await fakeAws();
    try {
      const context = "{ awsRequestId: 'r-1', functionName: 'f', functionVersion: '1', invokedFunctionArn: 'arn:aws:lambda:ap-southeast-3:000000000000:function:f', memoryLimitInMB: '256', getRemainingTimeInMillis: () => 10000 }";
      const script = `const m = await import(${JSON.stringify(pathToFileURL(file).href)}); const r = await m.handler(${JSON.stringify(event)}, ${context}); process.stdout.write('RESULT ' + JSON.stringify({ statusCode: r.statusCode, headers: r.headers, body: r.body }));`;
      const { spawn } = await import('node:child_process');
      const out = await new Promise<string>((resolveOut, reject) => {
        const child = spawn(process.execPath, ['--input-type=module', '-e', script], { cwd: outdir, env: { PATH: process.env.PATH ?? '', ...awsLikeEnv(aws.endpoint, fn), LOG_LEVEL: 'SILENT' } });
        let stdout = '';
        let stderr = '';
        child.stdout.on('data', (d: Buffer) => { stdout += d.toString(); });
        child.stderr.on('data', (d: Buffer) => { stderr += d.toString(); });
        child.on('exit', () => (stdout.includes('RESULT ') ? resolveOut(stdout) : reject(new Error(stderr.slice(0, 500)))));
      });
      return JSON.parse(out.slice(out.indexOf('RESULT ') + 7));
    } finally {
      aws.server.close();
    }
  }
  const httpEvent = (method: string, path: string, query?: Record<string, string>) => ({
    version: '2.0', routeKey: `${method} ${path}`, rawPath: path, rawQueryString: '', headers: {},
    ...(query ? { queryStringParameters: query } : {}), isBase64Encoded: false,
    requestContext: { http: { method, path, protocol: 'HTTP/1.1', sourceIp: '192.0.2.1', userAgent: 't' }, requestId: 'r', routeKey: `${method} ${path}`, stage: '$default' },
  });

  it('serves the web form in the AWS stage, its ports built from the stack\'s environment', async () => {
    const res = await invoke('web', httpEvent('GET', '/'));
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
  });

  it('loads the public figures from their chunk when /statistik.json is asked for', async () => {
    const res = await invoke('web', httpEvent('GET', '/statistik.json'));
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(JSON.parse(res.body ?? '{}').rows).toEqual([]);
  });

  it('serves the console sign-in page in the AWS stage with its CSP, and sends a signed-out visitor to it', async () => {
    const page = await invoke('console', { ...httpEvent('GET', '/console/sign-in'), headers: { host: 'console.example' } });
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-security-policy']).toContain("frame-ancestors 'none'");
    const queue = await invoke('console', { ...httpEvent('GET', '/console'), headers: { host: 'console.example' } });
    expect(queue.statusCode).toBe(303);
    // Sign-in leads back to the page asked for (the console's return path, issue 23 item 7).
    expect(queue.headers.location).toBe('/console/sign-in?next=%2Fconsole');
  });

  it('loads the report use case from its chunk when the form is posted, and answers a bad report with the field named', async () => {
    const res = await invoke('web', { ...httpEvent('POST', '/reports'), headers: { 'content-type': 'application/json' }, body: JSON.stringify({ contact: 'not a number' }) });
    expect(res.statusCode).toBe(400);
    expect(JSON.parse(res.body ?? '{}').fields).toHaveProperty('contact');
  });

  it('loads the passkey library from its chunk when a passkey sign-in asks for it', async () => {
    const res = await invoke('console', { ...httpEvent('POST', '/console/sign-in/passkey/options'), headers: { host: 'console.example', origin: 'https://console.example' } });
    expect(res.statusCode).toBe(200);
    const options = JSON.parse(res.body ?? '{}');
    expect(options.rpId).toBe('console.example');
    expect(options.challenge).toMatch(/^[\w-]{20,}$/);
  });

  it('checks an SMS callback against the key read from the gateway secret', async () => {
    expect((await invoke('smsInbound', httpEvent('POST', '/sms', { key: 'not-the-key-in-the-secret' }))).statusCode).toBe(403);
  });
});
