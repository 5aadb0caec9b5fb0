import { afterEach, describe, expect, it, vi } from 'vitest';
import { config, ConfigurationError, MIN_CALLBACK_KEY_LENGTH, parseConfig } from '../../lib/config.js';
import { MAX_EMERGENCY_LINE_LENGTH } from '../../lib/domain/emergency-line.js';

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

  it('takes a hotline number of digits with spaces and dashes, with or without a leading +, and refuses any other character at either end', () => {
    const hotline = (value: string) => parseConfig({ HOTLINE_PHONE: value }).policy.hotlinePhone;
    expect(hotline('0800-1000')).toBe('0800-1000');
    expect(hotline('+62 21 2924 4800')).toBe('+62 21 2924 4800');
    expect(parseConfig({ HOTLINE_PHONE_ABROAD: '+62 21 2924 4801' }).policy.emergencyLines.fromAbroad).toBe('+62 21 2924 4801');
    for (const bad of ['Tel 0800-1000', '0800-1000 ext', '-0800', '++62 21 2924']) {
      expect(() => parseConfig({ HOTLINE_PHONE: bad }), bad).toThrow('Invalid configuration: HOTLINE_PHONE must be digits, spaces and dashes');
    }
    expect(() => parseConfig({ HOTLINE_PHONE: '0'.repeat(MAX_EMERGENCY_LINE_LENGTH + 1) }))
      .toThrow(`Invalid configuration: HOTLINE_PHONE must be at most ${MAX_EMERGENCY_LINE_LENGTH} characters`);
  });

  it('says how long a callback key or a WhatsApp secret must be', () => {
    expect(() => parseConfig({ GATEWAY_CALLBACK_KEY: 'k'.repeat(MIN_CALLBACK_KEY_LENGTH - 1) }))
      .toThrow(`Invalid configuration: GATEWAY_CALLBACK_KEY must be at least ${MIN_CALLBACK_KEY_LENGTH} characters`);
    expect(parseConfig({ GATEWAY_CALLBACK_KEY: 'k'.repeat(MIN_CALLBACK_KEY_LENGTH) }).local.callbackKey).toBe('k'.repeat(MIN_CALLBACK_KEY_LENGTH));
    expect(() => parseConfig({ WHATSAPP_APP_SECRET: 'too-short' })).toThrow('Invalid configuration: WHATSAPP_APP_SECRET must be at least 16 characters');
    expect(() => parseConfig({ WHATSAPP_VERIFY_TOKEN: 'too-short' })).toThrow('Invalid configuration: WHATSAPP_VERIFY_TOKEN must be at least 16 characters');
  });

  it('takes WhatsApp template names of lower-case letters, digits and underscores only, as Meta names them', () => {
    expect(parseConfig({ WHATSAPP_TEMPLATE_ALERT: 'hotline_alert_2' }).policy.whatsapp?.templates.alert).toBe('hotline_alert_2');
    for (const bad of ['Hotline_alert', 'hotline-alert', 'hotline alert', '']) {
      expect(() => parseConfig({ WHATSAPP_TEMPLATE_ALERT: bad }), bad).toThrow(/WHATSAPP_TEMPLATE_ALERT/);
    }
  });

  it('takes a local data key of exactly 64 lower-case hex digits (32 bytes) and nothing else', () => {
    const key = '0123456789abcdef'.repeat(4);
    expect(parseConfig({ LOCAL_DATA_KEY: key }).local.dataKeyHex).toBe(key);
    for (const bad of [key.slice(1), `${key}0`, `z${key}`, `${key}z`, key.toUpperCase()]) {
      expect(() => parseConfig({ LOCAL_DATA_KEY: bad }), bad).toThrow(/LOCAL_DATA_KEY/);
    }
  });

  it('takes each log level and the local stage by name, and refuses any other', () => {
    for (const level of ['DEBUG', 'INFO', 'WARN', 'ERROR', 'SILENT'] as const) expect(parseConfig({ LOG_LEVEL: level }).logLevel).toBe(level);
    expect(() => parseConfig({ LOG_LEVEL: 'TRACE' })).toThrow(/LOG_LEVEL/);
    expect(parseConfig({ STAGE: 'local' }).stage).toBe('local');
    expect(() => parseConfig({ STAGE: 'prod' })).toThrow(/STAGE/);
  });
});
