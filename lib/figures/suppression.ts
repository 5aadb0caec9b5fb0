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

/**
 * One published (or withheld) figure as the reader sees it: its true value, and while hidden, the
 * range the reader knows it lies in. `protect`: a hidden figure that must stay undetermined (a cell
 * or total under 5). `withholdable`: a figure that may be withheld to protect others (totals, and the
 * secondary cells of a table that has a total of its own).
 */
export interface Figure { value: number; lo: number; hi: number; hidden: boolean; protect: boolean; withholdable: boolean }

/**
 * The published figures as a flow network: every figure is an arc carrying its value, and every node
 * balances (what flows in flows out): a cell runs from its column's node to its row's, a row total
 * from the row to the totals node, the grand total from there back to the column side, and a second
 * table that shares a total (reports per channel, sharing the month's total) is a further stretch of
 * the same circuit. A hidden figure can move by one, all published figures and every reader's
 * bounds kept, exactly when a cycle of hidden figures runs through it: a path in the residual graph
 * (an arc forwards where its figure can grow, backwards where it can shrink) back to its start.
 * Tables linked by shared totals in a chain (categories - cells - regencies - month - channels) are
 * such a network, so the search is exact for them.
 */
export interface Arc { from: number; to: number; figure: Figure }

/** True when the hidden figure cannot move by one in either direction within the arcs: what is published determines it. */
export function isPinned(figure: Figure, arcs: readonly Arc[]): boolean {
  const graph = residualGraph(arcs);
  return arcs.filter((a) => a.figure === figure).every((a) => !canMove(a, +1, graph) && !canMove(a, -1, graph));
}

/**
 * Withholds figures (`pick`, nearest first) until no protected hidden figure is pinned in any of
 * the views (one network each; a figure movable in one view is movable, a cycle there being a
 * table consistent with everything published). Withholding only adds unknowns, so a figure that can
 * move keeps being able to: one pass over the protected figures suffices. Returns false when a
 * protected figure stays pinned with nothing left to withhold.
 */
export function protect(
  views: Array<() => Arc[]>,
  pick: (exposed: Figure) => Figure | undefined,
  /** Further witnesses the views cannot express (moves that change no published figure): true when one moves the figure. */
  options: { alsoMovable?: (f: Figure) => boolean; figures?: Figure[] } = {},
): boolean {
  const figures = new Set([...views.flatMap((v) => v().map((a) => a.figure)), ...(options.figures ?? [])]);
  const build = () => views.map((v) => {
    const arcs = v();
    const of = new Map<Figure, Arc[]>();
    for (const a of arcs) { const list = of.get(a.figure); if (list) list.push(a); else of.set(a.figure, [a]); }
    return { of, graph: residualGraph(arcs) };
  });
  let graphs = build();
  const movable = (f: Figure) => graphs.some(({ of, graph }) => (of.get(f) ?? []).some((a) => canMove(a, +1, graph) || canMove(a, -1, graph)))
    || (options.alsoMovable?.(f) ?? false);
  for (const f of figures) {
    if (!f.hidden || !f.protect) continue;
    while (!movable(f)) {
      const next = pick(f);
      if (!next) return false;
      next.hidden = true;
      graphs = build();
    }
  }
  return true;
}

type Graph = Map<number, Array<{ to: number; arc: Arc }>>;

function residualGraph(arcs: readonly Arc[]): Graph {
  const graph: Graph = new Map();
  const link = (from: number, to: number, arc: Arc) => {
    const list = graph.get(from);
    if (list) list.push({ to, arc });
    else graph.set(from, [{ to, arc }]);
  };
  for (const a of arcs) {
    const f = a.figure;
    if (!f.hidden) continue;
    if (f.value < f.hi) link(a.from, a.to, a);
    if (f.value > f.lo) link(a.to, a.from, a);
  }
  return graph;
}

/** The arc's figure moves by `direction` iff a path of other hidden arcs closes a cycle with it. */
function canMove(a: Arc, direction: 1 | -1, graph: Graph): boolean {
  const f = a.figure;
  if (!f.hidden) return false;
  if (direction === 1 ? f.value >= f.hi : f.value <= f.lo) return false;
  // Growing the arc (from -> to) needs a way back from `to` to `from`; shrinking it, the reverse.
  const [start, goal] = direction === 1 ? [a.to, a.from] : [a.from, a.to];
  const seen = new Set([start]);
  const queue = [start];
  for (let head = 0; head < queue.length; head++) {
    const node = queue[head]!;
    if (node === goal) return true;
    for (const next of graph.get(node) ?? []) {
      if (next.arc.figure !== f && !seen.has(next.to)) { seen.add(next.to); queue.push(next.to); }
    }
  }
  return false;
}

/** A table as figures in the network: cell (i, j) runs from column node j to row node i. */
export interface TableFigures {
  cells: Figure[][];
  rowTotals: Figure[];
  colTotals: Figure[];
  grand: Figure;
}

/**
 * The figures of one table with its totals: cells under 5 hidden (0..4) unless `hidden` says what
 * the reader knows of each; totals under 5 hidden and protected, the others withholdable; with
 * `totals: 'grand'` every row and column total hidden from the start.
 */
export function tableFigures(values: number[][], options: { totals?: 'all' | 'grand'; hidden?: (HiddenCell | null)[][] } = {}): TableFigures {
  const onlyGrand = options.totals === 'grand';
  const C = values[0]?.length ?? 0;
  const total = (v: number, hidden: boolean): Figure => ({ value: v, lo: 0, hi: Infinity, hidden: hidden || v < K, protect: v < K, withholdable: true });
  const rowSums = values.map((r) => r.reduce((a, b) => a + b, 0));
  const colSums = Array.from({ length: C }, (_, j) => values.reduce((a, r) => a + r[j]!, 0));
  return {
    cells: values.map((r, i) => r.map((v, j): Figure => {
      if (!options.hidden) return { value: v, lo: 0, hi: K - 1, hidden: v < K, protect: v < K, withholdable: false };
      const given = options.hidden[i]?.[j];
      return { value: v, lo: given?.lo ?? v, hi: given?.hi ?? v, hidden: !!given, protect: !!given, withholdable: false };
    })),
    rowTotals: rowSums.map((t) => total(t, onlyGrand)),
    colTotals: colSums.map((t) => total(t, onlyGrand)),
    grand: total(rowSums.reduce((a, b) => a + b, 0), false),
  };
}

/**
 * A table's arcs between node numbers given for its columns, rows and two ends: the column totals
 * run from `source` to the columns, the cells from columns to rows, the row totals from the rows to
 * `sink`. The grand total (from `sink` back to `source`) is left to the caller, who may route it
 * through a further table first.
 */
export function tableArcs(t: TableFigures, nodes: { source: number; sink: number; col: (j: number) => number; row: (i: number) => number }): Arc[] {
  // In this order (cells, row totals, column totals), which decides which totals protect() withholds first.
  const arcs: Arc[] = [];
  t.cells.forEach((row, i) => row.forEach((figure, j) => arcs.push({ from: nodes.col(j), to: nodes.row(i), figure })));
  t.rowTotals.forEach((figure, i) => arcs.push({ from: nodes.row(i), to: nodes.sink, figure }));
  t.colTotals.forEach((figure, j) => arcs.push({ from: nodes.source, to: nodes.col(j), figure }));
  return arcs;
}

/** What the reader sees of a table's figures. */
export function shownTable(t: TableFigures, marker: Shown = SUPPRESSED): SuppressedTable {
  return {
    cells: t.cells.map((r) => r.map((f) => (f.hidden ? marker : f.value))),
    rowTotals: t.rowTotals.map((f) => (f.hidden ? null : f.value)),
    colTotals: t.colTotals.map((f) => (f.hidden ? null : f.value)),
    grandTotal: t.grand.hidden ? null : t.grand.value,
  };
}

/** Withhold the total closest to the exposed figure: its row's, then its column's, then any (row totals, column totals, grand total). */
export function nearestTotal(t: TableFigures, exposed: Figure): Figure | undefined {
  const open = (f: Figure | undefined) => (f && !f.hidden && f.withholdable ? f : undefined);
  const i = t.cells.findIndex((r) => r.includes(exposed));
  const j = i >= 0 ? t.cells[i]!.indexOf(exposed) : -1;
  const totalsRow = [...t.colTotals, t.grand];
  const ofRow = i >= 0 ? open(t.rowTotals[i]) : t.rowTotals.includes(exposed) ? undefined : totalsRow.includes(exposed) ? totalsRow.find(open) : undefined;
  const ofCol = j >= 0 ? open(t.colTotals[j]) : t.rowTotals.includes(exposed) ? [...t.rowTotals, t.grand].find(open) : undefined;
  return ofRow ?? ofCol ?? [...t.rowTotals, ...t.colTotals, t.grand].find(open);
}

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
  const t = tableFigures(values, options);
  const C = values[0]?.length ?? 0;
  const R = values.length;
  // Nodes: columns 0..C-1, rows C..C+R-1, then the source (column side) and the sink (row side).
  const source = C + R;
  const sink = source + 1;
  const arcs = [...tableArcs(t, { source, sink, col: (j) => j, row: (i) => C + i }), { from: sink, to: source, figure: t.grand }];
  protect([() => arcs], (f) => nearestTotal(t, f));
  return shownTable(t, options.hidden ? WITHHELD : SUPPRESSED);
}
