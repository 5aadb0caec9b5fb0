import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { App, Validations, type PolicyViolation } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import type { CloudAssembly } from 'aws-cdk-lib/cx-api';
import { AwsSolutionsChecks } from 'cdk-nag';
import { HotlineStack, type HotlineStackProps } from '../../infra/hotline-stack.js';

export const REPO_ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** The feature flags from cdk.json, so tests synthesise what `cdk synth` synthesises. */
export function cdkJsonContext(): Record<string, unknown> {
  return JSON.parse(readFileSync(join(REPO_ROOT, 'cdk.json'), 'utf8')).context;
}

export interface Synthesised {
  stack: HotlineStack;
  template: Template;
  assembly: CloudAssembly;
  /** Every AwsSolutions finding left after acknowledgements, warnings included. */
  nagViolations: PolicyViolation[];
  app: App;
  cleanup(): void;
}

/**
 * Synthesises the stack once, the way infra/app.ts does (cdk.json flags, cdk-nag plugin), into a
 * temporary directory. `bundle: false` skips esbuild for tests that only read the template.
 */
export function synthHotline(options: { bundle: boolean; props?: HotlineStackProps }): Synthesised {
  const outdir = mkdtempSync(join(tmpdir(), 'pmi-hotline-cdk-'));
  const app = new App({
    outdir,
    context: { ...cdkJsonContext(), ...(options.bundle ? {} : { 'aws:cdk:bundling-stacks': [] }) },
  });
  const stack = new HotlineStack(app, 'PmiHotline', { env: { region: 'ap-southeast-3' }, ...options.props });
  // As in infra/app.ts: an unacknowledged error makes synth() throw.
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
  const assembly = app.synth();
  return {
    stack,
    template: Template.fromStack(stack),
    assembly,
    nagViolations: new AwsSolutionsChecks().validateScope(app).violations,
    app,
    cleanup: () => rmSync(outdir, { recursive: true, force: true }),
  };
}

type Json = Record<string, any>;

export function resourcesOfType(template: Template, type: string): Array<[string, Json]> {
  return Object.entries(template.toJSON().Resources as Record<string, Json>).filter(([, r]) => r.Type === type);
}

/** The single resource of a type; throws when there are none or several. */
export function onlyResource(template: Template, type: string): Json {
  const found = resourcesOfType(template, type);
  if (found.length !== 1) throw new Error(`expected one ${type}, found ${found.length}`);
  return found[0]![1];
}

/** Every statement of every IAM identity policy (inline role policies, policies, managed policies). */
export function identityPolicyStatements(template: Template): Array<{ logicalId: string; statement: Json }> {
  const out: Array<{ logicalId: string; statement: Json }> = [];
  for (const [logicalId, resource] of Object.entries(template.toJSON().Resources as Record<string, Json>)) {
    const documents: Json[] = [];
    if (resource.Type === 'AWS::IAM::Policy' || resource.Type === 'AWS::IAM::ManagedPolicy') {
      documents.push(resource.Properties.PolicyDocument);
    }
    if (resource.Type === 'AWS::IAM::Role') {
      for (const p of resource.Properties.Policies ?? []) documents.push(p.PolicyDocument);
    }
    for (const doc of documents) for (const statement of doc.Statement) out.push({ logicalId, statement });
  }
  return out;
}

export const asArray = <T>(value: T | T[]): T[] => (Array.isArray(value) ? value : [value]);
