import { describe, expect, it } from 'vitest';
import { SMS_LIMIT, USSD_LIMIT } from '../../lib/domain/gsm.js';
import { MAX_FAILED_PINS } from '../../lib/officials/directory.js';
import { K } from '../../lib/figures/suppression.js';
import { parseConfig } from '../../lib/config.js';

/**
 * The specification's numbers, as literals, in one place (issue 24 gap 3).
 *
 * The tests of behaviour import these constants: a screen is checked against USSD_LIMIT, a lock
 * against MAX_FAILED_PINS, so each test says "the code keeps its own rule" and a deliberate change
 * of the rule is one edit. That alone lets a constant drift: raising USSD_LIMIT to 200 and writing a
 * longer screen passed every test. Here the numbers are written out from DOMAIN.md and the issues,
 * so moving a constant fails this file, and changing the specification means editing it on purpose.
 */
describe('the numbers the specification fixes', () => {
  it('a USSD screen is 182 GSM-7 characters and an SMS 160', () => {
    expect(USSD_LIMIT).toBe(182);
    expect(SMS_LIMIT).toBe(160);
  });

  it('an official is locked after 5 wrong PINs', () => {
    expect(MAX_FAILED_PINS).toBe(5);
  });

  it('published figures suppress cells under k = 5', () => {
    expect(K).toBe(5);
  });

  it('cases are acknowledged within 1, 24 and 72 hours and resolved within 7, 14 and 30 days by default', () => {
    const { acknowledge, resolve } = parseConfig({}).policy.slaMinutes;
    const hours = (m: Record<string, number>) => Object.fromEntries(Object.entries(m).map(([k, v]) => [k, v / 60]));
    expect(hours(acknowledge)).toEqual({ urgent: 1, high: 24, normal: 72 });
    expect(hours(resolve)).toEqual({ urgent: 7 * 24, high: 14 * 24, normal: 30 * 24 });
  });
});
