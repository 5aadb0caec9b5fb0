import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomBytes } from 'node:crypto';
import { createTestSystem, type TestSystem } from '../support/local-deps.js';
import { fileReport } from '../../lib/use-cases/file-report.js';
import { checkStatus } from '../../lib/use-cases/check-status.js';
import { keys } from '../../lib/adapters/dynamo/keys.js';

/**
 * STATUS answers only the phone that reported (issue 24 gap 2). Two guards hold it: the reference
 * item names its reporter by keyed hash and the store does not even read another number's case,
 * and the use case compares the case's contact with the asking phone. Reference items written
 * before the hash existed carry none, so for them the use case's comparison is the only guard.
 * Each test here fails when its own guard is dropped, whatever the other one does.
 */
let system: TestSystem;
beforeAll(async () => { system = await createTestSystem(); });
afterAll(async () => { await system.drop(); });

let phoneSeq = 0;
const freshPhone = () => `+62817${String(50_000_000 + ++phoneSeq).slice(-8)}`;
const fileFrom = async (contact: string) => (await fileReport(system.deps, {
  channel: 'web', intakeKey: randomBytes(9).toString('base64url'), reporterType: 'worker', contact,
  category: 'unpaid_wages', homeRegency: '5203', description: 'gaji tidak dibayar tiga bulan', smsUpdates: false,
})).case;

describe('the case store looking a reference up for a phone', () => {
  it('returns nothing for another number when the reference item names its reporter', async () => {
    const reporter = freshPhone();
    const c = await fileFrom(reporter);

    expect(await system.stores.cases.getCaseByReference(c.reference, { contact: freshPhone() })).toBeUndefined();
    expect((await system.stores.cases.getCaseByReference(c.reference, { contact: reporter }))?.id).toBe(c.id);
    // Officials and the merge path ask without a phone: the reference alone finds the case.
    expect((await system.stores.cases.getCaseByReference(c.reference))?.id).toBe(c.id);
  });
});

describe('STATUS of a reference whose item predates the reporter hash', () => {
  it('tells another phone nothing, and still answers the phone that reported', async () => {
    const reporter = freshPhone();
    const c = await fileFrom(reporter);
    // An older reference item: written before it carried the reporter's contact hash.
    await system.stores.table.updateItem(keys.reference(c.reference), { UpdateExpression: 'REMOVE contactHash' });
    const stranger = freshPhone();
    // The store cannot tell, so the use case's own comparison is what is being tested.
    expect((await system.stores.cases.getCaseByReference(c.reference, { contact: stranger }))?.id).toBe(c.id);

    expect(await checkStatus(system.deps, { phone: stranger, reference: c.reference })).toEqual({ found: false });
    expect(await checkStatus(system.deps, { phone: reporter, reference: c.reference })).toMatchObject({ found: true, case: { id: c.id } });
  });
});
