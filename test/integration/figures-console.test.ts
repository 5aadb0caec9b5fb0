import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createConsoleApp } from '../../lib/console/app.js';
import { figuresScreen, figuresScreenCss } from '../../lib/console/figures-screen.js';
import { DynamoFiguresStore } from '../../lib/adapters/dynamo/figures-store.js';
import { DynamoAgentsStore } from '../../lib/adapters/dynamo/agents-store.js';
import { fileReport } from '../../lib/use-cases/file-report.js';
import { rebuildFigures } from '../../lib/figures/update-figures.js';
import { monthOf } from '../../lib/figures/contribution.js';
import { changeCase } from '../../lib/cases/change-case.js';
import { actorOf } from '../../lib/cases/plan.js';
import { planAcknowledge } from '../../lib/cases/plans.js';
import { ConsoleClient, createConsoleTestSystem, ORIGIN, type ConsoleTestSystem } from '../support/console.js';

let system: ConsoleTestSystem;
const refs: Record<string, string[]> = { '5201': [], '5203': [] };

beforeAll(async () => {
  system = await createConsoleTestSystem();
  const figures = new DynamoFiguresStore(system.stores.table);
  // As functions/console.ts mounts it.
  system.app = createConsoleApp(system.console, { secureCookies: false, origin: ORIGIN, rpName: 'test' }, [{
    path: '/figures', css: figuresScreenCss,
    routes: figuresScreen({ figures, agents: new DynamoAgentsStore(system.stores.table), accessLog: system.console.accessLog, cases: system.stores.cases, cipher: system.cipher, clock: system.clock, directory: system.console.directory }),
  }]);
  let n = 0;
  for (const regency of ['5201', '5203', '5203'] as const) {
    const filed = await fileReport(system.deps, {
      channel: 'web', intakeKey: `console-fig-${++n}`, reporterType: 'family', contact: `+6281277700${n}0`, category: 'unpaid_wages', homeRegency: regency,
      description: 'Gaji tidak dibayar, rahasia pekerja',
    });
    refs[regency]!.push(filed.case.reference);
  }
  const month = monthOf(system.clock.now().toISOString());
  await rebuildFigures({ figures, policy: system.deps.policy }, month, month);
});

afterAll(async () => {
  await system.drop();
});

const today = () => system.clock.now().toISOString().slice(0, 10);

describe('figures in the console', () => {
  it('show the province desk all of NTB and record each CSV export in the access log', async () => {
    const desk = new ConsoleClient(system);
    await desk.signIn('+6281100005200', '5200');
    const page = await (await desk.get('/console/figures')).text();
    expect(page).toContain('Lombok Timur');
    expect(page).toContain('Lombok Barat');
    expect(page).toContain('<svg');

    const figuresCsv = await desk.get('/console/figures/figures.csv');
    expect(figuresCsv.headers.get('content-type')).toMatch(/text\/csv/);
    // Names, not codes: the regency, category, channel and level as a meeting reads them.
    expect(await figuresCsv.text()).toMatch(/\n\d{4}-\d{2},Lombok Timur,Gaji tidak dibayar,Formulir web,Kabupaten\/kota,2,/);
    const casesCsv = await (await desk.get('/console/figures/cases.csv')).text();
    for (const ref of [...refs['5201']!, ...refs['5203']!]) expect(casesCsv).toContain(ref);
    expect(casesCsv).not.toMatch(/6281277700|rahasia/);

    const log = await system.console.accessLog.day(today(), 100);
    const exports = log.entries.filter((e) => e.action === 'exported' && e.officialId === 'prov-ntb');
    expect(exports.map((e) => e.reference).sort()).toEqual(['cases.csv', 'figures.csv']);
  });

  it('show a regency officer only their regency, and no agent names', async () => {
    const officer = new ConsoleClient(system, '192.0.2.11');
    await officer.signIn('+6281100005001', '0101');
    const page = await (await officer.get('/console/figures')).text();
    expect(page).toContain('Lombok Barat');
    expect(page).not.toContain('Lombok Timur');
    const casesCsv = await (await officer.get('/console/figures/cases.csv')).text();
    expect(casesCsv).toContain(refs['5201']![0]);
    expect(casesCsv).not.toContain(refs['5203']![0]);
    expect((await officer.get('/console/figures/agents')).status).toBe(403);
  });

  it('let an official record the agent a worker named on a case they may see, and only there', async () => {
    const officer = new ConsoleClient(system, '192.0.2.12');
    await officer.signIn('+6281100005001', '0101');
    const csrf = await officer.csrf();
    const ok = await officer.post('/console/figures/agent', { csrf, reference: refs['5201']![0]!, agentName: 'PT. Maju Jaya' });
    expect(ok.status).toBe(303);
    expect((await system.store.getCaseByReference(refs['5201']![0]!))?.agentName).toBe('PT. Maju Jaya');
    // Back on the case page, which says it was recorded.
    const back = await officer.get(ok.headers.get('location')!);
    expect(await back.text()).toContain('Nama agen/calo dicatat.');
    const elsewhere = await officer.post('/console/figures/agent', { csrf, reference: refs['5203']![0]!, agentName: 'PT. Maju Jaya' });
    expect(elsewhere.status).toBe(404);
    expect((await system.store.getCaseByReference(refs['5203']![0]!))?.agentName).toBeUndefined();
    const noCsrf = await officer.post('/console/figures/agent', { reference: refs['5201']![0]!, agentName: 'Calo Amir' });
    expect(noCsrf.status).toBe(403);
  });

  it('do not let a regency officer overwrite the agent on a case BP3MI holds (the rank rule, as for every other change)', async () => {
    const reference = refs['5203']![1]!;
    const bp3mi = (await system.console.directory.listOfficials()).find((o) => o.id === 'bp3mi-ntb')!;
    const now = system.clock.now();
    const taken = await changeCase(system.deps, (await system.store.getCaseByReference(reference))!, (c) => planAcknowledge(c, {
      official: bp3mi, actor: actorOf(bp3mi), at: now.toISOString(), now, policy: system.deps.policy, via: 'console',
    }, 'unheld'), { at: now.toISOString() });
    expect(taken.kind).toBe('changed');
    const holder = new ConsoleClient(system, '192.0.2.14');
    await holder.signIn('+6281100005300', '5300');
    expect((await holder.post('/console/figures/agent', { csrf: await holder.csrf(), reference, agentName: 'PT Yang Dicatat BP3MI' })).status).toBe(303);
    const before = (await system.store.getCaseByReference(reference))!;

    const officer = new ConsoleClient(system, '192.0.2.13');
    await officer.signIn('+6281100005003', '0303');
    const res = await officer.post('/console/figures/agent', { csrf: await officer.csrf(), reference, agentName: 'Calo Lain' });
    expect(res.status).toBe(409);
    expect(await res.text()).toContain('sudah ditangani petugas lain');
    const after = (await system.store.getCaseByReference(reference))!;
    expect(after.agentName).toBe('PT Yang Dicatat BP3MI');
    expect(after.version).toBe(before.version);
  });
});
