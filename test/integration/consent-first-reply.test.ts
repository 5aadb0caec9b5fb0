import { describe, expect, it } from 'vitest';
import { useSystemWithNotifier } from '../support/local-deps.js';
import { call, signedPost, textMessage, waitFor } from '../support/whatsapp.js';
import { handleInboundSms } from '../../lib/use-cases/handle-inbound-sms.js';
import { CONSENT_TEXT_VERSION, consentTexts } from '../../lib/messages/consent.js';
import { reporterTexts } from '../../lib/messages/reporter.js';
import { emergencyLineFor } from '../../lib/domain/emergency-line.js';

/**
 * Issue 22 point 4 for the text channels: an SMS or WhatsApp report cannot be preceded by the consent
 * information, so the reply with the reference of a number's first report tells it (controller,
 * retention period, HAPUS), and the case stores what was told: channel, time, version.
 * A retention period of one year, so the text is the setting's and not a constant's.
 */
const fixture = useSystemWithNotifier({ policy: { retentionDaysAfterClose: 365 } });

let seq = 0;
const sms = (from: string, text: string) =>
  handleInboundSms(fixture.system.deps, { id: `ATXconsent_${++seq}`, from, text, receivedAt: fixture.system.clock.now().toISOString() });
const sentTo = (to: string) => fixture.system.outbox.entries.filter((e) => e.to === to);
const received = (reference: string, phone: string) =>
  reporterTexts.received('id', { reference, hotline: emergencyLineFor(fixture.system.deps.policy.emergencyLines, phone) });

describe('the consent information in the first reply to a text report', () => {
  it('tells an SMS reporter once, stores it with the case, and records a later report as told earlier', { timeout: 60_000 }, async () => {
    const worker = '+60123470001';
    const first = (await sms(worker, 'LAPOR majikan tahan paspor saya, saya dari Lombok Timur')) as { reference: string };
    await fixture.poller.settled();
    expect(sentTo(worker).map((e) => e.message)).toEqual([`${received(first.reference, worker)} Data dijaga Disnakertrans NTB, dihapus 1 tahun setelah selesai. Minta hapus: kirim HAPUS; salinan: kirim DATA.`]);
    const [filed] = await fixture.system.store.findCasesByContact(worker);
    expect(filed!.consent).toEqual({ channel: 'sms', at: filed!.createdAt, version: CONSENT_TEXT_VERSION, notice: 'first_reply' });

    // Two hours on (a report within the hour is taken as the same problem): a new report, not told again.
    fixture.system.clock.advance(120);
    const second = (await sms(worker, 'LAPOR gaji bulan ini juga belum dibayar, saya dari Lombok Timur')) as { reference: string };
    expect(second.reference).not.toBe(first.reference);
    await fixture.poller.settled();
    expect(sentTo(worker).map((e) => e.message)[1]).toBe(received(second.reference, worker));
    const again = (await fixture.system.store.findCasesByContact(worker)).find((c) => c.reference === second.reference)!;
    expect(again.consent).toEqual({ channel: 'sms', at: again.createdAt, version: CONSENT_TEXT_VERSION, notice: 'earlier_reply' });
  });

  it('tells a reporter again once the texts have a new version', { timeout: 60_000 }, async () => {
    const worker = '+60123470002';
    // As a number told under an older version of the texts would have it on its reporter item.
    await fixture.system.deps.reporters.setPrefs(worker, { consentVersion: '2026-01-01' });
    const filed = (await sms(worker, 'LAPOR agen tidak kembalikan paspor, saya dari Dompu')) as { reference: string };
    await fixture.poller.settled();
    expect(sentTo(worker).map((e) => e.message)).toEqual([`${received(filed.reference, worker)} ${consentTexts.firstReply('id', 365)}`]);
    expect((await fixture.system.deps.reporters.getPrefs(worker)).consentVersion).toBe(CONSENT_TEXT_VERSION);
  });

  it('tells a WhatsApp reporter in the first reply sent through the Graph API, in English when they write in English', { timeout: 60_000 }, async () => {
    const worker = '60123470003';
    const res = await call(fixture.system.handlers.whatsapp, signedPost(textMessage(worker, 'REPORT my employer keeps my passport, I am from Lombok Timur')));
    expect(res.statusCode).toBe(200);
    const [filed] = await fixture.system.store.findCasesByContact(`+${worker}`);
    expect(filed!.consent).toEqual({ channel: 'whatsapp', at: filed!.createdAt, version: CONSENT_TEXT_VERSION, notice: 'first_reply' });
    const reply = await waitFor(() => sentTo(`+${worker}`).find((e) => e.message.includes(filed!.reference)), 30_000);
    expect(reply).toMatchObject({ route: 'whatsapp' });
    expect(reply.message).toBe(`${reporterTexts.received('en', { reference: filed!.reference, hotline: emergencyLineFor(fixture.system.deps.policy.emergencyLines, `+${worker}`) })} Data held by Disnakertrans NTB, deleted 1 year after closing. To delete it send DELETE; for a copy send DATA.`);
  });
});
