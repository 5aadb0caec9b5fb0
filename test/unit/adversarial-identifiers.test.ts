import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { normalisePhone } from '../../lib/domain/phone.js';
import { checkNik } from '../../lib/domain/nik.js';

const E164 = /^\+[1-9]\d{6,14}$/;
const NIK_PROBLEMS = ['format', 'region', 'birth_date'];
const digits = (min: number, max: number) => fc.string({ unit: fc.constantFrom(...'0123456789'), minLength: min, maxLength: max });
/** What people and gateways really type around numbers, plus hostile noise. */
const phoneish = fc.oneof(
  fc.string(),
  fc.string({ unit: fc.constantFrom(...'0123456789+ -().\u00a0'), maxLength: 24 }),
  digits(0, 40),
  fc.tuple(fc.constantFrom('', '+', '00', '0', '62', '+62', '+60', '+966'), digits(0, 16)).map(([p, d]) => p + d),
  fc.string({ unit: 'binary', maxLength: 30 }),
);

describe('phone normalisation under arbitrary input', () => {
  it('never throws and gives either nothing or a canonical E.164 number', () => {
    fc.assert(fc.property(phoneish, (raw) => {
      const out = normalisePhone(raw);
      expect(out === undefined || E164.test(out)).toBe(true);
    }), { numRuns: 3000 });
  });

  it('is idempotent: a normalised number normalises to itself', () => {
    fc.assert(fc.property(phoneish, (raw) => {
      const out = normalisePhone(raw);
      if (out !== undefined) expect(normalisePhone(out)).toBe(out);
    }), { numRuns: 2000 });
  });

  it('reads 08..., 628..., +628... and 00628... as the same Indonesian number', () => {
    fc.assert(fc.property(digits(8, 10), (rest) => {
      const forms = [`08${rest}`, `628${rest}`, `+628${rest}`, `00628${rest}`].map(normalisePhone);
      expect(new Set(forms).size).toBe(1);
      if (forms[0] !== undefined) expect(forms[0].startsWith('+628')).toBe(true);
    }), { numRuns: 500 });
  });
});

const validNtbNik = fc.record({
  regency: fc.constantFrom('01', '02', '03', '04', '05', '06', '07', '08', '71', '72'),
  district: fc.integer({ min: 1, max: 99 }),
  day: fc.integer({ min: 1, max: 28 }),
  woman: fc.boolean(),
  month: fc.integer({ min: 1, max: 12 }),
  year: fc.integer({ min: 0, max: 99 }),
  serial: fc.integer({ min: 1, max: 9999 }),
}).map((p) => {
  const pad = (n: number, w = 2) => String(n).padStart(w, '0');
  return `52${p.regency}${pad(p.district)}${pad(p.day + (p.woman ? 40 : 0))}${pad(p.month)}${pad(p.year)}${pad(p.serial, 4)}`;
});

describe('NIK checking under arbitrary input', () => {
  it('never throws and gives either a 16-digit NIK or a named problem', () => {
    fc.assert(fc.property(fc.oneof(fc.string(), digits(0, 20), fc.string({ unit: 'binary', maxLength: 24 }), validNtbNik), (raw) => {
      const check = checkNik(raw);
      if (check.ok) {
        expect(check.nik).toMatch(/^\d{16}$/);
        expect(check.province).toBe(check.nik.slice(0, 2));
      } else {
        expect(NIK_PROBLEMS).toContain(check.problem);
      }
    }), { numRuns: 3000 });
  });

  it('accepts every well-formed NTB NIK, for men and women, and names its regency', () => {
    fc.assert(fc.property(validNtbNik, (nik) => {
      const check = checkNik(nik);
      expect(check).toEqual({ ok: true, nik, province: '52', regency: nik.slice(0, 4) });
    }), { numRuns: 1000 });
  });

  it('refuses a NIK with any one digit replaced by a letter, as a format problem', () => {
    fc.assert(fc.property(validNtbNik, fc.integer({ min: 0, max: 15 }), fc.constantFrom('O', 'l', 'x', '?'), (nik, at, ch) => {
      expect(checkNik(nik.slice(0, at) + ch + nik.slice(at + 1))).toEqual({ ok: false, problem: 'format' });
    }), { numRuns: 500 });
  });

  it('refuses an impossible birth date whatever the rest says', () => {
    fc.assert(fc.property(validNtbNik, fc.constantFrom('00', '32', '40', '72', '99'), (nik, day) => {
      expect(checkNik(nik.slice(0, 6) + day + nik.slice(8))).toEqual({ ok: false, problem: 'birth_date' });
    }), { numRuns: 300 });
  });
});

describe('phone numbers too short for E.164', () => {
  it('are refused even where a numbering plan calls them valid (+49 1000, found by the property above)', () => {
    expect(normalisePhone('+491000')).toBeUndefined();
    expect(normalisePhone('+989000')).toBeUndefined();
    expect(normalisePhone('+6281234567890')).toBe('+6281234567890');
  });
});
