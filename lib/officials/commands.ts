import { normaliseReference } from '../domain/reference.js';

/**
 * What an official's SMS asks for. Indonesian keywords first (the offices' working language), with
 * English synonyms. The PIN is checked by the use case, not here: the parser only says whether the
 * text is meant as an official command, so a reporter's free text never reaches the PIN check.
 */
export type OfficialAction = 'acknowledge' | 'resolve' | 'info' | 'ask';

export interface OfficialCommand {
  action: OfficialAction;
  /** The keyword as the official should see it in replies (TERIMA, SELESAI, INFO, TANYA). */
  keyword: 'TERIMA' | 'SELESAI' | 'INFO' | 'TANYA';
  reference: string;
  /** Absent when the official left it out: refused without counting as a wrong PIN. */
  pin?: string;
  /** SELESAI: the closing note; TANYA: the question. Trimmed; may be empty. */
  text: string;
}

const KEYWORDS: Record<string, Pick<OfficialCommand, 'action' | 'keyword'>> = {
  TERIMA: { action: 'acknowledge', keyword: 'TERIMA' },
  ACK: { action: 'acknowledge', keyword: 'TERIMA' },
  SELESAI: { action: 'resolve', keyword: 'SELESAI' },
  DONE: { action: 'resolve', keyword: 'SELESAI' },
  INFO: { action: 'info', keyword: 'INFO' },
  TANYA: { action: 'ask', keyword: 'TANYA' },
  ASK: { action: 'ask', keyword: 'TANYA' },
};

const PIN = /^\d{4,8}$/;
/** A token without the punctuation typed after it ("ABC-234," "0303."). */
const bare = (token: string | undefined) => token?.replace(/[.,:;!]+$/, '');

/**
 * Returns the command, or undefined when the text is not an official command (then it is a
 * reporter's message). A keyword must be followed by a reference; INFO also needs a PIN, because
 * `INFO` alone (or `INFO gaji`) is a reporter asking for help. The reference may be typed `ABC-234`,
 * `abc234` or `ABC 234`, with a comma after it; the PIN may come before the reference or after the
 * word PIN (`TERIMA 0303 ABC-234`, `TERIMA ABC-234, PIN 0303`): a hurried official types them so,
 * and a reference and a PIN cannot be mistaken for each other.
 */
export function parseOfficialCommand(raw: string): OfficialCommand | undefined {
  const tokens = raw.normalize('NFKC').trim().split(/\s+/).filter(Boolean);
  const head = bare(tokens[0])?.toUpperCase();
  const kind = head ? KEYWORDS[head] : undefined;
  if (!kind) return undefined;

  let rest = tokens.slice(1);
  let pin: string | undefined;
  if (rest.length >= 2 && PIN.test(bare(rest[0])!) && (normaliseReference(bare(rest[1])!) || (rest.length >= 3 && normaliseReference(`${rest[1]}${bare(rest[2])}`)))) {
    pin = bare(rest[0]);
    rest = rest.slice(1);
  }
  let reference = rest[0] ? normaliseReference(bare(rest[0])!) : undefined;
  if (reference) rest = rest.slice(1);
  else if (rest.length >= 2 && rest[0]!.length === 3 && bare(rest[1])!.length === 3) {
    reference = normaliseReference(`${rest[0]}${bare(rest[1])}`);
    if (reference) rest = rest.slice(2);
  }
  if (!reference) return undefined;

  if (!pin) {
    const announced = /^PIN:?$/i.test(rest[0] ?? '') && rest[1] && PIN.test(bare(rest[1])!) ? 1 : 0;
    const glued = /^PIN:(\d{4,8})[.,;!]*$/i.exec(rest[0] ?? '')?.[1];
    if (glued) { pin = glued; rest = rest.slice(1); }
    else if (rest[announced] && PIN.test(bare(rest[announced])!)) { pin = bare(rest[announced]); rest = rest.slice(announced + 1); }
  }
  if (kind.action === 'info' && !pin) return undefined;
  return { ...kind, reference, ...(pin ? { pin } : {}), text: rest.join(' ') };
}

/** BANTUAN / HELP from an official's number: the list of commands. */
export interface OfficialHelp {
  action: 'help';
  keyword: 'BANTUAN';
}

/** What an official's number may send besides BUKA: a command on a case, or a request for the commands. */
export type OfficialRequest = OfficialCommand | OfficialHelp;

const HELP_WORDS = new Set(['BANTUAN', 'HELP', 'MENU', 'PERINTAH', 'TOLONG', 'BANTU', '?']);

/**
 * A command on a case, or BANTUAN/HELP/MENU alone, or an officials' keyword with nothing after it
 * ("TERIMA"): the official needs the commands. Only a registered official's number gets the
 * officials' list (handleOfficialSms); from anyone else these stay a reporter's words.
 */
export function parseOfficialRequest(raw: string): OfficialRequest | undefined {
  const command = parseOfficialCommand(raw);
  if (command) return command;
  const tokens = raw.normalize('NFKC').trim().split(/\s+/).filter(Boolean);
  if (tokens.length !== 1) return undefined;
  const word = tokens[0]!.replace(/[.,:;!]+$/, '').toUpperCase();
  return HELP_WORDS.has(word) || word in KEYWORDS ? { action: 'help', keyword: 'BANTUAN' } : undefined;
}

/** BUKA <official id or phone> <PIN>: the level above restores a locked official's access. */
export interface UnlockCommand {
  /** As typed: an official id (`kab-5203`) or a phone number in any common form. */
  target: string;
  pin: string;
}

const OFFICIAL_ID = /^[a-z0-9][a-z0-9-]{1,40}$/i;
const PHONE_LIKE = /^\+?[\d\-]{8,20}$/;

/**
 * Returns the unlock command, or undefined when the text is not one. "buka" is also an everyday
 * word ("buka rekening di bank"), so only the exact shape counts: keyword, one id or number, a PIN.
 */
export function parseUnlockCommand(raw: string): UnlockCommand | undefined {
  const tokens = raw.normalize('NFKC').trim().split(/\s+/).filter(Boolean);
  if (tokens.length !== 3) return undefined;
  const [head, target, pin] = tokens as [string, string, string];
  if (!['BUKA', 'UNLOCK'].includes(head.replace(/[.,:;!]+$/, '').toUpperCase())) return undefined;
  if (!PIN.test(pin)) return undefined;
  if (!PHONE_LIKE.test(target) && !(OFFICIAL_ID.test(target) && /[a-z]/i.test(target) && /[-\d]/.test(target))) return undefined;
  return { target: PHONE_LIKE.test(target) ? target : target.toLowerCase(), pin };
}
