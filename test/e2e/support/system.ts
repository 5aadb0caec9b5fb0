import { spawn, type ChildProcess } from 'node:child_process';
import { freePort } from '../../../lib/local/dynamo-local.js';

export interface LocalSystem {
  baseUrl: string;
  callbackKey: string;
  /** Process group of the system: npm start's process and DynamoDB Local's java. */
  processGroup: number;
  output: () => string;
  stop(): Promise<void>;
}

/**
 * Starts the local system exactly as `npm start` does, in its own process group so that stopping it
 * also stops DynamoDB Local's java process.
 */
export async function startLocalSystem(env: Record<string, string> = {}): Promise<LocalSystem> {
  const port = await freePort();
  const child: ChildProcess = spawn(
    process.execPath,
    ['--import', 'tsx', 'lib/local/main.ts'],
    // The walkthroughs here follow officials' SMS alerts; a WhatsApp walkthrough sets DEMO_OFFICIALS_WHATSAPP itself.
    { env: { ...process.env, PORT: String(port), LOG_LEVEL: 'WARN', DEMO_OFFICIALS_WHATSAPP: 'false', ...env }, detached: true, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let output = '';
  child.stdout?.on('data', (d: Buffer) => { output += d.toString(); });
  child.stderr?.on('data', (d: Buffer) => { output += d.toString(); });
  const baseUrl = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`local system exited early:\n${output}`);
    try {
      const res = await fetch(`${baseUrl}/healthz`);
      if (res.status === 200) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      process.kill(-child.pid!, 'SIGKILL');
      throw new Error(`local system did not become healthy:\n${output}`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  return {
    baseUrl,
    callbackKey: env.GATEWAY_CALLBACK_KEY ?? 'local-demo-callback-key',
    processGroup: child.pid!,
    output: () => output,
    stop: async () => {
      if (child.exitCode !== null) return;
      const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
      process.kill(-child.pid!, 'SIGINT');
      const timer = setTimeout(() => { try { process.kill(-child.pid!, 'SIGKILL'); } catch { /* gone */ } }, 8000);
      await exited;
      clearTimeout(timer);
    },
  };
}

export async function waitFor<T>(probe: () => Promise<T | undefined>, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 100));
  }
}
