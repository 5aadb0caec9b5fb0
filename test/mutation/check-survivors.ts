/**
 * Runs after `stryker run` (npm run mutation): reads Stryker's JSON report and compares its surviving
 * mutants with the reviewed list in test/mutation/survivors.json.
 *
 * - A survivor that is not listed fails the run: kill it with a unit test, or list it with the reason
 *   it is equivalent (no test can tell it from the original). `--write` adds every unlisted survivor
 *   with reason "TODO", which still fails until a person writes the reason.
 * - A listed mutant that no longer survives (killed, or its code is gone) fails too, so the list
 *   stays the list of what is accepted today.
 * - Prints the mutation score of each folder and in all, against the 85 % target.
 *
 * A mutant is named by its file, mutator, the code it replaces and the replacement (never its line
 * number, which every edit above it would move); `occurrence` tells identical ones in a file apart.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { isMutated } from './mutate-set.js';

const REPORT = 'reports/mutation/mutation.json';
const INCREMENTAL = 'test/mutation/stryker-incremental.json';
const LIST = 'test/mutation/survivors.json';
export const TARGET = 85;

interface Position { line: number; column: number }
interface ReportMutant {
  id: string; mutatorName: string; replacement?: string; status: string;
  location: { start: Position; end: Position };
}
export interface Report { files: Record<string, { source: string; mutants: ReportMutant[] }> }

export interface Survivor { file: string; mutator: string; original: string; replacement: string; occurrence: number; line?: number; reason: string }

const SURVIVING = new Set(['Survived', 'NoCoverage']);
const DETECTED = new Set(['Killed', 'Timeout']);

/** The source text a location covers (lines and columns 1-based, end exclusive, as the report schema has them). */
function textAt(source: string, { start, end }: { start: Position; end: Position }): string {
  const lines = source.split('\n');
  const offset = (p: Position) => lines.slice(0, p.line - 1).reduce((n, l) => n + l.length + 1, 0) + p.column - 1;
  return source.slice(offset(start), offset(end));
}

const squash = (text: string, max = 160) => {
  const one = text.replace(/\s+/g, ' ').trim();
  return one.length > max ? `${one.slice(0, max)}…` : one;
};

const keyOf = (s: Omit<Survivor, 'reason' | 'line'>) => JSON.stringify([s.file, s.mutator, s.original, s.replacement, s.occurrence]);

export function survivorsOf(report: Report): Survivor[] {
  const out: Survivor[] = [];
  for (const [file, { source, mutants }] of Object.entries(report.files).sort(([a], [b]) => a.localeCompare(b))) {
    const seen = new Map<string, number>();
    const ordered = [...mutants].sort((a, b) => a.location.start.line - b.location.start.line || a.location.start.column - b.location.start.column);
    for (const m of ordered) {
      if (!SURVIVING.has(m.status)) continue;
      const base = { file, mutator: m.mutatorName, original: squash(textAt(source, m.location)), replacement: squash(m.replacement ?? '') };
      const baseKey = JSON.stringify(base);
      const occurrence = (seen.get(baseKey) ?? 0) + 1;
      seen.set(baseKey, occurrence);
      out.push({ ...base, occurrence, line: m.location.start.line, reason: '' });
    }
  }
  return out;
}

export function scores(report: Report): Map<string, { detected: number; total: number }> {
  const byFolder = new Map<string, { detected: number; total: number }>();
  for (const [file, { mutants }] of Object.entries(report.files)) {
    const folder = file.includes('/') ? file.slice(0, file.lastIndexOf('/')) : '.';
    for (const key of [folder, 'all']) {
      const s = byFolder.get(key) ?? { detected: 0, total: 0 };
      for (const m of mutants) {
        if (DETECTED.has(m.status)) { s.detected++; s.total++; } else if (SURVIVING.has(m.status)) s.total++;
      }
      byFolder.set(key, s);
    }
  }
  return byFolder;
}

/**
 * Listed survivors that no longer point at code: their file is gone or out of the mutate set, their
 * reason is missing, or the code they name is no longer in the file. What the unit test
 * test/unit/mutation-survivors.test.ts checks in `npm test`, in milliseconds.
 */
export function staleEntries(listed: Survivor[], read: (file: string) => string | undefined): Array<{ entry: Survivor; problem: string }> {
  const out: Array<{ entry: Survivor; problem: string }> = [];
  for (const entry of listed) {
    const source = read(entry.file);
    if (source === undefined) out.push({ entry, problem: 'file is gone' });
    else if (!isMutated(entry.file)) out.push({ entry, problem: 'file is not in the mutate set of stryker.config.mjs' });
    else if (!entry.reason || entry.reason === 'TODO') out.push({ entry, problem: 'no reason given' });
    else if (!squash(source, Infinity).includes(entry.original.replace(/…$/, ''))) out.push({ entry, problem: 'the code it names is no longer in the file' });
  }
  return out;
}

const pct = (s: { detected: number; total: number }) => (s.total === 0 ? 100 : (100 * s.detected) / s.total);

/**
 * `--current <base>`: for every mutated file this branch changed since <base>, whether the checked-in
 * results were made from the file as it is now. Reads two files and git's list of changes: seconds,
 * not a mutation run. A file that changed since its results fails: run npm run mutation and commit
 * test/mutation/stryker-incremental.json and survivors.json with the change.
 */
function checkCurrent(base: string): number {
  const recorded = (JSON.parse(readFileSync(INCREMENTAL, 'utf8')) as Report).files;
  const changed = execFileSync('git', ['diff', '--name-only', `${base}...HEAD`], { encoding: 'utf8' }).split('\n').filter(Boolean);
  const stale = changed.filter((file) => file in recorded ? !existsSync(file) || readFileSync(file, 'utf8') !== recorded[file]!.source : false);
  const unrecorded = changed.filter((file) => !(file in recorded) && existsSync(file) && isMutated(file));
  for (const file of [...stale, ...unrecorded]) console.log(`  ${file}: changed since its mutation results`);
  const failed = stale.length + unrecorded.length > 0;
  console.log(failed ? 'Run npm run mutation and commit test/mutation/ with the change.' : `Mutation results are current for the ${changed.length} changed file(s).`);
  return failed ? 1 : 0;
}

/** The files of the mutate set as they are now (git's list, so untracked scratch files do not count). */
function mutatedFiles(): string[] {
  return execFileSync('git', ['ls-files', 'lib'], { encoding: 'utf8' }).split('\n').filter((f) => f && isMutated(f));
}

/**
 * The report without the files that left the mutate set. Stryker writes every file of the
 * incremental results into its report, also one no longer mutated (it instruments only the mutate
 * set, and carries the old results of the others over unchanged): the run of 6 Dec 09:42 scored and
 * listed the survivors of phone-metadata-derive.ts and gazetteer-derive.ts, out of the set since.
 */
export function inMutateSet<R extends Report>(report: R, mutated: (file: string) => boolean = isMutated): { report: R; left: string[] } {
  const left = Object.keys(report.files).filter((file) => !mutated(file)).sort();
  const files = Object.fromEntries(Object.entries(report.files).filter(([file]) => mutated(file)));
  return { report: { ...report, files }, left };
}

/**
 * Stryker writes the absolute path of the checkout it ran in into the incremental file as
 * `projectRoot`. The file is checked in, so the path goes: Stryker reuses results without it.
 */
export function withoutProjectRoot(text: string): string {
  const results = JSON.parse(text) as Record<string, unknown>;
  if (!('projectRoot' in results)) return text;
  delete results.projectRoot;
  return JSON.stringify(results, null, 2);
}

function main(): number {
  const at = process.argv.indexOf('--current');
  if (at !== -1) return checkCurrent(process.argv[at + 1] ?? 'origin/main');
  if (existsSync(INCREMENTAL)) {
    const text = readFileSync(INCREMENTAL, 'utf8');
    const clean = withoutProjectRoot(text);
    if (clean !== text) writeFileSync(INCREMENTAL, clean);
  }
  const { report, left } = inMutateSet(JSON.parse(readFileSync(REPORT, 'utf8')) as Report);
  if (left.length > 0) console.log(`Not scored (no longer in the mutate set; Stryker carried their old results over): ${left.join(', ')}`);
  const listed = JSON.parse(readFileSync(LIST, 'utf8')) as Survivor[];
  const found = survivorsOf(report);
  const listedKeys = new Map(listed.map((s) => [keyOf(s), s]));
  const foundKeys = new Set(found.map(keyOf));

  const byFolder = scores(report);
  console.log('\nMutation score (killed + timed out) / (killed + timed out + survived + not covered):');
  for (const [folder, s] of [...byFolder].sort(([a], [b]) => (a === 'all' ? 1 : b === 'all' ? -1 : a.localeCompare(b)))) {
    console.log(`  ${folder.padEnd(20)} ${pct(s).toFixed(1).padStart(5)} %  (${s.detected}/${s.total})${pct(s) < TARGET ? `  below ${TARGET} %` : ''}`);
  }
  const missing = mutatedFiles().filter((file) => !(file in report.files));
  if (missing.length > 0) console.log(`Not in this report (never run, so not in the score): ${missing.join(', ')}`);
  const all = pct(byFolder.get('all') ?? { detected: 0, total: 0 });
  console.log(`Target: at least ${TARGET} % in all: ${all >= TARGET ? 'met' : 'NOT MET'} (${all.toFixed(1)} %).`);

  const unlisted = found.filter((s) => !listedKeys.has(keyOf(s)));
  const gone = listed.filter((s) => !foundKeys.has(keyOf(s)));
  const unexplained = listed.filter((s) => foundKeys.has(keyOf(s)) && (!s.reason || s.reason === 'TODO'));
  console.log(`Survivors: ${found.length}, listed as equivalent in ${LIST}: ${found.length - unlisted.length}.`);

  if (process.argv.includes('--write')) {
    const kept = listed.filter((s) => foundKeys.has(keyOf(s)));
    const lineOf = new Map(found.map((s) => [keyOf(s), s.line]));
    const next = [...kept, ...unlisted.map((s) => ({ ...s, reason: 'TODO' }))]
      .map((s) => ({ ...s, line: lineOf.get(keyOf(s)) }))
      .sort((a, b) => a.file.localeCompare(b.file) || (a.line ?? 0) - (b.line ?? 0));
    writeFileSync(LIST, `${JSON.stringify(next, null, 2)}\n`);
    console.log(`Wrote ${LIST}: ${kept.length} kept, ${unlisted.length} added with reason TODO, ${gone.length} removed.`);
    return 0;
  }

  let failed = all < TARGET;
  const show = (s: Survivor) => `  ${s.file}:${s.line ?? '?'} ${s.mutator}: ${s.original} -> ${s.replacement}`;
  if (unlisted.length > 0) {
    failed = true;
    console.log(`\nNEW SURVIVORS (${unlisted.length}): kill each with a unit test, or add it to ${LIST} with the reason it is equivalent (npm run mutation:list writes TODO entries):`);
    for (const s of unlisted) console.log(show(s));
  }
  if (unexplained.length > 0) {
    failed = true;
    console.log(`\nLISTED WITHOUT A REASON (${unexplained.length}):`);
    for (const s of unexplained) console.log(show(s));
  }
  if (gone.length > 0) {
    failed = true;
    console.log(`\nLISTED BUT NO LONGER SURVIVING (${gone.length}): remove them from ${LIST}:`);
    for (const s of gone) console.log(show(s));
  }
  console.log(failed ? '\nmutation: FAILED' : '\nmutation: passed');
  return failed ? 1 : 0;
}

if (import.meta.url === `file://${process.argv[1]}`) process.exitCode = main();
