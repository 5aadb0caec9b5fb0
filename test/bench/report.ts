/** Plain-text tables: the bench prints to a terminal or a CI log, nothing else. */
export function table(headers: string[], rows: string[][]): string {
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i]!)).join('  ').trimEnd();
  return [line(headers), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

export interface TargetRow {
  measure: string;
  figure: string;
  target: string;
  pass: boolean | undefined;
}

export const verdict = (pass: boolean | undefined) => (pass === undefined ? 'N/A' : pass ? 'PASS' : 'FAIL');

export function section(title: string): string {
  return `\n== ${title} ${'='.repeat(Math.max(0, 96 - title.length))}\n`;
}

/**
 * What `npm run bench` exits with: 1 when any target FAILed, so a script or CI step that runs it
 * fails with the target; 0 when every measured target passed (a target not measured, N/A, is
 * reported as such, not failed).
 */
export const exitCodeFor = (rows: readonly Pick<TargetRow, 'pass'>[]): 0 | 1 => (rows.some((r) => r.pass === false) ? 1 : 0);
