import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomBytes } from 'node:crypto';
import { GetItemCommand, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { marshall, unmarshall } from '@aws-sdk/util-dynamodb';
import { createTestSystem, type TestSystem } from '../support/local-deps.js';
import { startFigures } from '../support/figures.js';
import { localDynamoClient } from '../../lib/adapters/dynamo/local-client.js';
import { fileReport } from '../../lib/use-cases/file-report.js';
import { forgetExpiredCases } from '../../lib/use-cases/forget-expired-cases.js';
import { handleOfficialSms } from '../../lib/use-cases/handle-official-sms.js';
import { parseOfficialCommand } from '../../lib/officials/commands.js';
import { decodeCase } from '../../lib/adapters/dynamo/cases.js';
import { ErasedDataError } from '../../lib/adapters/crypto/subject-keys.js';
import { withMilestones } from '../../lib/domain/milestones.js';
import { cellId, monthOf, type Contribution } from '../../lib/figures/contribution.js';
import { parseConfig } from '../../lib/config.js';
import { CONSENT_TEXT_VERSION } from '../../lib/messages/consent.js';
import type { Case } from '../../lib/domain/case.js';
import type { StreamConsumers } from '../../lib/local/triggers.js';
import type { FiguresDeps } from '../../lib/figures/update-figures.js';

const RETENTION_DAYS = 3;
const DAY_MINUTES = 24 * 60;

let sys: TestSystem;
let db: DynamoDBClient;
let poller: StreamConsumers;
let figures: FiguresDeps;
beforeAll(async () => {
  sys = await createTestSystem({ policy: { retentionDaysAfterClose: RETENTION_DAYS } });
  db = localDynamoClient(sys.endpoint);
  ({ poller, deps: figures } = await startFigures(sys));
});
afterAll(async () => { await poller.stop(); db.destroy(); await sys.drop(); });

const PHONE = '+6281377700022';
const NIK = '5203015708950003';
const WORKER = 'Baiq Nurul Aini';
const TEXT = 'Majikan di Riyadh menahan paspor dan tidak membayar gaji';

async function file(): Promise<Case> {
  return (await fileReport(sys.deps, {
    channel: 'web', intakeKey: `web-${randomBytes(6).toString('hex')}`, reporterType: 'family', contact: PHONE,
    description: TEXT, nik: NIK, workerName: WORKER, homeRegency: '5203', country: 'SA',
  })).case;
}

/** Resolved by an official, as the console or `SELESAI` would: it stops being open now. */
async function resolve(id: string): Promise<Case> {
  const c = (await sys.store.getCase(id))!;
  const at = sys.clock.now().toISOString();
  const { nextCheckAt: _, ...rest } = c;
  const next = withMilestones(c, { ...rest, status: 'resolved', updatedAt: at }, at);
  await sys.stores.cases.updateCase({ case: next, expectedVersion: c.version });
  return (await sys.store.getCase(id))!;
}

async function raw(id: string) {
  return (await db.send(new GetItemCommand({ TableName: sys.tableName, Key: marshall({ pk: `CASE#${id}`, sk: 'CASE' }), ConsistentRead: true }))).Item!;
}

async function storedFigures(month: string): Promise<Contribution> {
  const cells = [...await figures.figures.monthCells(month), ...await figures.figures.rollUps(month, month), ...await figures.figures.openCells()];
  return Object.fromEntries(cells.map(({ cell, counts }) => [cellId(cell), counts]));
}

describe('retention: personal data destroyed RETENTION_DAYS_AFTER_CLOSE days after a case stops being open', () => {
  it('defaults to 730 days, and takes any value down to 1', () => {
    expect(parseConfig({}).policy.retentionDaysAfterClose).toBe(730);
    expect(parseConfig({ RETENTION_DAYS_AFTER_CLOSE: '1' }).policy.retentionDaysAfterClose).toBe(1);
    expect(() => parseConfig({ RETENTION_DAYS_AFTER_CLOSE: '0' })).toThrow(/RETENTION_DAYS_AFTER_CLOSE/);
  });

  it('destroys an expired case\'s personal data, keeps its facts, milestones and timeline, and leaves figures as they were', async () => {
    const expired = await resolve((await file()).id);
    const month = monthOf(expired.createdAt);
    const before = await raw(expired.id);
    const timelineBefore = await sys.store.timeline(expired.id);

    sys.clock.advance(RETENTION_DAYS * DAY_MINUTES - 5);
    expect((await forgetExpiredCases(sys.deps)).erased).toBe(0);
    const recent = await resolve((await file()).id);
    const open = await file();
    await poller.settled();
    const figuresBefore = await storedFigures(month);
    sys.clock.advance(10);

    const ranFrom = sys.clock.now().toISOString();
    const run = await forgetExpiredCases(sys.deps);
    expect(run).toEqual({ erased: 1, reopened: 0, failed: [] });

    const after = (await sys.store.getCase(expired.id))!;
    expect(after.erased?.reason).toBe('retention');
    expect(after.erased!.at >= ranFrom && after.erased!.at <= sys.clock.now().toISOString()).toBe(true);
    expect(after).toMatchObject({
      reference: expired.reference, category: expired.category, urgency: expired.urgency, homeRegency: '5203', country: 'SA', channel: 'web',
      status: 'resolved', createdAt: expired.createdAt, resolvedAt: expired.resolvedAt, contact: '', description: '',
    });
    expect(after.nik).toBeUndefined();
    // The consent the case was filed under is proof, not personal data: it stays (Art. 22, 24).
    expect(expired.consent).toEqual({ channel: 'web', at: expired.createdAt, version: CONSENT_TEXT_VERSION, notice: 'form' });
    expect(after.consent).toEqual(expired.consent);
    expect(after.workerName).toBeUndefined();
    const item = unmarshall(await raw(expired.id));
    for (const field of ['contactEnc', 'nikEnc', 'nikHash', 'workerNameEnc', 'descriptionEnc', 'gsi1pk', 'gsi2pk']) expect(item[field], field).toBeUndefined();
    expect(JSON.stringify(item)).not.toContain(NIK);
    // The pre-erasure copy a backup holds no longer opens.
    await expect(decodeCase(sys.cipher, unmarshall(before))).rejects.toBeInstanceOf(ErasedDataError);
    // The timeline keeps every event and gains the tombstone.
    const timeline = await sys.store.timeline(expired.id);
    expect(timeline.slice(0, timelineBefore.length).map((e) => e.type)).toEqual(timelineBefore.map((e) => e.type));
    expect(timeline.filter((e) => e.type === 'personal_data_erased')).toEqual([
      { at: after.erased!.at, actor: 'system', type: 'personal_data_erased', detail: { reason: 'retention' } },
    ]);
    // No phone finds it any more, not even the reporter's.
    expect(await sys.store.getCaseByReference(expired.reference, { contact: PHONE })).toBeUndefined();
    expect((await sys.store.findCasesByContact(PHONE)).map((c) => c.id)).not.toContain(expired.id);

    // Recently closed and open cases are untouched.
    expect(await sys.store.getCase(recent.id)).toMatchObject({ description: TEXT, nik: NIK });
    expect(await sys.store.getCase(open.id)).toMatchObject({ description: TEXT, nik: NIK });

    // Figures and statistik are statistics (Art. 15): the erasure leaves every counter as it was.
    await poller.settled();
    expect(await storedFigures(month)).toEqual(figuresBefore);
  });

  it('never destroys an open case, however old', async () => {
    const open = await file();
    sys.clock.advance((RETENTION_DAYS + 30) * DAY_MINUTES);
    await forgetExpiredCases(sys.deps);
    expect(await sys.store.getCase(open.id)).toMatchObject({ description: TEXT, nik: NIK });
    expect((await sys.store.getCase(open.id))!.erased).toBeUndefined();
  });

  it('works in bounded batches, and a second run changes nothing', async () => {
    const ids = [];
    for (let i = 0; i < 3; i++) ids.push((await resolve((await file()).id)).id);
    sys.clock.advance((RETENTION_DAYS + 1) * DAY_MINUTES);
    const first = await forgetExpiredCases(sys.deps, { limit: 2 });
    expect(first.erased).toBe(2);
    const second = await forgetExpiredCases(sys.deps, { limit: 2 });
    expect(second.erased).toBeGreaterThanOrEqual(1);
    for (const id of ids) expect((await sys.store.getCase(id))!.erased?.reason).toBe('retention');
    const versions = await Promise.all(ids.map(async (id) => (await sys.store.getCase(id))!.version));

    expect(await forgetExpiredCases(sys.deps)).toEqual({ erased: 0, reopened: 0, failed: [] });
    // Asked again directly, it only confirms: no second tombstone, no new version.
    expect(await sys.stores.cases.erasePersonalData(ids[0]!, { at: sys.clock.now().toISOString(), reason: 'retention', actor: 'system', onlyIfClosed: true })).toBe('erased');
    expect((await sys.store.timeline(ids[0]!)).filter((e) => e.type === 'personal_data_erased')).toHaveLength(1);
    expect(await Promise.all(ids.map(async (id) => (await sys.store.getCase(id))!.version))).toEqual(versions);
  });

  it("cuts the number's link to the expired case, and only that case's, from the reporter's record", async () => {
    const phone = '+6281377700099';
    const fileFor = async (text: string) => (await fileReport(sys.deps, {
      channel: 'web', intakeKey: `web-${randomBytes(6).toString('hex')}`, reporterType: 'family', contact: phone,
      description: text, homeRegency: '5203', country: 'SA',
    })).case;
    const old = await resolve((await fileFor('Gaji tidak dibayar enam bulan di Jeddah')).id);
    sys.clock.advance((RETENTION_DAYS + 1) * DAY_MINUTES);
    const open = await fileFor('Paspor ditahan agen di Riyadh');
    const reporterItem = async () => unmarshall((await db.send(new GetItemCommand({
      TableName: sys.tableName, Key: marshall({ pk: `PREF#${sys.cipher.lookupHash(phone)}`, sk: 'PREF' }), ConsistentRead: true,
    })))!.Item!);
    const links = (item: Record<string, unknown>, id: string) => Object.entries(item).filter(([n, v]) => /^(ref|txt)_/.test(n) && String(v).endsWith(` ${id}`)).map(([n]) => n);
    const before = await reporterItem();
    expect(links(before, old.id).length).toBeGreaterThanOrEqual(1);
    expect(before[`ref_${old.reference}`]).toBeDefined();

    await forgetExpiredCases(sys.deps);
    expect((await sys.store.getCase(old.id))!.erased).toBeDefined();
    const after = await reporterItem();
    expect(links(after, old.id)).toEqual([]);
    // The open case keeps its links: the number still answers for it (STATUS, the same text again).
    expect(after[`ref_${open.reference}`]).toBeDefined();
    expect(links(after, open.id)).toEqual(links(before, open.id));
    expect(after.latestId).toBe(open.id);
  });

  it('says "dihapus sesuai masa retensi, <date>" to an official asking INFO', async () => {
    const c = await resolve((await file()).id);
    sys.clock.advance((RETENTION_DAYS + 1) * DAY_MINUTES);
    await forgetExpiredCases(sys.deps);
    const erased = (await sys.store.getCase(c.id))!;
    // The regency office of Lombok Timur (demo directory), the case's own regency.
    const text = `INFO ${c.reference} 0303`;
    await handleOfficialSms(sys.deps, { id: `info-${c.id}`, from: '+6281100005003', text, receivedAt: sys.clock.now().toISOString() }, parseOfficialCommand(text)!);
    const reply = await sys.stores.outbox.getMessage(`official-reply.info-${c.id}`);
    const d = new Date(Date.parse(erased.erased!.at) + 8 * 3600_000);
    const day = `${String(d.getUTCDate()).padStart(2, '0')}/${String(d.getUTCMonth() + 1).padStart(2, '0')}/${d.getUTCFullYear()}`;
    expect(reply?.text).toContain(`dihapus sesuai masa retensi, ${day}`);
    expect(reply?.text).not.toContain(NIK.slice(-4));
  });
});
