import { type Case, type CaseEvent, type Channel, type Door, eventsOf } from '../domain/case.js';
import { splitFollowUps } from './follow-up.js';

/** One message of a case's conversation, in the order it was sent. */
export interface ThreadEntry {
  at: string;
  /** The reporter's report, a follow-up, an answer to a question; or an official's question to the reporter. */
  kind: 'report' | 'follow_up' | 'answer' | 'question';
  /** `reporter`, or the official's id. */
  from: 'reporter' | { official: string };
  /** The reporter's channel, or the door an official asked through (console, SMS `TANYA`, WhatsApp). */
  via?: Channel | Door;
  text: string;
}

/** A sealed text kept with the case: the console's notes, and the questions sent to the reporter (`kind: 'question'`). */
export interface ThreadNote {
  at: string;
  officialId: string;
  text: string;
  kind?: 'question';
}

/**
 * The case as one conversation (issue 23, item 7): the report, the reporter's follow-ups and
 * answers (the numbered blocks of the description, timed by their `follow_up` events), and the
 * officials' questions (console or TANYA, kept sealed as notes of kind `question`), oldest first,
 * each with who sent it and through which door. Timeline events carry no text; the text comes only
 * from the sealed description and notes.
 */
export function conversationThread(c: Pick<Case, 'description' | 'createdAt' | 'channel'>, events: readonly CaseEvent[], notes: readonly ThreadNote[]): ThreadEntry[] {
  const { original, followUps } = splitFollowUps(c.description);
  const stored = eventsOf(events, 'follow_up').filter((e) => e.detail.stored);
  const answers = new Set(eventsOf(events, 'answer_relayed').map((e) => e.at));
  const asked = eventsOf(events, 'question_relayed');
  const entries: ThreadEntry[] = [{ at: c.createdAt, kind: 'report', from: 'reporter', via: c.channel, text: original.trim() }];
  for (const f of followUps) {
    // A block number comes back after BARU moved its block out: the latest event with it is this one.
    const e = stored.findLast((x) => x.detail.block === f.n);
    entries.push({ at: e?.at ?? c.createdAt, kind: e && answers.has(e.at) ? 'answer' : 'follow_up', from: 'reporter', ...(e ? { via: e.detail.channel } : {}), text: f.text.trim() });
  }
  for (const n of notes.filter((x) => x.kind === 'question')) {
    const e = asked.find((x) => x.at === n.at && x.detail.official === n.officialId);
    // Older events name no door: one with an SMS keyword was a TANYA by SMS.
    const via: Door | undefined = e?.detail.via ?? (e?.detail.command ? 'sms' : undefined);
    entries.push({ at: n.at, kind: 'question', from: { official: n.officialId }, ...(via ? { via } : {}), text: n.text });
  }
  // Stable: a question and the report of the same millisecond keep the report first.
  return entries.map((e, i) => [e, i] as const).sort(([a, i], [b, j]) => (a.at < b.at ? -1 : a.at > b.at ? 1 : i - j)).map(([e]) => e);
}
