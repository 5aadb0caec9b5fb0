import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestSystem, startStreams, type TestSystem } from '../support/local-deps.js';
import { call, messagesPayload, newWamid, signedPost, textMessage, waitFor } from '../support/whatsapp.js';
import { startSignIn } from '../../lib/use-cases/console/sign-in.js';
import { consoleDeps } from '../../lib/console/wiring.js';
import { seedDemoDirectory } from '../../lib/local/seed.js';
import { deliverMessage } from '../../lib/use-cases/deliver-message.js';
import type { StreamConsumers } from '../../lib/local/triggers.js';

/**
 * Issue 21's senders without a number, issue 20's regency question as a WhatsApp list, and console
 * sign-in codes by WhatsApp: the webhook handler of the local composition, the table stream sending
 * through the Graph API stand-in (every WhatsApp message lands in the outbox, route `whatsapp`).
 * Three messages an hour per sender, so the limit is reached in a few posts.
 */
let system: TestSystem;
let streams: StreamConsumers;
beforeAll(async () => {
  system = await createTestSystem({ policy: { limits: { inboundPerHour: 3 } } });
  streams = await startStreams(system);
  // A fresh table on a shared DynamoDB Local answers its first writes slowly: one report first.
  const warmUp = textMessage('60123479999', 'LAPOR warm up gaji tidak dibayar majikan');
  if ((await post(warmUp)).statusCode !== 200) await post(warmUp);
}, 120_000);
afterAll(async () => {
  await streams?.stop();
  await system?.drop();
});

const post = (body: string) => call(system.handlers.whatsapp, signedPost(body));
const sentTo = (to: string) => system.outbox.entries.filter((e) => e.to === to);

/** Meta's body for a user with a username: no `from` number, the business-scoped id instead. */
function fromUsername(userId: string, text: string, id = newWamid()): string {
  return JSON.stringify({
    object: 'whatsapp_business_account',
    entry: [{ id: '102290129340398', changes: [{ field: 'messages', value: {
      messaging_product: 'whatsapp', metadata: { display_phone_number: '6281100001708', phone_number_id: '106540352242922' },
      contacts: [{ profile: { name: 'Sari', username: '@sari.kl' }, user_id: userId }],
      messages: [{ from_user_id: userId, id, timestamp: '1764985485', type: 'text', text: { body: text } }],
    } }] }],
  });
}

describe('a worker whose WhatsApp shows a username instead of a number', () => {
  const userId = 'MY.1502576394655843';

  it('is keyed by the business-scoped user id: the report, its country, the reply by that id, and STATUS', { timeout: 120_000 }, async () => {
    expect((await post(fromUsername(userId, 'LAPOR majikan tahan paspor dan gaji tidak dibayar, saya dari Lombok Timur'))).statusCode).toBe(200);
    const cases = await system.store.findCasesByContact(userId);
    expect(cases).toHaveLength(1);
    expect(cases[0]).toMatchObject({ channel: 'whatsapp', contact: userId, country: 'MY', homeRegency: '5203' });
    const reply = await waitFor(() => sentTo(userId).find((e) => e.message.includes(cases[0]!.reference)), 60_000);
    expect(reply).toMatchObject({ route: 'whatsapp' });

    await post(fromUsername(userId, `STATUS ${cases[0]!.reference}`));
    await waitFor(() => sentTo(userId).find((e) => e !== reply && e.message.includes(cases[0]!.reference)), 60_000);
    // Another username is another person.
    expect(await system.store.findCasesByContact('MY.9902576394655843')).toHaveLength(0);
  });

  it('counts against the same hourly limit per sender as a number does', { timeout: 120_000 }, async () => {
    const chatty = 'SA.ENT.11815799212886844830';
    for (let i = 0; i < 5; i++) expect((await post(fromUsername(chatty, `LAPOR gaji tidak dibayar sudah ${i + 2} bulan oleh majikan`))).statusCode).toBe(200);
    // Three messages an hour: the first files, the next two are the same conversation, the rest stored nowhere.
    const [filed] = await system.store.findCasesByContact(chatty);
    expect(filed).toMatchObject({ country: 'SA' });
    const timeline = await system.store.timeline(filed!.id);
    expect(timeline.filter((e) => e.type === 'follow_up').length).toBeLessThanOrEqual(2);
    expect(filed!.description).not.toContain('sudah 5 bulan');
    expect(filed!.description).not.toContain('sudah 6 bulan');
  });
});

describe('the regency question on WhatsApp (issue 20)', () => {
  it('comes as a list to tap, and the tapped row sets the regency and alerts that office, once', { timeout: 120_000 }, async () => {
    const from = '60123470001';
    await post(textMessage(from, 'LAPOR majikan tidak bayar gaji tiga bulan'));
    const [filed] = await system.store.findCasesByContact(`+${from}`);
    expect(filed).toMatchObject({ homeRegency: 'unknown' });
    const question = await waitFor(() => sentTo(`+${from}`).find((e) => e.message.includes(filed!.reference)), 60_000);
    expect(question.route).toBe('whatsapp');
    expect(question.message).toContain('Asal kabupaten/kota?');
    expect(question.list?.rows.map((r) => r.title)).toContain('Lombok Timur');

    const tap = messagesPayload(from, [{ id: newWamid(), type: 'interactive', interactive: { type: 'list_reply', list_reply: { id: 'regency.3', title: 'Lombok Timur' } } }]);
    expect((await post(tap)).statusCode).toBe(200);
    await post(tap);
    const after = await system.store.getCase(filed!.id);
    expect(after).toMatchObject({ homeRegency: '5203', placesRead: { regency: { code: '5203', from: 'answer' } } });
    const timeline = await system.store.timeline(filed!.id);
    expect(timeline.filter((e) => e.type === 'regency_read')).toEqual([expect.objectContaining({ detail: expect.objectContaining({ from: 'answer', homeRegencyTo: '5203' }) })]);
    // The Lombok Timur office gets the case as a new one, as after a typed answer.
    const officer = '+6281100005003';
    await waitFor(() => system.outbox.entries.find((e) => e.to === officer && e.message.includes(filed!.reference)), 60_000);
    await new Promise((r) => setTimeout(r, 1500));
    expect(system.outbox.entries.filter((e) => e.to === officer && e.message.includes(filed!.reference))).toHaveLength(1);
  });
});

describe('a console sign-in code', () => {
  it('goes by WhatsApp as the authentication template to an official who takes WhatsApp, and by SMS to one who does not', { timeout: 120_000 }, async () => {
    // The console's sign-in use case with the console's own wiring, as functions/console.ts builds it.
    const console = consoleDeps({ stores: system.stores, clock: system.clock, policy: system.deps.policy });
    const signIn = async (phone: string, pin: string, address: string) => {
      expect(await startSignIn(console, { phone, pin, sourceAddress: address })).toMatchObject({ kind: 'code_requested' });
      const pending = await system.store.pendingMessagesOlderThan(new Date(Date.now() + 365 * 86400_000), 500);
      const message = pending.find((m) => m.purpose === 'console_sign_in_code' && m.to === phone);
      // The stream may have sent it already; sending again is a no-op.
      if (message) await deliverMessage(system.deps, message.id);
    };
    await seedDemoDirectory(system.stores.directory, { whatsapp: true });
    try {
      await signIn('+6281100005200', '5200', '198.51.100.7');
      const code = await waitFor(() => sentTo('+6281100005200').find((e) => e.template === 'hotline_sign_in'), 60_000);
      expect(code.route).toBe('whatsapp');
      expect(code.message).toMatch(/^\d{6} adalah kode verifikasi Anda/);
    } finally {
      await seedDemoDirectory(system.stores.directory);
    }
    await signIn('+6281100005300', '5300', '198.51.100.8');
    const sms = await waitFor(() => sentTo('+6281100005300').find((e) => /Kode masuk konsol/.test(e.message)), 60_000);
    expect(sms.route).toBe('sns');
  });
});
