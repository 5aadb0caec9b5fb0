import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gazetteerModule } from '../domain/places/gazetteer-derive.js';

/** `npm run gazetteer`: writes lib/domain/places/gazetteer.ts from the installed idn-area-data (a devDependency). */
const require = createRequire(import.meta.url);
const root = dirname(require.resolve('idn-area-data/package.json'));
const read = (file: string) => readFileSync(join(root, 'data', file), 'utf8');
const { version } = JSON.parse(read('../package.json'));
const target = fileURLToPath(new URL('../domain/places/gazetteer.ts', import.meta.url));
writeFileSync(target, gazetteerModule({ regencies: read('regencies.csv'), districts: read('districts.csv'), villages: read('villages.csv') }, version));
process.stdout.write(`Wrote ${target} (idn-area-data ${version})\n`);
