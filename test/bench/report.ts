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
