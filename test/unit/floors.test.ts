import { describe, expect, it } from 'vitest';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import ts from 'typescript';

/**
 * The house's floors, measured from the code's own imports, so they cannot drift. A room is a folder
 * directly under lib/ (lib/cases, lib/use-cases, ...), a file directly in lib/ (lib/config.ts), or
 * functions/ or infra/ as a whole. A room stands on a higher floor than every room it imports: the
 * rooms can be stacked that way exactly when no chain of imports leads from a room back to itself.
 * An import that closes such a chain runs back up a floor. Tests are no rooms.
 */
const ROOT = resolve(import.meta.dirname, '../..');
const SOURCES = ['lib', 'functions', 'infra'];

/**
 * The imports allowed to run back up a floor (at most one), each with its reason. Empty: every room
 * stands above all it imports.
 */
const BACK_UP: ReadonlyArray<{ from: string; to: string; why: string }> = [];

/** What an inner room never imports, whatever else changes: the rules the floors are for. */
const NEVER: ReadonlyArray<{ rooms: string[]; imports: string[]; why: string }> = [
  {
    rooms: ['lib/domain'],
    imports: ['lib/*'],
    why: 'the vocabulary and rules of the domain stand on their own (lib/zod.ts aside)',
  },
  {
    rooms: ['lib/cases', 'lib/use-cases', 'lib/figures', 'lib/officials', 'lib/conversation', 'lib/messages'],
    imports: ['lib/adapters', 'lib/composition', 'lib/local', 'lib/console', 'lib/jobs', 'lib/sms', 'lib/ussd', 'lib/web', 'lib/whatsapp'],
    why: 'use cases take ports, never adapters (no table keys, no stream images), and know no door',
  },
  {
    rooms: ['lib/cases', 'lib/use-cases', 'lib/figures', 'lib/officials', 'lib/conversation', 'lib/messages', 'lib/domain'],
    imports: ['aws-lambda', '@aws-sdk/*', '@aws-lambda-powertools/*'],
    why: 'stream records and SDK types are read by the doors and the adapters, which hand facts to the use cases',
  },
];

function sourceFiles(dir: string): string[] {
  return readdirSync(join(ROOT, dir)).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(join(ROOT, path)).isDirectory()) return sourceFiles(path);
    return /\.tsx?$/.test(name) && !name.endsWith('.d.ts') ? [path] : [];
  });
}

/** The file an import names, or the package it names; undefined for a file outside the rooms. */
function target(from: string, spec: string): { file: string } | { pkg: string } | undefined {
  if (!spec.startsWith('.')) return { pkg: spec };
  const base = join(dirname(from), spec);
  const candidates = [base.replace(/\.js$/, '.ts'), base.replace(/\.js$/, '.tsx'), `${base}.ts`, join(base, 'index.ts')];
  const file = candidates.find((c) => existsSync(join(ROOT, c)) && statSync(join(ROOT, c)).isFile());
  return file ? { file: relative(ROOT, join(ROOT, file)) } : undefined;
}

function roomOf(file: string): string {
  const [top, second, third] = file.split('/');
  return top === 'lib' && third !== undefined ? `${top}/${second}` : top === 'lib' ? file : top!;
}

interface Graph {
  files: string[];
  /** file -> files it imports (static, type-only and dynamic `import()` alike). */
  imports: Map<string, Set<string>>;
  packages: Map<string, Set<string>>;
}

function readGraph(): Graph {
  const files = SOURCES.flatMap(sourceFiles);
  const imports = new Map<string, Set<string>>();
  const packages = new Map<string, Set<string>>();
  for (const file of files) {
    // The compiler's own reading of imports: strings and comments that look like imports are not.
    const info = ts.preProcessFile(readFileSync(join(ROOT, file), 'utf8'), true, true);
    imports.set(file, new Set());
    packages.set(file, new Set());
    for (const { fileName } of info.importedFiles) {
      const to = target(file, fileName);
      if (to && 'file' in to) imports.get(file)!.add(to.file);
      else if (to) packages.get(file)!.add(to.pkg);
    }
  }
  return { files, imports, packages };
}

/** Strongly connected components of more than one node (or a node importing itself): the circles. */
function circles(nodes: readonly string[], edges: (n: string) => Iterable<string>): string[][] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const found: string[][] = [];
  let next = 0;
  const visit = (v: string): void => {
    index.set(v, next); low.set(v, next); next++;
    stack.push(v); onStack.add(v);
    for (const w of edges(v)) {
      if (!index.has(w)) { visit(w); low.set(v, Math.min(low.get(v)!, low.get(w)!)); }
      else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
    }
    if (low.get(v) === index.get(v)) {
      const component: string[] = [];
      let w: string;
      do { w = stack.pop()!; onStack.delete(w); component.push(w); } while (w !== v);
      if (component.length > 1 || [...edges(v)].includes(v)) found.push(component.sort());
    }
  };
  for (const n of nodes) if (!index.has(n)) visit(n);
  return found;
}

const matches = (name: string, pattern: string) => (pattern.endsWith('/*') ? name.startsWith(pattern.slice(0, -1)) : name === pattern);

describe('the floors of the house', () => {
  const graph = readGraph();
  const roomImports = new Map<string, Map<string, string[]>>();
  for (const [from, tos] of graph.imports) {
    for (const to of tos) {
      const [a, b] = [roomOf(from), roomOf(to)];
      if (a === b) continue;
      if (!roomImports.has(a)) roomImports.set(a, new Map());
      const evidence = roomImports.get(a)!;
      evidence.set(b, [...(evidence.get(b) ?? []), `${from} -> ${to}`]);
    }
  }
  const rooms = [...new Set(graph.files.map(roomOf))].sort();

  it('reads the rooms it is about', () => {
    expect(rooms).toEqual(expect.arrayContaining(['functions', 'infra', 'lib/domain', 'lib/cases', 'lib/use-cases', 'lib/adapters', 'lib/composition']));
    expect(graph.imports.get('lib/cases/change-case.ts')?.size).toBeGreaterThan(0);
  });

  it('has no circle of files', () => {
    expect(circles(graph.files, (f) => graph.imports.get(f) ?? [])).toEqual([]);
  });

  it(`runs at most one import back up a floor (${BACK_UP.length} allowed), and no circle of rooms`, () => {
    expect(BACK_UP.length).toBeLessThanOrEqual(1);
    for (const allowed of BACK_UP) expect(roomImports.get(allowed.from)?.has(allowed.to), `${allowed.from} -> ${allowed.to} is allowed but no longer made: remove it`).toBe(true);
    const allowed = (a: string, b: string) => BACK_UP.some((x) => x.from === a && x.to === b);
    const edges = (room: string) => [...(roomImports.get(room)?.keys() ?? [])].filter((to) => !allowed(room, to));
    const found = circles(rooms, edges).map((circle) => ({
      rooms: circle,
      imports: circle.flatMap((a) => circle.flatMap((b) => (allowed(a, b) ? [] : roomImports.get(a)?.get(b) ?? []))),
    }));
    expect(found).toEqual([]);
  });

  for (const rule of NEVER) {
    it(`keeps ${rule.rooms.join(', ')} free of ${rule.imports.join(', ')}: ${rule.why}`, () => {
      const broken = graph.files.filter((f) => rule.rooms.includes(roomOf(f))).flatMap((f) => [
        ...[...graph.imports.get(f)!].filter((to) => roomOf(to) !== roomOf(f) && rule.imports.some((p) => matches(roomOf(to), p))
          && !(rule.rooms.includes('lib/domain') && to === 'lib/zod.ts')).map((to) => `${f} -> ${to}`),
        ...[...graph.packages.get(f)!].filter((pkg) => rule.imports.some((p) => matches(pkg, p))).map((pkg) => `${f} -> ${pkg}`),
      ]);
      expect(broken).toEqual([]);
    });
  }
});
