/**
 * Small-cell suppression for published tables (k-anonymity with k = 5), with complementary
 * suppression of totals so that no hidden cell can be worked out by subtraction.
 *
 * Every cell under 5 is shown as "<5" (primary suppression: the reader knows it lies in 0..4). Row,
 * column and grand totals are published only while publishing them pins no hidden value down; a
 * total that is not published is shown as "—" and tells the reader nothing (totals under 5 are never
 * published). Whether a hidden value is pinned down is decided exactly: write the table with its
 * totals as an (R+1) x (C+1) table in which every row and column sums to zero; a hidden value can
 * move (and so cannot be derived) exactly when a cycle of hidden entries lets it move by one in
 * either direction without leaving anyone's known bounds: a cycle in the residual graph of rows and
 * columns. The cells are never altered; only which totals are published is chosen.
 */
export const K = 5;
export const SUPPRESSED = '<5' as const;
export type Shown = number | typeof SUPPRESSED;

export interface SuppressedTable {
  cells: Shown[][];
  /** `null`: not published. */
  rowTotals: (number | null)[];
  colTotals: (number | null)[];
  grandTotal: number | null;
}

interface Entry { row: number; col: number; value: number; lo: number; hi: number; hidden: boolean; isTotal: boolean }

export function suppress(values: number[][]): SuppressedTable {
  const R = values.length;
  const C = values[0]?.length ?? 0;
  const rowTotals = values.map((r) => r.reduce((a, b) => a + b, 0));
  const colTotals = Array.from({ length: C }, (_, j) => values.reduce((a, r) => a + r[j]!, 0));
  const grand = rowTotals.reduce((a, b) => a + b, 0);

  // Extended table: rows 0..R (R = the column-totals row), columns 0..C (C = the row-totals column).
  const entries: Entry[] = [];
  const at = new Map<string, Entry>();
  const add = (e: Entry) => { entries.push(e); at.set(`${e.row},${e.col}`, e); };
  for (let i = 0; i < R; i++) {
    for (let j = 0; j < C; j++) {
      const v = values[i]![j]!;
      add({ row: i, col: j, value: v, lo: 0, hi: K - 1, hidden: v < K, isTotal: false });
    }
  }
  // Totals enter negated (so that every line sums to zero); an unpublished total is known only to be >= 0.
  for (let i = 0; i < R; i++) add({ row: i, col: C, value: -rowTotals[i]!, lo: -Infinity, hi: 0, hidden: rowTotals[i]! < K, isTotal: true });
  for (let j = 0; j < C; j++) add({ row: R, col: j, value: -colTotals[j]!, lo: -Infinity, hi: 0, hidden: colTotals[j]! < K, isTotal: true });
  add({ row: R, col: C, value: grand, lo: 0, hi: Infinity, hidden: grand < K, isTotal: true });

  const mustProtect = (e: Entry) => e.hidden && Math.abs(e.value) < K;
  for (let guard = 0; guard <= entries.length; guard++) {
    const exposed = entries.find((e) => mustProtect(e) && isPinned(e, entries, R, C));
    if (!exposed) break;
    const published = entries.filter((e) => e.isTotal && !e.hidden);
    // Withhold the total closest to the exposed value: its row's, then its column's, then any.
    const pick = published.find((t) => t.row === exposed.row) ?? published.find((t) => t.col === exposed.col) ?? published[0];
    if (!pick) break; // cannot happen: with every total withheld, each hidden cell can move by one (see tests)
    pick.hidden = true;
  }

  return {
    cells: values.map((r) => r.map((v) => (v < K ? SUPPRESSED : v))),
    rowTotals: rowTotals.map((t, i) => (at.get(`${i},${C}`)!.hidden ? null : t)),
    colTotals: colTotals.map((t, j) => (at.get(`${R},${j}`)!.hidden ? null : t)),
    grandTotal: at.get(`${R},${C}`)!.hidden ? null : grand,
  };
}

/** True when the hidden entry cannot move by one in either direction: the published figures determine it. */
function isPinned(e: Entry, entries: Entry[], R: number, C: number): boolean {
  return !canMove(e, +1, entries, R, C) && !canMove(e, -1, entries, R, C);
}

/**
 * Residual graph over nodes rows (0..R) and columns (R+1..R+C+1): a hidden entry that can grow is an
 * arc row -> column, one that can shrink an arc column -> row. The entry moves by `direction` iff the
 * matching arc closes a cycle through other hidden entries.
 */
function canMove(e: Entry, direction: 1 | -1, entries: Entry[], R: number, C: number): boolean {
  if (direction === 1 ? e.value >= e.hi : e.value <= e.lo) return false;
  const rowNode = (r: number) => r;
  const colNode = (c: number) => R + 1 + c;
  const arcs = new Map<number, number[]>();
  const link = (from: number, to: number) => { const list = arcs.get(from) ?? []; list.push(to); arcs.set(from, list); };
  for (const x of entries) {
    if (!x.hidden || x === e) continue;
    if (x.value < x.hi) link(rowNode(x.row), colNode(x.col));
    if (x.value > x.lo) link(colNode(x.col), rowNode(x.row));
  }
  // Growing e (arc row -> column) needs a way back from its column to its row; shrinking, the reverse.
  const [start, goal] = direction === 1 ? [colNode(e.col), rowNode(e.row)] : [rowNode(e.row), colNode(e.col)];
  const seen = new Set([start]);
  const queue = [start];
  while (queue.length) {
    const node = queue.shift()!;
    if (node === goal) return true;
    for (const next of arcs.get(node) ?? []) if (!seen.has(next)) { seen.add(next); queue.push(next); }
  }
  void C;
  return false;
}
