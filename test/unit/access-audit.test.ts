import { describe, expect, it } from 'vitest';
import type { AccessEntry } from '../../lib/domain/access.js';
import { countPerKind, daysIn, groupPerAction, readAccessAudit, witaDay } from '../../lib/use-cases/console/access-audit.js';

const at = '2026-12-06T02:00:00.000Z';
const entry = (over: Partial<AccessEntry>): AccessEntry => ({ at, officialId: 'prov-ntb', action: 'viewed', reference: 'ABC-234', fields: ['contact'], ...over });

describe('the access log for an audit', () => {
  it('groups the entries one request wrote (same official, action, instant, fields) into one row naming every case', () => {
    const rows = groupPerAction([
      entry({ reference: 'DEF-345' }), entry({ reference: 'ABC-234' }), entry({ reference: 'ABC-234' }),
      // Another instant, another official, another action, another reason: rows of their own.
      entry({ at: '2026-12-06T02:00:01.000Z' }), entry({ officialId: 'bp3mi-ntb' }), entry({ action: 'denied', fields: [] }),
      entry({ action: 'nik_revealed', fields: ['nik'], reason: 'paspor' }), entry({ action: 'nik_revealed', fields: ['nik'], reason: 'polisi' }),
    ]);
    expect(rows.map((r) => [r.officialId, r.action, r.references.join(' '), r.reason ?? ''])).toEqual([
      ['prov-ntb', 'viewed', 'ABC-234 DEF-345', ''],
      ['prov-ntb', 'viewed', 'ABC-234', ''],
      ['bp3mi-ntb', 'viewed', 'ABC-234', ''],
      ['prov-ntb', 'denied', 'ABC-234', ''],
      ['prov-ntb', 'nik_revealed', 'ABC-234', 'paspor'],
      ['prov-ntb', 'nik_revealed', 'ABC-234', 'polisi'],
    ]);
  });

  it('folds the same action on the same cases repeated back to back within five minutes (a reload) into one row with its span and count', () => {
    const view = (time: string, over: Partial<AccessEntry> = {}) => entry({ at: `2026-12-06T02:${time}.000Z`, fields: ['text'], ...over });
    const rows = groupPerAction([
      view('20:00'), view('17:00'), view('14:00'),
      // Another case breaks the run; the same case again more than five minutes after the last is a new row.
      view('13:00', { reference: 'DEF-345' }), view('12:00'), view('06:00'),
    ]);
    expect(rows.map((r) => [r.references.join(' '), r.since.slice(11, 16), r.at.slice(11, 16), r.times])).toEqual([
      ['ABC-234', '02:14', '02:20', 3], ['DEF-345', '02:13', '02:13', 1], ['ABC-234', '02:12', '02:12', 1], ['ABC-234', '02:06', '02:06', 1],
    ]);
  });

  it('counts every kind, zero included', () => {
    expect(countPerKind([entry({}), entry({ action: 'denied' }), entry({ action: 'denied' })])).toEqual({
      viewed: 1, nik_revealed: 0, denied: 2, exported: 0, printed: 0, reader_alert: 0,
    });
  });

  it('reads a WITA day from the two UTC partitions it spans, newest first, filtered, and says when it stopped at the limit', async () => {
    const stored: Record<string, AccessEntry[]> = {
      // 15:59 UTC on the 5th is 23:59 WITA on the 5th; 16:00 UTC is already the 6th in WITA.
      '2026-12-05': [entry({ at: '2026-12-05T15:59:00.000Z', reference: 'OLD-222' }), entry({ at: '2026-12-05T16:00:00.000Z', reference: 'NEW-333' })],
      '2026-12-06': [entry({ at: '2026-12-06T15:59:59.000Z', reference: 'LTE-444' }), entry({ at: '2026-12-06T16:00:00.000Z', reference: 'NXT-555' }), entry({ at: '2026-12-06T03:00:00.000Z', officialId: 'kab-5201', reference: 'KAB-666' })],
    };
    const asked: string[] = [];
    // Pages of one entry each, newest first, as the store hands them out.
    const log = {
      day: async (day: string, _limit: number, cursor?: string) => {
        asked.push(day);
        const all = [...(stored[day] ?? [])].sort((a, b) => b.at.localeCompare(a.at));
        const i = cursor ? Number(cursor) : 0;
        return { entries: all.slice(i, i + 1), ...(i + 1 < all.length ? { cursor: String(i + 1) } : {}) };
      },
    };
    const read = await readAccessAudit(log, { from: '2026-12-06', to: '2026-12-06', officialId: 'prov-ntb' });
    expect(read.entries.map((e) => e.reference)).toEqual(['LTE-444', 'NEW-333']);
    expect(read.truncated).toBe(false);
    expect([...new Set(asked)]).toEqual(['2026-12-06', '2026-12-05']);
    const cut = await readAccessAudit(log, { from: '2026-12-06', to: '2026-12-06' }, 2);
    expect(cut).toEqual({ entries: [expect.objectContaining({ reference: 'LTE-444' }), expect.objectContaining({ reference: 'KAB-666' })], truncated: true });
    expect(witaDay('2026-12-05T16:00:00.000Z')).toBe('2026-12-06');
    expect(daysIn('2026-11-06', '2026-12-06')).toBe(31);
  });
});
