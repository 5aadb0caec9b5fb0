import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useSystemWithNotifier } from '../support/local-deps.js';
import { ConsoleClient, createConsoleTestSystem, type ConsoleTestSystem } from '../support/console.js';
import { handleInboundSms } from '../../lib/use-cases/handle-inbound-sms.js';
import { askRegency, reporterTexts } from '../../lib/messages/reporter.js';
import { emergencyLineFor } from '../../lib/domain/emergency-line.js';
import { consentTexts } from '../../lib/messages/consent.js';

/**
 * Issue 20: an SMS report reaches its home regency's office when the text names it, and when it
 * does not, the reply with the reference asks once ("Asal kabupaten/kota?") and the answer routes it.
 * Demo directory: Lombok Timur's office is +6281100005003, the province desk +6281100005200.
 */
const fixture = useSystemWithNotifier();
const LOTIM_OFFICE = '+6281100005003';
const DESK = '+6281100005200';

let smsSeq = 0;
const inbound = (from: string, text: string) =>
  handleInboundSms(fixture.system.deps, { id: `ATXplaces_${++smsSeq}`, from, text, receivedAt: fixture.system.clock.now().toISOString() });
const sentTo = (to: string) => fixture.system.outbox.entries.filter((e) => e.to === to).map((e) => e.message);
const alertsFor = (to: string, reference: string) => sentTo(to).filter((m) => m.includes(reference) && m.includes('TERIMA'));
const caseOf = async (phone: string) => (await fixture.system.store.findCasesByContact(phone))[0]!;
/** The emergency line the reply names for a Malaysian SIM (lib/domain/emergency-line.ts). */
const hotline = () => emergencyLineFor(fixture.system.deps.policy.emergencyLines, '+60123460001');
/** A number's first report by SMS is answered with the consent texts after the reference (lib/messages/consent.ts). */
const consent = () => consentTexts.firstReply('id', fixture.system.deps.policy.retentionDaysAfterClose);

describe('routing an SMS report by the places its text names', () => {
  it('files the Johor worker from Lombok Timur to Lombok Timur, in Malaysia, alerts that office and asks nothing', async () => {
    const worker = '+60123460001';
    const filed = await inbound(worker, 'LAPOR saya di Johor, majikan tahan paspor dan gaji 3 bulan tidak dibayar, saya dari Lombok Timur');
    const reference = (filed as { reference: string }).reference;
    await fixture.poller.settled();
    const c = await caseOf(worker);
    expect(c).toMatchObject({ homeRegency: '5203', country: 'MY' });
    expect(c.placesRead).toEqual({
      regency: { code: '5203', from: 'text', mentions: [{ words: 'Lombok Timur', as: 'Lombok Timur' }] },
      country: { code: 'MY', mentions: [{ words: 'Johor', as: 'Malaysia' }] },
    });
    expect(alertsFor(LOTIM_OFFICE, reference)).toHaveLength(1);
    expect(sentTo(worker)).toEqual([`${reporterTexts.received('id', { reference, hotline: hotline() })} ${consent()}`]);
  });

  it('takes the country the text names over the SIM\'s calling code', async () => {
    await inbound('+60123460002', 'LAPOR saya di Riyadh, majikan tidak kasih makan');
    expect(await caseOf('+60123460002')).toMatchObject({ country: 'SA', homeRegency: 'unknown' });
  });
});

describe('asking once when the text names no regency', () => {
  for (const [answer, how, worker] of [['lotim', 'short form', '+60123460101'], ['3', 'number', '+60123460102'], ['Lombok Timur', 'name', '+60123460103']] as const) {
    it(`alerts the desk at once, asks in the reply, and the answer by ${how} brings the case to the Lombok Timur office`, async () => {
      const filed = await inbound(worker, 'LAPOR majikan tidak bayar gaji');
      const reference = (filed as { reference: string }).reference;
      await fixture.poller.settled();
      // The desk does not wait for the answer.
      expect(alertsFor(DESK, reference)).toHaveLength(1);
      expect(alertsFor(LOTIM_OFFICE, reference)).toEqual([]);
      expect(sentTo(worker)).toEqual([`${reporterTexts.received('id', { reference, hotline: hotline() })} ${consent()} ${askRegency('id')}`]);
      expect((await caseOf(worker)).regencyAskedAt).toBeDefined();

      expect(await inbound(worker, answer)).toMatchObject({ kind: 'follow_up', added: true });
      await fixture.poller.settled();
      const c = await caseOf(worker);
      expect(c.homeRegency).toBe('5203');
      expect(c.placesRead?.regency).toMatchObject({ code: '5203', from: 'answer' });
      const timeline = await fixture.system.store.timeline(c.id);
      expect(timeline.find((e) => e.type === 'regency_read')).toMatchObject({ actor: 'reporter', detail: { from: 'answer', homeRegencyFrom: 'unknown', homeRegencyTo: '5203' } });
      // Alerted as for a new case, as the console's correction does; the desk gets nothing more.
      expect(alertsFor(LOTIM_OFFICE, reference)).toHaveLength(1);
      expect(timeline.filter((e) => e.type === 'alert' && e.detail.reason === 'rerouted').map((e) => e.type === 'alert' && e.detail.official)).toEqual(['kab-5203']);
      expect(sentTo(DESK).filter((m) => m.includes(reference))).toHaveLength(1);
      // The reporter hears the answer read back in the list's words (no second question), so a misreading shows.
      expect(sentTo(worker).slice(1)).toEqual([reporterTexts.regencyNoted('id', { reference, place: 'Lombok Timur' })]);
      expect(sentTo(worker)[1]).toBe(`Terima kasih. Asal Lombok Timur dicatat untuk laporan ${reference}. Bila salah, balas dengan asal yang benar.`);
    });
  }

  it('asks no second question: a message naming no regency leaves it unknown and gets the usual answer', async () => {
    const worker = '+60123460201';
    const reference = ((await inbound(worker, 'LAPOR paspor ditahan agen')) as { reference: string }).reference;
    await inbound(worker, 'majikan juga tidak kasih makan');
    await fixture.poller.settled();
    expect((await caseOf(worker)).homeRegency).toBe('unknown');
    expect(sentTo(worker)).toEqual([
      `${reporterTexts.received('id', { reference, hotline: hotline() })} ${consent()} ${askRegency('id')}`,
      reporterTexts.followUpAdded('id', { reference }),
    ]);
    // A later message that names the regency still routes the case.
    await inbound(worker, 'saya lupa bilang, saya asal desa Rempung');
    await fixture.poller.settled();
    expect(await caseOf(worker)).toMatchObject({ homeRegency: '5203', placesRead: { regency: { from: 'text' } } });
    expect(alertsFor(LOTIM_OFFICE, reference)).toHaveLength(1);
  });

  it('does not take an answer that names two regencies', async () => {
    const worker = '+60123460202';
    await inbound(worker, 'LAPOR gaji dipotong terus');
    await inbound(worker, '3 Lobar');
    expect((await caseOf(worker)).homeRegency).toBe('unknown');
  });
});

describe('the console shows a regency read from the text', () => {
  let system: ConsoleTestSystem;
  beforeAll(async () => { system = await createConsoleTestSystem(); });
  afterAll(async () => { await system.drop(); });

  it('as "dibaca dari teks" with the words it was read from, which an official can correct', async () => {
    const filed = await handleInboundSms(system.deps, { id: 'ATXplaces_console', from: '+60123460301', text: 'LAPOR gaji 3 bulan tidak dibayar, tiang asal Sakra, di Johor', receivedAt: system.clock.now().toISOString() });
    const reference = (filed as { reference: string }).reference;
    const desk = new ConsoleClient(system);
    await desk.signIn('+6281100005200', '5200');
    const page = await (await desk.get(`/console/cases/${reference}`)).text();
    expect(page).toContain('Lombok Timur<small class="read-from"> · dibaca dari teks: “Sakra” (kecamatan Sakra (52.03.02); desa Sakra (52.03.02.2002))');
    expect(page).toContain('name="homeRegency"');
  });
});
