import { describe, expect, it } from 'vitest';
import { fromForm, parseWebReport, submitReport } from '../../lib/web/submit-report.js';
import { ValidationError } from '../../lib/domain/errors.js';
import { defaultPolicy } from '../../lib/config.js';
import type { CaseStore } from '../../lib/cases/port.js';
import type { Reporters } from '../../lib/use-cases/reporters-port.js';
import type { RateCounter } from '../../lib/rate-counter.js';

const goodForm = {
  reporterType: 'family', workerName: 'Siti', contact: '0812 3456 7890', category: 'unpaid_wages', country: 'MY',
  homeRegency: '5203', nik: '', description: 'Gaji belum dibayar tiga bulan.', smsUpdates: 'yes', consent: 'yes',
  token: 'tok_0123456789abcdef', lang: 'en', website: '',
};

function fieldsOf(input: unknown): string[] {
  try {
    parseWebReport(input);
  } catch (error) {
    if (error instanceof ValidationError) return Object.keys(error.fields).sort();
    throw error;
  }
  return [];
}

describe('reading a web report', () => {
  it('turns a good form post into the shared report shape with the phone in E.164', () => {
    const report = parseWebReport(fromForm(goodForm));
    expect(report).toMatchObject({ reporterType: 'family', contact: '+6281234567890', category: 'unpaid_wages', country: 'MY', homeRegency: '5203', smsUpdates: true, language: 'en' });
    expect(report.nik).toBeUndefined();
  });

  it('reads an unticked SMS box as "no SMS", not as the default', () => {
    const { smsUpdates, ...rest } = goodForm;
    expect(smsUpdates).toBe('yes');
    expect(parseWebReport(fromForm(rest)).smsUpdates).toBe(false);
  });

  it('names every field an empty form is missing', () => {
    expect(fieldsOf(fromForm({}))).toEqual(['category', 'consent', 'contact', 'country', 'description', 'homeRegency', 'reporterType', 'token']);
  });

  it('rejects a bad phone and an impossible NIK with the same checks as SMS and USSD', () => {
    expect(fieldsOf(fromForm({ ...goodForm, contact: '12345', nik: '5203019913900001' }))).toEqual(['contact', 'nik']);
  });

  it('requires the consent box and a description of at least ten characters', () => {
    expect(fieldsOf(fromForm({ ...goodForm, consent: '', description: 'tolong' }))).toEqual(['consent', 'description']);
  });

  it('refuses JSON where consent is anything but true', () => {
    expect(fieldsOf({ ...parseableJson(), consent: 'yes' })).toEqual(['consent']);
  });
});

function parseableJson() {
  return {
    reporterType: 'organisation', contact: '+60123456789', category: 'trafficking', country: 'MY', homeRegency: 'unknown',
    description: 'Calo menahan paspor dua puluh pekerja.', consent: true, token: 'ngo-system-0000000001',
  };
}

describe('submitting a web report', () => {
  /** Any storage call fails the test: a bot must cost no writes. */
  const untouchable = new Proxy({} as CaseStore & Reporters & RateCounter, { get: (_t, name) => () => { throw new Error(`store.${String(name)} called`); } });
  const deps = { cases: untouchable, reporters: untouchable, counters: untouchable, clock: { now: () => new Date() }, policy: defaultPolicy() };

  it('answers a filled honeypot like a success with a reference, without touching storage', async () => {
    const outcome = await submitReport(deps, fromForm({ ...goodForm, website: 'http://spam.example' }), { ip: '203.0.113.9' });
    expect(outcome.kind).toBe('ignored');
    expect(outcome.reference).toMatch(/^[2-9A-Z]{3}-[2-9A-Z]{3}$/);
  });

  it('refuses an invalid report before counting it against the source', async () => {
    await expect(submitReport(deps, fromForm({ ...goodForm, contact: 'abc' }), { ip: '203.0.113.9' })).rejects.toBeInstanceOf(ValidationError);
  });
});
