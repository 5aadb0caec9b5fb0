import { type Arc, type Figure, K, protect, type Shown, WITHHELD } from './suppression.js';
import type { MonthFigures } from './public.js';

/**
 * Coarser tables for a closed quarter, publishable when a quiet month's own tables show little:
 * NTB's reports of the quarter by category, by regency and by channel, and the quarter's total.
 *
 * The months are published first, each on its own (lib/figures/public.ts), and never change because
 * a quarter came after them; the quarter then only decides which of its own figures to withhold.
 * Each quarter figure is a sum of the months' figures, so the reader can subtract across all of
 * them. Months and quarter together are no longer one flow network (a month total, the quarter by
 * category and the quarter by regency cannot all be arcs of one circuit), so no exact cycle search
 * exists; instead every small figure must keep a witness, a second set of tables consistent with
 * everything published in which it differs by one (sound: a witness is such a set of tables), from:
 * - view A: the network with every month's category totals held fixed (so no quarter-by-category
 *   figure moves): categories -> cells -> regencies -> quarter by regency -> quarter -> channels;
 * - view B: the same with the regency totals held fixed: regencies -> cells -> categories -> quarter
 *   by category -> quarter -> channels;
 * - one report more or less in a month, of a regency, category and channel, alone or with one report
 *   of the same kind less or more in another month of the quarter (the quarter's figures then do not move);
 * - one report of a kind (month, regency, category, channel) taken for one of another kind of the quarter.
 * A figure without a witness makes the quarter withhold one of its own figures (nearest first) and
 * look again; if none is left, the quarter is not published. The property test in
 * test/unit/figures-quarters.test.ts checks the result against a solver that enumerates every set
 * of tables consistent with what the months and the quarter publish.
 */
export interface QuarterTable {
  quarter: string;
  /** Per category (CATEGORIES order), per regency (PUBLIC_REGENCIES order), per channel (CHANNELS order): a number (5 or more), or "*" hidden (under 5, or withheld: the reader cannot tell which). */
  byCategory: Shown[];
  byRegency: Shown[];
  byChannel: Shown[];
  /** The quarter's reports: a number, or "*". */
  reports: Shown;
  /** False when no quarter figure could be published without giving a small figure away. */
  published: boolean;
}

// A quarter figure under 5 is hidden as a withheld one is ("—"; "*" in the JSON): one marker, so the
// reader knows nothing of either, not even "under 5", which would bind the months beneath it.
const quarterFigure = (v: number): Figure => ({ value: v, lo: 0, hi: Infinity, hidden: v < K, protect: v < K, withholdable: v >= K });

const shown = (f: Figure): Shown => (!f.hidden ? f.value : WITHHELD);

/** How many report swaps one quarter may try in all: bounds a request that recomputes it to tens of milliseconds. */
export const SWAP_BUDGET = 200_000;

export function publicQuarter(quarter: string, months: MonthFigures[]): QuarterTable {
  const R = months[0]?.t.rowTotals.length ?? 0;
  const C = months[0]?.t.colTotals.length ?? 0;
  const Kc = months[0]?.ch.length ?? 0;
  const sum = (f: (m: MonthFigures) => number) => months.reduce((a, m) => a + f(m), 0);
  const qc = Array.from({ length: C }, (_, c) => quarterFigure(sum((m) => m.t.colTotals[c]!.value)));
  const qr = Array.from({ length: R }, (_, r) => quarterFigure(sum((m) => m.t.rowTotals[r]!.value)));
  const qk = Array.from({ length: Kc }, (_, k) => quarterFigure(sum((m) => m.ch[k]!.value)));
  const qg = quarterFigure(sum((m) => m.t.grand.value));
  const quarterFigures = [...qr, ...qc, ...qk, qg];

  // Node numbers: per month a block (M, N, columns, rows), then the quarter's (X, Y, channels, regencies or categories).
  const block = 2 + C + R;
  const M = (m: number) => m * block;
  const N = (m: number) => m * block + 1;
  const col = (m: number, c: number) => m * block + 2 + c;
  const row = (m: number, r: number) => m * block + 2 + C + r;
  const base = months.length * block;
  const [X, Y] = [base, base + 1];
  const QK = (k: number) => base + 2 + k;
  const Q = (i: number) => base + 2 + Kc + i;
  const channelsAndTotals = (): Arc[] => [
    ...qk.map((figure, k) => ({ from: X, to: QK(k), figure })),
    ...months.flatMap((m, i) => [...m.ch.map((figure, k) => ({ from: QK(k), to: M(i), figure })), { from: M(i), to: N(i), figure: m.t.grand }]),
    { from: Y, to: X, figure: qg },
  ];
  // View A: category totals fixed (absent), cells from columns to rows, rows into the quarter by regency.
  const viewA = (): Arc[] => [
    ...channelsAndTotals(),
    ...months.flatMap((m, i) => [
      ...m.t.cells.flatMap((cells, r) => cells.map((figure, c) => ({ from: col(i, c), to: row(i, r), figure }))),
      ...m.t.rowTotals.map((figure, r) => ({ from: row(i, r), to: Q(r), figure })),
    ]),
    ...qr.map((figure, r) => ({ from: Q(r), to: Y, figure })),
  ];
  // View B: regency totals fixed (absent), cells from rows to columns, columns into the quarter by category.
  const viewB = (): Arc[] => [
    ...channelsAndTotals(),
    ...months.flatMap((m, i) => [
      ...m.t.cells.flatMap((cells, r) => cells.map((figure, c) => ({ from: row(i, r), to: col(i, c), figure }))),
      ...m.t.colTotals.map((figure, c) => ({ from: col(i, c), to: Q(c), figure })),
    ]),
    ...qc.map((figure, c) => ({ from: Q(c), to: Y, figure })),
  ];

  // One report of (regency r, category c, channel k) more (d = 1) or less (d = -1) in month i.
  const fits = (f: Figure, d: number) => f.hidden && f.value + d >= f.lo && f.value + d <= f.hi;
  const monthMoves = (i: number, r: number, c: number, k: number, d: number) => {
    const m = months[i]!.t;
    return fits(m.cells[r]![c]!, d) && fits(m.rowTotals[r]!, d) && fits(m.colTotals[c]!, d) && fits(m.grand, d) && fits(months[i]!.ch[k]!, d);
  };
  // `alone`: the quarter's figures move with it; otherwise a report of the same kind moves the other way in another month, and they do not.
  const reportMoves = (i: number, r: number, c: number, k: number, d: number, alone: boolean) => {
    if (!monthMoves(i, r, c, k, d)) return false;
    if (fits(qr[r]!, d) && fits(qc[c]!, d) && fits(qk[k]!, d) && fits(qg, d)) return true;
    return !alone && months.some((_, j) => j !== i && monthMoves(j, r, c, k, -d));
  };
  // Which reports' moves would move a figure: those of its cells (and channel). Built once per figure.
  type Reports = Array<[number, number, number, number[]]>;
  const allChannels = Array.from({ length: Kc }, (_, k) => k);
  const where = new Map<Figure, (i: number, r: number, c: number) => number[] | undefined>();
  months.forEach((m, i) => {
    m.t.cells.forEach((cells, r) => cells.forEach((f, c) => where.set(f, (i2, r2, c2) => (i2 === i && r2 === r && c2 === c ? allChannels : undefined))));
    m.t.rowTotals.forEach((f, r) => where.set(f, (i2, r2) => (i2 === i && r2 === r ? allChannels : undefined)));
    m.t.colTotals.forEach((f, c) => where.set(f, (i2, _r, c2) => (i2 === i && c2 === c ? allChannels : undefined)));
    where.set(m.t.grand, (i2) => (i2 === i ? allChannels : undefined));
    m.ch.forEach((f, k) => where.set(f, (i2) => (i2 === i ? [k] : undefined)));
  });
  qr.forEach((f, r) => where.set(f, (_i, r2) => (r2 === r ? allChannels : undefined)));
  qc.forEach((f, c) => where.set(f, (_i, _r, c2) => (c2 === c ? allChannels : undefined)));
  qk.forEach((f, k) => where.set(f, () => [k]));
  where.set(qg, () => allChannels);
  const known = new Map<Figure, Reports>();
  const reportsOf = (f: Figure): Reports => {
    const cached = known.get(f);
    if (cached) return cached;
    const test = where.get(f);
    const out: Reports = [];
    if (test) months.forEach((_, i) => { for (let r = 0; r < R; r++) for (let c = 0; c < C; c++) { const ks = test(i, r, c); if (ks) out.push([i, r, c, ks]); } });
    known.set(f, out);
    return out;
  };
  // One report of month i changes kind: (r, c, k) one more, (r2, c2, k2) one less; the month total stays.
  const changes = (list: Array<[Figure, number]>) => {
    const net = new Map<Figure, number>();
    for (const [f, d] of list) net.set(f, (net.get(f) ?? 0) + d);
    return [...net].every(([f, d]) => d === 0 || fits(f, d));
  };
  // The cells that can take one report less (d = 1: partners of a cell that grows) or one more (d = -1):
  // the months' figures do not change while the quarter decides, so these lists are made once.
  const partners = new Map<number, Array<[number, number, number]>>();
  let budget = SWAP_BUDGET;
  for (const d of [1, -1]) {
    const list: Array<[number, number, number]> = [];
    months.forEach((n, j) => n.t.cells.forEach((cells, r2) => cells.forEach((cell, c2) => { if (fits(cell, -d)) list.push([j, r2, c2]); })));
    partners.set(d, list);
  }
  const swapMoves = (i: number, r: number, c: number, k: number, d: number, f: Figure) => {
    const m = months[i]!;
    if (!fits(m.t.cells[r]![c]!, d)) return false;
    for (const [j, r2, c2] of partners.get(d)!) for (let k2 = 0; k2 < Kc; k2++) {
      if (j === i && r2 === r && c2 === c && k2 === k) continue;
      // A bounded search: past the budget a figure has no witness of this kind (sound; the quarter withholds more).
      if (--budget < 0) return false;
      const n = months[j]!;
      const list: Array<[Figure, number]> = [
        [m.t.cells[r]![c]!, d], [n.t.cells[r2]![c2]!, -d], [m.t.rowTotals[r]!, d], [n.t.rowTotals[r2]!, -d], [m.t.colTotals[c]!, d], [n.t.colTotals[c2]!, -d],
        [m.t.grand, d], [n.t.grand, -d], [m.ch[k]!, d], [n.ch[k2]!, -d], [qr[r]!, d], [qr[r2]!, -d], [qc[c]!, d], [qc[c2]!, -d], [qk[k]!, d], [qk[k2]!, -d],
      ];
      // It must move the figure asked about, and keep every other figure within what the reader knows.
      if (list.reduce((a, [g, x]) => a + (g === f ? x : 0), 0) !== 0 && changes(list)) return true;
    }
    return false;
  };
  const alsoMovable = (f: Figure) => {
    const alone = quarterFigures.includes(f);
    const list = reportsOf(f);
    return list.some(([i, r, c, ks]) => ks.some((k) => reportMoves(i, r, c, k, 1, alone) || reportMoves(i, r, c, k, -1, alone)))
      || (f !== qg && !months.some((m) => m.t.grand === f) && list.some(([i, r, c, ks]) => ks.some((k) => swapMoves(i, r, c, k, 1, f) || swapMoves(i, r, c, k, -1, f))));
  };

  // Withhold the quarter figure nearest the exposed one: for a quarter figure, the smallest published
  // one of its own breakdown, then the total; for a month's, its regency's, category's or channel's, then the total; then any.
  const open = (f: Figure | undefined) => (f && !f.hidden && f.withholdable ? f : undefined);
  const smallest = (list: Figure[]) => list.filter((f) => open(f)).sort((a, b) => a.value - b.value)[0];
  const pick = (exposed: Figure): Figure | undefined => {
    for (const list of [qr, qc, qk]) if (list.includes(exposed)) return smallest(list) ?? open(qg) ?? quarterFigures.find(open);
    for (const [, r, c, ks] of reportsOf(exposed)) {
      const near = open(qr[r]) ?? open(qc[c]) ?? ks.map((k) => open(qk[k])).find(Boolean);
      if (near) return near;
    }
    return open(qg) ?? quarterFigures.find(open);
  };
  const monthFigures = months.flatMap((m) => [...m.t.cells.flat(), ...m.t.rowTotals, ...m.t.colTotals, m.t.grand, ...m.ch]);
  const safe = protect([viewA, viewB], pick, { alsoMovable, figures: [...monthFigures, ...quarterFigures] });
  if (!safe) {
    const none = (n: number) => Array.from({ length: n }, (): Shown => WITHHELD);
    return { quarter, byCategory: none(C), byRegency: none(R), byChannel: none(Kc), reports: WITHHELD, published: false };
  }
  return { quarter, byCategory: qc.map(shown), byRegency: qr.map(shown), byChannel: qk.map(shown), reports: shown(qg), published: true };
}

/** `2026-07` -> `2026-Q3`. */
export const quarterOf = (month: string) => `${month.slice(0, 4)}-Q${Math.floor((Number(month.slice(5, 7)) - 1) / 3) + 1}`;

/** The three months of a quarter, in order. */
export function monthsOfQuarter(quarter: string): string[] {
  const y = quarter.slice(0, 4);
  const q = Number(quarter.slice(6));
  return [1, 2, 3].map((i) => `${y}-${String((q - 1) * 3 + i).padStart(2, '0')}`);
}
