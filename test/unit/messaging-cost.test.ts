import { describe, expect, it } from 'vitest';
import { NTB_WORKLOAD } from '../bench/cost.js';
import { messagingCost, messagingFloor, WHATSAPP_SHARES } from '../bench/whatsapp.js';

// The bench's WhatsApp cost model (issue 21): what it claims must follow from its own stated prices and shares.
describe('the WhatsApp-first messaging cost model', () => {
  it('prices SMS only per part: four to the reporter (the first reply with its consent text is two) and two alerts per report', () => {
    const cost = messagingCost(NTB_WORKLOAD);
    expect(NTB_WORKLOAD.reporterSmsPerReport).toBe(4);
    expect(cost.perReport.smsOnly).toBeCloseTo(6 * 0.35, 6);
  });

  it('cannot reach 0.2x at 70% of reporters on WhatsApp, whatever WhatsApp costs', () => {
    expect(messagingFloor(NTB_WORKLOAD, 0.7, 0.05)).toBeGreaterThanOrEqual(0.2);
    expect(messagingCost(NTB_WORKLOAD, { ...WHATSAPP_SHARES, reportersOnWhatsApp: 0.7 }).perReport.ratio).toBeGreaterThan(0.2);
  });

  it('meets 0.2x at the stated share, and the break-even share it prints is where the ratio crosses 0.2x', () => {
    const cost = messagingCost(NTB_WORKLOAD);
    expect(cost.perReport.ratio).toBeLessThanOrEqual(0.2);
    const at = (share: number) => messagingCost(NTB_WORKLOAD, { ...WHATSAPP_SHARES, reportersOnWhatsApp: share }).perReport.ratio;
    expect(at(cost.breakEvenShare)).toBeCloseTo(0.2, 6);
    expect(at(cost.breakEvenShare - 0.01)).toBeGreaterThan(0.2);
  });

  it('falls as more reporters use WhatsApp and never below its floor', () => {
    const rows = messagingCost(NTB_WORKLOAD).sensitivity;
    expect(rows.map((r) => r.share)).toEqual([0.7, 0.75, 0.8, 0.9]);
    for (let i = 1; i < rows.length; i++) expect(rows[i]!.ratio).toBeLessThan(rows[i - 1]!.ratio);
    for (const r of rows) expect(r.ratio).toBeGreaterThan(r.floor);
  });

  it('says what the ratio is at an aggregator SMS price, where WhatsApp saves far less', () => {
    const { atAggregatorSmsPrice } = messagingCost(NTB_WORKLOAD);
    expect(atAggregatorSmsPrice.smsOnly).toBeCloseTo(6 * 0.021, 6);
    expect(atAggregatorSmsPrice.ratio).toBeGreaterThan(0.5);
  });
});
