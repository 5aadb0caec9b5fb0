import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { phoneMetadataModule } from '../domain/phone-metadata-derive.js';

/** `npm run phone-metadata`: writes lib/domain/phone-metadata.ts from the installed libphonenumber-js. */
const require = createRequire(import.meta.url);
const metadata = JSON.parse(readFileSync(require.resolve('libphonenumber-js/metadata.min.json'), 'utf8'));
const { version } = JSON.parse(readFileSync(require.resolve('libphonenumber-js/package.json'), 'utf8'));
const target = fileURLToPath(new URL('../domain/phone-metadata.ts', import.meta.url));
writeFileSync(target, phoneMetadataModule(metadata, version));
process.stdout.write(`Wrote ${target} (libphonenumber-js ${version})\n`);
