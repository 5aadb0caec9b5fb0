import { describe, expect, it } from 'vitest';
import { wamidKey } from '../../lib/domain/wamid.js';
import { useSystemWithNotifier } from '../support/local-deps.js';
import {
  call, messagesPayload, newWamid, signedPost, statusPayload, textMessage, waitFor, whatsappEvent,
} from '../support/whatsapp.js';
import { signBody } from '../../lib/whatsapp/signature.js';
import { seedDemoDirectory } from '../../lib/local/seed.js';
import { DEMO_OFFICIALS } from '../../lib/local/demo-directory.js';

/**
 * The WhatsApp webhook handler made by the same factory as functions/whatsapp.ts, on the local
 * composition (the Graph API stand-in puts every WhatsApp message in the outbox, route `whatsapp`),
 * with the table stream driving the sends as in AWS.
 */
const fixture = useSystemWithNotifier();
const handler = () => fixture.system.handlers.whatsapp;
const post = (body: string) => call(handler(), signedPost(body));
const toPhone = (digits: string) => `+${digits}`;
const sentTo = (digits: string) => fixture.system.outbox.entries.filter((e) => e.to === toPhone(digits));

describe('Meta\'s verification request', () => {
  it('echoes hub.challenge when the verify token matches', async () => {
    const res = await call(handler(), whatsappEvent('GET', { query: { 'hub.mode': 'subscribe', 'hub.verify_token': 'local-demo-whatsapp-verify-token', 'hub.challenge': '1158201444' } }));
    expect(res.statusCode).toBe(200);
    expect(res.body).toBe('1158201444');
  });

  it('answers 403 without the challenge when the token is wrong or missing', async () => {
    for (const query of [
      { 'hub.mode': 'subscribe', 'hub.verify_token': 'not-the-token-at-all', 'hub.challenge': '1158201444' },
      { 'hub.mode': 'subscribe', 'hub.verify_token': '', 'hub.challenge': '1158201444' },
      { 'hub.mode': 'unsubscribe', 'hub.verify_token': 'local-demo-whatsapp-verify-token', 'hub.challenge': '1158201444' },
    ]) {
      const res = await call(handler(), whatsappEvent('GET', { query }));
      expect(res.statusCode).toBe(403);
      expect(res.body).not.toContain('1158201444');
    }
  });
});

describe('a webhook that is not from Meta', () => {
  it('is refused (unsigned 401, wrong key or tampered 403) and nothing is stored or sent', async () => {
    const from = '60123450001';
    const body = textMessage(from, 'LAPOR gaji tidak dibayar tiga bulan oleh majikan');
    const unsigned = await call(handler(), whatsappEvent('POST', { body }));
    const wrongKey = await call(handler(), signedPost(body, 'someone-elses-app-secret'));
    const tampered = await call(handler(), whatsappEvent('POST', {
      body: body.replace('tiga', 'empat'), headers: { 'x-hub-signature-256': signBody(body, 'local-demo-whatsapp-app-secret') },
    }));
    const garbled = await call(handler(), whatsappEvent('POST', { body, headers: { 'x-hub-signature-256': 'sha256=abc' } }));

    expect([unsigned.statusCode, wrongKey.statusCode, tampered.statusCode, garbled.statusCode]).toEqual([401, 403, 403, 403]);
    expect(await fixture.system.store.findCasesByContact(toPhone(from))).toHaveLength(0);
    expect(await fixture.system.stores.reporters.getPrefs(toPhone(from))).toEqual({});
    await new Promise((r) => setTimeout(r, 1500));
    expect(sentTo(from)).toHaveLength(0);
  });

  it('answers 400 to a signed body that is not Meta\'s shape, and 413 to an oversized one', async () => {
    expect((await post('{"object":"whatsapp_business_account","entry":[{"changes":[{"value":{"messages":[{"type":"text"}]}}]}]}')).statusCode).toBe(400);
    expect((await post('not json')).statusCode).toBe(400);
    const big = textMessage('60123450002', `LAPOR ${'x'.repeat(40_000)}`);
    expect((await post(big)).statusCode).toBe(413);
    expect(await fixture.system.store.findCasesByContact('+60123450002')).toHaveLength(0);
  });
});

describe('a worker abroad reporting by WhatsApp', () => {
  it('files one case and sends one reply when Meta delivers the same wamid three times, two at once', async () => {
    const from = '60123450003';
    const body = textMessage(from, 'LAPOR paspor ditahan majikan dan gaji tidak dibayar');
    const [first, second] = await Promise.all([post(body), post(body)]);
    const third = await post(body);
    expect([first.statusCode, second.statusCode, third.statusCode]).toEqual([200, 200, 200]);

    const cases = await fixture.system.store.findCasesByContact(toPhone(from));
    expect(cases).toHaveLength(1);
    expect(cases[0]).toMatchObject({ channel: 'whatsapp', country: 'MY' });
    const reply = await waitFor(() => sentTo(from).find((e) => e.message.includes(cases[0]!.reference)));
    expect(reply.route).toBe('whatsapp');
    expect(reply.template).toBeUndefined();
    expect(reply.providerMessageId).toMatch(/^wamid\./);
    // The hotline keeps only the digest of the wamid Meta answered with (it carries the number). The
    // notifier records it after Meta's answer, so the outbox may hold the reply a moment before the store does.
    const recorded = await waitFor(() => fixture.system.store.getMessageByProviderId(wamidKey(reply.providerMessageId)));
    expect(recorded).toMatchObject({ providerMessageId: wamidKey(reply.providerMessageId), to: toPhone(from) });
    await new Promise((r) => setTimeout(r, 1500));
    expect(sentTo(from)).toHaveLength(1);
  });

  it('is the same person by SMS: STATUS by SMS answers for the WhatsApp report, by SMS', async () => {
    const from = '60123450004';
    expect((await post(textMessage(from, 'LAPOR agen menahan dokumen saya di Johor'))).statusCode).toBe(200);
    const [filed] = await fixture.system.store.findCasesByContact(toPhone(from));
    await waitFor(() => sentTo(from).find((e) => e.route === 'whatsapp'));

    const { handleInboundSms } = await import('../../lib/use-cases/handle-inbound-sms.js');
    const outcome = await handleInboundSms(fixture.system.deps, { id: `AT-${newWamid()}`, from: toPhone(from), text: `STATUS ${filed!.reference}`, receivedAt: new Date().toISOString(), channel: 'sms' });
    expect(outcome).toEqual({ kind: 'status_answered', found: true });
    const status = await waitFor(() => sentTo(from).find((e) => e.route === 'africastalking'));
    expect(status.message).toContain(filed!.reference);
  });

  it('reads a captioned image as its caption, and answers a voice note, a sticker or a location with what to send, on the case', async () => {
    const from = '60123450005';
    const image = newWamid();
    await post(messagesPayload(from, [{ id: image, type: 'image', image: { id: '1479537139650973', mime_type: 'image/jpeg', caption: 'LAPOR majikan memukul saya setiap hari' } }]));
    const [filed] = await fixture.system.store.findCasesByContact(toPhone(from));
    expect(filed).toBeDefined();

    const voice = newWamid();
    const sticker = newWamid();
    const location = newWamid();
    await post(messagesPayload(from, [
      { id: voice, type: 'audio', audio: { id: '1', mime_type: 'audio/ogg; codecs=opus', voice: true } },
      { id: sticker, type: 'sticker', sticker: { id: '2', mime_type: 'image/webp' } },
      { id: location, type: 'location', location: { latitude: 3.139, longitude: 101.6869 } },
    ]));
    await post(messagesPayload(from, [{ id: voice, type: 'audio', audio: { id: '1', voice: true } }]));

    const timeline = await fixture.system.store.timeline(filed!.id);
    expect(timeline.filter((e) => e.type === 'message_not_text').map((e) => e.detail.kind)).toEqual(['voice', 'sticker', 'location']);
    for (const id of [voice, sticker, location]) expect(await fixture.system.store.getMessage(`reply.${wamidKey(id)}`)).toMatchObject({ purpose: 'not_text' });
    const voiceReply = await waitFor(() => sentTo(from).find((e) => e.message.startsWith('Pesan suara')));
    expect(voiceReply.route).toBe('whatsapp');
  });

  it('answers nothing, and records nothing, for a reaction to one of its messages, its removal, or a system notice', async () => {
    const from = '60123450016';
    await post(textMessage(from, 'LAPOR majikan tidak bayar gaji dua bulan'));
    const [filed] = await fixture.system.store.findCasesByContact(toPhone(from));
    await fixture.poller.settled();
    const before = { sent: sentTo(from).length, timeline: (await fixture.system.store.timeline(filed!.id)).length };
    const reaction = newWamid();
    const removal = newWamid();
    const system = newWamid();
    await post(messagesPayload(from, [
      { id: reaction, type: 'reaction', reaction: { message_id: 'wamid.HBgLNjAxMjM0NTY3ODkVAgARGBI5QTNDQTVCM0Q0Q0Q2RTY3RTcA', emoji: '👍' } },
      { id: removal, type: 'reaction', reaction: { message_id: 'wamid.HBgLNjAxMjM0NTY3ODkVAgARGBI5QTNDQTVCM0Q0Q0Q2RTY3RTcA' } },
      { id: system, type: 'system', system: { body: 'User changed their number', type: 'user_changed_number' } },
    ]));
    await fixture.poller.settled();
    for (const id of [reaction, removal, system]) expect(await fixture.system.store.getMessage(`reply.${wamidKey(id)}`)).toBeUndefined();
    expect(sentTo(from)).toHaveLength(before.sent);
    expect(await fixture.system.store.timeline(filed!.id)).toHaveLength(before.timeline);
  });

  it('files nothing for a group message', async () => {
    const from = '60123450006';
    const res = await post(messagesPayload(from, [{ id: newWamid(), type: 'text', group_id: '120363025246125486@g.us', text: { body: 'LAPOR gaji tidak dibayar sudah tiga bulan' } }]));
    expect(res.statusCode).toBe(200);
    expect(await fixture.system.store.findCasesByContact(toPhone(from))).toHaveLength(0);
  });

  it('gets a template with the reference and a neutral status once 24 hours passed since the worker last wrote', async () => {
    const from = '60123450007';
    await post(textMessage(from, 'LAPOR dokumen ditahan dan tidak boleh pulang'));
    const [filed] = await fixture.system.store.findCasesByContact(toPhone(from));
    await waitFor(() => sentTo(from).find((e) => e.message.includes(filed!.reference)));

    // The regency officer takes the case from their own WhatsApp, with the same command and PIN as by SMS.
    const alert = await waitFor(() => fixture.system.outbox.entries.find((e) => e.route === 'sns' && e.message.includes(filed!.reference)));
    const officer = DEMO_OFFICIALS.find((o) => o.phone === alert.to)!;
    fixture.system.clock.advance(25 * 60);
    await post(textMessage(alert.to.slice(1), `TERIMA ${filed!.reference} ${officer.demoPin}`));
    expect(await fixture.system.store.getCase(filed!.id)).toMatchObject({ status: 'acknowledged', assignee: officer.id });

    const update = await waitFor(() => sentTo(from).find((e) => e.template !== undefined));
    expect(update).toMatchObject({ route: 'whatsapp', template: 'hotline_update' });
    expect(update.message).toContain(filed!.reference);
    expect(update.message).toContain('sedang ditangani');
  });
});

describe('an official who takes WhatsApp alerts', () => {
  it('gets the alert as the utility template, and by SMS when WhatsApp reports it failed', async () => {
    await seedDemoDirectory(fixture.system.stores.directory, { whatsapp: true });
    try {
      const from = '60123450008';
      await post(textMessage(from, 'LAPOR gaji tidak dibayar majikan di Kuala Lumpur'));
      const [filed] = await fixture.system.store.findCasesByContact(toPhone(from));
      const alert = await waitFor(() => fixture.system.outbox.entries.find((e) => e.route === 'whatsapp' && e.template === 'hotline_alert' && e.message.includes(filed!.reference)));

      // The outbox links Meta's id to the message once the send is recorded; the status refers to it.
      await waitFor(() => fixture.system.store.getMessageByProviderId(wamidKey(alert.providerMessageId)));
      const failed = await post(statusPayload(alert.providerMessageId, 'failed', alert.to.slice(1), [{ code: 131026, title: 'Message undeliverable' }]));
      expect(failed.statusCode).toBe(200);
      const sms = await waitFor(() => fixture.system.outbox.entries.find((e) => e.route === 'sns' && e.to === alert.to && e.message.includes(filed!.reference)));
      expect(sms.message).toMatch(/TERIMA/);
      const timeline = await fixture.system.store.timeline(filed!.id);
      expect(timeline.some((e) => e.type === 'sent_by_sms_instead')).toBe(true);
      // The failed status again (Meta retries) sends no second SMS.
      await post(statusPayload(alert.providerMessageId, 'failed', alert.to.slice(1), [{ code: 131026, title: 'Message undeliverable' }]));
      await new Promise((r) => setTimeout(r, 1500));
      expect(fixture.system.outbox.entries.filter((e) => e.route === 'sns' && e.to === alert.to && e.message.includes(filed!.reference))).toHaveLength(1);
    } finally {
      await seedDemoDirectory(fixture.system.stores.directory);
    }
  });
});
