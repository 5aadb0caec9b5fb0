import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import fc from 'fast-check';
import type { MetadataJson } from 'libphonenumber-js/core';
import { describe, expect, it } from 'vitest';
import { normalisePhone, normalisePhoneWith } from '../../lib/domain/phone.js';
import { phoneMetadataModule } from '../../lib/domain/phone-metadata-derive.js';

const require = createRequire(import.meta.url);
const packageMetadata = require('libphonenumber-js/metadata.min.json') as MetadataJson & { countries: Record<string, [string, ...unknown[]]> };
const examples = require('libphonenumber-js/examples.mobile.json') as Record<string, string>;
const packageVersion = (require('libphonenumber-js/package.json') as { version: string }).version;

/** What the hotline did before it shipped its own metadata: the package's full `min` metadata. */
const withPackageMetadata = (raw: string) => normalisePhoneWith(packageMetadata, raw);

describe('the phone metadata the functions ship', () => {
  it('is what `npm run phone-metadata` writes from the installed libphonenumber-js', () => {
    const shipped = readFileSync(new URL('../../lib/domain/phone-metadata.ts', import.meta.url), 'utf8');
    expect(shipped === phoneMetadataModule(packageMetadata, packageVersion), 'lib/domain/phone-metadata.ts is stale: run npm run phone-metadata').toBe(true);
  });

  it('is less than half the size of the package metadata', () => {
    const shipped = readFileSync(new URL('../../lib/domain/phone-metadata.ts', import.meta.url), 'utf8');
    expect(shipped.length).toBeLessThan(JSON.stringify(packageMetadata).length / 2);
  });

  it('reads every country\'s example mobile number as the package metadata does, written every way people write it', () => {
    let valid = 0;
    for (const [country, national] of Object.entries(examples)) {
      const callingCode = packageMetadata.countries[country]![0];
      for (const raw of [`+${callingCode}${national}`, `00${callingCode} ${national}`, `+${callingCode} (${national.slice(0, 3)}) ${national.slice(3)}`, `+${callingCode}${national}9`, `+${callingCode}${national.slice(0, -1)}`]) {
        const expected = withPackageMetadata(raw);
        expect(normalisePhone(raw), `${country} ${raw}`).toBe(expected);
        if (expected) valid++;
      }
    }
    // The comparison is not vacuous: most example numbers are valid.
    expect(valid).toBeGreaterThan(Object.keys(examples).length);
  });

  it('reads Indonesian numbers in local, 62 and international form as the package metadata does', () => {
    fc.assert(fc.property(fc.stringMatching(/^8[1-9]\d{6,11}$/), fc.constantFrom('0', '62', '+62', '0062', ''), (rest, prefix) => {
      const raw = `${prefix}${rest}`;
      expect(normalisePhone(raw)).toBe(withPackageMetadata(raw));
    }), { numRuns: 3000 });
  });

  it('agrees with the package metadata on random international input', () => {
    fc.assert(fc.property(fc.stringMatching(/^\+?[1-9]\d{5,15}$/), (raw) => {
      expect(normalisePhone(raw)).toBe(withPackageMetadata(raw));
    }), { numRuns: 5000 });
  });
});
