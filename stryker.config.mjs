// @ts-check
/**
 * Mutation testing of the hotline's pure rules (issue 24): `npm run mutation`.
 * Stryker plants one small bug at a time (a flipped comparison, a dropped condition, an emptied
 * string) in the files below and runs the unit tests that cover it; a mutant no test notices
 * "survives". test/mutation/check-survivors.ts then compares the survivors with the reviewed list in
 * test/mutation/survivors.json, so a new survivor fails the run. See test/README.md.
 *
 * @type {import('@stryker-mutator/api/core').PartialStrykerOptions}
 */
export default {
  testRunner: 'vitest',
  vitest: { configFile: 'vitest.mutation.config.ts' },
  // Each mutant runs only the tests that executed its line in the first (dry) run.
  coverageAnalysis: 'perTest',
  // Static mutants (module-level tables, schemas and regexes) each need every related test file in a
  // fresh module graph: 42 % of the mutants took 89 % of the time and the full run hours on two
  // cores. They are left out; the rules' tables are pinned by the unit tests that read them.
  ignoreStatic: true,
  mutate: [
    'lib/domain/**/*.ts',
    // Data, not rules. The generated tables (npm run phone-metadata, npm run gazetteer) and the
    // hand-kept name lists of the place reader: every value is a module-level constant (a static
    // mutant, ignored below), so mutating them only adds instrumentation to every test that imports
    // them. What the tables mean is held by the reader's tests (places-*.test.ts).
    '!lib/domain/phone-metadata.ts',
    '!lib/domain/places/gazetteer.ts',
    '!lib/domain/places/names.ts',
    // The generators of those tables run at build time only (lib/local/*-cli.ts), in no function;
    // their whole output is pinned byte for byte by the freshness tests (phone-metadata.test.ts,
    // places-gazetteer.test.ts), so a regression in them fails there, not in a running hotline.
    '!lib/domain/phone-metadata-derive.ts',
    '!lib/domain/places/gazetteer-derive.ts',
    // The case plans. The writer (change-case.ts) and the question counter (questions.ts) drive the
    // store through ports: their rules (idempotency, conditional writes, the hourly bound) are held by
    // the integration tests on DynamoDB Local (test/README.md), not by unit tests.
    'lib/cases/**/*.ts',
    '!lib/cases/change-case.ts',
    '!lib/cases/questions.ts',
    // SMS grammar and follow-up reading.
    'lib/conversation/**/*.ts',
    'lib/ussd/menu.ts',
    'lib/figures/suppression.ts',
    'lib/config.ts',
  ],
  // The machine is shared: two test processes at most.
  concurrency: 2,
  // Reruns mutate only what changed since this file was written (code or tests).
  incremental: true,
  incrementalFile: 'test/mutation/stryker-incremental.json',
  reporters: ['clear-text', 'progress', 'json', 'html'],
  jsonReporter: { fileName: 'reports/mutation/mutation.json' },
  htmlReporter: { fileName: 'reports/mutation/mutation.html' },
  clearTextReporter: { allowEmojis: false, logTests: false, reportMutants: false },
  // The target (85 %) is enforced by test/mutation/check-survivors.ts, which runs after Stryker and
  // prints it per folder: a Stryker exit on the score would skip that report (npm run mutation's &&).
  thresholds: { high: 90, low: 85, break: null },
  // vitest strips types without checking them; the default would also prepend @ts-nocheck to every
  // file under lib/, which the phone-metadata freshness test reads byte for byte.
  disableTypeChecks: false,
  tempDirName: '.stryker-tmp',
  cleanTempDir: 'always',
  // A mutant's time limit is 1.5 x its covering tests' time + timeoutMS + the first (dry) run's
  // overhead, which Stryker adds on its own: 23-33 s here (the dry run starts every test file in turn).
  // A mutant run takes 1-6 s, so the overhead alone is the margin; each mutant that really hangs (six
  // in lib/figures/suppression.ts) waited all of it, plus 10 s of timeoutMS. 1 s is enough on top.
  timeoutMS: 1_000,
};
