import { describe, expect, it } from 'vitest';
import { useSystemWithNotifier } from '../support/local-deps.js';
import { handleInboundSms } from '../../lib/use-cases/handle-inbound-sms.js';

/** The emergency number in a reply must be one the person can dial from the SIM they wrote from. */
const fixture = useSystemWithNotifier();

let smsSeq = 0;
const inbound = (from: string, text: string) =>
  handleInboundSms(fixture.system.deps, { id: `ATXid_line_${++smsSeq}`, from, text, receivedAt: fixture.system.clock.now().toISOString() });
const sentTo = (to: string) => fixture.system.outbox.entries.filter((e) => e.to === to).map((e) => e.message);

describe('the emergency line in replies', () => {
  it('gives a worker on a Malaysian SIM a number dialable from abroad, never the 0800 line', async () => {
    await inbound('+60123459901', 'LAPOR gaji belum dibayar 3 bulan');
    await inbound('+60123459901', 'INFO');
    await fixture.poller.settled();
    const replies = sentTo('+60123459901');
    expect(replies.length).toBeGreaterThanOrEqual(2);
    for (const reply of replies.filter((r) => /Darurat/.test(r))) {
      expect(reply).toContain('+62 21 2924 4800');
      expect(reply).not.toContain('0800-1000');
    }
    expect(replies.filter((r) => /Darurat/.test(r)).length).toBeGreaterThanOrEqual(2);
  });

  it('gives a family on an Indonesian SIM the toll-free line', async () => {
    await inbound('+6281234599901', 'LAPOR anak saya gaji belum dibayar di Malaysia');
    await fixture.poller.settled();
    const received = sentTo('+6281234599901').find((r) => /Darurat/.test(r));
    expect(received).toContain('Darurat: 0800-1000');
  });
});
