import type { Metafile } from 'esbuild';
import { spawn } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import { mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { median } from './stats.js';
import { ESBUILD_OPTIONS, bundleFunction } from '../../infra/hotline-stack.js';
import { FUNCTION_NAMES, entryOf, envOf, kebab, type FunctionName } from '../../lib/composition/manifest.js';

export interface BundleResult {
  name: string;
  /** What every cold start reads and compiles: the entry and the chunks it imports statically. */
  kb: number;
  /** Chunks read only by the invocations that import them (passkeys, SDK parsers these clients never use). */
  lazyKb: number;
  /** The three largest packages (or source folders) in the bundle, by output bytes. */
  largest: string;
  /** Whole initialisation of the deployed bundle (AWS SDK bundled): import, clients constructed. */
  initMedianMs: number;
  initMaxMs: number;
  /** CPU time (user + system, all threads) of the same imports: less sensitive to other load on the machine. */
  initCpuMedianMs: number;
  /** The same function bundled with the AWS SDK left to the Lambda runtime (the former setting). */
  runtimeSdkKb: number;
  runtimeSdkInitMedianMs: number;
  initError?: string;
}

const REPO = resolve(import.meta.dirname, '../..');

/**
 * What a Lambda of this stack gets in its environment, with dummy names: STAGE=aws makes each entry
 * point build its AWS ports (the SDK clients it uses) exactly as in AWS. Every AWS endpoint points at
 * a loopback stand-in (AWS_ENDPOINT_URL), so no request leaves the machine; credentials come from
 * the environment as in Lambda.
 */
export function awsLikeEnv(endpoint: string, fn?: FunctionName): Record<string, string> {
  const arn = (service: string, resource: string) => `arn:aws:${service}:ap-southeast-3:000000000000:${resource}`;
  // What the stack may set (manifest.ts GRANT_ENV); a function gets the part its grants imply (envOf).
  const resources: Record<string, string> = {
    TABLE_NAME: 'pmi-hotline', KMS_KEY_ARN: arn('kms', 'key/bench'),
    GATEWAY_SECRET_ARN: arn('secretsmanager', 'secret:gateway'), LOOKUP_KEY_SECRET_ARN: arn('secretsmanager', 'secret:lookup'),
    EVENTS_TOPIC_ARN: arn('sns', 'events'), CONSOLE_ORIGIN: 'https://console.example',
  };
  const known = fn ? new Set<string>(envOf(fn)) : undefined;
  return {
    STAGE: 'aws', AWS_REGION: 'ap-southeast-3', AWS_ACCESS_KEY_ID: 'bench', AWS_SECRET_ACCESS_KEY: 'bench',
    AWS_ENDPOINT_URL: endpoint, SMS_SHORTCODE: '+6281100001708', LOG_LEVEL: 'ERROR',
    POWERTOOLS_SERVICE_NAME: 'pmi-hotline', AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
    ...Object.fromEntries(Object.entries(resources).filter(([name]) => !known || known.has(name))),
    // No NODE_OPTIONS, as in the stack: --enable-source-maps would read and decode the source map at init.
  };
}

/**
 * Loopback stand-in for AWS: answers GetSecretValue (the reads that start during init), accepts a
 * DynamoDB PutItem (a console sign-in challenge, for the bundle tests) and answers a Query with no
 * items (the public figures), refuses the rest.
 */
export async function fakeAws(): Promise<{ endpoint: string; server: Server; requests: () => number }> {
  let requests = 0;
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (d: Buffer) => { body += d.toString(); });
    req.on('end', () => {
      requests++;
      res.setHeader('content-type', 'application/x-amz-json-1.1');
      const target = String(req.headers['x-amz-target'] ?? '');
      if (target === 'DynamoDB_20120810.PutItem') { res.setHeader('content-type', 'application/x-amz-json-1.0'); res.end('{}'); return; }
      // A counter's first hit (the console's passkey sign-in counts requests per source address before it answers).
      if (target === 'DynamoDB_20120810.UpdateItem') { res.setHeader('content-type', 'application/x-amz-json-1.0'); res.end('{"Attributes":{"count":{"N":"1"}}}'); return; }
      // An empty table to query (the public figures of a new deployment, for the bundle tests).
      if (target === 'DynamoDB_20120810.Query') { res.setHeader('content-type', 'application/x-amz-json-1.0'); res.end('{"Items":[],"Count":0,"ScannedCount":0}'); return; }
      if (!target.endsWith('GetSecretValue')) { res.statusCode = 400; res.end('{}'); return; }
      const id = String(JSON.parse(body).SecretId);
      const value = id.endsWith('gateway') ? JSON.stringify({ username: 'sandbox', apiKey: 'bench', callbackKey: 'b'.repeat(40) }) : 'l'.repeat(64);
      res.end(JSON.stringify({ ARN: id, Name: id, SecretString: value, VersionId: 'bench' }));
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return { endpoint: `http://127.0.0.1:${port}`, server, requests: () => requests };
}

/**
 * Bundles an entry point (path from the repository root, e.g. `functions/web.ts`) into `outdir` with
 * the stack's own options (ESBUILD_OPTIONS in infra/: ESM, node22, minified, ESM entry of dual
 * packages, the AWS SDK bundled, lazily imported code in chunks/, the Africa's Talking layer external,
 * the source map; the createRequire banner only where bundled CommonJS needs it). `sdkFromRuntime` leaves `@aws-sdk/*` to the Lambda
 * runtime instead (the former setting, for comparison). `bytes` is what a cold start reads (the entry
 * and the chunks it imports statically), `chunkBytes` the chunks only `import()` loads.
 */
export function bundle(entry: string, outdir: string, options: { sdkFromRuntime?: boolean } = {}): { file: string; bytes: number; chunkBytes: number; meta: Metafile } {
  const built = bundleFunction(entry, outdir, {
    metafile: true,
    // With the SDK left to the runtime, the credentials alias has nothing to replace (the chain is the runtime's).
    ...(options.sdkFromRuntime ? { external: [...ESBUILD_OPTIONS.external, '@aws-sdk/*'], alias: {} } : {}),
  });
  const outputs = built.metafile!.outputs;
  // The entry's own output (index.mjs): a chunk that only `import()` loads has an entryPoint in the metafile too.
  const entryFile = Object.keys(outputs).find((file) => /(^|\/)index\.mjs$/.test(file))!;
  // What a cold start reads: the entry and, transitively, the chunks it imports statically.
  const atInit = new Set<string>();
  const visit = (file: string) => {
    if (atInit.has(file)) return;
    atInit.add(file);
    for (const imported of outputs[file]!.imports) if (imported.kind === 'import-statement' && outputs[imported.path]) visit(imported.path);
  };
  visit(entryFile);
  const code = Object.keys(outputs).filter((file) => !file.endsWith('.map'));
  const sum = (files: string[]) => files.reduce((total, file) => total + outputs[file]!.bytes, 0);
  return {
    file: join(outdir, 'index.mjs'),
    bytes: sum(code.filter((file) => atInit.has(file))),
    chunkBytes: sum(code.filter((file) => !atInit.has(file))),
    meta: built.metafile!,
  };
}

/**
 * Each Lambda entry bundled with the stack's own options (BUNDLING in infra/: ESM, node22, minified,
 * ESM entry of dual packages, the AWS SDK bundled, the Africa's Talking layer external, the
 * source map, node:stream/web stood in for), and its cold start measured as Lambda's init runs it: a
 * fresh node process (with the stack's environment) imports the bundle, which reads its
 * configuration, loads and constructs every AWS SDK client the function uses and starts its secret reads.
 * For comparison, the same entry with the SDK left to the runtime (resolved from node_modules, as the
 * runtime's copy would be). Runs interleave, so load on the machine hits both alike.
 */
/** Fresh-node imports per function, interleaved: the issue's own measurement took 15, and the median of 15 moves less than of 9. */
export const COLD_START_RUNS = 15;

export async function measureBundles(runsPerFunction = COLD_START_RUNS): Promise<{ bundles: BundleResult[]; reference: { kb: number; initMedianMs: number }; requestsDuringInit: number }> {
  const out = mkdtempSync(join(tmpdir(), 'pmi-hotline-bench-'));
  // Only the runtime-SDK variant resolves anything from here: the SDK, as the Lambda runtime provides it.
  symlinkSync(join(REPO, 'node_modules'), join(out, 'node_modules'), 'dir');
  const aws = await fakeAws();
  try {
    const built = [];
    for (const fn of FUNCTION_NAMES) {
      const name = kebab(fn);
      const own = bundle(entryOf(fn), join(out, name));
      const sdkOut = bundle(entryOf(fn), join(out, `${name}-runtime-sdk`), { sdkFromRuntime: true });
      built.push({ name, env: awsLikeEnv(aws.endpoint, fn), deployed: own.file, runtimeSdk: sdkOut.file, kb: own.bytes / 1024, lazyKb: own.chunkBytes / 1024, runtimeSdkKb: sdkOut.bytes / 1024, largest: largestInputs(own.meta), times: [] as number[], cpu: [] as number[], sdkTimes: [] as number[], error: undefined as string | undefined });
    }
    const floor = bundle('test/bench/fixtures/sdk-floor.ts', join(out, 'sdk-floor'));
    const floorTimes: number[] = [];
    const env = awsLikeEnv(aws.endpoint);
    for (let i = 0; i < runsPerFunction; i++) {
      const f = await importTime(floor.file, env);
      if (typeof f !== 'string') floorTimes.push(f.wall);
      for (const b of built) {
        if (b.error) continue;
        const t = await importTime(b.deployed, b.env);
        if (typeof t === 'string') { b.error = t; continue; }
        b.times.push(t.wall);
        b.cpu.push(t.cpu);
        const s = await importTime(b.runtimeSdk, b.env);
        if (typeof s !== 'string') b.sdkTimes.push(s.wall);
      }
    }
    return {
      requestsDuringInit: aws.requests(),
      reference: { kb: floor.bytes / 1024, initMedianMs: median(floorTimes) },
      bundles: built.map((b) => ({
        name: b.name, kb: b.kb, lazyKb: b.lazyKb, largest: b.largest, runtimeSdkKb: b.runtimeSdkKb,
        initMedianMs: median(b.times), initMaxMs: b.times.length ? Math.max(...b.times) : Number.NaN, initCpuMedianMs: median(b.cpu),
        runtimeSdkInitMedianMs: median(b.sdkTimes),
        ...(b.error ? { initError: b.error } : {}),
      })),
    };
  } finally {
    aws.server.close();
    rmSync(out, { recursive: true, force: true });
  }
}

function largestInputs(meta: Metafile): string {
  const output = Object.entries(meta.outputs).find(([file]) => /(^|\/)index\.mjs$/.test(file))![1];
  const byPackage = new Map<string, number>();
  for (const [path, { bytesInOutput }] of Object.entries(output.inputs)) {
    const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(path)?.[1] ?? path.split('/').slice(0, 2).join('/');
    byPackage.set(pkg, (byPackage.get(pkg) ?? 0) + bytesInOutput);
  }
  return [...byPackage].sort((a, b) => b[1] - a[1]).slice(0, 3).map(([p, b]) => `${p} ${(b / 1024).toFixed(0)}K`).join(', ');
}

/**
 * Cold start: a fresh node process imports the bundle (module evaluation, configuration, every AWS
 * SDK client the function constructs) and reports how long that took, excluding node's own start-up.
 */
function importTime(file: string, env: Record<string, string>): Promise<{ wall: number; cpu: number } | string> {
  const script = `const c0 = process.cpuUsage(); const t0 = performance.now(); await import(${JSON.stringify(pathToFileURL(file).href)}); const t = performance.now() - t0; const c = process.cpuUsage(c0); process.stdout.write('INIT ' + t + ' ' + (c.user + c.system) / 1000);`;
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
      const m = /INIT ([\d.]+) ([\d.]+)/.exec(stdout);
      resolvePromise(m ? { wall: Number(m[1]), cpu: Number(m[2]) } : `import failed: ${stderr.split('\n').find((l) => /Error/.test(l))?.slice(0, 120) ?? 'no output'}`);
    });
  });
}
