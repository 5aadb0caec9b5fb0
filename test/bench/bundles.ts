import { build, type Metafile } from 'esbuild';
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { median } from './stats.js';
import { BUNDLING } from '../../infra/hotline-stack.js';

export interface BundleResult {
  name: string;
  kb: number;
  /** The three largest packages (or source folders) in the bundle, by output bytes. */
  largest: string;
  initMedianMs: number;
  initMaxMs: number;
  initError?: string;
}

const REPO = resolve(import.meta.dirname, '../..');
/** What the wiring loads from the AWS SDK: on the local stage the DynamoDB client only (lib/wiring.ts). */
const SDK_LOCAL = ['@aws-sdk/client-dynamodb'];
const SDK_AWS = [...SDK_LOCAL, '@aws-sdk/client-kms', '@aws-sdk/client-sns', '@aws-sdk/client-secrets-manager'];

/**
 * Bundles each Lambda entry with the stack's own options (BUNDLING in infra/hotline-stack.ts: ESM,
 * node22, minified, ESM entry of dual packages, the AWS SDK and the Africa's Talking layer external,
 * the createRequire banner). Source maps are left out: uploaded, but never loaded at cold start.
 */
export async function measureBundles(env: Record<string, string>, runsPerFunction = 5): Promise<{ bundles: BundleResult[]; sdkBaseline: number; sdkAws: number }> {
  const out = mkdtempSync(join(tmpdir(), 'pmi-hotline-bench-'));
  // Lambda's runtime provides the AWS SDK; here node resolves it from the repo's node_modules.
  symlinkSync(join(REPO, 'node_modules'), join(out, 'node_modules'), 'dir');
  try {
    const entries = readdirSync(join(REPO, 'functions')).filter((f) => f.endsWith('.ts')).sort();
    const results: BundleResult[] = [];
    for (const file of entries) {
      const name = basename(file, '.ts');
      const outfile = join(out, name, 'index.mjs');
      const built = await build({
        entryPoints: [join(REPO, 'functions', file)], outfile, bundle: true, platform: 'node', format: 'esm',
        target: BUNDLING.target, minify: BUNDLING.minify, mainFields: BUNDLING.mainFields, external: BUNDLING.externalModules,
        metafile: true, banner: { js: BUNDLING.banner ?? '' }, logLevel: 'silent',
      });
      const output = Object.values(built.metafile.outputs)[0]!;
      const times: number[] = [];
      let initError: string | undefined;
      for (let i = 0; i < runsPerFunction && !initError; i++) {
        const t = await importTime(outfile, env);
        if (typeof t === 'string') initError = t; else times.push(t);
      }
      results.push({
        name, kb: output.bytes / 1024, largest: largestInputs(built.metafile),
        initMedianMs: median(times), initMaxMs: times.length ? Math.max(...times) : Number.NaN,
        ...(initError ? { initError } : {}),
      });
    }
    // The part of initialisation the code cannot shrink: the AWS SDK, which the brief requires to
    // come from the Lambda runtime rather than the bundle, loaded as the wiring loads it.
    const sdkTime = async (clients: string[], file: string) => {
      const path = join(out, file);
      writeFileSync(path, clients.map((c) => `import '${c}';`).join('\n'));
      const times: number[] = [];
      for (let i = 0; i < runsPerFunction; i++) {
        const t = await importTime(path, env);
        if (typeof t === 'number') times.push(t);
      }
      return median(times);
    };
    return { bundles: results, sdkBaseline: await sdkTime(SDK_LOCAL, 'sdk-local.mjs'), sdkAws: await sdkTime(SDK_AWS, 'sdk-aws.mjs') };
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}

function largestInputs(meta: Metafile): string {
  const output = Object.values(meta.outputs)[0]!;
  const byPackage = new Map<string, number>();
  for (const [path, { bytesInOutput }] of Object.entries(output.inputs)) {
    const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(path)?.[1] ?? path.split('/').slice(0, 2).join('/');
    byPackage.set(pkg, (byPackage.get(pkg) ?? 0) + bytesInOutput);
  }
  return [...byPackage].sort((a, b) => b[1] - a[1]).slice(0, 3).map(([p, b]) => `${p} ${(b / 1024).toFixed(0)}K`).join(', ');
}

/**
 * Cold-start proxy: a fresh node process imports the bundle (module evaluation, the wiring's
 * top-level await, the AWS SDK clients it loads) and reports how long that took, excluding node's
 * own start-up.
 */
function importTime(file: string, env: Record<string, string>): Promise<number | string> {
  const script = `const t0 = performance.now(); await import(${JSON.stringify(pathToFileURL(file).href)}); process.stdout.write('INIT ' + (performance.now() - t0));`;
  return new Promise((resolvePromise) => {
    const child = spawn(process.execPath, ['--input-type=module', '-e', script], {
      env: { PATH: process.env.PATH ?? '', ...env }, stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => { stdout += d.toString(); });
    child.stderr.on('data', (d: Buffer) => { stderr += d.toString(); });
    const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
    child.on('exit', () => {
      clearTimeout(timer);
      const m = /INIT ([\d.]+)/.exec(stdout);
      resolvePromise(m ? Number(m[1]) : `import failed: ${stderr.split('\n').find((l) => /Error/.test(l))?.slice(0, 120) ?? 'no output'}`);
    });
  });
}
