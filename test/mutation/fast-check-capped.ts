/**
 * `fast-check` as the mutation run's tests see it: vitest.mutation.config.ts aliases the package to
 * this file, `npm test` uses the package itself.
 *
 * - A property runs 30 cases per mutant instead of 100, and at most MAX_RUNS where its test asks for
 *   more: each property test runs again for every mutant it covers, and "the SMS grammar never
 *   throws" alone ran 2,000 texts (9 s on two busy cores) for each of 197 mutants. A mutant that only
 *   one input in a hundred reveals is rare in these rules; `npm test` still runs every case.
 * - The seed is fixed: the same code and tests give the same inputs, so a mutant a property test
 *   kills once is killed on every run, and the survivors list (test/mutation/survivors.json) does
 *   not flap.
 *
 * Configured here, on import, rather than in a setup file: a setup file loads fast-check into the
 * fresh worker of every test file of every mutant run (0.1-0.2 s each), and most test files never
 * use it.
 */
import * as real from '../../node_modules/fast-check/lib/fast-check.js';

export * from '../../node_modules/fast-check/lib/fast-check.js';

export const MAX_RUNS = 100;

real.configureGlobal({ numRuns: 30, seed: 24 });

export const assert: typeof real.assert = ((property: Parameters<typeof real.assert>[0], params?: Parameters<typeof real.assert>[1]) =>
  real.assert(property, params?.numRuns === undefined ? params : { ...params, numRuns: Math.min(params.numRuns, MAX_RUNS) })) as typeof real.assert;

export default { ...real, assert };
