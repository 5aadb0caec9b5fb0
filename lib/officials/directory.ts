import * as z from '../zod.js';
import { type Case, eventsOf, type Level } from '../domain/case.js';
import { Category } from '../domain/categories.js';
import { isNtbRegency, REGENCY_CODES } from '../domain/regions.js';
import { PhoneNumber } from '../domain/phone.js';
import type { CaseStore, Directory, Official } from '../ports.js';
import { isValidPin } from './pin.js';

/** Wrong PINs in a row before an official is locked out until `officials set-pin` resets them. */
export const MAX_FAILED_PINS = 5;

/** Timeline event type written when an official's question is relayed to the reporter. */
export const QUESTION_RELAYED = 'question_relayed' as const;

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

export async function findOfficialById(store: Pick<Directory, 'listOfficials'>, id: string): Promise<Official | undefined> {
  return (await store.listOfficials()).find((o) => o.id === id);
}

/**
 * The official a reporter's reply should reach: whoever last asked a question by TANYA, else the
 * official who acknowledged the case. Inactive officials are skipped (the reply then has no
 * official to go to, and the caller falls back to its own handling).
 */
export async function officialToRelayTo(
  store: Pick<CaseStore, 'timeline'> & Pick<Directory, 'listOfficials'>,
  c: Pick<Case, 'id' | 'assignee'>,
): Promise<Official | undefined> {
  const [timeline, officials] = await Promise.all([store.timeline(c.id), store.listOfficials()]);
  const id = eventsOf(timeline, QUESTION_RELAYED).at(-1)?.detail.official ?? c.assignee;
  return officials.find((o) => o.id === id && o.active);
}
