import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestSystem, type TestSystem } from '../support/local-deps.js';
import { fileReport } from '../../lib/use-cases/file-report.js';
import { onCaseChanged } from '../../lib/use-cases/case-changed.js';
import { deliverMessage } from '../../lib/use-cases/deliver-message.js';
import { recordDelivery } from '../../lib/use-cases/record-delivery.js';
import { AtDeliveryReport, parseCallback } from '../../lib/sms/at-callbacks.js';
import type { Case } from '../../lib/domain/case.js';

let system: TestSystem;
beforeAll(async () => { system = await createTestSystem(); });
afterAll(async () => { await system.drop(); });

/** What the stream does for a new case: queue its alerts, then send every queued message. */
async function fileAndAlert(intakeKey: string, homeRegency: '5203' | '5201'): Promise<Case> {
  const filed = await fileReport(system.deps, {
    channel: 'web', intakeKey, reporterType: 'family', contact: '081234561111', category: 'job_fraud', homeRegency, description: 'biaya terlalu mahal',
  });
  await onCaseChanged(system.deps, undefined, filed.case);
  await sendPending();
  return filed.case;
}
async function sendPending(): Promise<void> {
  for (const m of await system.store.pendingMessagesOlderThan(new Date(system.clock.now().getTime() + 60_000), 100)) {
    await deliverMessage(system.deps, m.id);
  }
}
/** The AT delivery-report callback as it arrives, parsed at the boundary like functions/sms-delivery.ts does. */
async function deliveryReport(form: Record<string, string>) {
  const report = parseCallback(AtDeliveryReport, form);
  return recordDelivery(system.deps, { providerMessageId: report.id, status: report.status, ...(report.failureReason ? { failureReason: report.failureReason } : {}) });
}
const alertTo = async (c: Case, officialId: string) => system.store.getMessage(`alert.${c.id}.${officialId}.L${officialId === 'prov-ntb' ? 2 : 1}`);

describe('delivery reports', () => {
  it('escalate an official alert that finally failed: the next level is alerted', async () => {
    const c = await fileAndAlert('d1', '5203');
    const first = (await alertTo(c, 'kab-5203'))!;
    expect(first.status).toBe('sent');

    expect(await deliveryReport({ id: first.providerMessageId!, status: 'Failed', failureReason: 'DeliveryFailure', phoneNumber: first.to, retryCount: '0' })).toBe('recorded');
    await sendPending();

    expect((await system.store.getMessage(first.id))).toMatchObject({ status: 'undelivered', failureReason: 'DeliveryFailure' });
    const escalated = await alertTo(c, 'prov-ntb');
    expect(escalated).toMatchObject({ audience: 'official', level: 2, status: 'sent', to: '+6281100005200' });
    expect(system.outbox.entries.filter((e) => e.to === '+6281100005200' && e.message.includes(c.reference))).toHaveLength(1);
    const events = (await system.store.timeline(c.id)).filter((e) => e.type === 'alert');
    expect(events.map((e) => [e.detail?.official, e.detail?.reason])).toEqual([['kab-5203', 'new_case'], ['prov-ntb', 'undelivered']]);
  });

  it('alert the next level once, however often the failure is reported', async () => {
    const c = await fileAndAlert('d2', '5201');
    const first = (await alertTo(c, 'kab-5201'))!;
    await deliveryReport({ id: first.providerMessageId!, status: 'Failed' });
    await deliveryReport({ id: first.providerMessageId!, status: 'Failed' });
    await deliveryReport({ id: first.providerMessageId!, status: 'Rejected' });
    await sendPending();
    expect(system.outbox.entries.filter((e) => e.to === '+6281100005200' && e.message.includes(c.reference))).toHaveLength(1);
  });

  it('do not escalate a delivered alert, nor one still on its way', async () => {
    const c = await fileAndAlert('d3', '5203');
    const first = (await alertTo(c, 'kab-5203'))!;
    expect(await deliveryReport({ id: first.providerMessageId!, status: 'Buffered' })).toBe('not_final');
    expect(await deliveryReport({ id: first.providerMessageId!, status: 'Success' })).toBe('recorded');
    await sendPending();
    expect((await system.store.getMessage(first.id))?.status).toBe('delivered');
    expect(await alertTo(c, 'prov-ntb')).toBeUndefined();
  });

  it('do not escalate a failed SMS to the reporter', async () => {
    const c = await fileAndAlert('d4', '5203');
    const received = (await system.store.getMessage(`received.${c.id}`))!;
    await deliveryReport({ id: received.providerMessageId!, status: 'Failed', failureReason: 'AbsentSubscriber' });
    expect((await system.store.getMessage(received.id))?.status).toBe('undelivered');
    expect(await alertTo(c, 'prov-ntb')).toBeUndefined();
  });

  it('do not escalate a case an official has already taken', async () => {
    const c = await fileAndAlert('d5', '5203');
    const current = (await system.store.getCase(c.id))!;
    await system.stores.cases.updateCase({ case: { ...current, status: 'acknowledged', assignee: 'kab-5203' }, expectedVersion: current.version });
    const first = (await alertTo(c, 'kab-5203'))!;
    await deliveryReport({ id: first.providerMessageId!, status: 'Failed' });
    expect(await alertTo(c, 'prov-ntb')).toBeUndefined();
  });
});
