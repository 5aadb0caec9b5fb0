import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { FUNCTIONS, FUNCTION_NAMES } from '../../lib/composition/manifest.js';
import { parseConfig } from '../../lib/config.js';
import { SUBJECT_KEY_CACHE_MS } from '../../lib/adapters/crypto/subject-keys.js';

const ROOT = join(import.meta.dirname, '..', '..');
const RECORD = readFileSync(join(ROOT, 'docs/privacy/record-of-processing.md'), 'utf8');
const ADAPTERS = join(ROOT, 'lib/adapters/dynamo');

/** Every sealed attribute (`<name>Enc`) each DynamoDB adapter module reads or writes, from its source. */
function sealedAttributes(): Array<{ module: string; attribute: string }> {
  return readdirSync(ADAPTERS).filter((f) => f.endsWith('.ts')).flatMap((module) => {
    const source = readFileSync(join(ADAPTERS, module), 'utf8');
    return [...new Set([...source.matchAll(/\b([a-z][A-Za-z]*Enc)\b/g)].map((m) => m[1]!))].map((attribute) => ({ module, attribute }));
  });
}

/** Rows of the record's table: `| module | item | `attribute` | ...`. */
function recordedAttributes(): Array<{ module: string; attribute: string }> {
  return RECORD.split('\n').filter((line) => /^\| [a-z-]+\.ts \|/.test(line)).map((line) => {
    const cells = line.split('|').map((c) => c.trim());
    return { module: cells[1]!, attribute: cells[3]!.replace(/`/g, '') };
  });
}

const byKey = (a: { module: string; attribute: string }, b: { module: string; attribute: string }) =>
  `${a.module} ${a.attribute}`.localeCompare(`${b.module} ${b.attribute}`);

describe('docs/privacy/record-of-processing.md cannot drift from the code', () => {
  it('lists exactly the sealed attributes the adapters store, each with its module', () => {
    const inCode = sealedAttributes().sort(byKey);
    expect(inCode.length).toBeGreaterThan(5);
    expect(recordedAttributes().sort(byKey)).toEqual(inCode);
  });

  it('names exactly the functions whose grants open personal fields (the manifest the stack is built from)', () => {
    const readers = FUNCTION_NAMES.filter((name) => (FUNCTIONS[name].grants as readonly string[]).includes('store'));
    const line = RECORD.split('\n').find((l) => l.startsWith('fields: **'))!;
    expect(line.match(/\*\*(.+)\*\*/)![1]!.split(', ')).toEqual(readers);
  });

  it('states the retention default and the longest time erased data stays readable as the code sets them', () => {
    expect(RECORD).toContain(`**${parseConfig({}).policy.retentionDaysAfterClose}** days after the case stops being open`);
    expect(RECORD).toContain(`at most **${SUBJECT_KEY_CACHE_MS / 60_000} minutes**`);
  });

  it('keeps the DPIA and the transfers page beside it, naming Art. 34 and Art. 56 and the region the stack uses', () => {
    const dpia = readFileSync(join(ROOT, 'docs/privacy/dpia.md'), 'utf8');
    const transfers = readFileSync(join(ROOT, 'docs/privacy/transfers.md'), 'utf8');
    const app = readFileSync(join(ROOT, 'infra/app.ts'), 'utf8');
    expect(dpia).toContain('Art. 34');
    expect(transfers).toContain('Art. 56');
    const region = app.match(/ap-[a-z]+-\d/)![0];
    expect(transfers).toContain(region);
    for (const recipient of ["Africa's Talking", 'Meta', 'Amazon Web Services']) expect(transfers).toContain(recipient);
  });
});
