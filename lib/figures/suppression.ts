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
/**
 * A cell of a measure linked to the reports (answered on time, resolved) that is withheld: fewer than
 * 5, or fewer than 5 short of the cell's reports. One marker for both, so that which of the two it is
 * tells nothing (with a separate marker, reports 6 and "withheld, at least 5" would give 5 and 1 late).
 */
export const WITHHELD = '*' as const;
export type Shown = number | typeof SUPPRESSED | typeof WITHHELD;

/** What the reader knows of a hidden cell: it lies in lo..hi (conservatively the narrowest range the published rule allows). */
export interface HiddenCell { lo: number; hi: number }

export interface SuppressedTable {
  cells: Shown[][];
  /** `null`: not published. */
  rowTotals: (number | null)[];
  colTotals: (number | null)[];
  grandTotal: number | null;
}

interface Entry { row: number; col: number; value: number; lo: number; hi: number; hidden: boolean; isTotal: boolean; protect: boolean }

/**
 * `totals: 'grand'` publishes at most the grand total (row and column totals withheld from the
 * start): for measures whose only total on show is the month's, such as the share answered on time.
 */
export function suppress(
  values: number[][],
  options: {
    totals?: 'all' | 'grand';
    /**
     * Which cells are hidden and what the reader knows of each (default: every cell under 5, known to
     * lie in 0..4). Each hidden cell is kept movable; published cells are known exactly.
     */
    hidden?: (HiddenCell | null)[][];
  } = {},
): SuppressedTable {
  const onlyGrand = options.totals === 'grand';
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
      const given = options.hidden?.[i]?.[j];
      if (options.hidden) add({ row: i, col: j, value: v, lo: given?.lo ?? v, hi: given?.hi ?? v, hidden: !!given, isTotal: false, protect: !!given });
      else add({ row: i, col: j, value: v, lo: 0, hi: K - 1, hidden: v < K, isTotal: false, protect: v < K });
    }
  }
  // Totals enter negated (so that every line sums to zero); an unpublished total is known only to be >= 0.
  for (let i = 0; i < R; i++) add({ row: i, col: C, value: -rowTotals[i]!, lo: -Infinity, hi: 0, hidden: onlyGrand || rowTotals[i]! < K, isTotal: true, protect: rowTotals[i]! < K });
  for (let j = 0; j < C; j++) add({ row: R, col: j, value: -colTotals[j]!, lo: -Infinity, hi: 0, hidden: onlyGrand || colTotals[j]! < K, isTotal: true, protect: colTotals[j]! < K });
  add({ row: R, col: C, value: grand, lo: 0, hi: Infinity, hidden: grand < K, isTotal: true, protect: grand < K });

  const mustProtect = (e: Entry) => e.hidden && e.protect;
  // Withholding a total only adds unknowns, so a value that can move keeps being able to: one pass
  // over the values suffices, withholding totals until each in turn can move.
  let graph = residualGraph(entries, R);
  for (const e of entries) {
    if (!mustProtect(e)) continue;
    while (isPinned(e, graph, R)) {
      const published = entries.filter((t) => t.isTotal && !t.hidden);
      // Withhold the total closest to the exposed value: its row's, then its column's, then any.
      const pick = published.find((t) => t.row === e.row) ?? published.find((t) => t.col === e.col) ?? published[0];
      if (!pick) break; // cannot happen: with every total withheld, each hidden cell can move by one (see tests)
      pick.hidden = true;
      graph = residualGraph(entries, R);
    }
  }

  return {
    cells: values.map((r, i) => r.map((v, j) => (options.hidden ? (options.hidden[i]?.[j] ? WITHHELD : v) : v < K ? SUPPRESSED : v))),
    rowTotals: rowTotals.map((t, i) => (at.get(`${i},${C}`)!.hidden ? null : t)),
    colTotals: colTotals.map((t, j) => (at.get(`${R},${j}`)!.hidden ? null : t)),
    grandTotal: at.get(`${R},${C}`)!.hidden ? null : grand,
  };
}

/**
 * Residual graph over nodes rows (0..R) and columns (R+1..R+C+1): a hidden entry that can grow is an
 * arc row -> column, one that can shrink an arc column -> row. Arcs carry their entry so that a
 * search can leave out the entry it asks about.
 */
type Graph = Map<number, Array<{ to: number; entry: Entry }>>;

function residualGraph(entries: Entry[], R: number): Graph {
  const graph: Graph = new Map();
  const link = (from: number, to: number, entry: Entry) => {
    const list = graph.get(from);
    if (list) list.push({ to, entry });
    else graph.set(from, [{ to, entry }]);
  };
  for (const x of entries) {
    if (!x.hidden) continue;
    if (x.value < x.hi) link(x.row, R + 1 + x.col, x);
    if (x.value > x.lo) link(R + 1 + x.col, x.row, x);
  }
  return graph;
}

/** True when the hidden entry cannot move by one in either direction: the published figures determine it. */
function isPinned(e: Entry, graph: Graph, R: number): boolean {
  return !canMove(e, +1, graph, R) && !canMove(e, -1, graph, R);
}

/** The entry moves by `direction` iff its arc closes a cycle through other hidden entries. */
function canMove(e: Entry, direction: 1 | -1, graph: Graph, R: number): boolean {
  if (direction === 1 ? e.value >= e.hi : e.value <= e.lo) return false;
  const row = e.row;
  const col = R + 1 + e.col;
  // Growing e (arc row -> column) needs a way back from its column to its row; shrinking, the reverse.
  const [start, goal] = direction === 1 ? [col, row] : [row, col];
  const seen = new Set([start]);
  const queue = [start];
  for (let head = 0; head < queue.length; head++) {
    const node = queue[head]!;
    if (node === goal) return true;
    for (const arc of graph.get(node) ?? []) {
      if (arc.entry !== e && !seen.has(arc.to)) { seen.add(arc.to); queue.push(arc.to); }
    }
  }
  return false;
}
