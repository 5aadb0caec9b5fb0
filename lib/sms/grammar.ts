import { normaliseReference } from '../domain/reference.js';
import type { Language } from '../domain/categories.js';

/** What an inbound SMS asks for. The parser is pure and total: any text gives one of these. */
export type SmsCommand =
  | { kind: 'report'; text: string; language: Language }
  | { kind: 'status'; reference?: string; language?: Language }
  | { kind: 'unknown'; text: string };

const REPORT_WORDS: Record<string, Language> = { LAPOR: 'id', TOLONG: 'id', ADUAN: 'id', HELP: 'en', REPORT: 'en' };
const STATUS_WORDS: Record<string, Language | undefined> = { STATUS: undefined, CEK: 'id' };

export function parseSms(raw: string): SmsCommand {
  const text = raw.normalize('NFKC').trim();
  const match = /^([A-Za-z]+)[\s.,:;!\-]*(.*)$/s.exec(text);
  if (!match) return { kind: 'unknown', text };
  const word = match[1]!.toUpperCase();
  const rest = match[2]!.trim();
  const reportLanguage = REPORT_WORDS[word];
  if (reportLanguage) return { kind: 'report', text: rest, language: reportLanguage };
  if (word in STATUS_WORDS) {
    const reference = normaliseReference(rest);
    const language = STATUS_WORDS[word];
    return { kind: 'status', ...(reference ? { reference } : {}), ...(language ? { language } : {}) };
  }
  return { kind: 'unknown', text };
}
