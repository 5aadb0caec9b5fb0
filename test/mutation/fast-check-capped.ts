/**
 * `fast-check` as the mutation run's tests see it: vitest.mutation.config.ts aliases the package to
 * this file, `npm test` uses the package itself. One change: a property whose test asks for more than
 * MAX_RUNS cases runs MAX_RUNS per mutant (one that asks for none runs the 30 of fast-check-runs.ts).
 * The 2,000 random texts of "the SMS grammar never throws" alone took 9 s per mutant on two busy
 * cores, for each of 197 mutants. The seed stays fixed (fast-check-runs.ts), so a mutant a property
 * kills once is killed on every run; `npm test` still runs every case the test asks for.
 */
import * as real from '../../node_modules/fast-check/lib/fast-check.js';

export * from '../../node_modules/fast-check/lib/fast-check.js';

export const MAX_RUNS = 100;

export const assert: typeof real.assert = ((property: Parameters<typeof real.assert>[0], params?: Parameters<typeof real.assert>[1]) =>
  real.assert(property, params?.numRuns === undefined ? params : { ...params, numRuns: Math.min(params.numRuns, MAX_RUNS) })) as typeof real.assert;

export default { ...real, assert };
