import { describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '../../lib/local/dynamo-local.js';

/** Runs `npm start`'s entry point with the given environment and returns how it ended. */
async function start(env: Record<string, string>): Promise<{ code: number | null; output: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'lib/local/main.ts'], {
    env: { ...process.env, PORT: String(await freePort()), ...env }, detached: true, stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (d: Buffer) => { output += d.toString(); });
  child.stderr.on('data', (d: Buffer) => { output += d.toString(); });
  const timer = setTimeout(() => { try { process.kill(-child.pid!, 'SIGKILL'); } catch { /* gone */ } }, 60_000);
  const code = await new Promise<number | null>((resolve) => child.once('exit', (c) => resolve(c)));
  clearTimeout(timer);
  return { code, output };
}

describe('npm start on a machine that is not ready for it', () => {
  it('without Java says what is missing and how to install it, and exits 1 without a stack trace', async () => {
    // A PATH with no java on it (node itself is started by its absolute path).
    const emptyPath = mkdtempSync(join(tmpdir(), 'no-java-'));
    const { code, output } = await start({ PATH: emptyPath, JAVA_HOME: '' });

    expect(code).toBe(1);
    expect(output).toMatch(/Java/);
    expect(output).toMatch(/apt-get install openjdk-17-jre-headless/);
    expect(output).not.toMatch(/ENOENT|\n\s+at /);
  });

  it('with a callback key shorter than the minimum names the minimum length and never the key', async () => {
    const { code, output } = await start({ GATEWAY_CALLBACK_KEY: 'short-secret-x' });

    expect(code).toBe(1);
    expect(output).toMatch(/GATEWAY_CALLBACK_KEY/);
    expect(output).toMatch(/at least 16 characters/);
    expect(output).not.toContain('short-secret-x');
    expect(output).not.toMatch(/\n\s+at /);
  });
});
