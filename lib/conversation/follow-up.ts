import { formatLocalTime } from '../messages/reporter.js';

/**
 * Follow-up text from the reporter is personal data, so it never goes into a timeline event. It is
 * appended to the case's description, which the store keeps encrypted like the first report; the
 * event keeps only its length. Each addition is a numbered block, so one sent as a second LAPOR
 * can be moved out into a new case when the reporter answers BARU.
 *
 * A block starts with a marker (`\n\n[+N when] `) that only this module writes: reporter text is
 * stored with the marker's opening neutralised (`[+` after a blank line becomes `[ +`), so a report
 * that types a marker shows as what it is, text, never as a follow-up that was not sent (issue 19,
 * finding 12). Escaping was chosen over storing follow-ups as items of their own: it is one function
 * on the way in, every reader (INFO, the console, BARU) stays as it is, and stored cases need no
 * migration.
 */

/** Per addition; longer text is cut (and the reporter told), never dropped silently. */
export const FOLLOW_UP_LIMIT = 500;
/** Per case: past this, further text is not stored and the reporter is asked to call the hotline. */
export const CASE_TEXT_LIMIT = 6000;

/** A fresh expression per use: a shared /g one carries lastIndex from one call into the next. */
const blocks = (description: string) => [...description.matchAll(/\n\n\[\+(\d+) [^\]\n]*\] /g)];

/** Reporter text as stored: no follow-up marker can start in it. */
export function escapeFollowUpMarkers(text: string): string {
  return text.replace(/(?<=\n\n)\[\+/g, '[ +');
}

export function cutFollowUp(text: string): { text: string; truncated: boolean } {
  const trimmed = text.trim();
  if (trimmed.length <= FOLLOW_UP_LIMIT) return { text: trimmed, truncated: false };
  return { text: `${trimmed.slice(0, FOLLOW_UP_LIMIT - 1)}…`, truncated: true };
}

/** The description as first reported, without any follow-up blocks. */
export function originalText(description: string): string {
  const first = blocks(description)[0];
  return first ? description.slice(0, first.index) : description;
}

export function nextBlockNumber(description: string): number {
  let max = 0;
  for (const m of blocks(description)) max = Math.max(max, Number(m[1]));
  return max + 1;
}

/** Returns undefined when the case has no room left for this text. Whitespace in `text` is already one space. */
export function appendFollowUp(description: string, block: { n: number; at: string; text: string }): string | undefined {
  const next = `${description}\n\n[+${block.n} ${formatLocalTime(block.at)}] ${escapeFollowUpMarkers(block.text.replace(/\n/g, ' '))}`;
  return next.length <= CASE_TEXT_LIMIT ? next : undefined;
}

/** Cuts block `n` out of the description (the last one with that number, should a reporter have typed a look-alike). */
export function takeFollowUp(description: string, n: number): { text: string; rest: string } | undefined {
  const found = blocks(description);
  const index = found.findLastIndex((m) => Number(m[1]) === n);
  if (index === -1) return undefined;
  const start = found[index]!.index;
  const end = found[index + 1]?.index ?? description.length;
  const text = description.slice(start + found[index]![0].length, end);
  return { text, rest: description.slice(0, start) + description.slice(end) };
}

/** One piece of a case's text as an official reads it: the first report, or a numbered follow-up. */
export interface TextEntry {
  /** `Laporan (06/12 08:40)` for the first report; `Balasan 2 (12/11 08:00)` for follow-up 2 (WITA). */
  label: string;
  text: string;
}

/**
 * The report and its follow-ups, newest first: what the reporter said last is what an official needs
 * first. Labels read on a basic phone ("Balasan 1 (06/12 08:43)"), not the stored marker ("[+1 ...]").
 */
export function entriesNewestFirst(description: string, reportedAt?: string): TextEntry[] {
  const found = blocks(description);
  const when = (local: string) => ` (${local.replace(/ WITA$/, '')})`;
  const entries: TextEntry[] = [{ label: `Laporan${reportedAt ? when(formatLocalTime(reportedAt)) : ''}`, text: originalText(description).trim() }];
  found.forEach((m, i) => {
    const end = found[i + 1]?.index ?? description.length;
    const header = /^\n\n\[\+(\d+) ([^\]\n]*)\] $/.exec(m[0]);
    entries.push({ label: `Balasan ${m[1]}${header?.[2] ? when(header[2]) : ''}`, text: description.slice(m.index + m[0].length, end).trim() });
  });
  return entries.filter((e) => e.text !== '').reverse();
}

/** The description as the console shows it: the first report, then each follow-up in order. */
export function splitFollowUps(description: string): { original: string; followUps: Array<{ n: number; when: string; text: string }> } {
  const found = [...description.matchAll(/\n\n\[\+(\d+) ([^\]\n]*)\] /g)];
  return {
    original: found[0] ? description.slice(0, found[0].index) : description,
    followUps: found.map((m, i) => ({
      n: Number(m[1]), when: m[2] ?? '',
      text: description.slice(m.index + m[0].length, found[i + 1]?.index ?? description.length),
    })),
  };
}
