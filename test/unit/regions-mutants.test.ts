import { describe, expect, it } from 'vitest';
import { countryOfPhone, regencyLabel } from '../../lib/domain/regions.js';

/** The labels and the country guess of lib/domain/regions.ts at the edges a mutation run found untested (issue 24). */
describe('regions', () => {
  it('labels a home outside NTB and an unknown home in the reader\'s language, never as each other', () => {
    expect(regencyLabel('outside', 'id')).toBe('Luar NTB');
    expect(regencyLabel('outside', 'en')).toBe('Outside NTB');
    expect(regencyLabel('unknown', 'id')).toBe('Tidak diketahui');
    expect(regencyLabel('unknown', 'en')).toBe('Unknown');
    expect(regencyLabel('5203', 'en')).toBe('Lombok Timur');
  });

  it('takes the country of a WhatsApp user id only from its front, never XX, and a number by its calling code alone', () => {
    expect(countryOfPhone('XX.1502576394655843')).toBe('unknown');
    expect(countryOfPhone('SG.1502576394655843')).toBe('SG');
    // Letters further in are not a scope: the calling code decides.
    expect(countryOfPhone('+62SG.1502576394655843')).toBe('ID');
    expect(countryOfPhone('+447700900123')).toBe('unknown');
    expect(countryOfPhone('')).toBe('unknown');
  });
});
