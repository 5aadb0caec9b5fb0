import { build, type Metafile } from 'esbuild';
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { median } from './stats.js';

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
const SDK_CLIENTS = ['@aws-sdk/client-dynamodb', '@aws-sdk/client-kms', '@aws-sdk/client-sns', '@aws-sdk/client-secrets-manager'];

/**
 * Bundles each Lambda entry with the options of infra/hotline-stack.ts (BUNDLING: ESM, node22,
 * minified, ESM entry of dual packages, @aws-sdk external, the createRequire banner). Source maps
 * are left out: they are uploaded but never loaded at cold start.
 */
export async function measureBundles(env: Record<string, string>, runsPerFunction = 5): Promise<{ bundles: BundleResult[]; sdkBaseline: number }> {
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
        target: 'node22', minify: true, mainFields: ['module', 'main'], external: ['@aws-sdk/*'], metafile: true,
        banner: { js: "import { createRequire } from 'module'; const require = createRequire(import.meta.url);" },
        logLevel: 'silent',
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
    // The part of initialisation the code cannot shrink by bundling: the SDK clients it imports.
    const baseline = join(out, 'sdk-baseline.mjs');
    writeFileSync(baseline, SDK_CLIENTS.map((c) => `import '${c}';`).join('\n'));
    const sdk: number[] = [];
    for (let i = 0; i < runsPerFunction; i++) {
      const t = await importTime(baseline, env);
      if (typeof t === 'number') sdk.push(t);
    }
    return { bundles: results, sdkBaseline: median(sdk) };
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
