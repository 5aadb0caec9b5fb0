import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { conversationThread, type ThreadEntry, type ThreadNote } from '../../lib/conversation/thread.js';
import { appendFollowUp, nextBlockNumber } from '../../lib/conversation/follow-up.js';
import { caseEvent, type CaseEvent } from '../../lib/domain/case.js';

/**
 * The case page's conversation (issue 23, item 7): what an official reads as "who said what, when,
 * and through which door". A wrong order, a question shown as the reporter's, an internal note shown
 * as sent to the reporter, or an answer shown as a plain follow-up misleads the official who acts on it.
 * Everything is computed inside `it` (a mutant is switched on only when the test runs).
 */

const reportedAt = '2026-12-01T01:00:00.000Z';
const t = (minutes: number) => new Date(Date.parse(reportedAt) + minutes * 60_000).toISOString();

/** The description as planFollowUp writes it: the report, then one numbered block per kept follow-up. */
function describeCase(report: string, followUps: Array<{ at: string; text: string }>): string {
  let description = report;
  for (const f of followUps) description = appendFollowUp(description, { n: nextBlockNumber(description), at: f.at, text: f.text })!;
  return description;
}

const followUp = (at: string, block: number, channel: 'sms' | 'whatsapp', stored = true) =>
  caseEvent('follow_up', at, 'reporter', { channel, length: 10, truncated: false, stored, block });

describe('the conversation of a case on its page', () => {
  it('reads as one conversation oldest first: the report, follow-ups, the officials\' questions and the answers, each with who sent it and through which door', () => {
    const description = describeCase('Gaji belum dibayar tiga bulan', [
      { at: t(10), text: 'majikan marah' },
      { at: t(40), text: 'terakhir gaji bulan Agustus' },
      { at: t(90), text: 'paspor ditahan agen' },
    ]);
    const events: CaseEvent[] = [
      caseEvent('reported', reportedAt, 'reporter', { channel: 'whatsapp', category: 'unpaid_wages', truncated: false }),
      followUp(t(10), 1, 'sms'),
      caseEvent('question_relayed', t(20), 'official:desk-1', { via: 'console', official: 'desk-1', length: 20 }),
      followUp(t(40), 2, 'whatsapp'),
      caseEvent('answer_relayed', t(40), 'reporter', { official: 'desk-1', length: 27 }),
      caseEvent('question_relayed', t(60), 'official:lotim-2', { command: 'TANYA', official: 'lotim-2' }),
      followUp(t(90), 3, 'sms'),
    ];
    const notes: ThreadNote[] = [
      { at: t(20), officialId: 'desk-1', text: 'Kapan terakhir gaji dibayar?', kind: 'question' },
      // An internal note is never sent to the reporter, so it is no part of the conversation.
      { at: t(30), officialId: 'desk-1', text: 'Agen sudah dihubungi, tidak menjawab' },
      { at: t(60), officialId: 'lotim-2', text: 'Siapa yang memegang paspor?', kind: 'question' },
    ];
    expect(conversationThread({ description, createdAt: reportedAt, channel: 'whatsapp' }, events, notes)).toEqual<ThreadEntry[]>([
      { at: reportedAt, kind: 'report', from: 'reporter', via: 'whatsapp', text: 'Gaji belum dibayar tiga bulan' },
      { at: t(10), kind: 'follow_up', from: 'reporter', via: 'sms', text: 'majikan marah' },
      { at: t(20), kind: 'question', from: { official: 'desk-1' }, via: 'console', text: 'Kapan terakhir gaji dibayar?' },
      { at: t(40), kind: 'answer', from: 'reporter', via: 'whatsapp', text: 'terakhir gaji bulan Agustus' },
      // An event older than the door field: its SMS keyword says it was a TANYA by SMS.
      { at: t(60), kind: 'question', from: { official: 'lotim-2' }, via: 'sms', text: 'Siapa yang memegang paspor?' },
      { at: t(90), kind: 'follow_up', from: 'reporter', via: 'sms', text: 'paspor ditahan agen' },
    ]);
  });

  it('gives each question the door of its own event, also when two officials ask in the same millisecond, and no door when no event records one', () => {
    const events: CaseEvent[] = [
      caseEvent('question_relayed', t(5), 'official:desk-1', { via: 'console', official: 'desk-1' }),
      caseEvent('question_relayed', t(5), 'official:lotim-2', { via: 'whatsapp', official: 'lotim-2' }),
      caseEvent('question_relayed', t(8), 'official:desk-1', { command: 'TANYA', official: 'desk-1' }),
    ];
    const notes: ThreadNote[] = [
      { at: t(5), officialId: 'desk-1', text: 'Di kota mana?', kind: 'question' },
      { at: t(5), officialId: 'lotim-2', text: 'Nama majikan?', kind: 'question' },
      { at: t(8), officialId: 'desk-1', text: 'Nomor paspor?', kind: 'question' },
      // A question kept before questions had events of their own: shown, with no door.
      { at: t(9), officialId: 'bima-3', text: 'Masih di sana?', kind: 'question' },
    ];
    const thread = conversationThread({ description: 'Dipukul majikan', createdAt: reportedAt, channel: 'sms' }, events, notes);
    expect(thread.slice(1)).toEqual<ThreadEntry[]>([
      { at: t(5), kind: 'question', from: { official: 'desk-1' }, via: 'console', text: 'Di kota mana?' },
      { at: t(5), kind: 'question', from: { official: 'lotim-2' }, via: 'whatsapp', text: 'Nama majikan?' },
      { at: t(8), kind: 'question', from: { official: 'desk-1' }, via: 'sms', text: 'Nomor paspor?' },
      { at: t(9), kind: 'question', from: { official: 'bima-3' }, text: 'Masih di sana?' },
    ]);
  });

  it('times a block by the latest kept follow-up with its number, and shows an older block with no event at the report\'s time without a channel', () => {
    // Block 2 was sent as a second report, moved out by BARU (its number free again) and then reused
    // by the next follow-up: the latest event with number 2 is the one whose text is there now.
    const description = describeCase(' Dipukul majikan\n', [
      { at: t(10), text: 'di Riyadh ' },
      { at: t(50), text: 'sekarang di penampungan' },
      { at: t(70), text: 'tolong' },
    ]);
    const events: CaseEvent[] = [
      followUp(t(20), 2, 'whatsapp'),
      caseEvent('follow_up_moved', t(30), 'reporter', { block: 2, to: 'NTB-XYZ' }),
      followUp(t(50), 2, 'sms'),
      // The case had no room for this one: its text is not in the description, and its time is no block's.
      followUp(t(60), 2, 'whatsapp', false),
      followUp(t(70), 3, 'whatsapp'),
      // The answer to a question, relayed in the same millisecond as follow-up 3 was kept.
      caseEvent('answer_relayed', t(70), 'reporter', { official: 'desk-1', length: 6 }),
    ];
    expect(conversationThread({ description, createdAt: reportedAt, channel: 'sms' }, events, [])).toEqual<ThreadEntry[]>([
      { at: reportedAt, kind: 'report', from: 'reporter', via: 'sms', text: 'Dipukul majikan' },
      // Block 1 has no follow_up event (a case older than the events' block numbers).
      { at: reportedAt, kind: 'follow_up', from: 'reporter', text: 'di Riyadh' },
      { at: t(50), kind: 'follow_up', from: 'reporter', via: 'sms', text: 'sekarang di penampungan' },
      { at: t(70), kind: 'answer', from: 'reporter', via: 'whatsapp', text: 'tolong' },
    ]);
  });

  it('keeps the order in which things were said among messages of the same millisecond', () => {
    // Many equal times: blocks without events take the report's time, and times come from a few minutes.
    fc.assert(fc.property(
      fc.array(fc.option(fc.integer({ min: 0, max: 6 }), { nil: undefined }), { maxLength: 12 }),
      fc.array(fc.integer({ min: 0, max: 6 }), { maxLength: 8 }),
      (blockTimes, questionTimes) => {
        let description = 'Laporan';
        for (let n = 1; n <= blockTimes.length; n++) description += `\n\n[+${n} 01/12 09:00 WITA] balasan ${n}`;
        const events = blockTimes.flatMap((m, i) => (m === undefined ? [] : [followUp(t(m), i + 1, 'sms')]));
        const notes: ThreadNote[] = questionTimes.map((m, i) => ({ at: t(m), officialId: 'desk-1', text: `pertanyaan ${i}`, kind: 'question' }));
        const thread = conversationThread({ description, createdAt: reportedAt, channel: 'sms' }, events, notes);
        const said = ['Laporan', ...blockTimes.map((_, i) => `balasan ${i + 1}`), ...questionTimes.map((_, i) => `pertanyaan ${i}`)];
        const atOf = [reportedAt, ...blockTimes.map((m) => (m === undefined ? reportedAt : t(m))), ...questionTimes.map((m) => t(m))];
        const expected = said.map((text, i) => ({ text, at: atOf[i]!, i })).sort((a, b) => (a.at === b.at ? a.i - b.i : a.at < b.at ? -1 : 1));
        expect(thread.map((e) => [e.at, e.text])).toEqual(expected.map((e) => [e.at, e.text]));
      },
    ), { seed: 24 });
  });
});
