import { describe, expect, it } from 'vitest';
import { createTestSystem, useSystemWithNotifier } from '../support/local-deps.js';
import { handleInboundSms } from '../../lib/use-cases/handle-inbound-sms.js';
import { onCaseChanged } from '../../lib/use-cases/case-changed.js';
import { askRegency, formatLocalTime, reporterTexts } from '../../lib/messages/reporter.js';
import { consentTexts } from '../../lib/messages/consent.js';
import { DESCRIPTION_LIMIT, type Case } from '../../lib/domain/case.js';

const fixture = useSystemWithNotifier();

let smsSeq = 0;
const inbound = (from: string, text: string) =>
  handleInboundSms(fixture.system.deps, { id: `ATXid_${++smsSeq}`, from, text, receivedAt: fixture.system.clock.now().toISOString() });
const sentTo = (to: string) => fixture.system.outbox.entries.filter((e) => e.to === to).map((e) => e.message);
const caseOf = async (phone: string, index = 0) => (await fixture.system.store.findCasesByContact(phone))[index]!;

/** What an official's TERIMA/SELESAI does to the case (the officials' code owns the real commands). */
async function officialMoves(reference: string, change: Partial<Case>): Promise<void> {
  const c = (await fixture.system.store.getCaseByReference(reference))!;
  await fixture.system.stores.cases.updateCase({ case: { ...c, ...change, updatedAt: fixture.system.clock.now().toISOString() }, expectedVersion: c.version });
}

describe('a worker abroad, by SMS', () => {
  it('reports, asks for status, adds to the report, switches to English and stops SMS, after which no status change reaches the phone', async () => {
    const worker = '+60123450001';
    const filed = await inbound(worker, 'LAPOR gaji belum dibayar 3 bulan');
    expect(filed).toMatchObject({ kind: 'case_filed', created: true });
    const reference = (filed as { reference: string }).reference;
    await fixture.poller.settled();
    // The text names no regency: the reply with the reference also asks for it, once (test/integration/sms-places.test.ts).
    // A number's first report is also told who keeps its data, how long, and how to ask for deletion (consent.ts).
    expect(sentTo(worker)).toEqual([`${reporterTexts.received('id', { reference, hotline: '+62 21 2924 4800' })} ${consentTexts.firstReply('id', fixture.system.deps.policy.retentionDaysAfterClose)} ${askRegency('id')}`]);

    await inbound(worker, `status ${reference.replace('-', '').toLowerCase()}`);
    await fixture.poller.settled();
    expect(sentTo(worker)[1]).toMatch(new RegExp(`^Laporan ${reference}: Diterima, menunggu petugas`));

    expect(await inbound(worker, 'majikan juga menahan paspor saya')).toEqual({ kind: 'follow_up', added: true, askedNewProblem: false });
    await fixture.poller.settled();
    const c = await caseOf(worker);
    expect(c.description).toMatch(/^gaji belum dibayar 3 bulan\n\n\[\+1 .*\] majikan juga menahan paspor saya$/);
    const followUp = (await fixture.system.store.timeline(c.id)).find((e) => e.type === 'follow_up')!;
    expect(followUp).toMatchObject({ actor: 'reporter', detail: { length: 32, stored: true } });
    expect(JSON.stringify(followUp)).not.toContain('paspor');
    // The regency is unknown, so the province desk handles it: told the reference, not the text, and
    // (not holding the case yet) that TERIMA is what lets it read the text.
    const notice = fixture.system.outbox.entries.filter((e) => e.to === '+6281100005200' && e.message.includes('pesan tambahan'));
    expect(notice.map((e) => e.message)).toEqual([`PMI NTB ${reference}: pelapor mengirim pesan tambahan. Balas: TERIMA ${reference} <PIN Anda> untuk menangani dan membaca isinya.`]);
    expect(sentTo(worker)[2]).toBe(reporterTexts.followUpAdded('id', { reference }));

    await inbound(worker, 'bahasa en');
    await fixture.poller.settled();
    expect(sentTo(worker)[3]).toBe(reporterTexts.languageSet('en'));

    await officialMoves(reference, { status: 'acknowledged', assignee: 'prov-ntb' });
    await fixture.poller.settled();
    expect(sentTo(worker)[4]).toBe(reporterTexts.acknowledged('en', { reference }));

    await inbound(worker, 'BERHENTI');
    await fixture.poller.settled();
    expect(sentTo(worker)[5]).toBe(reporterTexts.stopped('en'));

    await officialMoves(reference, { status: 'resolved' });
    await fixture.poller.settled();
    expect(sentTo(worker)).toHaveLength(6);
    expect((await fixture.system.store.timeline(c.id)).filter((e) => e.type === 'reporter_notified').map((e) => e.detail?.notice)).toEqual(['acknowledged']);
  });

  it('gets status SMS again after MULAI', async () => {
    const worker = '+60123450002';
    const reference = ((await inbound(worker, 'LAPOR paspor ditahan')) as { reference: string }).reference;
    await inbound(worker, 'STOP');
    await inbound(worker, 'mulai');
    await officialMoves(reference, { status: 'acknowledged', assignee: 'prov-ntb' });
    await fixture.poller.settled();
    expect(sentTo(worker).at(-1)).toBe(reporterTexts.acknowledged('id', { reference }));
  });

  it('sends a status SMS once even when the stream delivers the change twice', async () => {
    const worker = '+60123450003';
    const reference = ((await inbound(worker, 'LAPOR mau pulang')) as { reference: string }).reference;
    await fixture.poller.settled();
    const before = (await fixture.system.store.getCaseByReference(reference))!;
    await officialMoves(reference, { status: 'acknowledged' });
    await fixture.poller.settled();
    const after = (await fixture.system.store.getCaseByReference(reference))!;

    await onCaseChanged(fixture.system.deps, before, after);
    await fixture.poller.settled();

    expect(sentTo(worker).filter((m) => m === reporterTexts.acknowledged('id', { reference }))).toHaveLength(1);
  });

  it('answers a message from a number without an open case with how to report, and files nothing', async () => {
    const stranger = '+60123450004';
    expect(await inbound(stranger, 'halo apa kabar')).toEqual({ kind: 'help_sent' });
    await fixture.poller.settled();
    expect(sentTo(stranger)).toEqual([reporterTexts.help('id')]);
    expect(await fixture.system.store.findCasesByContact(stranger)).toHaveLength(0);
  });
});

describe('a gateway redelivering the same SMS', () => {
  it('files one case and queues one reply, even three at once and after the case exists', async () => {
    const worker = '+60123450005';
    const sms = { id: 'ATXid_same', from: worker, text: 'LAPOR gaji tidak dibayar', receivedAt: fixture.system.clock.now().toISOString() };
    const outcomes = await Promise.all([1, 2, 3].map(() => handleInboundSms(fixture.system.deps, sms)));
    outcomes.push(await handleInboundSms(fixture.system.deps, sms), await handleInboundSms(fixture.system.deps, sms));
    await fixture.poller.settled();
    expect(new Set(outcomes.map((o) => (o as { reference: string }).reference)).size).toBe(1);
    expect(await fixture.system.store.findCasesByContact(worker)).toHaveLength(1);
    expect((await caseOf(worker)).description).toBe('gaji tidak dibayar');
    expect(sentTo(worker)).toHaveLength(1);
  });

  it('adds a follow-up once', async () => {
    const worker = '+60123450006';
    await inbound(worker, 'LAPOR gaji tidak dibayar');
    const followUp = { id: 'ATXid_follow', from: worker, text: 'sudah 3 bulan', receivedAt: fixture.system.clock.now().toISOString() };
    expect(await handleInboundSms(fixture.system.deps, followUp)).toMatchObject({ added: true });
    expect(await handleInboundSms(fixture.system.deps, followUp)).toMatchObject({ added: false });
    expect((await caseOf(worker)).description.match(/sudah 3 bulan/g)).toHaveLength(1);
  });

  it('keeps a thank-you with the case, but alerts no official to read it and sends no SMS for it', async () => {
    const worker = '+60123450007';
    const reference = ((await inbound(worker, 'LAPOR gaji tidak dibayar 2 bulan')) as { reference: string }).reference;
    await fixture.poller.settled();
    const before = { worker: sentTo(worker).length, desk: fixture.system.outbox.entries.filter((e) => e.to === '+6281100005200' && e.message.includes(reference)).length };
    expect(await inbound(worker, 'ok terima kasih pak')).toEqual({ kind: 'follow_up', added: true, askedNewProblem: false });
    await fixture.poller.settled();
    expect((await caseOf(worker)).description).toMatch(/ok terima kasih pak$/);
    expect(sentTo(worker)).toHaveLength(before.worker);
    expect(fixture.system.outbox.entries.filter((e) => e.to === '+6281100005200' && e.message.includes(reference))).toHaveLength(before.desk);
    // Anything more than thanks is news for the officials, as before.
    await inbound(worker, 'terima kasih, tapi majikan sekarang marah');
    await fixture.poller.settled();
    expect(fixture.system.outbox.entries.filter((e) => e.to === '+6281100005200' && e.message.includes('pesan tambahan') && e.message.includes(reference))).toHaveLength(1);
    expect(sentTo(worker).at(-1)).toBe(reporterTexts.followUpAdded('id', { reference }));
  });
});

describe('a second LAPOR within the hour', () => {
  it('is added to the open case with the question BARU, and BARU turns it into a case of its own', async () => {
    const worker = '+60123450010';
    const first = ((await inbound(worker, 'LAPOR gaji tidak dibayar')) as { reference: string }).reference;
    expect(await inbound(worker, 'LAPOR paspor saya ditahan agen')).toEqual({ kind: 'follow_up', added: true, askedNewProblem: true });
    await fixture.poller.settled();
    expect(sentTo(worker).at(-1)).toBe(reporterTexts.askNewProblem('id', { reference: first }));
    expect(await fixture.system.store.findCasesByContact(worker)).toHaveLength(1);

    const moved = await inbound(worker, 'BARU');
    expect(moved).toMatchObject({ kind: 'case_filed', created: true });
    const second = (moved as { reference: string }).reference;
    await fixture.poller.settled();

    expect((await fixture.system.store.getCaseByReference(second))!.description).toBe('paspor saya ditahan agen');
    expect((await fixture.system.store.getCaseByReference(first))!.description).toBe('gaji tidak dibayar');
    expect(sentTo(worker).at(-1)).toContain(second);
    expect(await inbound(worker, 'BARU')).toEqual({ kind: 'nothing_to_move' });
  });

  it('stays with the old case when the reporter answers anything else', async () => {
    const worker = '+60123450011';
    await inbound(worker, 'LAPOR gaji tidak dibayar');
    await inbound(worker, 'LAPOR sudah 4 bulan');
    await inbound(worker, 'sama, masalah yang tadi');
    const cases = await fixture.system.store.findCasesByContact(worker);
    expect(cases).toHaveLength(1);
    expect(cases[0]!.description).toMatch(/gaji tidak dibayar\n\n\[\+1 [^\]]*\] sudah 4 bulan\n\n\[\+2 [^\]]*\] sama, masalah yang tadi$/);
  });

  it('that repeats the report word for word is the same report, not an addition', async () => {
    const worker = '+60123450012';
    const a = await inbound(worker, 'LAPOR dipukul majikan');
    const b = await inbound(worker, 'lapor: dipukul majikan');
    expect(b).toEqual({ kind: 'case_filed', reference: (a as { reference: string }).reference, created: false });
    expect((await caseOf(worker)).description).toBe('dipukul majikan');
  });
});

describe('YA and TIDAK after an official marks the case resolved', () => {
  it('YA closes the case and thanks the reporter', async () => {
    const worker = '+60123450020';
    const reference = ((await inbound(worker, 'LAPOR gaji')) as { reference: string }).reference;
    await officialMoves(reference, { status: 'resolved', assignee: 'prov-ntb' });
    await fixture.poller.settled();
    expect(sentTo(worker).at(-1)).toBe(reporterTexts.resolved('id', { reference }));

    expect(await inbound(worker, 'ya')).toEqual({ kind: 'case_closed' });
    await fixture.poller.settled();
    const c = (await fixture.system.store.getCaseByReference(reference))!;
    expect(c.status).toBe('closed');
    expect(c.nextCheckAt).toBeUndefined();
    expect(sentTo(worker).at(-1)).toBe(reporterTexts.closedThanks('id', { reference }));
  });

  it('TIDAK reopens it to the official who had it, who is told, and so is the reporter', async () => {
    const worker = '+60123450021';
    const reference = ((await inbound(worker, 'LAPOR gaji')) as { reference: string }).reference;
    await officialMoves(reference, { status: 'resolved', assignee: 'prov-ntb' });
    await fixture.poller.settled();

    expect(await inbound(worker, 'TIDAK')).toEqual({ kind: 'case_reopened' });
    await fixture.poller.settled();
    const c = (await fixture.system.store.getCaseByReference(reference))!;
    expect(c).toMatchObject({ status: 'acknowledged', assignee: 'prov-ntb' });
    expect(c.nextCheckAt).toBeDefined();
    expect(sentTo(worker).at(-1)).toBe(reporterTexts.reopened('id', { reference }));
    expect(fixture.system.outbox.entries.some((e) => e.to === '+6281100005200' && e.message.includes(`${reference}: pelapor menyatakan masalah BELUM selesai`))).toBe(true);
    expect((await fixture.system.store.timeline(c.id)).some((e) => e.type === 'reopened' && e.actor === 'reporter')).toBe(true);
  });

  it('TIDAK without an assignee puts the case back to new', async () => {
    const worker = '+60123450022';
    const reference = ((await inbound(worker, 'LAPOR gaji')) as { reference: string }).reference;
    await officialMoves(reference, { status: 'resolved' });
    await inbound(worker, 'tidak');
    expect((await fixture.system.store.getCaseByReference(reference))!.status).toBe('new');
  });

  it('a YA that AT delivers again closes no second case of the same reporter', async () => {
    const worker = '+60123450024';
    const first = ((await inbound(worker, 'LAPOR gaji')) as { reference: string }).reference;
    await inbound(worker, 'LAPOR paspor saya ditahan agen');
    const second = ((await inbound(worker, 'BARU')) as { reference: string }).reference;
    expect(second).not.toBe(first);
    await officialMoves(first, { status: 'resolved' });
    await officialMoves(second, { status: 'resolved' });
    const ya = { id: `AT-ya-${Date.now()}`, from: worker, text: 'YA', receivedAt: fixture.system.clock.now().toISOString() };

    expect(await handleInboundSms(fixture.system.deps, ya)).toEqual({ kind: 'case_closed' });
    await handleInboundSms(fixture.system.deps, ya);

    const statuses = [(await fixture.system.store.getCaseByReference(first))!.status, (await fixture.system.store.getCaseByReference(second))!.status];
    expect(statuses.sort()).toEqual(['closed', 'resolved']);
  });

  it('YA from a number with nothing resolved changes no case', async () => {
    const worker = '+60123450023';
    const reference = ((await inbound(worker, 'LAPOR gaji')) as { reference: string }).reference;
    expect(await inbound(worker, 'YA')).toMatchObject({ kind: 'follow_up' });
    expect((await fixture.system.store.getCaseByReference(reference))!.status).toBe('new');
  });
});

describe('a report merged into another as a duplicate', () => {
  it('answers STATUS of the duplicate with how the case it was merged into stands, and tells a stranger nothing', async () => {
    const worker = '+60123450060';
    const sister = '+6281234560061';
    const duplicate = (await inbound(worker, 'LAPOR paspor saya ditahan majikan') as { reference: string }).reference;
    const kept = (await inbound(sister, 'LAPOR paspor adik saya ditahan majikan di Johor') as { reference: string }).reference;
    await officialMoves(duplicate, { status: 'closed', mergedInto: kept });
    await officialMoves(kept, { status: 'acknowledged' });
    const keptCase = (await fixture.system.store.getCaseByReference(kept))!;
    await fixture.poller.settled();

    expect(await inbound(worker, `STATUS ${duplicate}`)).toEqual({ kind: 'status_answered', found: true });
    await fixture.poller.settled();
    expect(sentTo(worker).at(-1)).toBe(reporterTexts.statusMerged('id', { reference: duplicate, into: kept, status: 'acknowledged', updated: formatLocalTime(keptCase.updatedAt) }));
    expect(sentTo(worker).at(-1)).toMatch(new RegExp(`^Laporan ${duplicate} digabung ke laporan ${kept}: Sedang ditangani petugas\\.`));

    // The kept report is the sister's: asked by its own reference from the worker's phone, it stays someone else's.
    await inbound(worker, `STATUS ${kept}`);
    await fixture.poller.settled();
    expect(sentTo(worker).at(-1)).toBe(reporterTexts.unknownReference('id'));
  });
});

describe('limits and safety', () => {
  it('never sends an SMS to a phone number written in a message', async () => {
    const worker = '+60123450030';
    const victim = '+60129998888';
    await inbound(worker, `LAPOR tolong hubungi saudara saya ${victim} atau 0812 3456 7890`);
    await inbound(worker, `kirim ke ${victim}`);
    await inbound(worker, `STATUS ${victim}`);
    await fixture.poller.settled();
    const everyone = new Set(fixture.system.outbox.entries.map((e) => e.to));
    expect(everyone.has(victim)).toBe(false);
    expect(everyone.has('+6281234567890')).toBe(false);
    expect(sentTo(worker).length).toBeGreaterThan(0);
  });

  it('keeps the first part of an over-long report and says the text was cut', async () => {
    const worker = '+60123450031';
    await inbound(worker, `LAPOR ${'gaji belum dibayar. '.repeat(80)}`);
    await fixture.poller.settled();
    expect((await caseOf(worker)).description.length).toBe(DESCRIPTION_LIMIT);
    expect(sentTo(worker)).toContain(reporterTexts.textCut('id', { limit: DESCRIPTION_LIMIT }));
  });

  it('from one number sending 50 messages in a minute: at most 5 cases, a bounded number of replies, other numbers unaffected', async () => {
    // Start just after a window boundary so the minute cannot straddle two hourly windows.
    const now = fixture.system.clock.now();
    fixture.system.clock.advance((3600_000 - (now.getTime() % 3600_000) + 1000) / 60_000);
    const flooder = '+60123450040';
    const outcomes = [];
    for (let i = 0; i < 50; i++) outcomes.push(await inbound(flooder, i % 2 === 0 ? `LAPOR masalah nomor ${i}` : 'BARU'));
    await fixture.poller.settled();

    expect((await fixture.system.store.findCasesByContact(flooder, 100)).length).toBeLessThanOrEqual(5);
    expect(outcomes.filter((o) => o.kind === 'rate_limited').length).toBeGreaterThanOrEqual(20);
    // 5 confirmations, the reply budget and one "too many messages" notice at most.
    expect(sentTo(flooder).length).toBeLessThanOrEqual(5 + 10 + 1);
    expect(sentTo(flooder).filter((m) => m === reporterTexts.rateLimited('id', { hotline: '+62 21 2924 4800' }))).toHaveLength(1);

    const neighbour = '+60123450041';
    expect(await inbound(neighbour, 'LAPOR gaji tidak dibayar')).toMatchObject({ kind: 'case_filed', created: true });
    await fixture.poller.settled();
    expect(sentTo(neighbour)).toHaveLength(1);
  });

  it('past the hourly limit stores nothing new from that number', async () => {
    const small = await createTestSystem({ policy: { ...fixture.system.deps.policy, limits: { ...fixture.system.deps.policy.limits, inboundPerHour: 3 } } });
    try {
      const phone = '+60123450050';
      const send = (text: string, id: string) => handleInboundSms(small.deps, { id, from: phone, text, receivedAt: small.clock.now().toISOString() });
      await send('LAPOR gaji', 'a1');
      await send('tambahan satu', 'a2');
      await send('tambahan dua', 'a3');
      const before = await small.store.findCasesByContact(phone);
      expect(await send('tambahan tiga', 'a4')).toEqual({ kind: 'rate_limited', scope: 'inbound' });
      expect(await send('LAPOR baru lagi', 'a5')).toEqual({ kind: 'rate_limited', scope: 'inbound' });
      expect(await small.store.findCasesByContact(phone)).toEqual(before);
    } finally {
      await small.drop();
    }
  });
});
