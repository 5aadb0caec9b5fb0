import { inject } from 'vitest';
import { appendFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { threadId } from 'node:worker_threads';
import { LOG_DIR_ENV } from './privacy-teardown.js';

/**
 * vitest setupFile: tees everything this worker writes to stdout and stderr into one file per worker
 * under the run's log folder, where test/support/privacy-teardown.ts scans it after the run.
 * Installed once per process: setup files run again for every test file in the same worker.
 */
const INSTALLED = Symbol.for('pmi-hotline.log-capture');

function logDir(): string | undefined {
  try {
    return inject('privacyLogDir') || process.env[LOG_DIR_ENV];
  } catch {
    return process.env[LOG_DIR_ENV];
  }
}

const dir = logDir();
const holder = process as unknown as Record<symbol, boolean>;
if (dir && !holder[INSTALLED]) {
  holder[INSTALLED] = true;
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `worker-${process.pid}-${threadId}.log`);
  const tee = (stream: NodeJS.WriteStream) => {
    const original = stream.write.bind(stream) as (...args: unknown[]) => boolean;
    stream.write = ((chunk: unknown, ...rest: unknown[]) => {
      try {
        appendFileSync(file, typeof chunk === 'string' ? chunk : Buffer.from(chunk as Uint8Array));
      } catch {
        // A full disk must not fail the tests themselves; the scan then sees less.
      }
      return original(chunk, ...rest);
    }) as typeof stream.write;
  };
  tee(process.stdout);
  tee(process.stderr);
}
