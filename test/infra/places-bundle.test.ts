import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { bundleFunction } from '../../infra/hotline-stack.js';

/**
 * Issue 20: the place reader and its gazetteer may add at most 40 KB to each function that uses it.
 * Bundled with the stack's esbuild options, the metafile says how many bytes of each output come from
 * each source: the sum over lib/domain/places/ is what the reader adds (what it shares with the
 * function, the regency table and zod, was there before).
 */
const LIMIT = 40 * 1024;
const dirs: string[] = [];
afterAll(() => { for (const d of dirs) rmSync(d, { recursive: true, force: true }); });

function placesBytes(entry: string): number {
  const outdir = mkdtempSync(join(tmpdir(), 'pmi-hotline-places-'));
  dirs.push(outdir);
  const { metafile } = bundleFunction(entry, outdir, { metafile: true });
  let bytes = 0;
  for (const output of Object.values(metafile!.outputs)) {
    for (const [input, { bytesInOutput }] of Object.entries(output.inputs)) if (input.startsWith('lib/domain/places/')) bytes += bytesInOutput;
  }
  return bytes;
}

describe('the place reader in a function bundle', () => {
  it('adds at most 40 KB, the gazetteer included', () => {
    const bytes = placesBytes('test/infra/fixtures/places-probe.ts');
    process.stdout.write(`place reader and gazetteer in a bundle: ${(bytes / 1024).toFixed(1)} KB\n`);
    // Not vacuous: the gazetteer alone is some 19 KB.
    expect(bytes).toBeGreaterThan(15 * 1024);
    expect(bytes).toBeLessThan(LIMIT);
  });

  it('is in the SMS function, within the same 40 KB', () => {
    const bytes = placesBytes('functions/sms-inbound.ts');
    process.stdout.write(`place reader and gazetteer in sms-inbound: ${(bytes / 1024).toFixed(1)} KB\n`);
    expect(bytes).toBeGreaterThan(15 * 1024);
    expect(bytes).toBeLessThan(LIMIT);
  });
});
