import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * test/README.md lists, for each rule held by the integration tests (isolation, idempotency, the
 * access log, locks), the test that fails when it breaks. Renaming or removing such a test without
 * updating the list would leave the next reader looking for a guarantee that is no longer held.
 */
const readme = readFileSync('test/README.md', 'utf8');
const rules = readme.slice(readme.indexOf('## Rules held by integration tests'), readme.indexOf('## The specification'));
const squash = (s: string) => s.replace(/\s+/g, ' ').trim();
const testFiles = (dir: string): string[] => readdirSync(dir, { withFileTypes: true })
  .flatMap((e) => (e.isDirectory() ? testFiles(join(dir, e.name)) : e.name.endsWith('.test.ts') ? [join(dir, e.name)] : []));
const byName = new Map(testFiles('test').map((p) => [p.slice(p.lastIndexOf('/') + 1), p]));

/** Every `file.test.ts` › "test name" (and each further "name" that follows with "->" or ";") in the list. */
function named(): Array<{ file: string; name: string }> {
  const out: Array<{ file: string; name: string }> = [];
  for (const m of rules.matchAll(/`([\w-]+\.test\.ts)`((?:\s*›\s*"[^"]+")?)/g)) {
    const name = /"([^"]+)"/.exec(m[2] ?? '')?.[1];
    out.push({ file: m[1]!, name: name ? squash(name.split('…')[0]!) : '' });
  }
  return out;
}

describe('test/README.md: rule -> the test that would fail', () => {
  it('names at least the isolation, idempotency, access-log and lock rules', () => {
    for (const heading of ['Isolation', 'Idempotency', 'Access log', 'Locks']) expect(rules).toContain(heading);
    expect(named().length).toBeGreaterThan(20);
  });

  it('names test files and tests that exist', () => {
    const missing = named().filter(({ file, name }) => {
      const path = byName.get(file);
      return !path || !existsSync(path) || (name !== '' && !squash(readFileSync(path, 'utf8')).includes(name.replace(/[,.]$/, '')));
    });
    expect(missing).toEqual([]);
  });
});
