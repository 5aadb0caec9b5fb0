import { beforeAll, describe, expect, it } from 'vitest';
import { wamidKey } from '../../lib/domain/wamid.js';
import type { Context, ScheduledEvent } from 'aws-lambda';
import { useSystemWithNotifier } from '../support/local-deps.js';
import { call, statusPayload, signedPost, textMessage, waitFor } from '../support/whatsapp.js';
import { seedDemoDirectory } from '../../lib/local/seed.js';
import { localContext } from '../../lib/local/lambda-shim.js';
import type { OutboxEntry } from '../../lib/adapters/sms/outbox.js';

/**
 * "No `delivered` within WHATSAPP_FALLBACK_MINUTES (10) -> the same alert by SMS" on the local
 * composition, driven by the escalator's handler (as EventBridge drives it in AWS) on the local clock.
 * Its own system: the clock moves forward for everything in it.
 */
const fixture = useSystemWithNotifier({ seed: false });
const post = (body: string) => call(fixture.system.handlers.whatsapp, signedPost(body));
const runEscalator = async () => {
  const handler = fixture.system.handlers.escalator as unknown as (event: ScheduledEvent | Record<string, never>, context: Context) => Promise<{ whatsappFallback?: { sentBySms: number } }>;
  return handler({}, localContext('escalator'));
};
const settle = () => new Promise((r) => setTimeout(r, 1500));

beforeAll(async () => {
  // Every demo official takes alerts on WhatsApp, as `npm start` seeds them.
  await seedDemoDirectory(fixture.system.stores.directory, { whatsapp: true });
  // A fresh table on a DynamoDB Local shared with other test files answers its first writes slowly
  // (one ran past the client's 10 s timeout on a loaded machine): one report first, retried once.
  const warmUp = textMessage('60123469999', 'LAPOR warm up gaji tidak dibayar majikan');
  if ((await post(warmUp)).statusCode !== 200) await post(warmUp);
}, 120_000);

/** A WhatsApp report whose text names Lombok Timur: its level-1 alert goes to that office by WhatsApp. */
async function reportAndWaitForAlert(from: string) {
  expect((await post(textMessage(from, 'LAPOR gaji tidak dibayar tiga bulan, saya dari Lombok Timur'))).statusCode).toBe(200);
  const [filed] = await fixture.system.store.findCasesByContact(`+${from}`);
  const alert = await waitFor(() => fixture.system.outbox.entries.find((e) => e.route === 'whatsapp' && e.template === 'hotline_alert' && e.message.includes(filed!.reference)), 60_000);
  // The send is recorded (and the alert watched) once the outbox links Meta's id to it.
  const message = await waitFor(() => fixture.system.store.getMessageByProviderId(wamidKey(alert.providerMessageId)), 60_000);
  return { filed: filed!, alert, message };
}

const smsCopies = (alert: OutboxEntry, reference: string) =>
  fixture.system.outbox.entries.filter((e) => e.route === 'sns' && e.to === alert.to && e.message.includes(reference));

describe('an official\'s WhatsApp alert without a delivered status', () => {
  it('goes by SMS to the same official once its 10 minutes are up, once, and the case\'s deadlines stay where they were', { timeout: 120_000 }, async () => {
    const { filed, alert, message } = await reportAndWaitForAlert('60123460001');
    expect(message).toMatchObject({ channel: 'whatsapp', status: 'sent', audience: 'official' });
    expect(Date.parse(message.deliveryDueAt!) - Date.parse(alert.at)).toBeGreaterThanOrEqual(10 * 60_000 - 1000);
    expect(Date.parse(message.deliveryDueAt!) - Date.parse(alert.at)).toBeLessThanOrEqual(10 * 60_000 + 5000);
    const before = (await fixture.system.store.getCase(filed.id))!;

    fixture.system.clock.advance(9);
    await runEscalator();
    await settle();
    expect(smsCopies(alert, filed.reference)).toHaveLength(0);

    fixture.system.clock.advance(2);
    await runEscalator();
    const sms = await waitFor(() => smsCopies(alert, filed.reference)[0], 60_000);
    // The same alert as an SMS would have carried it: the reference and how to take it, nothing personal.
    expect(sms.message).toMatch(/TERIMA/);
    expect(sms.message).not.toContain('60123460001');
    const timeline = await fixture.system.store.timeline(filed.id);
    expect(timeline.filter((e) => e.type === 'sent_by_sms_instead')).toEqual([
      expect.objectContaining({ actor: 'system', detail: expect.objectContaining({ reason: 'not_delivered_in_time', purpose: 'alert' }) }),
    ]);

    // Another run, a late `failed` status, a late `delivered`: still one SMS.
    await runEscalator();
    await post(statusPayload(alert.providerMessageId, 'failed', alert.to.slice(1), [{ code: 131026, title: 'Message undeliverable' }]));
    await post(statusPayload(alert.providerMessageId, 'delivered', alert.to.slice(1)));
    await settle();
    expect(smsCopies(alert, filed.reference)).toHaveLength(1);

    // Escalation deadlines do not move because of the channel.
    const after = (await fixture.system.store.getCase(filed.id))!;
    expect({ nextCheckAt: after.nextCheckAt, levelSince: after.levelSince, level: after.level }).toEqual({ nextCheckAt: before.nextCheckAt, levelSince: before.levelSince, level: before.level });
  });

  it('stays on WhatsApp alone when Meta reports it delivered, or read, in time', { timeout: 120_000 }, async () => {
    const delivered = await reportAndWaitForAlert('60123460002');
    const read = await reportAndWaitForAlert('60123460003');
    await post(statusPayload(delivered.alert.providerMessageId, 'sent', delivered.alert.to.slice(1)));
    await post(statusPayload(delivered.alert.providerMessageId, 'delivered', delivered.alert.to.slice(1)));
    await post(statusPayload(read.alert.providerMessageId, 'read', read.alert.to.slice(1)));

    fixture.system.clock.advance(11);
    await runEscalator();
    await settle();
    expect(smsCopies(delivered.alert, delivered.filed.reference)).toHaveLength(0);
    expect(smsCopies(read.alert, read.filed.reference)).toHaveLength(0);
    expect(await fixture.system.store.getMessageByProviderId(wamidKey(delivered.alert.providerMessageId))).toMatchObject({ status: 'delivered' });
  });

  it('goes by SMS at once on a `failed` status, and the later timeout adds no second SMS', { timeout: 120_000 }, async () => {
    const { filed, alert } = await reportAndWaitForAlert('60123460004');
    await post(statusPayload(alert.providerMessageId, 'failed', alert.to.slice(1), [{ code: 131049, title: 'Not delivered to maintain healthy ecosystem engagement' }]));
    await waitFor(() => smsCopies(alert, filed.reference)[0], 60_000);
    fixture.system.clock.advance(11);
    await runEscalator();
    await settle();
    expect(smsCopies(alert, filed.reference)).toHaveLength(1);
    const timeline = await fixture.system.store.timeline(filed.id);
    expect(timeline.filter((e) => e.type === 'sent_by_sms_instead').map((e) => e.detail.reason)).toEqual(['failed']);
  });
});
