import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DynamoDBRecord } from 'aws-lambda';
import { createTestSystem, type TestSystem } from '../support/local-deps.js';
import { startFigures } from '../support/figures.js';
import { fileReport } from '../../lib/use-cases/file-report.js';
import { handleOfficialSms } from '../../lib/use-cases/handle-official-sms.js';
import { handleInboundSms } from '../../lib/use-cases/handle-inbound-sms.js';
import { escalateOverdueCases } from '../../lib/use-cases/escalate-overdue-cases.js';
import { parseOfficialCommand } from '../../lib/officials/commands.js';
import { rebuildFigures, type FiguresDeps } from '../../lib/figures/update-figures.js';
import { updateFiguresFromRecord } from '../../lib/jobs/figures.js';
import { contribution, sumContributions, cellId, monthOf, type Contribution } from '../../lib/figures/contribution.js';
import { withMilestones } from '../../lib/domain/milestones.js';
import type { StreamConsumers } from '../../lib/local/triggers.js';
import type { Category } from '../../lib/domain/categories.js';
import type { HomeRegency } from '../../lib/domain/regions.js';
import type { Case } from '../../lib/domain/case.js';
import { DeleteItemCommand, PutItemCommand } from '@aws-sdk/client-dynamodb';
import { marshall } from '@aws-sdk/util-dynamodb';
import { cellKey } from '../../lib/adapters/dynamo/figures-store.js';
import { keys } from '../../lib/adapters/dynamo/keys.js';

let system: TestSystem;
let poller: StreamConsumers;
let seen: DynamoDBRecord[];
let figures: FiguresDeps;
let MONTH: string;

beforeAll(async () => {
  system = await createTestSystem();
  ({ poller, seen, deps: figures } = await startFigures(system));
});

afterAll(async () => {
  await poller.stop();
  await system.drop();
});

const official = async (from: string, text: string, id: string) => {
  const command = parseOfficialCommand(text)!;
  return handleOfficialSms(system.deps, { id, from, text, receivedAt: system.clock.now().toISOString() }, command);
};

/** Non-zero counters of every cell, as the table holds them. */
async function storedFigures(): Promise<Contribution> {
  const cells = [...await figures.figures.monthCells(MONTH), ...await figures.figures.rollUps(MONTH, MONTH), ...await figures.figures.openCells()];
  const out: Contribution = {};
  for (const { cell, counts } of cells) {
    const nonZero = Object.fromEntries(Object.entries(counts).filter(([, v]) => v !== 0));
    if (Object.keys(nonZero).length) out[cellId(cell)] = nonZero;
  }
  return out;
}

async function recount(): Promise<Contribution> {
  const cases = await figures.figures.casesOfMonth(MONTH);
  const sum = sumContributions(cases.map((c) => contribution(c, system.deps.policy)));
  return Object.fromEntries(Object.entries(sum).filter(([, counts]) => Object.values(counts).some((v) => v !== 0)));
}

async function correct(id: string, change: Partial<Case>): Promise<void> {
  const c = (await system.store.getCase(id))!;
  const at = system.clock.now().toISOString();
  await system.stores.cases.updateCase({ case: withMilestones(c, { ...c, ...change, updatedAt: at }, at), expectedVersion: c.version });
}

describe('figures kept by the table stream', () => {
  it('equal a recount from the cases after a seeded month with redelivered records, corrections and merges', { timeout: 120_000 }, async () => {
    MONTH = monthOf(system.clock.now().toISOString());
    const regencies: HomeRegency[] = ['5201', '5202', '5203', 'unknown'];
    const categories: Category[] = ['unpaid_wages', 'documents_held', 'trafficking', 'job_fraud'];
    const filed: Case[] = [];
    for (let i = 0; i < 16; i++) {
      const { case: c } = await fileReport(system.deps, {
        channel: i % 3 === 0 ? 'sms' : 'web', intakeKey: `fig-${i}`, reporterType: 'family',
        contact: `+6281234567${String(i).padStart(3, '0')}`, category: categories[i % 4], homeRegency: regencies[i % 4],
        description: 'laporan untuk angka',
      });
      filed.push(c);
    }
    // The province desk acknowledges four at once (on time), resolves two of them.
    for (const c of filed.slice(0, 4)) await official('+6281100005200', `TERIMA ${c.reference} 5200`, `ack-${c.id}`);
    system.clock.advance(30);
    await official('+6281100005200', `SELESAI ${filed[0]!.reference} 5200 beres`, `done-0`);
    await official('+6281100005200', `SELESAI ${filed[1]!.reference} 5200 beres`, `done-1`);
    // Reporters answer: one solved (YA), one not (TIDAK).
    await handleInboundSms(system.deps, { id: 'ya-0', from: filed[0]!.contact, text: `YA ${filed[0]!.reference}`, receivedAt: system.clock.now().toISOString() });
    await handleInboundSms(system.deps, { id: 'tidak-1', from: filed[1]!.contact, text: `TIDAK ${filed[1]!.reference}`, receivedAt: system.clock.now().toISOString() });
    // Three days later the rest are overdue: escalations; then one is acknowledged late.
    system.clock.advance(3 * 24 * 60 + 1);
    await escalateOverdueCases(system.deps);
    await official('+6281100005300', `TERIMA ${filed[5]!.reference} 5300`, `ack-late-5`);
    // Corrections: category and home regency change; a duplicate is merged into another case.
    await correct(filed[6]!.id, { category: 'violence_abuse' });
    await correct(filed[7]!.id, { homeRegency: '5204' });
    await correct(filed[8]!.id, { mergedInto: filed[9]!.reference });
    await poller.settled();

    // Lambda may deliver any record again: everything seen so far, once more, in order.
    const redelivered = [...seen];
    for (const record of redelivered) expect(await updateFiguresFromRecord(figures, record)).toBe('stale');

    const stored = await storedFigures();
    expect(stored).toEqual(await recount());
    // Totals over the finest cells (the roll-ups hold the same counts again, checked by the recount above).
    const finest = Object.entries(stored).filter(([id]) => id.startsWith('M|'));
    const total = (name: string) => finest.reduce((sum, [, c]) => sum + (c[name] ?? 0), 0);
    expect(total('filed')).toBe(15); // 16 filed, one merged away
    expect(total('ackOnTime')).toBe(4);
    expect(total('ackLate')).toBe(1);
    expect(total('resolved')).toBe(1); // the TIDAK one is open again
    expect(total('confirmed')).toBe(1);
    expect(total('reopened')).toBe(1);
    expect(total('escalations')).toBeGreaterThan(0);
    const violence = finest.filter(([id]) => id.includes('|violence_abuse|'));
    expect(violence.map(([, c]) => c.filed)).toEqual([1]);
  });

  it('ignore a stream record older than what was applied (out of order or replayed late)', async () => {
    const firstOfCase = seen.find((r) => r.eventName === 'INSERT')!;
    expect(await updateFiguresFromRecord(figures, firstOfCase)).toBe('stale');
    expect(await storedFigures()).toEqual(await recount());
  });

  it('rebuild from the cases by month gives the same counters as the stream kept', async () => {
    const before = await storedFigures();
    const result = await rebuildFigures(figures, MONTH, MONTH);
    expect(result.cases).toBe(16);
    expect(await storedFigures()).toEqual(before);
  });

  it('rebuild moves figures kept before the month x regency roll-ups (regency x category and channel roll-ups) to them', async () => {
    const before = await storedFigures();
    expect(Object.keys(before).filter((id) => id.startsWith('R|')).length).toBe(5); // 5201, 5202, 5203, 5204 (corrected), unknown
    const { db, name } = system.stores.table;
    // The table as the former layout left it: no month x regency roll-ups, the month's roll-ups in FIGS#<month>.
    for (const { cell } of await figures.figures.rollUps(MONTH, MONTH)) await db.send(new DeleteItemCommand({ TableName: name, Key: marshall(cellKey(cellId(cell))) }));
    await db.send(new PutItemCommand({ TableName: name, Item: marshall({ ...keys.figuresSummaryCell(MONTH, '5201', 'unpaid_wages'), filed: 4, ackOnTime: 1 }) }));
    await db.send(new PutItemCommand({ TableName: name, Item: marshall({ ...keys.figuresChannelCell(MONTH, '5201', 'sms'), filed: 2 }) }));
    expect(await figures.figures.rollUps(MONTH, MONTH)).toEqual([]);

    await rebuildFigures(figures, MONTH, MONTH);
    expect(await storedFigures()).toEqual(before);
    const formerRollUps = await system.stores.table.queryAll({ KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: marshall({ ':pk': keys.figuresSummaryPartition(MONTH) }) });
    expect(formerRollUps).toEqual([]);
  });
});
