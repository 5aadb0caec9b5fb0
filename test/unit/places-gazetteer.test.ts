import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { gazetteerModule, ntbAreas } from '../../lib/domain/places/gazetteer-derive.js';
import { GAZETTEER_SOURCE, NTB_AREAS } from '../../lib/domain/places/gazetteer.js';
import { readPlaces } from '../../lib/domain/places/read-places.js';
import { REGENCIES } from '../../lib/domain/regions.js';

const require = createRequire(import.meta.url);
const root = dirname(require.resolve('idn-area-data/package.json'));
const read = (file: string) => readFileSync(join(root, file), 'utf8');
const files = { regencies: read('data/regencies.csv'), districts: read('data/districts.csv'), villages: read('data/villages.csv') };
const packageVersion = (JSON.parse(read('package.json')) as { version: string }).version;
const areas = ntbAreas(files);

describe('the NTB gazetteer the functions ship', () => {
  it('is what `npm run gazetteer` writes from the installed idn-area-data', () => {
    const shipped = readFileSync(new URL('../../lib/domain/places/gazetteer.ts', import.meta.url), 'utf8');
    expect(shipped === gazetteerModule(files, packageVersion), 'lib/domain/places/gazetteer.ts is stale: run npm run gazetteer').toBe(true);
    expect(GAZETTEER_SOURCE).toEqual({ name: 'idn-area-data', version: packageVersion, licence: 'ODbL-1.0' });
  });

  it('carries the ODbL attribution of the data it derives from', () => {
    const shipped = readFileSync(new URL('../../lib/domain/places/gazetteer.ts', import.meta.url), 'utf8');
    expect(shipped).toContain('Open Database License (ODbL)');
    expect(shipped).toContain('idn-area-data');
    expect(read('data/LICENSE.md')).toContain('Open Database License');
  });

  it('holds every NTB kecamatan and desa/kelurahan of the package, with its code, and nothing from elsewhere', () => {
    const lines = NTB_AREAS.split('\n');
    const districts = lines.map((l) => l.split('|')[0]!);
    expect(districts).toEqual(areas.districts.map((d) => `${d.code.slice(3).replace('.', '')}:${d.name}`));
    expect(areas.districts.length).toBe(117);
    const villages = lines.flatMap((l) => l.split('|')[1]!.split(';'));
    expect(villages.length).toBe(1166);
    expect(villages).toEqual(areas.districts.flatMap((d) => d.villages.map((v) => `${v.code.slice(9)}:${v.name}`)));
    const csvVillages = files.villages.split('\n').filter((l) => l.startsWith('52.'));
    expect(csvVillages.length).toBe(1166);
  });

  it('names the regencies as the hotline does (lib/domain/regions.ts), by the same codes', () => {
    expect(areas.regencies.map((r) => [r.code.replace('.', ''), r.name.replace(/^Kabupaten /, '')]))
      .toEqual(Object.entries(REGENCIES));
  });

  it('reads every kecamatan of the package, named after "kecamatan", as its own regency', () => {
    for (const d of areas.districts) {
      const regency = d.code.replace('.', '').slice(0, 4);
      const read = readPlaces(`saya dari kecamatan ${d.name}, kerja di Malaysia`).regency;
      // Kecamatan named like their regency (Sumbawa, Dompu, Mataram) read as it too; "Bima" is not one.
      expect(read.regency, d.name).toBe(regency);
    }
  });

  it('reads every village named after "desa" as its regency, unless villages of that name lie in several', () => {
    const regenciesOf = new Map<string, Set<string>>();
    const key = (name: string) => name.toLowerCase().replace(/['’]/g, '').replace(/[^a-z0-9]+/g, '');
    for (const d of areas.districts) {
      for (const v of d.villages) regenciesOf.set(key(v.name), (regenciesOf.get(key(v.name)) ?? new Set()).add(d.code.replace('.', '').slice(0, 4)));
    }
    let unique = 0;
    for (const d of areas.districts) {
      for (const v of d.villages) {
        const regency = d.code.replace('.', '').slice(0, 4);
        const read = readPlaces(`saya dari desa ${v.name}`).regency;
        if (regenciesOf.get(key(v.name))!.size === 1) {
          unique++;
          expect(read.regency, v.name).toBe(regency);
        } else {
          expect(read.regency, v.name).toBe('unknown');
        }
      }
    }
    expect(unique).toBeGreaterThan(1000);
  });
});
