/**
 * `npm run bench`: speed, cost and size figures against DynamoDB Local, each next to its target.
 * It prints the whole report whatever happens, then exits 1 when any target FAILs (2 when the bench
 * itself broke), so a script or CI step running it fails with the target.
 */
import { cpus, loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import { startBenchSystem, muteStructuredLogs } from './system.js';
import type { IntakeResult } from './sms-intake.js';
import { monthlyCost, NTB_WORKLOAD, PRICES, type UnitCosts } from './cost.js';
import { exitCodeFor, section, table, verdict, type TargetRow } from './report.js';
import { fmtMs, fmtNum } from './stats.js';
import type { OperationSummary } from './operations.js';

/**
 * Every time target is a ratio to a floor measured in the same run, next to the measurement it judges
 * (issue 18): this VM's speed moves by a third from minute to minute, so an absolute time would FAIL
 * in a slow minute and could hide a regression in a fast one. The absolute figures are printed for
 * the record. Floors: the reference bundle of three SDK clients for cold starts (measured interleaved
 * with the functions), one DynamoDB GetItem round trip (floor.ts) for what waits on DynamoDB. The
 * DynamoDB ratios are the former absolute targets over the floor of a quiet minute (2 ms): 5 ms for a
 * USSD step was 2.5x (now: under one round trip, which an answer from `text` alone must be), 2 s for
 * an alert 1000x, 100 ms for a console page or a figures render 50x.
 */
const TARGETS = {
  ussdStepFloorRatio: 1,
  overheadRatio: 1.5,
  /** The SDK is bundled (see infra/constructs/hotline-function.ts): 1 MB leaves room and keeps uploads small. */
  bundleKb: 1024,
  /** Each function's whole init, median, at most this multiple of the three-client reference's. */
  initRatio: 1.5,
  computeUsd: 3,
  alertP99FloorRatio: 1000,
  consolePageP95FloorRatio: 50,
  figuresRenderP95FloorRatio: 50,
  /**
   * Issue 20 asks for a median under 0.2 ms per message; as a ratio to the floor measured in the same
   * run (splitting the message into normalised words), 150x is 0.2 ms on the machine the target was set on.
   */
  placesRatio: 150,
  /** DynamoDB requests per operation, at most (issue 11; a new report at most 2 by every door, issues 18 and 21). */
  requests: { 'sms-inbound LAPOR': 2, 'sms-inbound STATUS': 3, 'ussd final step': 2 } as Record<string, number>,
};

/**
 * Timed runs per figures render: its p95 is the 95th of 100 (the 6th slowest), not the 38th of 40
 * (the 3rd slowest), so that two slow requests in a loaded second no longer decide the figure.
 */
const FIGURES_RENDERS = 100;

function figuresTargets(figs: import('./figures.js').FiguresBench, floorMs: number): TargetRow[] {
  const at = (cases: number) => figs.costs.filter((c) => c.cases === cases);
  const small = at(Math.min(...figs.costs.map((c) => c.cases)));
  const large = at(figs.seeded);
  const same = small.length > 0 && small.every((s, i) => Math.abs(s.requestsPerCase - large[i]!.requestsPerCase) < 0.05 && Math.abs(s.writeUnitsPerCase - large[i]!.writeUnitsPerCase) < 0.05);
  const worst = [...figs.renders].sort((a, b) => b.p95Ms - a.p95Ms)[0];
  const newCase = large.find((c) => c.label === 'new case');
  return [
    {
      measure: 'Figures per case change, 1,000 vs 10,000 cases',
      figure: newCase ? `new case ${fmtNum(newCase.requestsPerCase, 1)} requests, ${fmtNum(newCase.writeUnitsPerCase, 1)} WCU; ${same ? 'same' : 'DIFFERENT'} at both sizes` : 'n/a',
      target: 'independent of the number of cases, no Scan',
      pass: same && figs.costs.every((c) => !c.commands.includes('Scan')),
    },
    {
      measure: 'Dashboard and /statistik render at 10,000 cases (slowest p95)',
      figure: worst ? `${fmtNum(worst.p95Ms / floorMs, 1)}x the floor: ${fmtMs(worst.p95Ms)} (${worst.label}) over ${fmtMs(floorMs)}; ${figs.renders.reduce((a, r) => a + r.scans, 0)} Scans` : 'n/a',
      target: `< ${TARGETS.figuresRenderP95FloorRatio}x the DynamoDB floor, no Scan`,
      pass: worst ? worst.p95Ms < TARGETS.figuresRenderP95FloorRatio * floorMs && figs.renders.every((r) => r.scans === 0) : undefined,
    },
  ];
}

type PageFigures = import('./console.js').PageFigures;

function consolePageTargets(consoleLarge: PageFigures[], floorMs: number): TargetRow[] {
  return (['queue', 'case page'] as const).map((kind): TargetRow => {
    const pages = consoleLarge.filter((f) => f.label.startsWith(kind));
    const worst = [...pages].sort((a, b) => b.p95Ms - a.p95Ms)[0]!;
    return {
      measure: `Console ${kind} through the handler at ${fmtNum(worst.cases, 0)} cases (worst p95)`,
      figure: `${fmtNum(worst.p95Ms / floorMs, 1)}x the floor: ${fmtMs(worst.p95Ms)} (p50 ${fmtMs(worst.p50Ms)}; ${worst.label}) over ${fmtMs(floorMs)}`,
      target: `< ${TARGETS.consolePageP95FloorRatio}x the DynamoDB floor`,
      pass: pages.every((f) => f.p95Ms < TARGETS.consolePageP95FloorRatio * floorMs),
    };
  });
}

function consoleRequestsTarget(consoleSmall: PageFigures[], consoleLarge: PageFigures[]): TargetRow {
  return {
    measure: 'Console DynamoDB requests per page, 1,000 vs 10,000 cases',
    figure: consoleLarge.map((f, i) => `${fmtNum(consoleSmall[i]!.requestsPerPage, 1)} -> ${fmtNum(f.requestsPerPage, 1)}`).join('; '),
    target: 'the same at both sizes (no Scan)',
    pass: consoleLarge.every((f, i) => f.requestsPerPage === consoleSmall[i]!.requestsPerPage && !f.commands.includes('Scan')),
  };
}

function consoleSection(consoleSmall: PageFigures[], consoleLarge: PageFigures[]): string {
  return [
    section('Console pages (the console handler in-process; cases seeded across the regencies)'),
    table(['Page', 'Cases', 'n', 'p50', 'p95', 'DynamoDB requests/page', 'Commands per page', 'Statuses'], [...consoleSmall, ...consoleLarge].map((f) => [
      f.label, fmtNum(f.cases, 0), String(f.n), fmtMs(f.p50Ms), fmtMs(f.p95Ms), fmtNum(f.requestsPerPage, 1), f.commands, f.statuses,
    ])),
    'A page = session check (session, official) + its reads; a case page also appends one access-log entry.',
  ].join('\n');
}

function figuresSection(figs: import('./figures.js').FiguresBench): string {
  return [
    section(`Figures (${figs.seeded.toLocaleString('en-US')} seeded cases over 12 months)`),
    table(['Case change', 'Cases in table', 'Requests/case', 'RCU/case', 'WCU/case', 'Commands'], figs.costs.map((c) => [
      c.label, c.cases.toLocaleString('en-US'), fmtNum(c.requestsPerCase, 2), fmtNum(c.readUnitsPerCase, 2), fmtNum(c.writeUnitsPerCase, 2), c.commands,
    ])),
    table(['Render (from the counters)', 'First run', 'Runs', 'Median', 'p95', 'DynamoDB requests', 'Commands', 'Scans', 'Bytes'], figs.renders.map((r) => [
      r.label, fmtMs(r.firstMs), String(r.runs), fmtMs(r.medianMs), fmtMs(r.p95Ms), String(r.requests), r.commands, String(r.scans), String(r.bytes),
    ])),
    `Floor for the renders: one GetItem round trip, 60 right before the timed renders and 60 right after, median ${fmtMs(figs.floor.medianMs)}, p95 ${fmtMs(figs.floor.p95Ms)} (${figs.floor.samples} samples); each render runs ${figs.warmUpRuns} times before its timed runs (the first of them is the "First run" column: a fresh function's request, before the memo of the suppressed months).`,
    `Seeding took ${fmtNum(figs.seedSeconds, 1)} s; the rebuild from the cases (npm run figures:rebuild) took ${fmtNum(figs.rebuildSeconds, 1)} s with ${figs.rebuildQueries} Queries on the cases-by-month index and ${figs.rebuildScans} Scans.`,
  ].join('\n');
}

function ussdScreenUnits(ussd: OperationSummary[]): { read: number; write: number } {
  const n = ussd.reduce((a, o) => a + o.invocations, 0);
  if (!n || ussd.some((o) => o.requestsPerOp > 0 && !o.capacityReported)) return { read: 1, write: 1 };
  return {
    read: ussd.reduce((a, o) => a + o.readUnitsPerOp * o.invocations, 0) / n,
    write: ussd.reduce((a, o) => a + o.writeUnitsPerOp * o.invocations, 0) / n,
  };
}

const started = performance.now();
const startLoad = loadavg().map((l) => l.toFixed(1)).join(', ');
const logs = muteStructuredLogs();
const print = (s = '') => logs.print(`${s}\n`);
const progress = (s: string) => process.stderr.write(`bench: ${s}\n`);

/**
 * `npm run bench -- --only console` (or `figures`): that part alone, measured exactly as in the full
 * run, with its targets, to check a change to it in a few minutes. `npm run bench` still runs everything.
 */
const PARTS = ['console', 'figures'] as const;
const onlyAt = process.argv.indexOf('--only');
const only = onlyAt < 0 ? undefined : process.argv[onlyAt + 1];
if (only !== undefined && !PARTS.includes(only as (typeof PARTS)[number])) {
  process.stderr.write(`bench: --only takes one of ${PARTS.join(', ')}\n`);
  process.exit(2);
}

progress('starting DynamoDB Local');
const sys = await startBenchSystem();
/** 1 once a target FAILed (exitCodeFor), 2 when the bench itself broke. */
let exitCode = 0;
const { ussdRequestCosts, ussdScreenInProcess } = await import('./ussd-screen.js');
const { ussdOverHttp } = await import('./ussd-http.js');
const { smsIntakeThroughput } = await import('./sms-intake.js');
const { smsRequestCosts } = await import('./request-costs.js');
const { alertLatency } = await import('./alert-latency.js');
const { measureBundles, COLD_START_RUNS } = await import('./bundles.js');
const { consolePages, seedCases } = await import('./console.js');
const { figuresBench } = await import('./figures.js');
const { placesBench } = await import('./places.js');
const { dynamoFloor } = await import('./floor.js');
if (only) {
  try {
    let rows: TargetRow[];
    let report: string;
    let floorMs: number;
    if (only === 'console') {
      progress('console: seeding 1,000 cases, then pages');
      await seedCases(sys, 1_000);
      const consoleSmall = await consolePages(sys);
      progress('console: seeding 9,000 more cases (10,000), then pages');
      await seedCases(sys, 9_000);
      const consoleFloor = await dynamoFloor(sys);
      const consoleLarge = await consolePages(sys);
      floorMs = consoleFloor.medianMs;
      rows = [...consolePageTargets(consoleLarge, floorMs), consoleRequestsTarget(consoleSmall, consoleLarge)];
      report = consoleSection(consoleSmall, consoleLarge);
    } else {
      progress('figures: 10,000 seeded cases, cost per case change, dashboard and /statistik');
      const figs = await figuresBench(sys, { cases: 10_000, sample: 100, renders: FIGURES_RENDERS });
      floorMs = figs.floor.medianMs;
      rows = figuresTargets(figs, floorMs);
      report = figuresSection(figs);
    }
    print(`pmi-hotline bench --only ${only}  ${new Date().toISOString()}  node ${process.version}  ${cpus()[0]?.model ?? ''} x${cpus().length}  load average at start ${startLoad}`);
    print(section('Targets'));
    print(table(['Measure', 'Figure', 'Target', 'Result'], rows.map((r) => [r.measure, r.figure, r.target, verdict(r.pass)])));
    print(`DynamoDB floor (one GetItem round trip, median): ${fmtMs(floorMs)}.`);
    exitCode = exitCodeFor(rows);
    print(report);
    print(`\nBench part finished in ${((performance.now() - started) / 1000).toFixed(0)} s; load average at the end ${loadavg().map((l) => l.toFixed(1)).join(', ')}.`);
  } catch (error) {
    process.stderr.write(`bench: failed: ${error instanceof Error ? error.stack ?? error.message : String(error)}\n`);
    exitCode = 2;
  } finally {
    await sys.stop();
    logs.restore();
  }
  process.exit(exitCode);
}
try {
  progress('USSD screens');
  const ussdFloor = await dynamoFloor(sys);
  const ussdLocal = await ussdScreenInProcess(sys, 5_000);
  const http = await sys.startHttp();
  const ussdHttp = await ussdOverHttp(sys, http.base, 40);
  const ussdOps = await ussdRequestCosts(sys, 40);

  progress('SMS intake throughput');
  // DynamoDB Local (Java) and V8 both need a warm-up, or the first level measures the JIT.
  await smsIntakeThroughput(sys, 8, { maxCases: 200, maxSeconds: 4 });
  const intake: IntakeResult[] = [];
  for (const concurrency of [1, 8, 32]) intake.push(await smsIntakeThroughput(sys, concurrency, { maxCases: 1_000, maxSeconds: 6 }));

  progress('DynamoDB requests per operation');
  const requestOps = await smsRequestCosts(sys, 100);

  progress('alert latency through the stream');
  const alertFloor = await dynamoFloor(sys);
  // Paced at 5 reports a second (NTB's real rate is a few an hour), then a burst to show queueing.
  const alerts = await alertLatency(sys, { reports: 60, gapMs: 200, timeoutMs: 15_000 });
  const burst = await alertLatency(sys, { reports: 100, gapMs: 0, timeoutMs: 30_000 });

  progress('console: seeding 1,000 cases, then pages');
  await seedCases(sys, 1_000);
  // The same requests at both sizes, from the same state (console.ts): only the number of cases differs.
  const consoleSmall = await consolePages(sys);
  progress('console: seeding 9,000 more cases (10,000), then pages');
  await seedCases(sys, 9_000);
  const consoleFloor = await dynamoFloor(sys);
  const consoleLarge = await consolePages(sys);
  progress('figures: 10,000 seeded cases, cost per case change, dashboard and /statistik');
  const figs = await figuresBench(sys, { cases: 10_000, sample: 100, renders: FIGURES_RENDERS });
  const figuresFloor = figs.floor;

  progress('reading places in report texts');
  const places = placesBench();

  progress('WhatsApp: webhook, DynamoDB requests, messaging cost');
  const { whatsappBench, whatsappTargetRows, whatsappSection } = await import('./whatsapp.js');
  const whatsapp = await whatsappBench(sys, { n: 60, workload: NTB_WORKLOAD });

  progress('bundles and module initialisation');
  const { bundles, reference, requestsDuringInit } = await measureBundles();

  const ops: OperationSummary[] = [...ussdOps, ...requestOps, ...alerts.notifier];
  const worstOverhead = ops.filter((o) => !Number.isNaN(o.overheadRatio)).sort((a, b) => b.overheadRatio - a.overheadRatio)[0];
  const biggest = [...bundles].sort((a, b) => b.kb + b.lazyKb - (a.kb + a.lazyKb))[0]!;
  const slowest = [...bundles].filter((b) => !b.initError).sort((a, b) => b.initMedianMs - a.initMedianMs)[0];
  const initRatio = (b: { initMedianMs: number }) => b.initMedianMs / reference.initMedianMs;
  const initFailures = bundles.filter((b) => b.initError);

  const unit = (label: string) => ops.find((o) => o.label.startsWith(label));
  const units = (o: OperationSummary | undefined, fallback: { read: number; write: number }) =>
    o && o.capacityReported ? { read: o.readUnitsPerOp, write: o.writeUnitsPerOp } : fallback;
  const notifierOps = alerts.notifier;
  const notifierCalls = notifierOps.reduce((a, o) => a + o.invocations, 0);
  const unitCosts: UnitCosts = {
    smsReport: units(unit('sms-inbound LAPOR'), { read: 2, write: 12 }),
    statusLookup: units(unit('sms-inbound STATUS'), { read: 4, write: 4 }),
    notifierRecord: notifierCalls
      ? {
          read: notifierOps.reduce((a, o) => a + o.readUnitsPerOp * o.invocations, 0) / notifierCalls,
          write: notifierOps.reduce((a, o) => a + o.writeUnitsPerOp * o.invocations, 0) / notifierCalls,
        }
      : { read: 2, write: 4 },
    // Per screen, weighted as measured: most screens are intermediate (no DynamoDB at all).
    ussdScreen: ussdScreenUnits(ussdOps),
  };
  const cost = monthlyCost(NTB_WORKLOAD, unitCosts);
  const total = (lines: { usd: number }[]) => lines.reduce((a, l) => a + l.usd, 0);
  const computeUsd = total(cost.compute);

  print(`pmi-hotline bench  ${new Date().toISOString()}  node ${process.version}  ${cpus()[0]?.model ?? ''} x${cpus().length}  load average at start ${startLoad}`);
  print('All figures from this machine against DynamoDB Local on loopback: they compare builds, they do not predict AWS latency.');

  print(section('Targets'));
  const rows: TargetRow[] = [
    {
      measure: 'USSD intermediate step, in-process (p99)',
      figure: `${fmtMs(ussdLocal.p99Ms)} (median ${fmtMs(ussdLocal.medianMs)}); use case p99 ${fmtMs(ussdLocal.useCaseP99Ms)} = ${fmtNum(ussdLocal.useCaseP99Ms / ussdFloor.medianMs, 2)}x the floor of ${fmtMs(ussdFloor.medianMs)}, ${ussdLocal.dynamoCalls} DynamoDB calls`,
      target: `< ${TARGETS.ussdStepFloorRatio}x the DynamoDB floor (one round trip), 0 DynamoDB calls`,
      pass: Math.max(ussdLocal.p99Ms, ussdLocal.useCaseP99Ms) < TARGETS.ussdStepFloorRatio * ussdFloor.medianMs && ussdLocal.dynamoCalls === 0,
    },
    {
      measure: 'Handler overhead over its DynamoDB calls (worst op, median)',
      figure: worstOverhead ? `${fmtNum(worstOverhead.overheadRatio, 2)}x (${worstOverhead.label})` : 'n/a',
      target: `< ${TARGETS.overheadRatio}x`,
      pass: worstOverhead ? worstOverhead.overheadRatio < TARGETS.overheadRatio : undefined,
    },
    {
      measure: 'Largest function bundle (entry + lazily loaded chunks)',
      figure: `${fmtNum(biggest.kb + biggest.lazyKb)} KB (${biggest.name}: ${fmtNum(biggest.kb)} KB read at cold start)`,
      target: `< ${TARGETS.bundleKb} KB each`,
      pass: bundles.every((b) => b.kb + b.lazyKb < TARGETS.bundleKb),
    },
    {
      measure: `Cold start, whole init: bundle import + every AWS SDK client it builds (fresh node, median of ${COLD_START_RUNS}), against the three-client reference of the same run`,
      figure: initFailures.length
        ? `${initFailures.map((b) => b.name).join(', ')} failed to import`
        : slowest ? `highest ${fmtNum(initRatio(slowest), 2)}x (${slowest.name}: ${fmtMs(slowest.initMedianMs)} over ${fmtMs(reference.initMedianMs)}); ${bundles.map((b) => `${b.name} ${fmtNum(initRatio(b), 2)}x`).join(', ')}; ${fmtMs(slowest.runtimeSdkInitMedianMs)} with the runtime's SDK` : 'n/a',
      target: `<= ${TARGETS.initRatio}x the reference each`,
      pass: initFailures.length ? false : bundles.every((b) => initRatio(b) <= TARGETS.initRatio),
    },
    {
      measure: 'Alert latency, case stored -> official SMS (p99, 5 reports/s)',
      figure: `${fmtNum(alerts.p99Ms / alertFloor.medianMs, 0)}x the floor: ${fmtMs(alerts.p99Ms)} (median ${fmtMs(alerts.medianMs)}) over ${fmtMs(alertFloor.medianMs)}; ${alerts.alerted}/${alerts.reports} alerted`,
      target: `< ${TARGETS.alertP99FloorRatio}x the DynamoDB floor, all alerted`,
      pass: alerts.alerted === alerts.reports && alerts.p99Ms < TARGETS.alertP99FloorRatio * alertFloor.medianMs,
    },
    ...figuresTargets(figs, figuresFloor.medianMs),
    ...whatsappTargetRows(whatsapp),
    {
      measure: `Reading home regency and country from an SMS (median of ${fmtNum(places.messages, 0)} corpus messages)`,
      figure: `${fmtMs(places.medianMs)} (p99 ${fmtMs(places.p99Ms)}): ${fmtNum(places.ratio, 1)}x the floor of ${fmtMs(places.floorMedianMs)} (words only)`,
      target: `< ${TARGETS.placesRatio}x the floor (issue 20: < 0.2 ms)`,
      pass: places.ratio < TARGETS.placesRatio,
    },
    ...Object.entries(TARGETS.requests).map(([label, most]): TargetRow => {
      const op = ops.find((o) => o.label.startsWith(label));
      return {
        measure: `DynamoDB requests, ${op?.label ?? label}`,
        figure: op ? `at most ${op.maxRequestsPerOp} (mean ${fmtNum(op.requestsPerOp, 1)}: ${op.commands})` : 'not measured',
        target: `<= ${most} per request`,
        pass: op ? op.maxRequestsPerOp <= most : undefined,
      };
    }),
    ...consolePageTargets(consoleLarge, consoleFloor.medianMs),
    {
      measure: 'Compute and storage, NTB estimate (DynamoDB units as measured above)',
      figure: `${computeUsd.toFixed(2)} USD/month`,
      target: `< ${TARGETS.computeUsd} USD`,
      pass: computeUsd < TARGETS.computeUsd,
    },
    consoleRequestsTarget(consoleSmall, consoleLarge),
  ];
  print(table(['Measure', 'Figure', 'Target', 'Result'], rows.map((r) => [r.measure, r.figure, r.target, verdict(r.pass)])));
  print(`DynamoDB floor (one GetItem round trip, median / p95), measured next to each: USSD ${fmtMs(ussdFloor.medianMs)} / ${fmtMs(ussdFloor.p95Ms)}, alerts ${fmtMs(alertFloor.medianMs)} / ${fmtMs(alertFloor.p95Ms)}, console ${fmtMs(consoleFloor.medianMs)} / ${fmtMs(consoleFloor.p95Ms)}, figures ${fmtMs(figuresFloor.medianMs)} / ${fmtMs(figuresFloor.p95Ms)}. Cold-start reference ${fmtMs(reference.initMedianMs)}.`);
  const failed = rows.filter((r) => r.pass === false);
  exitCode = exitCodeFor(rows);
  print(failed.length ? `\n${failed.length} TARGET(S) FAILED: ${failed.map((r) => r.measure).join('; ')}` : '\nAll measured targets met.');

  print(consoleSection(consoleSmall, consoleLarge));

  print(section('USSD step latency'));
  print(table(['Path (intermediate steps)', 'Steps', 'Median', 'p99', 'Note'], [
    ['pure screen function (lib/ussd/menu.ts ussdScreen)', String(ussdLocal.steps), fmtMs(ussdLocal.medianMs), fmtMs(ussdLocal.p99Ms), ''],
    ['USSD use case (handleUssdRequest)', '500', fmtMs(ussdLocal.useCaseMedianMs), fmtMs(ussdLocal.useCaseP99Ms), `${ussdLocal.dynamoCalls} DynamoDB calls in all`],
    ['HTTP POST /ussd (local server, Lambda handler)', String(ussdHttp.steps), fmtMs(ussdHttp.medianMs), fmtMs(ussdHttp.p99Ms), `final step (files) median ${fmtMs(ussdHttp.finalMedianMs)}; ${ussdHttp.invalid} answers without CON/END`],
  ]));

  print(section('SMS intake throughput (LAPOR through the sms-inbound handler, in-process)'));
  print(table(['Concurrency', 'Cases', 'Errors', 'Seconds', 'Cases/s', 'Median', 'p99'], intake.map((r) => [
    String(r.concurrency), String(r.cases), String(r.errors), fmtNum(r.seconds, 1), fmtNum(r.casesPerSecond, 0), fmtMs(r.medianMs), fmtMs(r.p99Ms),
  ])));

  print(section('DynamoDB per operation (counted by a client middleware; ConsumedCapacity TOTAL as returned)'));
  print(table(['Operation', 'n', 'Requests/op', 'Commands per op', 'RCU/op', 'WCU/op', 'Handler median', 'Handler p99', 'DynamoDB median', 'Overhead'], ops.map((o) => [
    o.label, String(o.invocations), fmtNum(o.requestsPerOp, 1), o.commands,
    o.capacityReported ? fmtNum(o.readUnitsPerOp, 1) : 'not returned', o.capacityReported ? fmtNum(o.writeUnitsPerOp, 1) : 'not returned',
    fmtMs(o.handlerMedianMs), fmtMs(o.handlerP99Ms), fmtMs(o.dynamoMedianMs), Number.isNaN(o.overheadRatio) ? 'no calls' : `${fmtNum(o.overheadRatio, 2)}x`,
  ])));
  print('Overhead = handler wall time / time inside DynamoDB calls (parallel calls counted once), median per invocation.');
  print(`Alert latency under a burst (100 reports back to back, one poller, one record per invocation): median ${fmtMs(burst.medianMs)}, p99 ${fmtMs(burst.p99Ms)}, ${burst.alerted}/${burst.reports} alerted.`);
  print(`Stream records dead-lettered: ${alerts.deadLetters + burst.deadLetters}.`);

  print(figuresSection(figs));

  print(section('Function bundles (esbuild, options of infra/constructs/hotline-function.ts) and cold start'));
  print(table(['Function', 'Size at init', 'Lazy chunks', 'Init median', 'Init max', 'Init CPU median', 'SDK from the runtime: size', 'init median', 'Largest parts'], bundles.map((b) => [
    b.name, `${fmtNum(b.kb)} KB`, `${fmtNum(b.lazyKb)} KB`, b.initError ? 'FAILED' : fmtMs(b.initMedianMs), b.initError ? b.initError : fmtMs(b.initMaxMs), fmtMs(b.initCpuMedianMs),
    `${fmtNum(b.runtimeSdkKb)} KB`, fmtMs(b.runtimeSdkInitMedianMs), b.largest,
  ])));
  print('Init = a fresh node process imports the deployed bundle with STAGE=aws and dummy ARNs, as Lambda\'s init does: configuration, every');
  print('AWS SDK client the function builds, its secret reads started. AWS endpoints point at a loopback stand-in: nothing leaves the machine');
  print(`(${requestsDuringInit} secret reads reached it). "SDK from the runtime" = the same entry with @aws-sdk/* external, loaded from node_modules.`);
  print(`Reference, in the same runs: a bundle that only builds the DynamoDB, KMS and Secrets Manager clients (${fmtNum(reference.kb)} KB) initialises in ${fmtMs(reference.initMedianMs)}`);
  print('(median): no function that reads personal data can go below it, and it moves with the machine\'s speed as the functions do.');
  print(`Init CPU = user + system time of the same imports, all threads: it moves less than wall time when the machine is busy (load average ${loadavg().map((l) => l.toFixed(1)).join(', ')} at the end of this run).`);

  print(section('Monthly cost estimate at NTB scale (ESTIMATE)'));
  print(`Prices: ${PRICES.asOf}. Check the AWS pricing pages before budgeting.`);
  const w = NTB_WORKLOAD;
  print(`Assumptions: ${w.reportsPerMonth.toLocaleString('en-US')} reports/month, ${w.ussdScreensPerMonth.toLocaleString('en-US')} USSD screens, ` +
    `${w.statusLookupsPerReport} status lookup/report, SMS per report: ${w.reporterSmsPerReport} to the reporter + ${w.officialSmsPerReport} alerts; ` +
    `${w.notifierRecordsPerReport} stream records/report; escalator every 5 min; 256 MB arm64, ${w.billedMsPerInvocation} ms billed/invocation; ` +
    `DynamoDB units per operation as measured above (DynamoDB Local's accounting; GSI writes may be missing).`);
  print(table(['Compute and storage', 'Volume', 'USD/month'], [
    ...cost.compute.map((l) => [l.item, l.detail, l.usd.toFixed(2)]),
    ['Subtotal compute and storage', `target < ${TARGETS.computeUsd} USD: ${verdict(computeUsd < TARGETS.computeUsd)}`, computeUsd.toFixed(2)],
  ]));
  print('');
  print(table(['Monitoring', 'Volume', 'USD/month'], [
    ...cost.monitoring.map((l) => [l.item, l.detail, l.usd.toFixed(2)]),
    ['Subtotal monitoring', "list price; CloudWatch's always-free tier (10 alarms, 10 custom metrics) covers most of it in an account of its own", total(cost.monitoring).toFixed(2)],
  ]));
  print('');
  print(table(['SMS', 'Volume', 'USD/month'], [
    ...cost.sms.map((l) => [l.item, l.detail, l.usd.toFixed(2)]),
    ['Subtotal SMS', `${PRICES.smsIndonesiaPerMessage} USD per message assumed`, total(cost.sms).toFixed(2)],
  ]));
  print(`\nTotal estimate: ${(computeUsd + total(cost.monitoring) + total(cost.sms)).toFixed(2)} USD/month, of which SMS ${(total(cost.sms)).toFixed(2)}.`);
  print(whatsappSection(whatsapp, NTB_WORKLOAD.reportsPerMonth));
  print(`\nBench finished in ${((performance.now() - started) / 1000).toFixed(0)} s; ${logs.dropped()} structured log lines were written and dropped from this report.`);
} catch (error) {
  // The report could not be completed: not a pass. The stack goes to stderr, where progress goes.
  process.stderr.write(`bench: failed: ${error instanceof Error ? error.stack ?? error.message : String(error)}\n`);
  exitCode = 2;
} finally {
  await sys.stop();
  logs.restore();
}
// Open handles (DynamoDB Local's sockets, pollers) must not keep the process alive after the report.
process.exit(exitCode);
