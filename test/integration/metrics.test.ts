import { describe, expect, it } from 'vitest';
import { handleInboundSms } from '../../lib/use-cases/handle-inbound-sms.js';
import { handleOfficialSms } from '../../lib/use-cases/handle-official-sms.js';
import { parseOfficialCommand } from '../../lib/officials/commands.js';
import { useSystemWithNotifier } from '../support/local-deps.js';

/**
 * The counts operators alarm on, as the local metrics adapter sees them: each is counted once,
 * where it happens, after the write that makes it true (CloudWatch in AWS, same calls).
 */
const fixture = useSystemWithNotifier();

const sms = (id: string, from: string, text: string) => ({ id, from, text, receivedAt: '2026-11-23T06:04:45.000Z' });

describe('operational counts', () => {
  it('count a filed report once however often it is delivered, its alert and reply as sent, and an acknowledgement in time', async () => {
    const report = sms('AT-metrics-1', '+60123456791', 'LAPOR gaji tidak dibayar, saya dari Lombok Timur 5203');
    const filed = await handleInboundSms(fixture.system.deps, report);
    await handleInboundSms(fixture.system.deps, report);
    await fixture.poller.settled();
    expect(fixture.system.metrics.counts.ReportFiled).toBe(1);
    expect(fixture.system.metrics.counts.ReporterSmsSent).toBe(1);
    const alertsSent = fixture.system.outbox.entries.filter((e) => e.route === 'sns').length;
    expect(alertsSent).toBeGreaterThan(0);
    expect(fixture.system.metrics.counts.AlertSent).toBe(alertsSent);

    const reference = (filed as { reference: string }).reference;
    const official = fixture.system.outbox.entries.find((e) => e.route === 'sns')!.to;
    const pins: Record<string, string> = { '+6281100005003': '0303', '+6281100005200': '5200' };
    const text = `TERIMA ${reference} ${pins[official]}`;
    const ack = await handleOfficialSms(fixture.system.deps, sms('AT-metrics-2', official, text), parseOfficialCommand(text)!);
    expect(ack.kind).toBe('acknowledged');
    await fixture.poller.settled();
    expect(fixture.system.metrics.counts.AcknowledgedInTime).toBe(1);
    expect(fixture.system.metrics.counts.AcknowledgedLate).toBeUndefined();
  });
});
