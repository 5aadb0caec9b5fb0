import { REGENCIES, REGENCY_CODES } from '../domain/regions.js';
import type { Official } from '../domain/official.js';

/**
 * The demo officials directory seeded by `npm start`: one official per NTB regency, the province desk
 * (Disnakertrans NTB) and BP3MI. Numbers are in a block no operator has issued (+62 811 0000 ...)
 * and land in the local outbox only. Demo PINs are listed in the README and at GET /dev/officials.
 */
export interface DemoOfficial extends Omit<Official, 'pinHash' | 'failedPins' | 'locked'> {
  demoPin: string;
}

export const DEMO_OFFICIALS: DemoOfficial[] = [
  ...REGENCY_CODES.map((code, i): DemoOfficial => ({
    id: `kab-${code}`,
    name: `Petugas Disnaker ${REGENCIES[code]}`,
    phone: `+6281100005${String(i + 1).padStart(3, '0')}`,
    level: 1, regencies: [code], active: true, demoPin: `${code.slice(2)}${code.slice(2)}`,
  })),
  { id: 'prov-ntb', name: 'Desk Disnakertrans NTB', phone: '+6281100005200', level: 2, regencies: [...REGENCY_CODES], active: true, demoPin: '5200' },
  { id: 'bp3mi-ntb', name: 'BP3MI NTB', phone: '+6281100005300', level: 3, regencies: [...REGENCY_CODES], active: true, demoPin: '5300' },
];
