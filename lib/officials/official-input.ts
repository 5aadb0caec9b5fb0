import * as z from '../zod.js';
import type { Level } from '../domain/case.js';
import { Category } from '../domain/categories.js';
import { PhoneNumber } from '../domain/phone.js';
import { isNtbRegency, REGENCY_CODES } from '../domain/regions.js';
import type { Official } from '../domain/official.js';
import { isValidPin } from './pin.js';

/*
 * The officials CLI's input (`npm run officials add`), apart from the directory rules in
 * directory.ts: the functions that only need those rules do not load the phone-number parser
 * and its metadata with this schema.
 */

/** A new directory entry as the CLI takes it; level 2 and 3 cover every regency. */
export const OfficialInput = z.object({
  id: z.string().check(z.regex(/^[a-z0-9][a-z0-9-]{1,40}$/, 'Lower-case letters, digits and dashes')),
  name: z.string().check(z.trim(), z.minLength(2), z.maxLength(80)),
  phone: PhoneNumber,
  level: z.pipe(z.coerce.number().check(z.int(), z.gte(1), z.lte(3)), z.transform((n: number) => n as Level)),
  regencies: z._default(z.array(z.string()), []).check(z.refine((codes) => codes.every(isNtbRegency), 'Unknown NTB regency code')),
  categories: z.optional(z.array(Category)),
  pin: z.string().check(z.refine(isValidPin, 'A PIN is 4 to 8 digits')),
}).check(z.refine((o) => o.level > 1 || o.regencies.length > 0, { path: ['regencies'], message: 'A regency official needs at least one regency' }));
export type OfficialInput = z.input<typeof OfficialInput>;

export function officialFromInput(input: z.output<typeof OfficialInput>, pinHash: string): Official {
  return {
    id: input.id, name: input.name, phone: input.phone, level: input.level,
    regencies: input.level > 1 ? [...REGENCY_CODES] : input.regencies,
    ...(input.categories?.length ? { categories: input.categories } : {}),
    active: true, pinHash, failedPins: 0, locked: false,
  };
}

/** What the CLI prints: never the PIN hash. */
export function describeOfficial(o: Official): Record<string, unknown> {
  return {
    id: o.id, name: o.name, phone: o.phone, level: o.level, regencies: o.regencies.join(','),
    categories: o.categories?.join(',') ?? '', active: o.active, locked: o.locked, failedPins: o.failedPins, pin: o.pinHash ? 'set' : 'none',
  };
}

