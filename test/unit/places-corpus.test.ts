import { describe, expect, it } from 'vitest';
import { readPlaces } from '../../lib/domain/places/read-places.js';
import { REGENCY_CODES } from '../../lib/domain/regions.js';
import { PLACE_REPORTS, type PlaceReport } from './fixtures/place-reports.js';

interface Scored { report: PlaceReport; regency: string; country: string }

/**
 * The corpus read and scored. Called inside each test, never while the file loads: a mutation run
 * (issue 24) activates its mutant only once the tests start, so a reading done at load would test
 * the unchanged code and this, the broadest test of the reader, would never catch a mutant.
 */
function score() {
  const scored: Scored[] = PLACE_REPORTS.map((report) => {
    const read = readPlaces(report.text);
    return { report, regency: read.regency.regency, country: read.country.country };
  });
  const named = scored.filter((s) => s.report.regency !== 'unknown');
  const countryNamed = scored.filter((s) => s.report.country !== 'unknown');
  return {
    scored,
    named,
    regencyRight: named.filter((s) => s.regency === s.report.regency),
    wrongRegency: scored.filter((s) => s.regency !== 'unknown' && s.regency !== s.report.regency),
    countryNamed,
    countryRight: countryNamed.filter((s) => s.country === s.report.country),
    wrongCountry: scored.filter((s) => s.country !== 'unknown' && s.country !== s.report.country),
    placeless: scored.filter((s) => s.report.regency === 'unknown' && s.report.country === 'unknown' && s.report.kind === 'no place'),
    missed: named.filter((s) => s.regency === 'unknown'),
  };
}

const pct = (n: number, of: number) => `${((100 * n) / of).toFixed(1)}%`;

describe('reading the places of a corpus of report texts', () => {
  it('never reads a wrong regency, and leaves texts naming two regencies or an ambiguous name unknown', () => {
    const { wrongRegency } = score();
    expect(wrongRegency.map((s) => `${s.report.text} -> ${s.regency}`)).toEqual([]);
  });

  it('has at least 150 texts, every regency among them, and each kind the issue names', () => {
    const { scored, named, regencyRight, missed, countryRight, countryNamed, wrongRegency, wrongCountry, placeless } = score();
    // The figures the issue asks to see, printed with every run.
    process.stdout.write([
      `Place reading on ${scored.length} report texts:`,
      `  regency named: ${regencyRight.length}/${named.length} right (${pct(regencyRight.length, named.length)}), ${missed.length} left unknown, ${wrongRegency.length} wrong regencies in all ${scored.length}`,
      `  country named: ${countryRight.length}/${countryNamed.length} right (${pct(countryRight.length, countryNamed.length)}), ${wrongCountry.length} wrong countries in all ${scored.length}`,
      `  texts naming no place: ${placeless.filter((s) => s.regency === 'unknown' && s.country === 'unknown').length}/${placeless.length} left unknown`,
      ...missed.map((s) => `  left unknown (expected ${s.report.regency}): ${s.report.text}`),
      '',
    ].join('\n'));
    expect(PLACE_REPORTS.length).toBeGreaterThanOrEqual(150);
    expect(new Set(named.map((s) => s.report.regency))).toEqual(new Set(REGENCY_CODES));
    const kinds = new Set(PLACE_REPORTS.map((p) => p.kind));
    for (const kind of ['regency', 'short form', 'kecamatan', 'desa', 'misspelling', 'family', 'no place', 'two places'] as const) expect(kinds).toContain(kind);
  });

  it('reads the regency right in at least 95% of the texts that name one', () => {
    const { regencyRight, named } = score();
    expect(regencyRight.length / named.length).toBeGreaterThanOrEqual(0.95);
  });

  it('reads the country right in at least 95% of the texts that name one, and never a wrong one', () => {
    const { countryRight, countryNamed, wrongCountry } = score();
    expect(countryRight.length / countryNamed.length).toBeGreaterThanOrEqual(0.95);
    expect(wrongCountry.map((s) => `${s.report.text} -> ${s.country}`)).toEqual([]);
  });

  it('leaves every text that names no place unknown', () => {
    const { placeless } = score();
    expect(placeless.length).toBeGreaterThan(20);
    expect(placeless.filter((s) => s.regency !== 'unknown' || s.country !== 'unknown').map((s) => s.report.text)).toEqual([]);
  });
});
