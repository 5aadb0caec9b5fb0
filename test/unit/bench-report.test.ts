import { describe, expect, it } from 'vitest';
import { exitCodeFor, verdict } from '../bench/report.js';

const row = (pass: boolean | undefined) => ({ measure: 'm', figure: 'f', target: 't', pass });

describe('npm run bench exit code', () => {
  it('exits 1 when any target FAILs, however many passed', () => {
    expect(exitCodeFor([row(true), row(false), row(true)])).toBe(1);
    expect(exitCodeFor([row(undefined), row(false)])).toBe(1);
  });

  it('exits 0 when every measured target passed, a target not measured (N/A) not counting as a failure', () => {
    expect(exitCodeFor([row(true), row(undefined), row(true)])).toBe(0);
    expect(verdict(undefined)).toBe('N/A');
    expect(exitCodeFor([])).toBe(0);
  });
});
