/**
 * `npm run functions`: writes each Lambda entry point in functions/ from lib/composition/manifest.ts
 * and removes entry points no manifest entry names. `--check` only reports what differs (exit 1).
 */
import { existsSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { entrySources } from '../composition/aws-entries.js';

const root = resolve(import.meta.dirname, '../..');
const check = process.argv.includes('--check');
const wanted = entrySources();
const differs: string[] = [];
for (const { path, source } of wanted) {
  const file = join(root, path);
  if (existsSync(file) && readFileSync(file, 'utf8') === source) continue;
  differs.push(path);
  if (!check) writeFileSync(file, source);
}
for (const file of readdirSync(join(root, 'functions'))) {
  const path = `functions/${file}`;
  if (wanted.some((w) => w.path === path)) continue;
  differs.push(`${path} (no manifest entry)`);
  if (!check) rmSync(join(root, path));
}
process.stdout.write(differs.length ? `${check ? 'out of date' : 'written'}: ${differs.join(', ')}\n` : 'functions/ matches the manifest\n');
if (check && differs.length) process.exit(1);
