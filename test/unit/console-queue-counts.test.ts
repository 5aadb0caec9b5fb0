import { describe, expect, it } from 'vitest';
import { defaultPolicy } from '../../lib/config.js';
import type { Official } from '../../lib/domain/official.js';
import { type CaseReader, eachReadAlone, type QueueRow, type QueueSlice } from '../../lib/use-cases/console/case-pages-port.js';
import { COUNT_CAP, PAGE_SIZE, queuePage, slicesFor } from '../../lib/use-cases/console/queue.js';

const policy = defaultPolicy();
const now = new Date('2026-12-01T00:00:00.000Z');
const desk: Official = { id: 'prov-ntb', name: 'Desk', phone: '+6281100005200', level: 2, regencies: [], active: true, failedPins: 0, locked: false };
const name = (s: QueueSlice, unassignedOnly = false) => `${JSON.stringify(s.of)}|${s.status}|${s.overdue?.urgency ?? ''}${unassignedOnly ? '|unassigned' : ''}`;
const row = (id: string): QueueRow => ({
  id, reference: id, category: 'other', urgency: 'normal', status: 'new', level: 2, homeRegency: '5203', country: 'MY', channel: 'web',
  levelSince: now.toISOString(), createdAt: now.toISOString(), sortKey: `1#${now.toISOString()}#${id}`,
});

/** A store whose every slice holds `held` rows: it says which slices were counted by a Query of their own and which were read. */
function store(held: number) {
  const counted: string[] = [];
  const read: Array<{ slice: string; after?: string; countUpTo?: number }> = [];
  const casePages: CaseReader = {
    caseFile: async () => undefined, addNote: async () => undefined, queueRowsOf: async () => [],
    count: async (s, f, cap) => { counted.push(name(s, f.unassignedOnly)); return { count: Math.min(held, cap), more: held > cap }; },
    queueRows: async (s, f, limit, after, countUpTo) => {
      read.push({ slice: name(s, f.unassignedOnly), ...(after ? { after } : {}), ...(countUpTo ? { countUpTo } : {}) });
      const rows = Array.from({ length: Math.min(held, limit) }, (_, i) => row(`s${read.length}-${i}`));
      return { rows, more: held > limit, ...(countUpTo && !after ? { count: { count: Math.min(held, countUpTo), more: held > countUpTo } } : {}) };
    },
    queueReads: (reads) => eachReadAlone(casePages, reads),
  };
  const directory = { unreadCases: async () => [] } as unknown as Parameters<typeof queuePage>[0]['directory'];
  return { deps: { casePages, clock: { now: () => now }, policy, directory }, counted, read };
}

describe('the queue\'s tab counts', () => {
  it('count the shown tab from the rows read for its first page, and every other tab by a Query per slice, with the same figures', async () => {
    const { deps, counted, read } = store(130);
    const page = await queuePage(deps, desk, { tab: 'all', filter: {} });
    const all = slicesFor(desk, 'all', {}, policy, now).map((s) => name(s));
    expect(read).toEqual(all.map((slice) => ({ slice, countUpTo: COUNT_CAP })));
    expect(counted.filter((s) => all.includes(s))).toEqual([]);
    const others = (['unassigned', 'mine', 'overdue'] as const).flatMap((tab) => slicesFor(desk, tab, {}, policy, now).map((s) => name(s, tab === 'unassigned')));
    expect(counted.sort()).toEqual(others.sort());
    // 130 in each of the two slices: capped, and said to be more.
    expect(page.counts.all).toEqual({ count: COUNT_CAP, more: true });
    expect(page.counts.unassigned).toEqual({ count: COUNT_CAP, more: true });
    expect(page.rows).toHaveLength(PAGE_SIZE);
  });

  it('count a slice the page continues (a cursor) by a Query of its own, as before', async () => {
    const { deps, counted } = store(30);
    const first = await queuePage(deps, desk, { tab: 'unassigned', filter: {} });
    expect(first.counts.unassigned).toEqual({ count: 30, more: false });
    counted.length = 0;
    const second = await queuePage(deps, desk, { tab: 'unassigned', filter: {}, after: first.next! });
    expect(counted).toContain(name(slicesFor(desk, 'unassigned', {}, policy, now)[0]!, true));
    expect(second.counts.unassigned).toEqual({ count: 30, more: false });
  });
});
