import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { App, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { NodejsFunction } from 'aws-cdk-lib/aws-lambda-nodejs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BUNDLING, africasTalkingLayerCode } from '../../infra/hotline-stack.js';
import { REPO_ROOT } from './synth.js';

/**
 * The real handlers change often; this probe pins what the bundling settings must support: CommonJS
 * africastalking (needs the `require` banner), zod, libphonenumber-js, middy, Powertools, and the AWS
 * SDK bundled (tree-shaken, minified) rather than loaded from the runtime.
 */
let outdir: string;
let bundle: string;
let layerModules: string;
beforeAll(() => {
  outdir = mkdtempSync(join(tmpdir(), 'pmi-hotline-bundle-'));
  const app = new App({ outdir });
  const stack = new Stack(app, 'Probe');
  const fn = new NodejsFunction(stack, 'Probe', {
    entry: join(REPO_ROOT, 'test/infra/fixtures/bundle-probe.ts'),
    projectRoot: REPO_ROOT,
    depsLockFilePath: join(REPO_ROOT, 'package-lock.json'),
    runtime: lambda.Runtime.NODEJS_22_X,
    architecture: lambda.Architecture.ARM_64,
    bundling: BUNDLING,
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
