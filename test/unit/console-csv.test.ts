import { describe, expect, it } from 'vitest';
import { bucketLabel, caseListCsv, figuresCsv, witaDateTime } from '../../lib/console/csv.js';
import { csvField } from '../../lib/figures/dashboard.js';
import type { CellCounts } from '../../lib/figures/port.js';
import { BUCKET_COUNT, type CaseFacts } from '../../lib/figures/contribution.js';

const fine: CellCounts[] = [
  { cell: { kind: 'month', month: '2026-11', regency: '5201', category: 'unpaid_wages', channel: 'sms', level: 1 }, counts: { filed: 7, ackOnTime: 5, ackLate: 1, resolved: 2, ack1: 5, ack7: 1, res9: 2 } },
  { cell: { kind: 'month', month: '2026-11', regency: '5203', category: 'trafficking', channel: 'web', level: 2 }, counts: { filed: 3 } },
  // Roll-ups are not rows of the export.
  { cell: { kind: 'summary', month: '2026-11', regency: '5201', category: 'unpaid_wages' }, counts: { filed: 7 } },
];
const lines = (csv: string) => csv.replace(/^\uFEFF/, '').trim().split('\r\n');
const aCase: CaseFacts = {
  id: 'x', reference: 'ABC-234', category: 'unpaid_wages', urgency: 'normal', homeRegency: '5201', channel: 'web', status: 'resolved', level: 2,
  // 23:30 UTC on the 1st is 07:30 WITA on the 2nd: the offices' date, not UTC's.
  createdAt: '2026-11-01T23:30:00.000Z', acknowledgedAt: '2026-11-02T00:05:00.000Z', resolvedAt: '2026-11-03T09:00:00.000Z', escalations: 1, version: 3,
};

describe('the console CSV downloads', () => {
  it('name the figures columns in Indonesian, with regencies, categories, channels and levels by name and labelled time buckets', () => {
    const out = figuresCsv([{ month: '2026-11', cells: fine }], { regencies: ['5201'] }, 'id');
    expect(out.startsWith('\uFEFF')).toBe(true);
    const [head, row, ...rest] = lines(out);
    expect(rest).toEqual([]);
    const columns = head!.split(',');
    expect(columns.slice(0, 8)).toEqual(['Bulan (WITA)', 'Kabupaten/kota', 'Kategori', 'Saluran', 'Tingkat', 'Laporan masuk', 'Ditanggapi tepat waktu', 'Ditanggapi terlambat']);
    expect(columns).toContain('Respons pertama sampai 15 menit');
    expect(columns).toContain('Respons pertama 15 menit–30 menit');
    expect(columns).toContain('Selesai dalam lebih dari 30 hari');
    expect(head).not.toMatch(/bucket|ack|_/);
    expect(columns).toHaveLength(5 + 8 + 2 * BUCKET_COUNT);
    const cells = row!.split(',');
    expect(cells.slice(0, 8)).toEqual(['2026-11', 'Lombok Barat', 'Gaji tidak dibayar', 'SMS', 'Kabupaten/kota', '7', '5', '1']);
    // Five first responses in the 15-30 minute bucket, counted under its label.
    expect(cells[columns.indexOf('Respons pertama 15 menit–30 menit')]).toBe('5');
    expect(cells[columns.indexOf('Respons pertama 1 hari–2 hari')]).toBe('1');
  });

  it('write the figures in English for an official reading the console in English', () => {
    const [head, ...rows] = lines(figuresCsv([{ month: '2026-11', cells: fine }], { regencies: 'all' }, 'en'));
    expect(head!.startsWith('Month (WITA),Regency,Category,Channel,Level,Reports filed,Acknowledged on time')).toBe(true);
    expect(head).toContain('First response up to 15 min');
    expect(rows.map((r) => r.split(',').slice(1, 5).join('|'))).toEqual(['Lombok Barat|Unpaid wages|SMS|Regency', 'Lombok Timur|Trafficking/illegal broker|Web form|Province desk']);
  });

  it('list cases with names and WITA times, no personal field, and defuse spreadsheet formulas', () => {
    const out = caseListCsv([aCase, { ...aCase, reference: 'DEF-345', homeRegency: '5203' }], { regencies: ['5201'] }, 'id');
    const [head, row, ...rest] = lines(out);
    expect(rest).toEqual([]);
    expect(head).toBe('Kode laporan,Masuk (WITA),Kabupaten/kota,Kategori,Urgensi,Saluran,Tingkat,Status,Ditanggapi (WITA),Selesai (WITA),Dinaikkan,Dikonfirmasi pelapor (WITA),Dibuka lagi,Digabung ke');
    expect(row).toBe('ABC-234,2026-11-02 07:30,Lombok Barat,Gaji tidak dibayar,BIASA,Formulir web,Desk provinsi,Selesai,2026-11-02 08:05,2026-11-03 17:00,1,,0,');
    expect(out).not.toMatch(/contact|nik|nama|description|phone|T\d\d:\d\d:\d\d/i);
    expect(csvField('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`);
  });

  it('label every histogram bucket by its interval', () => {
    expect(Array.from({ length: BUCKET_COUNT }, (_, i) => bucketLabel('ack', i, 'id'))).toEqual([
      'Respons pertama sampai 15 menit', 'Respons pertama 15 menit–30 menit', 'Respons pertama 30 menit–1 jam', 'Respons pertama 1 jam–2 jam',
      'Respons pertama 2 jam–4 jam', 'Respons pertama 4 jam–8 jam', 'Respons pertama 8 jam–1 hari', 'Respons pertama 1 hari–2 hari',
      'Respons pertama 2 hari–3 hari', 'Respons pertama 3 hari–7 hari', 'Respons pertama 7 hari–14 hari', 'Respons pertama 14 hari–30 hari',
      'Respons pertama lebih dari 30 hari',
    ]);
    expect(witaDateTime('2026-12-31T16:00:00.000Z')).toBe('2027-01-01 00:00');
    expect(witaDateTime(undefined)).toBeUndefined();
  });
});
