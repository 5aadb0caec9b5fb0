import fc from 'fast-check';

/**
 * Setup file of vitest.mutation.config.ts: property tests run 30 cases per mutant instead of 100.
 * A mutant that only one input in a hundred reveals is rare in these rules, and each property test
 * runs again for every mutant it covers. Tests that set numRuns themselves keep it.
 *
 * The seed is fixed: the same code and tests give the same inputs, so a mutant a property test kills
 * once is killed on every run, and the survivors list (test/mutation/survivors.json) does not flap.
 */
fc.configureGlobal({ numRuns: 30, seed: 24 });
