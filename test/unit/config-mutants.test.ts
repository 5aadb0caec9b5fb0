import { afterEach, describe, expect, it, vi } from 'vitest';
import { config, ConfigurationError, parseConfig } from '../../lib/config.js';

/**
 * What each setting of lib/config.ts turns into, field by field: the survivors of a mutation run
 * (issue 24) were settings parsed but never read back by any test, and the mission-line list checked
 * only with bad entries. Every call is inside a test: a call at the top of a file runs while the file
 * loads, and Stryker then counts no test as covering it.
 */
describe('the configuration, setting by setting', () => {
  afterEach(() => {
    vi.unstubAllEnvs();
  });

  it('names every wrong variable with its rule, without zod\'s "Invalid input" prefix, in an error of its own kind', () => {
    let error: unknown;
    try {
      parseConfig({ SLA_ACK_URGENT_MINUTES: 'soon', PORT: 'eighty' });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ConfigurationError);
    expect((error as Error).name).toBe('ConfigurationError');
    expect((error as Error).message).toBe(
      'Invalid configuration: SLA_ACK_URGENT_MINUTES expected number, received NaN; PORT expected number, received NaN',
    );
  });

  it('hands the local keys and secrets to the local runtime, and seeds demo officials on WhatsApp unless told not to', () => {
    expect(parseConfig({}).local).toEqual({
      callbackKey: 'local-demo-callback-key',
      dataKeyHex: '6c6f63616c2d64656d6f2d646174612d6b65792d6e6f742d666f722d70726f64',
      lookupKey: 'local-demo-lookup-key-not-for-production',
      whatsappAppSecret: 'local-demo-whatsapp-app-secret',
      whatsappVerifyToken: 'local-demo-whatsapp-verify-token',
      demoOfficialsWhatsApp: true,
    });
    expect(parseConfig({ DEMO_OFFICIALS_WHATSAPP: 'false' }).local.demoOfficialsWhatsApp).toBe(false);
    expect(parseConfig({ DEMO_OFFICIALS_WHATSAPP: 'true' }).local.demoOfficialsWhatsApp).toBe(true);
  });

  it('names the WhatsApp secret only when one is set (unset: everything goes by SMS)', () => {
    expect(parseConfig({}).whatsappSecretArn).toBeUndefined();
    expect('whatsappSecretArn' in parseConfig({})).toBe(false);
    const arn = 'arn:aws:secretsmanager:ap-southeast-3:000000000000:secret:whatsapp';
    expect(parseConfig({ WHATSAPP_SECRET_ARN: arn }).whatsappSecretArn).toBe(arn);
  });

  it('passes the reader alert, the WhatsApp templates and the fallback delay through as set', () => {
    expect(parseConfig({}).policy.readerAlert).toEqual({ cases: 20, minutes: 60 });
    expect(parseConfig({ READER_ALERT_CASES: '7', READER_ALERT_MINUTES: '15' }).policy.readerAlert).toEqual({ cases: 7, minutes: 15 });
    expect(parseConfig({}).policy.whatsapp).toEqual({
      templates: { update: 'hotline_update', alert: 'hotline_alert', signIn: 'hotline_sign_in' },
      fallbackMinutes: 10,
    });
    expect(parseConfig({ WHATSAPP_TEMPLATE_UPDATE: 'kabar', WHATSAPP_TEMPLATE_ALERT: 'siaga', WHATSAPP_TEMPLATE_SIGN_IN: 'masuk' }).policy.whatsapp?.templates)
      .toEqual({ update: 'kabar', alert: 'siaga', signIn: 'masuk' });
  });

  it('reads every mission line of a comma-separated list, spaces around entries allowed, numbers with spaces and hyphens', () => {
    const missions = (value: string) => parseConfig({ MISSION_PHONES: value }).policy.emergencyLines.missions;
    expect(missions('')).toEqual({});
    expect(missions('MY=+60 3-2116 4000, SA=+966 11 488 2800 ,HK=85228904421,')).toEqual({
      MY: '+60 3-2116 4000',
      SA: '+966 11 488 2800',
      HK: '85228904421',
    });
  });

  it('refuses a mission entry with anything before its country code, or a number longer than the texts are checked with', () => {
    for (const bad of ['1MY=+60321164000', 'xMY=+60321164000', ' =MY=+60321164000', 'MY=+60 3 2116 4000 12']) {
      expect(() => parseConfig({ MISSION_PHONES: bad }), bad).toThrow(ConfigurationError);
    }
  });

  it('parses the process environment on first use and keeps that configuration for the life of the process', () => {
    vi.stubEnv('READER_ALERT_CASES', '9');
    const first = config();
    expect(first.policy.readerAlert.cases).toBe(9);
    vi.stubEnv('READER_ALERT_CASES', '11');
    expect(config()).toBe(first);
    expect(config().policy.readerAlert.cases).toBe(9);
  });
});
