import type { NtbRegencyCode } from '../regions.js';

/**
 * The numbered list of the "ask once" question, in the order of the SMS: the number a reporter
 * answers picks the regency. Labels are as short as people know them ("Kab Bima" against "Kota Bima").
 */
export const REGENCY_CHOICES: ReadonlyArray<readonly [NtbRegencyCode, string]> = [
  ['5201', 'Lombok Barat'],
  ['5202', 'Lombok Tengah'],
  ['5203', 'Lombok Timur'],
  ['5204', 'Sumbawa'],
  ['5205', 'Dompu'],
  ['5206', 'Kab Bima'],
  ['5207', 'Sumbawa Barat'],
  ['5208', 'Lombok Utara'],
  ['5271', 'Mataram'],
  ['5272', 'Kota Bima'],
];
