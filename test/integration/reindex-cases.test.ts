import { describe, expect, it } from 'vitest';
import { marshall } from '@aws-sdk/util-dynamodb';
import { useSystemWithNotifier } from '../support/local-deps.js';
import { handleInboundSms } from '../../lib/use-cases/handle-inbound-sms.js';
import { reindexCases } from '../../lib/adapters/dynamo/reindex-cases.js';
import { encodeCase } from '../../lib/adapters/dynamo/cases.js';
import { keys } from '../../lib/adapters/dynamo/keys.js';
import { TABLE } from '../../lib/adapters/dynamo/table-definition.js';
import type { Case } from '../../lib/domain/case.js';

const fixture = useSystemWithNotifier();

const INDEX_ATTRIBUTES: string[] = [TABLE.areaIndex, TABLE.allIndex, TABLE.assigneeIndex, TABLE.byMonthIndex].flatMap((i) => [i.partitionKey, i.sortKey]);
const rawCase = (id: string) => fixture.system.stores.table.get(keys.case(id), true);
const inQueue = async (c: Case) => (await fixture.system.stores.table.query({
  IndexName: TABLE.allIndex.name, KeyConditionExpression: '#pk = :pk',
  ExpressionAttributeNames: { '#pk': TABLE.allIndex.partitionKey }, ExpressionAttributeValues: marshall({ ':pk': `ALL#${c.status}` }),
})).some((item) => item.id === c.id);

/** What a case written before the console's indexes existed looks like: no queue or month entries. */
async function asBeforeTheConsole(c: Case): Promise<void> {
  await fixture.system.stores.table.updateItem(keys.case(c.id), {
    UpdateExpression: `REMOVE ${INDEX_ATTRIBUTES.map((_, i) => `#a${i}`).join(', ')}`,
    ExpressionAttributeNames: Object.fromEntries(INDEX_ATTRIBUTES.map((name, i) => [`#a${i}`, name])),
  });
}

describe('reindexing cases stored before the console', () => {
  it('puts them in the console queue and the month index as a new case would be, changes nothing else, and sends nothing', async () => {
    const phones = ['+6281234569001', '+6281234569002', '+6281234569003'];
    for (const [i, from] of phones.entries()) {
      await handleInboundSms(fixture.system.deps, { id: `reindex-${i}`, from, text: 'LAPOR gaji belum dibayar dua bulan', receivedAt: fixture.system.clock.now().toISOString() });
    }
    const cases = await Promise.all(phones.map(async (p) => (await fixture.system.store.findCasesByContact(p))[0]!));
    // One of them taken by an official, so it also belongs in the assignee queue.
    const taken = cases[1]!;
    await fixture.system.stores.cases.updateCase({ case: { ...taken, status: 'acknowledged', assignee: 'lobar-1', acknowledgedAt: taken.createdAt, updatedAt: taken.createdAt, version: taken.version + 1 }, expectedVersion: taken.version });
    const current = await Promise.all(cases.map(async (c) => (await fixture.system.store.getCase(c.id))!));
    await fixture.poller.settled();
    const sentBefore = fixture.system.outbox.entries.length;

    await asBeforeTheConsole(current[0]!);
    await asBeforeTheConsole(current[1]!);
    expect(await inQueue(current[0]!)).toBe(false);
    const before = await Promise.all(current.map((c) => rawCase(c.id)));

    const result = await reindexCases(fixture.system.stores.table, { pageSize: 2 });
    expect(result).toMatchObject({ updated: 2, changedMeanwhile: 0 });
    expect(result.cases).toBeGreaterThanOrEqual(3);

    for (const [i, c] of current.entries()) {
      const item = (await rawCase(c.id))!;
      const expected = await encodeCase(fixture.system.cipher, c);
      for (const name of INDEX_ATTRIBUTES) expect(item[name], `${name} of case ${i}`).toBe(expected[name]);
      // Everything else as it was, the version included.
      const rest = (x: Record<string, unknown>) => Object.fromEntries(Object.entries(x).filter(([k]) => !INDEX_ATTRIBUTES.includes(k)));
      expect(rest(item)).toEqual(rest(before[i]!));
      expect(await inQueue(c)).toBe(true);
    }
    expect(item5(await rawCase(current[1]!.id))).toBe('ASSIGNEE#lobar-1#acknowledged');

    await fixture.poller.settled();
    expect(fixture.system.outbox.entries.length).toBe(sentBefore);
    // A second run finds nothing to write.
    expect(await reindexCases(fixture.system.stores.table)).toMatchObject({ updated: 0, changedMeanwhile: 0 });
  });
});

const item5 = (item: Record<string, unknown> | undefined) => item?.[TABLE.assigneeIndex.partitionKey];

describe('reindexing cases stored before retention and data requests', () => {
  it('gives a closed case with no retention entry its entry, and keeps a data request out of the complaint queues and the month index', async () => {
    const from = '+6281234569011';
    await handleInboundSms(fixture.system.deps, { id: 'reindex-closed', from, text: 'LAPOR gaji belum dibayar tiga bulan', receivedAt: fixture.system.clock.now().toISOString() });
    const filed = (await fixture.system.store.findCasesByContact(from))[0]!;
    const resolvedAt = fixture.system.clock.now().toISOString();
    const { nextCheckAt: _due, ...open } = filed;
    await fixture.system.stores.cases.updateCase({ case: { ...open, status: 'closed', resolvedAt, updatedAt: resolvedAt }, expectedVersion: filed.version });
    // As stored before retention existed: no due-index entry at all.
    await fixture.system.stores.table.updateItem(keys.case(filed.id), {
      UpdateExpression: 'REMOVE #pk, #sk', ExpressionAttributeNames: { '#pk': TABLE.dueIndex.partitionKey, '#sk': TABLE.dueIndex.sortKey },
    });
    const request = await handleInboundSms(fixture.system.deps, { id: 'reindex-hapus', from, text: 'HAPUS', receivedAt: fixture.system.clock.now().toISOString() });
    const requestCase = (await fixture.system.store.getCaseByReference((request as { reference: string }).reference))!;
    await asBeforeTheConsole(requestCase);

    await reindexCases(fixture.system.stores.table);
    const closed = (await rawCase(filed.id))!;
    expect(closed[TABLE.dueIndex.partitionKey]).toBe('RETAIN');
    expect(closed[TABLE.dueIndex.sortKey]).toBe(resolvedAt);
    const req = (await rawCase(requestCase.id))!;
    expect(req[TABLE.allIndex.partitionKey]).toBe('REQUESTS#new');
    expect(req[TABLE.areaIndex.partitionKey]).toBeUndefined();
    expect(req[TABLE.byMonthIndex.partitionKey]).toBeUndefined();
    // Open cases and the request keep no retention entry (the request is due by its SLA, like any open case).
    expect(req[TABLE.dueIndex.partitionKey]).toBe('DUE');
  });
});
