import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { performance } from 'node:perf_hooks';
import { DEFAULT_PIN_PARAMS, hashPin } from '../../lib/officials/pin.js';
import type { Official } from '../../lib/domain/official.js';
import { startSignIn } from '../../lib/use-cases/console/sign-in.js';
import { createConsoleTestSystem, type ConsoleTestSystem } from '../support/console.js';

/**
 * Issue 19, finding 3: the time step one of the console sign-in takes must not tell who is
 * registered or locked. At the production PIN hash cost, the median time of each path is compared
 * with that of a registered number with a wrong PIN, as a ratio: the samples of all paths are
 * interleaved (round by round, in a changing order), so a slow minute on a shared two-core machine
 * slows every path alike. Before the fix an unknown number took about an eighth of the time (a decoy
 * hash at the cheap local cost) and a locked official a sixth (no verification at all).
 */
let system: ConsoleTestSystem;
beforeAll(async () => { system = await createConsoleTestSystem(); });
afterAll(async () => { await system.drop(); });

const ROUNDS = 15;
const PIN = '2468';

const median = (xs: number[]) => {
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
};

describe('console sign-in step one, at the production PIN hash cost', () => {
  it('takes as long for an unknown number, a locked official and a paused one as for a registered number with a wrong PIN', async () => {
    const pinHash = await hashPin(PIN, DEFAULT_PIN_PARAMS);
    const base: Official = { id: 'timing-wrong', name: 'Timing', phone: '+6281100009701', level: 1, regencies: ['5201'], active: true, pinHash, failedPins: 0, locked: false };
    const officials: Official[] = [
      base,
      { ...base, id: 'timing-locked', phone: '+6281100009702', locked: true, failedPins: 5 },
      { ...base, id: 'timing-paused', phone: '+6281100009703', consoleLockedUntil: new Date(system.clock.now().getTime() + 365 * 86400_000).toISOString(), consoleLocks: 1 },
    ];
    const paths: Record<string, string> = {
      wrongPin: base.phone, unknown: '+6281100009799', locked: '+6281100009702', paused: '+6281100009703',
    };
    const times: Record<string, number[]> = Object.fromEntries(Object.keys(paths).map((p) => [p, []]));
    let address = 0;

    for (let round = -1; round < ROUNDS; round++) {
      // Untimed: the same state every round (no count towards a pause, a fresh hour for the per-phone limit).
      for (const o of officials) await system.stores.directory.putOfficial(o);
      system.clock.advance(61);
      const order = Object.keys(paths);
      if (round % 2 === 1) order.reverse();
      if (round % 3 === 2) order.push(order.shift()!);
      for (const path of order) {
        const started = performance.now();
        const outcome = await startSignIn(system.console, { phone: paths[path]!, pin: '1357', sourceAddress: `198.18.${round + 1}.${++address % 250}` });
        const took = performance.now() - started;
        expect(outcome.kind).toBe('code_requested');
        if (round >= 0) times[path]!.push(took); // round -1 warms up
      }
    }

    const reference = median(times.wrongPin!);
    const ratios = Object.fromEntries(Object.entries(times).map(([path, xs]) => [path, Math.round((median(xs) / reference) * 100) / 100]));
    console.info('sign-in step one, median ms vs a registered wrong PIN', { wrongPinMs: Math.round(reference), ratios });
    for (const [path, ratio] of Object.entries(ratios)) {
      expect(ratio, `${path}: ${JSON.stringify(ratios)}`).toBeGreaterThanOrEqual(0.6);
      expect(ratio, `${path}: ${JSON.stringify(ratios)}`).toBeLessThanOrEqual(1.6);
    }
  }, 180_000);
});
