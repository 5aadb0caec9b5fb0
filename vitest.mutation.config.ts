import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';
import { KeptWorkerSequencer } from './test/mutation/kept-worker.js';

/**
 * The unit tests StrykerJS runs against each mutant of the pure rules (stryker.config.mjs). Only
 * tests without I/O: adapters, the SDK and the composition are not mutated and their tests would only
 * slow every mutant down. The privacy log scan of the normal unit project is left out: it judges what
 * the code logs, not whether a rule's regression is caught.
 */
export default defineConfig({
  // Property tests run 30 fixed-seed cases per mutant, at most 100 where a test asks for more
  // (test/mutation/fast-check-capped.ts).
  resolve: { alias: [{ find: /^fast-check$/, replacement: fileURLToPath(new URL('./test/mutation/fast-check-capped.ts', import.meta.url)) }] },
  test: {
    include: ['test/unit/**/*.test.ts'],
    exclude: [
      'test/unit/africastalking.test.ts',
      'test/unit/africastalking-live.test.ts',
      'test/unit/aws-adapters.test.ts',
      'test/unit/aws-composition.test.ts',
      'test/unit/field-cipher.test.ts',
      'test/unit/adversarial-privacy-scan.test.ts',
      // Exhaustive over every text of lib/messages and lib/figures/public (not mutated): they only pass
      // through domain code, and with every mutant compiled in they outlast any timeout on two cores.
      'test/unit/officials-messages.test.ts',
      'test/unit/figures-public.test.ts',
      // The summary screen for all 23,232 combinations of answers: 2 s for each of ~340 menu mutants.
      // ussd-menu-mutants.test.ts checks the summary's words exactly, ussd-tree.test.ts every other screen.
      'test/unit/ussd-summaries.test.ts',
      // Checks of documents and structure, not of a mutated rule: the privacy record against the
      // adapters, the import floors (the TypeScript compiler over every file), the function
      // manifest, test/README.md and the survivors list. They can only slow a mutant down, and one
      // failing for its own reason would stop the whole run at its first (dry) test run.
      'test/unit/privacy-docs.test.ts',
      'test/unit/floors.test.ts',
      'test/unit/manifest.test.ts',
      'test/unit/test-readme.test.ts',
      'test/unit/mutation-survivors.test.ts',
    ],
    // Property tests share two cores with the mutant runs: a slow minute must not fail the dry run.
    testTimeout: 60_000,
    env: { AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' },
    // Under Stryker, one worker thread for all mutant runs, fresh modules for each test file
    // (test/mutation/kept-worker.ts).
    sequence: { sequencer: KeptWorkerSequencer },
  },
});
