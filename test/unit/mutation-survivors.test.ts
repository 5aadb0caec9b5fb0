import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { inMutateSet, type Report, type Survivor, staleEntries, survivorsOf, withoutProjectRoot } from '../mutation/check-survivors.js';
import { isMutated } from '../mutation/mutate-set.js';

/**
 * The CI side of mutation testing (issue 24): `npm run mutation` is on demand (minutes), this is in
 * `npm test` (milliseconds). Every mutant listed as an accepted survivor in
 * test/mutation/survivors.json must still point at code in a mutated file, with its reason. A change
 * to a line a listed survivor names fails here: run `npm run mutation` (incremental: it mutates only
 * what changed) and commit test/mutation/ with the change.
 */
const read = (file: string) => (existsSync(file) ? readFileSync(file, 'utf8') : undefined);
const listed = JSON.parse(readFileSync('test/mutation/survivors.json', 'utf8')) as Survivor[];

describe('the reviewed list of surviving mutants', () => {
  it('names only code that is still there, in a mutated file, each with the reason no test can tell it apart', () => {
    const stale = staleEntries(listed, read).map(({ entry, problem }) => `${entry.file}:${entry.line ?? '?'} ${entry.mutator} ${entry.original}: ${problem}`);
    expect(stale).toEqual([]);
  });

  it('tells a vanished file, a file outside the mutate set, a missing reason and changed code apart', () => {
    const entry: Survivor = { file: 'lib/domain/sla.ts', mutator: 'ConditionalExpression', original: 'minutes === undefined', replacement: 'false', occurrence: 1, reason: 'why' };
    const source = 'if (minutes === undefined) return;';
    expect(staleEntries([entry], () => source)).toEqual([]);
    expect(staleEntries([entry], () => undefined).map((s) => s.problem)).toEqual(['file is gone']);
    expect(staleEntries([{ ...entry, file: 'lib/ussd/texts.ts' }], () => source).map((s) => s.problem)).toEqual(['file is not in the mutate set of stryker.config.mjs']);
    expect(staleEntries([{ ...entry, reason: 'TODO' }], () => source).map((s) => s.problem)).toEqual(['no reason given']);
    expect(staleEntries([entry], () => 'if (minutes == null) return;').map((s) => s.problem)).toEqual(['the code it names is no longer in the file']);
  });

  it('scores and lists only the files of the mutate set, not the old results Stryker carries over for a file that left it', () => {
    const survivor = { id: '1', mutatorName: 'ConditionalExpression', replacement: 'false', status: 'Survived', location: { start: { line: 1, column: 5 }, end: { line: 1, column: 9 } } };
    const report: Report = { files: {
      'lib/domain/sla.ts': { source: 'if (late) return;', mutants: [survivor] },
      'lib/domain/places/gazetteer-derive.ts': { source: 'if (late) return;', mutants: [survivor] },
    } };
    const { report: scored, left } = inMutateSet(report);
    expect(left).toEqual(['lib/domain/places/gazetteer-derive.ts']);
    expect(survivorsOf(scored).map((s) => s.file)).toEqual(['lib/domain/sla.ts']);
  });

  it('keeps the checked-in incremental results free of the path of the checkout that ran Stryker', () => {
    const written = JSON.stringify({ files: {}, projectRoot: '/home/someone/pmi-hotline', schemaVersion: '2' }, null, 2);
    expect(JSON.parse(withoutProjectRoot(written))).toEqual({ files: {}, schemaVersion: '2' });
    expect(readFileSync('test/mutation/stryker-incremental.json', 'utf8')).not.toContain('"projectRoot"');
  });

  it('reads the mutate set from stryker.config.mjs, exclusions included', () => {
    expect(['lib/domain/nik.ts', 'lib/domain/places/read-places.ts', 'lib/cases/plans.ts', 'lib/conversation/grammar.ts', 'lib/ussd/menu.ts', 'lib/figures/suppression.ts', 'lib/config.ts'].filter(isMutated)).toHaveLength(7);
    expect(['lib/domain/phone-metadata.ts', 'lib/domain/places/gazetteer.ts', 'lib/cases/change-case.ts', 'lib/ussd/texts.ts', 'lib/configuration.ts'].filter(isMutated)).toEqual([]);
  });
});
