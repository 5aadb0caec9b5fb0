import { normaliseReference } from '../domain/reference.js';
import type { Language } from '../domain/categories.js';

/**
 * What an inbound SMS from a reporter asks for. The parser is pure and total: any text gives one of
 * these, never an exception. Official commands (TERIMA, SELESAI, INFO <ref> <PIN>...) are routed
 * away before this parser sees a message (functions/sms-inbound.ts).
 *
 * Words that are also ordinary Indonesian (BARU "just", TIDAK "not", MULAI "since", STOP...) only
 * count as commands when they stand alone: "tidak ada kabar" is a message, not a "no".
 */
export type SmsCommand =
  | { kind: 'report'; text: string; language?: Language }
  | { kind: 'status'; reference?: string; badReference?: true; language?: Language }
  | { kind: 'help'; language?: Language }
  | { kind: 'info'; language?: Language }
  /** `language` absent: the reporter asked for a language we do not offer. */
  | { kind: 'language'; language?: Language }
  | { kind: 'stop'; language?: Language }
  | { kind: 'start'; language?: Language }
  | { kind: 'new'; language?: Language }
  | { kind: 'yes'; reference?: string; language?: Language }
  | { kind: 'no'; reference?: string; language?: Language }
  /**
   * A data request (UU 27/2022): HAPUS/DELETE/ERASE asks for the number's data to be erased, DATA for
   * a copy. It opens a request the desk decides (lib/use-cases/data-request.ts): a message alone never erases.
   */
  | { kind: 'erase'; language?: Language }
  | { kind: 'access'; language?: Language }
  /** No keyword: conversation. `reference` when it starts with one ("ABC-234 majikan marah lagi"). */
  | { kind: 'text'; text: string; reference?: string };

type Keyword = 'report' | 'help_or_report' | 'status' | 'info' | 'language' | 'english' | 'indonesian'
  | 'stop' | 'start' | 'new' | 'yes' | 'no' | 'erase' | 'access';

/** Spellings people actually send, including common slips; the language is the word's own. */
const WORDS: Record<string, [Keyword, Language | undefined]> = {
  LAPOR: ['report', 'id'], LPR: ['report', 'id'], LAPORAN: ['report', 'id'], LAPORKAN: ['report', 'id'],
  LAPO: ['report', 'id'], LAPR: ['report', 'id'], LPOR: ['report', 'id'], MELAPOR: ['report', 'id'],
  ADUAN: ['report', 'id'], ADU: ['report', 'id'], PENGADUAN: ['report', 'id'], MENGADU: ['report', 'id'],
  REPORT: ['report', 'en'], REPOT: ['report', 'en'], REPROT: ['report', 'en'], COMPLAINT: ['report', 'en'],
  TOLONG: ['help_or_report', 'id'], TOLONGLAH: ['help_or_report', 'id'], TLG: ['help_or_report', 'id'],
  HELP: ['help_or_report', 'en'], HLP: ['help_or_report', 'en'], SOS: ['help_or_report', undefined],
  BANTUAN: ['help_or_report', 'id'],
  STATUS: ['status', undefined], STATUSNYA: ['status', 'id'], STS: ['status', undefined], STAT: ['status', undefined],
  CEK: ['status', 'id'], CEKSTATUS: ['status', 'id'], CHEK: ['status', 'id'], CECK: ['status', 'id'], CK: ['status', 'id'],
  CHECK: ['status', 'en'], CHK: ['status', 'en'],
  INFO: ['info', undefined], INFORMASI: ['info', 'id'], INFORMATION: ['info', 'en'],
  BAHASA: ['language', 'id'], BHS: ['language', 'id'], LANG: ['language', 'en'], LANGUAGE: ['language', 'en'],
  ENGLISH: ['english', 'en'], INGGRIS: ['english', 'id'],
  INDONESIA: ['indonesian', 'id'], INDONESIAN: ['indonesian', 'en'],
  BERHENTI: ['stop', 'id'], HENTI: ['stop', 'id'], STOP: ['stop', 'en'], STOPP: ['stop', 'en'],
  UNSUBSCRIBE: ['stop', 'en'], UNREG: ['stop', undefined],
  MULAI: ['start', 'id'], START: ['start', 'en'], REG: ['start', undefined],
  BARU: ['new', 'id'], NEW: ['new', 'en'],
  YA: ['yes', 'id'], IYA: ['yes', 'id'], IYAA: ['yes', 'id'], Y: ['yes', undefined], YES: ['yes', 'en'], SUDAH: ['yes', 'id'], SDH: ['yes', 'id'],
  // "selesai" alone (or "selesai, terima kasih") answers "sudah selesai?"; "selesai kerja gaji belum dibayar" says more and stays text.
  SELESAI: ['yes', 'id'],
  TIDAK: ['no', 'id'], TDK: ['no', 'id'], GAK: ['no', 'id'], NGGAK: ['no', 'id'], ENGGAK: ['no', 'id'], TAK: ['no', 'id'],
  BELUM: ['no', 'id'], BLM: ['no', 'id'], NO: ['no', 'en'], N: ['no', undefined], NOT: ['no', 'en'],
  HAPUS: ['erase', 'id'], HAPUSKAN: ['erase', 'id'], DELETE: ['erase', 'en'], ERASE: ['erase', 'en'],
  DATA: ['access', undefined],
};

/** Long keywords also match with one slip (LAPRO, STATSU, BERHENTII); short ones are too easy to hit by accident. */
const FUZZY = ['LAPOR', 'ADUAN', 'REPORT', 'TOLONG', 'STATUS', 'BAHASA', 'BERHENTI', 'MULAI', 'ENGLISH', 'INGGRIS', 'INDONESIA'];
/** Keywords that may run into the text without a space ("Laporgaji"), and suffixes that make them a longer word instead. */
const GLUED = ['LAPOR', 'REPORT', 'ADUAN', 'STATUS', 'CEK'];
const WORD_SUFFIXES = new Set(['AN', 'KAN', 'LAH', 'NYA', 'ED', 'ER', 'ING', 'S']);

const LANGUAGE_NAMES: Record<string, Language> = {
  EN: 'en', ENG: 'en', ENGLISH: 'en', INGGRIS: 'en', INGRIS: 'en', E: 'en',
  ID: 'id', IND: 'id', INDO: 'id', INDONESIA: 'id', INDONESIAN: 'id', I: 'id', BI: 'id',
};
/**
 * Words that ask ("Tanya status laporan saya", "minta status ABC-234"): before a status request they
 * are part of it. TANYA and ASK are also officials' keywords, which a reporter has no reason to know.
 */
const ASKING = new Set(['TANYA', 'TANYAKAN', 'ASK', 'MINTA', 'MOHON']);
/** Anything this long after a one-word command is a sentence, not an argument. */
const MAX_ARGUMENT = 16;

/**
 * The canonical form of a message: NFKC (full-width letters, compatibility spaces), invisible format
 * characters dropped, every run of whitespace one space, trimmed. Applied until nothing changes, so
 * normalising twice gives the same result.
 */
export function normaliseSms(raw: string): string {
  // \p{..} patterns are built with new RegExp, never written as literals (here and in lib/domain):
  // V8 parses every such literal when it compiles the bundle, used or not, at ~1.3M instructions
  // each of every cold start (issue 18); built here, a pattern is parsed when first used.
  // Built once per call, not once per pass (replace resets a global pattern's lastIndex).
  const formatCharacters = new RegExp('\\p{Cf}', 'gu');
  const spaceRuns = new RegExp('[\\s\\p{Cc}\\p{Z}]+', 'gu');
  let text = raw;
  for (let i = 0; i < 8; i++) {
    const next = text
      .normalize('NFKC')
      .replace(formatCharacters, '')
      .replace(spaceRuns, ' ')
      .trim();
    if (next === text) break;
    text = next;
  }
  return text;
}

export function parseSms(raw: string): SmsCommand {
  const text = normaliseSms(raw);
  const leading = new RegExp('^[^\\p{L}\\p{N}]*(\\p{L}+)(.*)$', 'su').exec(text);
  if (!leading) return asText(text);
  const word = leading[1]!.toUpperCase();
  const after = leading[2]!;
  const found = lookup(word);
  if (found) return command(found, argument(after), text);
  if (ASKING.has(word)) {
    const asked = parseSms(argument(after));
    if (asked.kind === 'status' || asked.kind === 'erase' || asked.kind === 'access') return asked;
  }
  const glued = unglue(word, leading[1]!);
  if (glued) return command(glued.found, argument(glued.rest + after), text);
  return asText(text);
}

function command([keyword, language]: [Keyword, Language | undefined], rest: string, whole: string): SmsCommand {
  const lang = language ? { language } : {};
  const bare = rest === '';
  const reference = normaliseReference(rest);
  switch (keyword) {
    case 'report':
      return { kind: 'report', text: rest, ...lang };
    case 'help_or_report':
      return bare ? { kind: 'help', ...lang } : { kind: 'report', text: rest, ...lang };
    case 'status': {
      if (bare) return { kind: 'status', ...lang };
      // "CEK STATUS ABC-234", "STATUS: laporan ABC234"
      const ref = reference ?? findReference(rest);
      if (ref) return { kind: 'status', reference: ref, ...lang };
      if (rest.length > MAX_ARGUMENT) return asText(whole);
      // "STATUS abc123" tried a reference and got it wrong; "status laporan saya" asks about the newest case.
      return looksLikeReference(rest) ? { kind: 'status', badReference: true, ...lang } : { kind: 'status', ...lang };
    }
    case 'info':
      if (bare) return { kind: 'info', ...lang };
      return reference ? { kind: 'status', reference, ...lang } : asText(whole);
    case 'language': {
      if (rest.length > MAX_ARGUMENT) return asText(whole);
      const chosen = LANGUAGE_NAMES[rest.toUpperCase().replace(/[^A-Z]/g, '')];
      return chosen ? { kind: 'language', language: chosen } : { kind: 'language' };
    }
    case 'english':
      return bare ? { kind: 'language', language: 'en' } : asText(whole);
    case 'indonesian':
      return bare ? { kind: 'language', language: 'id' } : asText(whole);
    case 'stop':
    case 'start':
      return bare || /^(SMS|LAGI|AGAIN|ALL|SEMUA)$/i.test(rest) ? { kind: keyword, ...lang } : asText(whole);
    case 'new':
      return bare ? { kind: 'new', ...lang } : asText(whole);
    case 'erase':
      // "HAPUS", "hapus data saya", "delete my data": a few words at most; a sentence that starts with the word is a message.
      return bare || words(rest) <= MAX_REQUEST_WORDS ? { kind: 'erase', ...lang } : asText(whole);
    case 'access':
      // DATA is also an everyday word ("Data paspor saya ditahan"): only alone or with words that ask for one's own data.
      return bare || onlyWordsFrom(rest, ACCESS_WORDS) ? { kind: 'access', ...lang } : asText(whole);
    case 'yes':
    case 'no':
      if (bare || onlyPoliteWords(rest, keyword)) return { kind: keyword, ...lang };
      return reference ? { kind: keyword, reference, ...lang } : asText(whole);
  }
}

/**
 * What people add to a yes or a no without changing it: "Ya, terima kasih pak", "ya sudah", "sudah
 * selesai", "belum selesai bu". Only these words: "tidak ada kabar" or "belum dibayar" say something
 * else and stay a message.
 */
const POLITE_AFTER: Record<'yes' | 'no', ReadonlySet<string>> = {
  yes: new Set(['TERIMA', 'KASIH', 'TERIMAKASIH', 'MAKASIH', 'MKSH', 'TRIMS', 'THANKS', 'THANK', 'YOU', 'THX', 'PAK', 'BU', 'IBU', 'BAPAK',
    'MAS', 'MBAK', 'KAK', 'SUDAH', 'SDH', 'UDAH', 'DAH', 'SELESAI', 'BERES', 'TUNTAS', 'BENAR', 'BETUL', 'OK', 'OKE', 'OKAY', 'ALHAMDULILLAH',
    'YA', 'IYA', 'DONE', 'SOLVED', 'RESOLVED', 'SIR', 'MADAM', 'BANYAK']),
  no: new Set(['BELUM', 'BLM', 'SELESAI', 'TUNTAS', 'BERES', 'PAK', 'BU', 'IBU', 'BAPAK', 'MAS', 'MBAK', 'KAK', 'MASIH', 'TIDAK', 'TDK',
    'NOT', 'YET', 'SOLVED', 'RESOLVED', 'DONE', 'SIR', 'MADAM']),
};

/**
 * A message of thanks and nothing else ("Ya, terima kasih pak", "ok makasih", "terima kasih banyak
 * bu"): the words a yes may carry, alone. After a case is closed it is answered, never filed.
 */
export function isThanks(raw: string): boolean {
  const found = normaliseSms(raw).toUpperCase().split(new RegExp('[^\\p{L}]+', 'u')).filter(Boolean);
  return found.length > 0 && found.length <= 6 && found.every((w) => POLITE_AFTER.yes.has(w) || w === 'YES' || w === 'Y')
    && found.some((w) => THANKS.has(w));
}
const THANKS: ReadonlySet<string> = new Set(['TERIMA', 'KASIH', 'TERIMAKASIH', 'MAKASIH', 'MKSH', 'TRIMS', 'THANKS', 'THANK', 'THX', 'ALHAMDULILLAH', 'OK', 'OKE', 'OKAY']);

/** Words after HAPUS/DELETE/ERASE that still make a request rather than a message ("hapus semua data laporan saya"). */
const MAX_REQUEST_WORDS = 5;
/** What may follow DATA in a request for one's own data ("DATA saya", "data pribadi saya mohon"). */
const ACCESS_WORDS: ReadonlySet<string> = new Set(['SAYA', 'KU', 'AKU', 'MILIK', 'PRIBADI', 'SEMUA', 'SALINAN', 'MINTA', 'MOHON', 'TOLONG',
  'PAK', 'BU', 'MY', 'ALL', 'COPY', 'PLEASE', 'PERSONAL', 'ME', 'OF', 'SAJA']);

function words(rest: string): number {
  return rest.split(new RegExp('[^\\p{L}\\p{N}]+', 'u')).filter(Boolean).length;
}

function onlyWordsFrom(rest: string, allowed: ReadonlySet<string>): boolean {
  const found = rest.toUpperCase().split(new RegExp('[^\\p{L}]+', 'u')).filter(Boolean);
  return found.length > 0 && found.length <= 6 && found.every((w) => allowed.has(w));
}

function onlyPoliteWords(rest: string, answer: 'yes' | 'no'): boolean {
  const words = rest.toUpperCase().split(new RegExp('[^\\p{L}]+', 'u')).filter(Boolean);
  return words.length > 0 && words.length <= 6 && words.every((w) => POLITE_AFTER[answer].has(w));
}

function lookup(word: string): [Keyword, Language | undefined] | undefined {
  const exact = WORDS[word];
  if (exact) return exact;
  if (word.length < 5) return undefined;
  const near = FUZZY.find((k) => Math.abs(k.length - word.length) <= 1 && withinOneEdit(k, word));
  return near ? WORDS[near] : undefined;
}

/** "Laporgaji" is LAPOR + "gaji"; "Laporan" and "Reported" are words of their own. */
function unglue(word: string, original: string): { found: [Keyword, Language | undefined]; rest: string } | undefined {
  for (const keyword of GLUED) {
    if (!word.startsWith(keyword) || word.length === keyword.length) continue;
    const tail = word.slice(keyword.length);
    if (WORD_SUFFIXES.has(tail)) continue;
    return { found: WORDS[keyword]!, rest: original.slice(keyword.length) };
  }
  return undefined;
}

/** The text after the keyword, without the separators people put there (`lapor:`, `Lapor.gaji`, `LAPOR - ...`). */
function argument(after: string): string {
  return after.replace(/^[\s.,:;!?\-_=*#>/\\|~+]+/u, '').trim();
}

function looksLikeReference(rest: string): boolean {
  // Built once per message, not once per token.
  const sixLettersOrDigits = new RegExp('^[\\p{L}\\p{N}]{6}$', 'u');
  return rest.split(/[\s:,;.!?]+/).some((token) => /[\d-]/.test(token) || sixLettersOrDigits.test(token));
}

function findReference(rest: string): string | undefined {
  const tokens = rest.split(/[\s:,;.!?]+/).filter(Boolean);
  for (let i = 0; i < tokens.length; i++) {
    const one = /[\d-]/.test(tokens[i]!) ? normaliseReference(tokens[i]!) : undefined;
    if (one) return one;
    const two = i + 1 < tokens.length ? normaliseReference(`${tokens[i]}${tokens[i + 1]}`) : undefined;
    if (two && tokens[i]!.length === 3) return two;
  }
  return undefined;
}

/**
 * A message that starts with a reference is about that case. Only a token with a dash or a digit
 * counts, so an ordinary six-letter word ("BANYAK") is not read as one.
 */
function asText(text: string): SmsCommand {
  const first = new RegExp('^([\\p{L}\\p{N}]{3}-?[\\p{L}\\p{N}]{3})(?=$|[\\s.,:;!?])[\\s.,:;!?-]*(.*)$', 'su').exec(text);
  if (first && /[\d-]/.test(first[1]!)) {
    const reference = normaliseReference(first[1]!);
    if (reference && first[2]) return { kind: 'text', text: first[2], reference };
  }
  return { kind: 'text', text };
}

/** Damerau-Levenshtein distance of at most one (one insertion, deletion, substitution or swap). */
function withinOneEdit(a: string, b: string): boolean {
  if (a === b) return true;
  if (a.length === b.length) {
    const diff: number[] = [];
    for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) diff.push(i);
    if (diff.length === 1) return true;
    return diff.length === 2 && diff[1] === diff[0]! + 1 && a[diff[0]!] === b[diff[1]!] && a[diff[1]!] === b[diff[0]!];
  }
  const [short, long] = a.length < b.length ? [a, b] : [b, a];
  if (long.length - short.length !== 1) return false;
  let i = 0;
  while (i < short.length && short[i] === long[i]) i++;
  return short.slice(i) === long.slice(i + 1);
}
