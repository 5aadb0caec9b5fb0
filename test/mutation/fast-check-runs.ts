import fc from 'fast-check';

/**
 * Setup file of vitest.mutation.config.ts: property tests run 30 cases per mutant instead of 100.
 * A mutant that only one input in a hundred reveals is rare in these rules, and each property test
 * runs again for every mutant it covers. Tests that set numRuns themselves keep it.
 */
fc.configureGlobal({ numRuns: 30 });
