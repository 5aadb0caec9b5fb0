import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { REPO_ROOT, cdkJsonContext } from './synth.js';

/**
 * Runs infra/app.ts the way the CDK CLI does (CDK_OUTDIR, CDK_CONTEXT_JSON, CDK_DEFAULT_REGION), with
 * bundling switched off, to check the app's wiring rather than the stack.
 */
const outdirs: string[] = [];
afterAll(() => outdirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

function runApp(context: Record<string, unknown>, env: Record<string, string> = {}) {
  const outdir = mkdtempSync(join(tmpdir(), 'pmi-hotline-app-'));
  outdirs.push(outdir);
  const result = spawnSync(process.execPath, ['--import', 'tsx', join(REPO_ROOT, 'infra/app.ts')], {
    cwd: REPO_ROOT,
    encoding: 'utf8',
    env: {
      PATH: process.env.PATH ?? '',
      CDK_OUTDIR: outdir,
      CDK_CONTEXT_JSON: JSON.stringify({ ...cdkJsonContext(), 'aws:cdk:bundling-stacks': [], ...context }),
      ...env,
    },
  });
  const template = () => JSON.parse(readFileSync(join(outdir, 'PmiHotline.template.json'), 'utf8'));
  const manifest = () => JSON.parse(readFileSync(join(outdir, 'manifest.json'), 'utf8'));
  return { ...result, template, manifest };
}

describe('infra/app.ts', () => {
  it('deploys to ap-southeast-3 from cdk.json and passes context values to the stack', () => {
    // The CLI sets CDK_DEFAULT_REGION to us-east-1 when no AWS profile is configured.
    const run = runApp({ atSenderId: 'PMI-NTB', alarmEmail: 'ops@example.org' }, { CDK_DEFAULT_REGION: 'us-east-1' });
    expect(run.status, run.stderr).toBe(0);
    expect(run.manifest().artifacts.PmiHotline.environment).toBe('aws://unknown-account/ap-southeast-3');
    const resources = Object.values(run.template().Resources) as Array<{ Type: string; Properties: any }>;
    // The functions that send reporter SMS (notifier, escalator) get the sender ID.
    const senderIds = resources.filter((r) => r.Type === 'AWS::Lambda::Function').map((r) => r.Properties.Environment.Variables.AT_SENDER_ID).filter(Boolean);
    expect(senderIds).toEqual(['PMI-NTB', 'PMI-NTB']);
    expect(resources.some((r) => r.Type === 'AWS::SNS::Subscription' && r.Properties.Endpoint === 'ops@example.org')).toBe(true);
  });

  it('rejects an invalid log level before synthesising anything', () => {
    const run = runApp({ logLevel: 'LOUD' });
    expect(run.status).not.toBe(0);
    expect(run.stderr).toContain('context logLevel must be one of');
  });
});
