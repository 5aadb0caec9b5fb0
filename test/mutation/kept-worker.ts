import { resolve } from 'node:path';
import { Worker } from 'node:worker_threads';
import { BaseSequencer, type PoolWorker, type TestSpecification, type Vitest } from 'vitest/node';

/**
 * One Vitest worker thread for all the mutant runs of a Stryker test runner process, instead of a
 * new thread for every test file of every mutant run.
 *
 * Stryker's vitest runner starts a Vitest run per mutant (one worker, bail at the first failure).
 * With the threads pool each test file gets a fresh thread: ~160 ms of CPU to boot Node in it and
 * load Vitest, chai and zod again before the test file's own imports, for a mutant that one file
 * kills in a few milliseconds. A mutant's run cost ~380 ms of CPU, most of it that start.
 *
 * Here the thread stays. Each test file still gets fresh modules: with `isolate` on (the default),
 * Vitest's worker resets every module it evaluated (the rules under test, the test file, the setup
 * files, Stryker's included) before each file, as a fresh thread would have none. What stays loaded
 * are Vitest itself and the packages Node imports natively (zod, fast-check), which hold no state of
 * the rules. Stryker activates a non-static mutant at run time through a global it sets before each
 * file, so a loaded module serves every mutant; static mutants are not run (ignoreStatic). A mutant
 * that times out gets a new process from Stryker, and with it a new thread.
 *
 * How: Vitest 4 asks a "pool worker" to start, run and stop for each file. KeptThread forwards the
 * first start and every run to the one thread, and answers the later starts and every stop itself.
 * The start carries the config, so the test name filter Stryker sets per mutant goes with each file
 * (KeptWorkerSequencer copies it there; Vitest prefers it to the config's).
 */
interface Kept { thread: Worker; started: boolean; files: number }
let shared: Kept | undefined;

/**
 * A kept thread grows by ~1 MB per test file it runs (the full run of 6 Dec: 1.3-1.5 GB per runner
 * after 4 minutes), so it is replaced after this many files: one thread start per 250 files.
 */
const FILES_PER_THREAD = 250;

class KeptThread implements PoolWorker {
  readonly name = 'kept-thread';
  private readonly listeners: Array<[string, (arg: unknown) => void]> = [];
  /** The thread this file runs on; `shared` may move on to a new one once this file is done. */
  private kept: Kept | undefined;

  constructor(private readonly options: { distPath: string; env: Partial<NodeJS.ProcessEnv>; execArgv: string[] }) {}

  async start(): Promise<void> {
    if (shared && shared.files >= FILES_PER_THREAD) {
      // The previous file has finished (Vitest starts the next one after): nothing uses it any more.
      void shared.thread.terminate();
      shared = undefined;
    }
    if (!shared) {
      const thread = new Worker(resolve(this.options.distPath, 'workers/threads.js'), {
        env: this.options.env, execArgv: this.options.execArgv, stdout: false, stderr: false,
      });
      // The thread must not keep the process alive once Stryker disposes of the runner.
      thread.unref();
      // A thread that died (a mutant that crashed it) is replaced at the next start.
      thread.once('exit', () => { if (shared?.thread === thread) shared = undefined; });
      shared = { thread, started: false, files: 0 };
    }
    this.kept = shared;
  }

  async stop(): Promise<void> {
    for (const [event, callback] of this.listeners.splice(0)) this.kept?.thread.off(event, callback);
  }

  on(event: string, callback: (arg: unknown) => void): void {
    this.kept!.thread.on(event, callback);
    this.listeners.push([event, callback]);
  }

  off(event: string, callback: (arg: unknown) => void): void {
    this.kept!.thread.off(event, callback);
    const at = this.listeners.findIndex(([e, c]) => e === event && c === callback);
    if (at !== -1) this.listeners.splice(at, 1);
  }

  send(message: Parameters<PoolWorker['send']>[0]): void {
    const kept = this.kept!;
    const answer = (type: 'started' | 'stopped') => {
      setImmediate(() => {
        for (const [event, callback] of [...this.listeners]) if (event === 'message') callback({ type, __vitest_worker_response__: true });
      });
    };
    if (message.type === 'stop') answer('stopped');
    else if (message.type === 'start' && kept.started) answer('started');
    else {
      if (message.type === 'start') kept.started = true;
      if (message.type === 'run') kept.files += message.context.files.length;
      kept.thread.postMessage(message);
    }
  }

  deserialize(data: unknown): unknown {
    return data;
  }
}

const EVERY_NAME = /(?:)/;

/** Only inside a Stryker test runner process: one Vitest run at a time, one worker (maxWorkers 1). */
const strykerRunner = (ctx: Vitest) => process.env.STRYKER_MUTATOR_WORKER !== undefined && ctx.config.maxWorkers === 1;

/**
 * Installs KeptThread as the pool of every project (Stryker's runner asks for `pool: 'threads'` on
 * the command line, which outranks the config file; Vitest builds the pool, and this sequencer, when
 * the first run starts), and orders files as Vitest does.
 */
export class KeptWorkerSequencer extends BaseSequencer {
  constructor(ctx: Vitest) {
    super(ctx);
    if (!strykerRunner(ctx)) return;
    for (const project of ctx.projects) {
      project.config.pool = 'kept-thread';
      project.config.poolRunner = { name: 'kept-thread', createPoolWorker: (options) => new KeptThread(options) };
    }
  }

  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    if (strykerRunner(this.ctx)) {
      for (const spec of files) {
        // The thread keeps the config of its first start, name filter included: this run's filter
        // goes with each file, and "every test" as a pattern that matches every name.
        (spec as { testNamePattern?: RegExp }).testNamePattern = spec.project.config.testNamePattern ?? EVERY_NAME;
      }
    }
    return super.sort(files);
  }
}
