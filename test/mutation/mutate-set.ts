/**
 * The files `npm run mutation` mutates, read from stryker.config.mjs's `mutate` globs (one list, so
 * the survivors check and its unit test cannot drift from the run). Supports what that list uses:
 * `**`, `*` and a leading `!` for exclusions.
 */
// By URL: TypeScript does not type-check the .mjs config (no allowJs), node and vitest load it as is.
const config = (await import(new URL('../../stryker.config.mjs', import.meta.url).href)) as { default: { mutate: string[] } };
const patterns: string[] = config.default.mutate;

const toRegExp = (glob: string) => new RegExp(`^${glob
  .replace(/[.+^${}()|[\]\\]/g, '\\$&')
  .replace(/\*\*\//g, '\u0000')
  .replace(/\*/g, '[^/]*')
  .replace(/\u0000/g, '(?:.*/)?')}$`);

const included = patterns.filter((p) => !p.startsWith('!')).map(toRegExp);
const excluded = patterns.filter((p) => p.startsWith('!')).map((p) => toRegExp(p.slice(1)));

/** Whether `file` (relative to the repository, forward slashes) is in the mutate set. */
export function isMutated(file: string): boolean {
  return included.some((r) => r.test(file)) && !excluded.some((r) => r.test(file));
}

export const MUTATE_PATTERNS: readonly string[] = patterns;
