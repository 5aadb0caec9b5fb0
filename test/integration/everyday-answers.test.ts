import { describe, expect, it } from 'vitest';
import { useSystemWithNotifier } from '../support/local-deps.js';
import { handleInboundSms } from '../../lib/use-cases/handle-inbound-sms.js';
import { reporterTexts } from '../../lib/messages/reporter.js';
import type { Case } from '../../lib/domain/case.js';

/**
 * Issue 23, item 9: after an official marks a case solved the reporter is asked "Balas YA atau
 * TIDAK", and answers as people do. Each everyday answer is walked through the SMS door on a case
 * whose hourly follow-up acknowledgement is already spent (the reporter wrote earlier in the hour),
 * so every reply asserted here is one the reporter gets for this message, not a leftover.
 */
const fixture = useSystemWithNotifier();

let seq = 0;
let phoneSeq = 0;
const nextPhone = () => `+6012345${String(9000 + ++phoneSeq)}`;
const inbound = (from: string, text: string) =>
  handleInboundSms(fixture.system.deps, { id: `ATXid_answers_${++seq}`, from, text, receivedAt: fixture.system.clock.now().toISOString() });
const sentTo = (to: string) => fixture.system.outbox.entries.filter((e) => e.to === to).map((e) => e.message);

async function officialMoves(reference: string, change: Partial<Case>): Promise<void> {
  const c = (await fixture.system.store.getCaseByReference(reference))!;
  await fixture.system.stores.cases.updateCase({ case: { ...c, ...change, updatedAt: fixture.system.clock.now().toISOString() }, expectedVersion: c.version });
}

/** A worker's case, a follow-up earlier in the hour (acknowledged: the hour's acknowledgement is spent), then marked solved. */
async function resolvedCase(): Promise<{ worker: string; reference: string }> {
  const worker = nextPhone();
  const reference = ((await inbound(worker, 'LAPOR gaji belum dibayar tiga bulan')) as { reference: string }).reference;
  await officialMoves(reference, { status: 'acknowledged', assignee: 'prov-ntb', acknowledgedAt: fixture.system.clock.now().toISOString() });
  expect(await inbound(worker, 'majikan juga menahan paspor saya')).toMatchObject({ kind: 'follow_up', added: true });
  await fixture.poller.settled();
  expect(sentTo(worker)).toContain(reporterTexts.followUpAdded('id', { reference }));
  await officialMoves(reference, { status: 'resolved' });
  await fixture.poller.settled();
  expect(sentTo(worker).at(-1)).toBe(reporterTexts.resolved('id', { reference }));
  return { worker, reference };
}

const statusOf = async (reference: string) => (await fixture.system.store.getCaseByReference(reference))!.status;
const casesOf = async (phone: string) => fixture.system.store.findCasesByContact(phone);

describe('everyday answers to "is your problem solved?" (YA / TIDAK), by SMS', () => {
  it.each(['selesai', 'ya', 'ya sudah', 'sudah', 'sudah selesai', 'ya, terima kasih', 'Ya, terima kasih pak'])(
    '%j closes the case and the reporter is thanked', async (answer) => {
      const { worker, reference } = await resolvedCase();
      const before = sentTo(worker).length;

      expect(await inbound(worker, answer)).toEqual({ kind: 'case_closed' });
      await fixture.poller.settled();

      expect(await statusOf(reference)).toBe('closed');
      expect(sentTo(worker).slice(before)).toEqual([reporterTexts.closedThanks('id', { reference })]);
      expect(await casesOf(worker)).toHaveLength(1);
    });

  it.each(['belum', 'tidak', 'belum selesai'])(
    '%j reopens the case, and the reporter is told it will be handled again', async (answer) => {
      const { worker, reference } = await resolvedCase();
      const before = sentTo(worker).length;

      expect(await inbound(worker, answer)).toEqual({ kind: 'case_reopened' });
      await fixture.poller.settled();

      expect(await statusOf(reference)).toBe('acknowledged');
      expect(sentTo(worker).slice(before)).toEqual([reporterTexts.reopened('id', { reference })]);
    });
});

describe('every message gets a reply', () => {
  it('a thank-you after the case was closed is answered, and files no new case', async () => {
    const { worker, reference } = await resolvedCase();
    await inbound(worker, 'ya');
    await fixture.poller.settled();
    const before = sentTo(worker).length;

    const outcome = await inbound(worker, 'Ya, terima kasih pak');
    await fixture.poller.settled();

    expect(outcome).toEqual({ kind: 'thanks_answered' });
    expect(await casesOf(worker)).toHaveLength(1);
    expect(await statusOf(reference)).toBe('closed');
    expect(sentTo(worker).slice(before)).toEqual([reporterTexts.closedThanks('id', { reference })]);
  });

  it('a message on a solved case that is neither yes nor no is kept and asks again for YA or TIDAK, though the hour\'s acknowledgement was spent', async () => {
    const { worker, reference } = await resolvedCase();
    const before = sentTo(worker).length;

    expect(await inbound(worker, 'gaji sudah dibayar sebagian saja')).toMatchObject({ kind: 'follow_up', added: true });
    await fixture.poller.settled();

    expect(await statusOf(reference)).toBe('resolved');
    expect(sentTo(worker).slice(before)).toEqual([reporterTexts.askAgainSolved('id', { reference })]);
  });
});
