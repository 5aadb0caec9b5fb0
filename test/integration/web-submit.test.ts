import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestSystem, type TestSystem } from '../support/local-deps.js';
import { submitReport, type WebReportInput } from '../../lib/web/submit-report.js';
import { RateLimitedError, ValidationError } from '../../lib/domain/errors.js';

let system: TestSystem;

beforeAll(async () => {
  system = await createTestSystem({ policy: { limits: { newCasesPerHour: 5, inboundPerHour: 30, statusLookupsPerHour: 10, webReportsPerHour: 3 } } });
});

afterAll(async () => {
  await system?.drop();
});

let tokens = 0;
const report = (over: Partial<WebReportInput> = {}): WebReportInput => ({
  reporterType: 'family', contact: '+6281200000001', category: 'documents_held', country: 'SA', homeRegency: '5202',
  nik: '5202014107900001', workerName: 'Siti Aminah', description: 'Paspor ditahan majikan sejak Januari.', consent: true,
  token: `integration-token-${String(++tokens).padStart(4, '0')}`, ...over,
});

describe('submitting a web report on DynamoDB Local', () => {
  it('files a web case with everything the form gave, and queues the neutral confirmation SMS', async () => {
    const outcome = await submitReport(system.deps, report({ contact: '0812 0000 0002' }), { ip: '198.51.100.1' });
    expect(outcome).toMatchObject({ kind: 'filed', created: true });
    const stored = await system.store.getCaseByReference(outcome.reference);
    expect(stored).toMatchObject({
      channel: 'web', reporterType: 'family', contact: '+6281200000002', category: 'documents_held', urgency: 'high',
      country: 'SA', homeRegency: '5202', nik: '5202014107900001', workerName: 'Siti Aminah', smsUpdates: true, status: 'new',
    });
    const sms = await system.store.getMessage(`received.${stored!.id}`);
    expect(sms?.text).toContain(outcome.reference);
    expect(sms?.text).not.toContain('Paspor');
  });

  it('files one case when the same form is sent twice, even at the same moment', async () => {
    const same = report({ contact: '+6281200000003' });
    const [a, b] = await Promise.all([
      submitReport(system.deps, same, { ip: '198.51.100.2' }),
      submitReport(system.deps, same, { ip: '198.51.100.2' }),
    ]);
    const c = await submitReport(system.deps, same, { ip: '198.51.100.2' });
    expect(new Set([a.reference, b.reference, c.reference]).size).toBe(1);
    expect([a, b, c].filter((o) => o.kind === 'filed' && o.created)).toHaveLength(1);
    expect(await system.store.findCasesByContact('+6281200000003')).toHaveLength(1);
  });

  it('sends no SMS when the reporter asked for none', async () => {
    const outcome = await submitReport(system.deps, report({ contact: '+6281200000004', smsUpdates: false }), { ip: '198.51.100.3' });
    const stored = await system.store.getCaseByReference(outcome.reference);
    expect(stored?.smsUpdates).toBe(false);
    expect(await system.store.getMessage(`received.${stored!.id}`)).toBeUndefined();
  });

  it('stores nothing when the honeypot is filled, yet answers with a reference like a success', async () => {
    const outcome = await submitReport(system.deps, report({ contact: '+6281200000005', website: 'https://buy.example' }), { ip: '198.51.100.4' });
    expect(outcome.kind).toBe('ignored');
    expect(await system.store.getCaseByReference(outcome.reference)).toBeUndefined();
    expect(await system.store.findCasesByContact('+6281200000005')).toHaveLength(0);
  });

  it('refuses a bad report naming its fields, and stores nothing', async () => {
    const error = await submitReport(
      system.deps,
      { ...report({ contact: '+6281200000006' }), nik: '5203019913900001', description: '', consent: false as unknown as true },
      { ip: '198.51.100.5' },
    ).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ValidationError);
    expect(Object.keys((error as ValidationError).fields).sort()).toEqual(['consent', 'description', 'nik']);
    expect(await system.store.findCasesByContact('+6281200000006')).toHaveLength(0);
  });

  it('refuses the reports from one source over the hourly limit, while another source still gets through', async () => {
    const ip = '198.51.100.66';
    for (let i = 0; i < 3; i++) await submitReport(system.deps, report({ contact: '+6281200000007' }), { ip });
    await expect(submitReport(system.deps, report({ contact: '+6281200000008' }), { ip })).rejects.toBeInstanceOf(RateLimitedError);
    expect(await system.store.findCasesByContact('+6281200000008')).toHaveLength(0);
    const other = await submitReport(system.deps, report({ contact: '+6281200000008' }), { ip: '198.51.100.67' });
    expect(other.kind).toBe('filed');
  });
});
