import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

/**
 * Every log line a unit or integration test run produces is captured (test/support/log-capture.ts)
 * and scanned at the end (test/support/privacy-teardown.ts): a NIK, a phone number or report text in
 * a structured log line fails the run.
 */
const privacyScan = {
  setupFiles: ['test/support/log-capture.ts'],
  globalSetup: ['test/support/privacy-teardown.ts'],
};

/** The AWS SDK's notice that its 2027 releases need Node 22 (Lambda runs 22 already) would bury test output. */
const env = { AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' };

/**
 * Test files run two at a time (one per core on a bigger machine). Vitest's default is one worker
 * less than the cores: one on the two-core CI machine, where the 130 files ran one after another
 * (12 minutes). An integration file mostly waits, on DynamoDB Local and on its stream going quiet
 * (`settled()` wants 400 ms without a record): measured alone, its worker, DynamoDB Local and vitest
 * together kept about half of one core busy. Two files at once share the one DynamoDB Local, each
 * with its own tables (test/support/local-deps.ts); unit and infra files fill the gaps. Timeouts and
 * assertions are unchanged. `VITEST_MAX_WORKERS=1 npm test` runs one file at a time, as before.
 */
const maxWorkers = Math.max(2, availableParallelism());

export default defineConfig({
  test: {
    maxWorkers,
    projects: [
      // Exhaustive and property tests walk thousands of inputs: 5 s ran out on a loaded two-core machine.
      { test: { name: 'unit', include: ['test/unit/**/*.test.ts'], env, testTimeout: 30_000, ...privacyScan } },
      {
        test: {
          name: 'integration',
          env,
          include: ['test/integration/**/*.test.ts'],
          setupFiles: privacyScan.setupFiles,
          globalSetup: ['test/support/global-dynamo.ts', ...privacyScan.globalSetup],
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
      { test: { name: 'infra', include: ['test/infra/**/*.test.ts'], env, testTimeout: 180_000, hookTimeout: 180_000 } },
      {
        test: {
          name: 'e2e',
          env,
          include: ['test/e2e/**/*.test.ts'],
          testTimeout: 120_000,
          hookTimeout: 120_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
