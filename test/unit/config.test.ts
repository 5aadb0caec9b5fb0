import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../lib/config.js';
import { MAX_EMERGENCY_LINE_LENGTH } from '../../lib/domain/emergency-line.js';

describe('configuration', () => {
  it('runs locally on embedded defaults with nothing set', () => {
    const config = parseConfig({});
    expect(config.stage).toBe('local');
    expect(config.policy.slaMinutes.acknowledge).toEqual({ urgent: 60, high: 1440, normal: 4320 });
    expect(config.policy.limits.newCasesPerHour).toBe(5);
  });

  it('fails fast naming the variable but never echoing its value', () => {
    expect(() => parseConfig({ SLA_ACK_URGENT_MINUTES: 'soon' })).toThrow('SLA_ACK_URGENT_MINUTES');
    expect(() => parseConfig({ GATEWAY_CALLBACK_KEY: 'short-secret' })).toThrow(/GATEWAY_CALLBACK_KEY/);
    expect(() => parseConfig({ GATEWAY_CALLBACK_KEY: 'short-secret' })).not.toThrow(/short-secret/);
  });

  it('takes a hotline number up to the length the USSD and SMS texts are checked with, and refuses a longer one', () => {
    const longest = '+62 21 2924 4800';
    expect(longest).toHaveLength(MAX_EMERGENCY_LINE_LENGTH);
    expect(parseConfig({ HOTLINE_PHONE: longest }).policy.hotlinePhone).toBe(longest);
    expect(() => parseConfig({ HOTLINE_PHONE: `${longest}0` })).toThrow(/HOTLINE_PHONE/);
    expect(() => parseConfig({ HOTLINE_PHONE: 'call Budi' })).toThrow(/HOTLINE_PHONE/);
  });

  it('refuses to run in AWS with the demo SMS number, and takes the real one when given', () => {
    // Key and secrets are each required by the port builder that uses them (aws-composition.test.ts):
    // a function is given only the ones its grants imply.
    const aws = { STAGE: 'aws' };
    expect(() => parseConfig(aws)).toThrow(/SMS_SHORTCODE required when STAGE=aws/);
    expect(parseConfig({ ...aws, SMS_SHORTCODE: '+6287800001234' }).policy.smsShortcode).toBe('+6287800001234');
  });
});
