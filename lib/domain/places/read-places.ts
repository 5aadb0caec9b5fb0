import type { CountryCode, NtbRegencyCode } from '../regions.js';
import { COUNTRIES, REGENCIES } from '../regions.js';
import { NTB_AREAS } from './gazetteer.js';
import {
  AREA_CUES, BROAD_NAMES, COMMON_WORDS, COUNTRY_NAMES, ELSEWHERE, FILLERS, HOME_CUES, NOT_HOME_BEFORE, OUTSIDE_PLACES, REGENCY_CHOICES, REGENCY_NAMES,
} from './names.js';

/**
 * Reads the worker's home regency and the country they are in from what a reporter wrote, for the
 * SMS and WhatsApp conversations (USSD and the web form ask instead). Pure, and it never guesses:
 *
 * - a regency name or short form (Lotim, KLU, "kota Bima"), a kecamatan, or a desa/kelurahan counts;
 * - a name that is also a word (Alas, Tanjung, Lembar) counts only after a place cue ("dari", "asal",
 *   "desa", "kec"...), a village name only after a cue, a name better known elsewhere (Kediri,
 *   Surabaya, Kuta) only after "desa"/"kec"/"kel"/"dusun"; otherwise such a name may only narrow a
 *   name it stands beside (desa Kuta beside Loteng), never decide or contradict;
 * - names that disagree (two regencies) or one that fits several (Bima alone: regency or city) leave
 *   the regency unknown, and so do two countries. A wrong regency alerts an office that does not
 *   know the worker and delays the right one; unknown goes to the province desk.
 *
 * The reading keeps which words it read and as what, for the case and the console ("dibaca dari teks").
 */

export interface PlaceMention {
  /** The words as written in the text. */
  words: string;
  /** What they were read as: "Lombok Timur", "kecamatan Sakra (52.03.02)", "desa Rempung (52.03.12.2001)". */
  as: string;
}

export type RegencyReading =
  | { regency: NtbRegencyCode; because: 'named'; mentions: PlaceMention[] }
  /** `none`: no NTB place named; `two`: names of different regencies; `ambiguous`: a name that fits several. */
  | { regency: 'unknown'; because: 'none' | 'two' | 'ambiguous'; mentions: PlaceMention[] };

export type CountryReading =
  | { country: Exclude<CountryCode, 'unknown'>; because: 'named'; mentions: PlaceMention[] }
  | { country: 'unknown'; because: 'none' | 'two'; mentions: PlaceMention[] };

export interface PlaceReading {
  regency: RegencyReading;
  country: CountryReading;
}

type Need = 'nothing' | 'cue' | 'area-cue';

interface Entry {
  kind: 'regency' | 'broad' | 'kecamatan' | 'desa' | 'country' | 'fuzzy' | 'outside';
  as: string;
  regencies: readonly NtbRegencyCode[];
  country?: Exclude<CountryCode, 'unknown'>;
  need: Need;
}

interface Token {
  norm: string;
  start: number;
  end: number;
}

const MAX_WORDS = 5;
/** How far (in words) a name that cannot decide may stand from a name it narrows. */
const NEAR = 3;

/** Lower case, no accents, no apostrophes ("Hu'u" is "huu"). */
function normalise(word: string): string {
  return word.normalize('NFD').replace(/[\u0300-\u036f'’`]/g, '').toLowerCase();
}

function tokens(text: string): Token[] {
  const out: Token[] = [];
  for (const m of text.matchAll(/[\p{L}\p{N}'’`]+/gu)) {
    const norm = normalise(m[0]);
    if (norm) out.push({ norm, start: m.index, end: m.index + m[0].length });
  }
  return out;
}

/** A name's key: its normalised words written together, so "Batu Layar" and "Batulayar" meet. */
const keyOf = (name: string) => tokens(name).map((t) => t.norm).join('');

interface Index {
  byKey: Map<string, Entry[]>;
  /** Names long and distinctive enough to be recognised with one letter wrong, by first letter. */
  fuzzy: Map<string, Array<{ key: string; entry: Entry }>>;
}

let index: Index | undefined;

/** Built on the first reading (a few milliseconds, once per container), not at cold start. */
function buildIndex(): Index {
  const byKey = new Map<string, Entry[]>();
  const add = (name: string, entry: Entry) => {
    const key = keyOf(name);
    const list = byKey.get(key);
    if (list) list.push(entry);
    else byKey.set(key, [entry]);
  };
  const needOf = (name: string, usual: Need): Need => {
    const norm = tokens(name).map((t) => t.norm).join(' ');
    if (ELSEWHERE.has(norm)) return 'area-cue';
    if (COMMON_WORDS.has(norm) || norm.replaceAll(' ', '').length <= 3) return usual === 'nothing' ? 'cue' : 'area-cue';
    return usual;
  };
  for (const [names, regencies] of REGENCY_NAMES) {
    const as = regencies.length === 1 ? REGENCIES[regencies[0]!] : regencies.map((r) => REGENCIES[r]).join(' atau ');
    for (const name of names) add(name, { kind: 'regency', as, regencies, need: 'nothing' });
  }
  for (const [names, regencies, as] of BROAD_NAMES) {
    for (const name of names) add(name, { kind: 'broad', as, regencies, need: 'nothing' });
  }
  const fuzzy = new Map<string, Array<{ key: string; entry: Entry }>>();
  for (const line of NTB_AREAS.split('\n')) {
    const [district, villages] = line.split('|') as [string, string];
    const [code, name] = district.split(':') as [string, string];
    const regency = `52${code.slice(0, 2)}` as NtbRegencyCode;
    const districtCode = `52.${code.slice(0, 2)}.${code.slice(2)}`;
    const entry: Entry = { kind: 'kecamatan', as: `kecamatan ${name} (${districtCode})`, regencies: [regency], need: needOf(name, 'nothing') };
    add(name, entry);
    const key = keyOf(name);
    if (entry.need === 'nothing' && key.length >= 5 && !name.includes(' ')) {
      const fuzzyEntry: Entry = { ...entry, kind: 'fuzzy', need: 'cue' };
      fuzzy.set(key[0]!, [...(fuzzy.get(key[0]!) ?? []), { key, entry: fuzzyEntry }]);
    }
    for (const village of villages.split(';')) {
      const [vcode, vname] = village.split(':') as [string, string];
      add(vname, { kind: 'desa', as: `${vcode.startsWith('1') ? 'kelurahan' : 'desa'} ${vname} (${districtCode}.${vcode})`, regencies: [regency], need: needOf(vname, 'cue') });
    }
  }
  for (const name of OUTSIDE_PLACES) add(name, { kind: 'outside', as: name, regencies: [], need: 'nothing' });
  for (const [code, names] of COUNTRY_NAMES) {
    for (const name of names) add(name, { kind: 'country', as: code, regencies: [], country: code as Exclude<CountryCode, 'unknown'>, need: 'nothing' });
  }
  return { byKey, fuzzy };
}

/** Whether a and b differ by at most one letter inserted, deleted, changed or two swapped. */
function withinOne(a: string, b: string): boolean {
  if (a === b) return true;
  const la = a.length;
  const lb = b.length;
  if (Math.abs(la - lb) > 1) return false;
  let i = 0;
  while (i < la && i < lb && a[i] === b[i]) i++;
  if (la === lb) {
    if (a.slice(i + 1) === b.slice(i + 1)) return true;
    return a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2);
  }
  return la > lb ? a.slice(i + 1) === b.slice(i) : a.slice(i) === b.slice(i + 1);
}

interface Found {
  start: number;
  end: number;
  entries: Entry[];
}

function find(idx: Index, toks: Token[]): Found[] {
  const found: Found[] = [];
  for (let i = 0; i < toks.length;) {
    let matched = 0;
    for (let k = Math.min(MAX_WORDS, toks.length - i); k >= 1; k--) {
      let key = '';
      for (let j = i; j < i + k; j++) key += toks[j]!.norm;
      const entries = idx.byKey.get(key);
      if (entries) {
        found.push({ start: i, end: i + k, entries });
        matched = k;
        break;
      }
    }
    if (!matched) {
      const word = toks[i]!.norm;
      if (word.length >= 5 && /^[a-z]+$/.test(word)) {
        const near = (idx.fuzzy.get(word[0]!) ?? []).filter((f) => withinOne(word, f.key)).map((f) => f.entry);
        if (near.length) found.push({ start: i, end: i + 1, entries: near });
      }
      matched = 1;
    }
    i += matched;
  }
  return found;
}

type Cue = 'home' | 'kec' | 'desa';

const KEC_CUES = new Set(['kec', 'kecamatan', 'kcmtn', 'kecmatan', 'camat']);

/** The cue before a name: a home cue ("dari", "asal") or an area cue ("desa", "kec"), fillers allowed between. */
function cueBefore(toks: Token[], at: number): Cue | undefined {
  let cue: Cue | undefined;
  for (let j = at - 1; j >= 0 && j >= at - 4; j--) {
    const w = toks[j]!.norm;
    // The area cue nearest the name says what kind of place it is ("dari desa X").
    if (AREA_CUES.has(w)) cue = cue === 'kec' || cue === 'desa' ? cue : KEC_CUES.has(w) ? 'kec' : 'desa';
    else if (HOME_CUES.has(w)) cue = cue ?? 'home';
    else if (!FILLERS.has(w)) break;
  }
  return cue;
}

function satisfies(need: Need, cue: Cue | undefined): boolean {
  if (need === 'nothing') return true;
  if (need === 'cue') return cue !== undefined;
  return cue === 'kec' || cue === 'desa';
}

/** After "kec" a name is the kecamatan, after "desa"/"kel" the village, where the gazetteer has one of that kind. */
function ofTheKindCued(entries: Entry[], cue: Cue | undefined): Entry[] {
  const kind = cue === 'kec' ? 'kecamatan' : cue === 'desa' ? 'desa' : undefined;
  if (!kind || !entries.some((e) => e.kind === kind)) return entries;
  return entries.filter((e) => e.kind === kind || e.kind === 'regency' || e.kind === 'broad');
}

interface Mention {
  start: number;
  end: number;
  words: string;
  /** Regencies the name decides between (empty: it cannot decide here). */
  strong: Array<{ as: string; regencies: readonly NtbRegencyCode[] }>;
  /** Every regency the name could be, for narrowing a name beside it. */
  weak: Array<{ as: string; regencies: readonly NtbRegencyCode[] }>;
}

function union(list: Array<{ regencies: readonly NtbRegencyCode[] }>): Set<NtbRegencyCode> {
  return new Set(list.flatMap((e) => e.regencies));
}

function intersect(a: Set<NtbRegencyCode>, b: Set<NtbRegencyCode>): Set<NtbRegencyCode> {
  return new Set([...a].filter((x) => b.has(x)));
}

function readRegency(text: string, toks: Token[], found: Found[]): RegencyReading {
  const mentions: Mention[] = [];
  for (const f of found) {
    const places = f.entries.filter((e) => e.kind !== 'country' && e.kind !== 'outside');
    if (!places.length) continue;
    const before = toks[f.start - 1]?.norm;
    // "BP3MI Mataram", "PT Lombok Jaya": an office or a company, not a home.
    if (before && NOT_HOME_BEFORE.has(before)) continue;
    const cue = cueBefore(toks, f.start);
    const described = places.map((e) => ({ as: e.as, regencies: e.regencies }));
    mentions.push({
      start: f.start,
      end: f.end,
      words: text.slice(toks[f.start]!.start, toks[f.end - 1]!.end),
      strong: ofTheKindCued(places.filter((e) => satisfies(e.need, cue)), cue).map((e) => ({ as: e.as, regencies: e.regencies })),
      weak: described,
    });
  }
  const deciding = mentions.filter((m) => m.strong.length);
  const told = (list: Mention[], pick: (m: Mention) => Mention['strong'], regency?: NtbRegencyCode) =>
    list.map((m) => {
      const fitting = pick(m).filter((e) => !regency || e.regencies.includes(regency));
      return { words: m.words, as: fitting.map((e) => e.as).filter((v, i, all) => all.indexOf(v) === i).join('; ') };
    });
  if (!deciding.length) return { regency: 'unknown', because: 'none', mentions: [] };
  let candidates = union(deciding[0]!.strong);
  for (const m of deciding.slice(1)) candidates = intersect(candidates, union(m.strong));
  if (candidates.size === 0) return { regency: 'unknown', because: 'two', mentions: told(deciding, (m) => m.strong) };
  const used = [...deciding];
  if (candidates.size > 1) {
    for (const m of mentions) {
      if (m.strong.length) continue;
      const near = deciding.some((d) => m.start - d.end < NEAR && d.start - m.end < NEAR);
      if (!near) continue;
      const narrowed = intersect(candidates, union(m.weak));
      if (narrowed.size) {
        candidates = narrowed;
        used.push(m);
      }
    }
  }
  if (candidates.size > 1) return { regency: 'unknown', because: 'ambiguous', mentions: told(deciding, (m) => m.strong) };
  const regency = [...candidates][0]!;
  used.sort((a, b) => a.start - b.start);
  return { regency, because: 'named', mentions: told(used, (m) => (m.strong.length ? m.strong : m.weak), regency) };
}

/** Words before a country that make it a stop on the way, not where the worker is. */
const PASSING = new Set(['transit', 'lewat', 'via', 'singgah']);

function readCountry(text: string, toks: Token[], found: Found[]): CountryReading {
  const named: Array<{ country: Exclude<CountryCode, 'unknown'>; words: string }> = [];
  for (const f of found) {
    const country = f.entries.find((e) => e.kind === 'country')?.country;
    if (!country) continue;
    if ([toks[f.start - 1]?.norm, toks[f.start - 2]?.norm].some((w) => w && PASSING.has(w))) continue;
    named.push({ country, words: text.slice(toks[f.start]!.start, toks[f.end - 1]!.end) });
  }
  const mentions = named.map((n) => ({ words: n.words, as: COUNTRIES[n.country].id }));
  if (!named.length) return { country: 'unknown', because: 'none', mentions };
  const countries = new Set(named.map((n) => n.country));
  if (countries.size > 1) return { country: 'unknown', because: 'two', mentions };
  return { country: named[0]!.country, because: 'named', mentions };
}

export function readPlaces(text: string): PlaceReading {
  index ??= buildIndex();
  const toks = tokens(text);
  const found = find(index, toks);
  return { regency: readRegency(text, toks, found), country: readCountry(text, toks, found) };
}

/**
 * The reporter's answer to "Asal kabupaten/kota? Balas nama atau nomor: 1 Lombok Barat ...": a number
 * of the list (alone, or with a name that agrees), or a name read as in a report, where a name that
 * is also a word ("Alas") counts, since the question made it a place.
 */
export function readRegencyAnswer(text: string): RegencyReading {
  const none: RegencyReading = { regency: 'unknown', because: 'none', mentions: [] };
  const numbered = /^\W*(?:no|nomor|nmr|nomer)?\W*(\d{1,2})(?!\d)\W*(.*)$/isu.exec(text.trim());
  // A short answer is a place by being an answer ("Alas"); a longer message is read as any report.
  if (!numbered) return readPlaces(text.trim().split(/\s+/).length <= 4 ? `asal ${text}` : text).regency;
  const choice = REGENCY_CHOICES[Number(numbered[1]) - 1];
  if (!choice) return none;
  const byNumber: PlaceMention = { words: numbered[1]!, as: `nomor ${numbered[1]}: ${REGENCIES[choice[0]]}` };
  if (!/\p{L}/u.test(numbered[2]!)) return { regency: choice[0], because: 'named', mentions: [byNumber] };
  // "3 bulan gaji belum dibayar" is a follow-up, not an answer; "3 Lotim" is one.
  const named = readPlaces(`asal ${numbered[2]}`).regency;
  if (named.because === 'none') return none;
  if (named.regency === choice[0]) return { regency: choice[0], because: 'named', mentions: [byNumber, ...named.mentions] };
  return { regency: 'unknown', because: 'two', mentions: [byNumber, ...named.mentions] };
}
