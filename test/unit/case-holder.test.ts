import { describe, expect, it } from 'vitest';
import { caseHolder, caseHolderLabel } from '../../lib/domain/case-holder.js';

const desk = { level: 2 as const, regencies: [] };
const lotim = { level: 1 as const, regencies: ['5203'] };
const bp3mi = { level: 3 as const, regencies: [] };
const label = (...args: Parameters<typeof caseHolder>) => caseHolderLabel(caseHolder(...args), 'id');

describe('who must act on a case, as officials read it', () => {
  it('names the office that holds it, whatever level the ladder stands at', () => {
    expect(label({ status: 'acknowledged', level: 1, homeRegency: '5203', assignee: 'prov-ntb' }, desk)).toBe('Ditangani Desk provinsi');
    expect(label({ status: 'acknowledged', level: 2, homeRegency: '5203', assignee: 'kab-5203' }, lotim)).toBe('Ditangani Lombok Timur');
    expect(label({ status: 'acknowledged', level: 1, homeRegency: '5201', assignee: 'bp3mi-ntb' }, bp3mi)).toBe('Ditangani BP3MI');
  });

  it('names the office it waits for while nobody holds it', () => {
    expect(label({ status: 'new', level: 1, homeRegency: '5203' })).toBe('Menunggu Lombok Timur');
    expect(label({ status: 'new', level: 2, homeRegency: '5203' })).toBe('Menunggu Desk provinsi');
    expect(label({ status: 'new', level: 3, homeRegency: '5272' })).toBe('Menunggu BP3MI');
  });

  it('says the desk waits because the regency is not known, rather than naming a regency office nobody alerted', () => {
    expect(label({ status: 'new', level: 1, homeRegency: 'unknown' })).toBe('Menunggu Desk: kabupaten belum diketahui');
    expect(label({ status: 'new', level: 1, homeRegency: 'outside' })).toBe('Menunggu Desk: kabupaten belum diketahui');
  });

  it('waits for nobody once the case is resolved or closed', () => {
    expect(label({ status: 'resolved', level: 1, homeRegency: '5203', assignee: 'kab-5203' }, lotim)).toBe('Tidak menunggu siapa pun');
    expect(caseHolderLabel(caseHolder({ status: 'closed', level: 2, homeRegency: '5203' }), 'en')).toBe('Waiting for nobody');
  });
});
