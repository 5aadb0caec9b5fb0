/**
 * `npm run bench`: speed, cost and size figures against DynamoDB Local, each next to its target.
 * A report, not a gate: it exits 0 even when a target fails, and says so plainly.
 */
import { cpus } from 'node:os';
import { performance } from 'node:perf_hooks';
import { startBenchSystem, muteStructuredLogs } from './system.js';
import type { IntakeResult } from './sms-intake.js';
import { monthlyCost, NTB_WORKLOAD, PRICES, type UnitCosts } from './cost.js';
import { section, table, verdict, type TargetRow } from './report.js';
import { fmtMs, fmtNum } from './stats.js';
import type { OperationSummary } from './operations.js';

const TARGETS = {
  ussdStepP99Ms: 5,
  overheadRatio: 1.5,
  bundleKb: 250,
  initMs: 60,
  alertP99Ms: 2000,
  figuresRenderP95Ms: 100,
};

function figuresTargets(figs: import('./figures.js').FiguresBench): TargetRow[] {
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
      figure: worst ? `${fmtMs(worst.p95Ms)} (${worst.label}); ${figs.renders.reduce((a, r) => a + r.scans, 0)} Scans` : 'n/a',
      target: `< ${TARGETS.figuresRenderP95Ms} ms, no Scan`,
      pass: worst ? worst.p95Ms < TARGETS.figuresRenderP95Ms && figs.renders.every((r) => r.scans === 0) : undefined,
    },
  ];
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
const logs = muteStructuredLogs();
const print = (s = '') => logs.print(`${s}\n`);
const progress = (s: string) => process.stderr.write(`bench: ${s}\n`);

progress('starting DynamoDB Local');
const sys = await startBenchSystem();
// Measurement modules import the application, whose config is read once from the environment at
// first import: they are loaded only now that the environment points at this DynamoDB Local.
const { ussdRequestCosts, ussdScreenInProcess } = await import('./ussd-screen.js');
const { ussdOverHttp } = await import('./ussd-http.js');
const { smsIntakeThroughput } = await import('./sms-intake.js');
const { smsRequestCosts } = await import('./request-costs.js');
const { alertLatency } = await import('./alert-latency.js');
const { measureBundles } = await import('./bundles.js');
const { figuresBench } = await import('./figures.js');
try {
  progress('USSD screens');
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
  // Paced at 5 reports a second (NTB's real rate is a few an hour), then a burst to show queueing.
  const alerts = await alertLatency(sys, { reports: 60, gapMs: 200, timeoutMs: 15_000 });
  const burst = await alertLatency(sys, { reports: 100, gapMs: 0, timeoutMs: 30_000 });

  progress('figures: 10,000 seeded cases, cost per case change, dashboard and /statistik');
  const figs = await figuresBench(sys, { cases: 10_000, sample: 100, renders: 40 });

  progress('bundles and module initialisation');
  const { bundles, sdkBaseline, sdkAws } = await measureBundles({ STAGE: 'local', DYNAMODB_ENDPOINT: sys.dynamo.endpoint, TABLE_NAME: sys.tableName, LOG_LEVEL: 'ERROR' });

  const ops: OperationSummary[] = [...ussdOps, ...requestOps, ...alerts.notifier];
  const worstOverhead = ops.filter((o) => !Number.isNaN(o.overheadRatio)).sort((a, b) => b.overheadRatio - a.overheadRatio)[0];
  const biggest = [...bundles].sort((a, b) => b.kb - a.kb)[0]!;
  const slowest = [...bundles].filter((b) => !b.initError).sort((a, b) => b.initMedianMs - a.initMedianMs)[0];
  // Own code = the bundle's import time less the AWS SDK client it loads from the runtime.
  const ownInit = (b: { initMedianMs: number }) => Math.max(0, b.initMedianMs - sdkBaseline);
  const initFailures = bundles.filter((b) => b.initError);

  print(`pmi-hotline bench  ${new Date().toISOString()}  node ${process.version}  ${cpus()[0]?.model ?? ''} x${cpus().length}`);
  print('All figures from this machine against DynamoDB Local on loopback: they compare builds, they do not predict AWS latency.');

  print(section('Targets'));
  const rows: TargetRow[] = [
    {
      measure: 'USSD intermediate step, in-process (p99)',
      figure: `${fmtMs(ussdLocal.p99Ms)} (median ${fmtMs(ussdLocal.medianMs)}); use case p99 ${fmtMs(ussdLocal.useCaseP99Ms)}, ${ussdLocal.dynamoCalls} DynamoDB calls`,
      target: `< ${TARGETS.ussdStepP99Ms} ms, 0 DynamoDB calls`,
      pass: ussdLocal.p99Ms < TARGETS.ussdStepP99Ms && ussdLocal.useCaseP99Ms < TARGETS.ussdStepP99Ms && ussdLocal.dynamoCalls === 0,
    },
    {
      measure: 'Handler overhead over its DynamoDB calls (worst op, median)',
      figure: worstOverhead ? `${fmtNum(worstOverhead.overheadRatio, 2)}x (${worstOverhead.label})` : 'n/a',
      target: `< ${TARGETS.overheadRatio}x`,
      pass: worstOverhead ? worstOverhead.overheadRatio < TARGETS.overheadRatio : undefined,
    },
    {
      measure: 'Largest function bundle',
      figure: `${fmtNum(biggest.kb)} KB (${biggest.name})`,
      target: `< ${TARGETS.bundleKb} KB each`,
      pass: bundles.every((b) => b.kb < TARGETS.bundleKb),
    },
    {
      measure: 'Slowest module initialisation, own code (median of 5)',
      figure: initFailures.length
        ? `${initFailures.map((b) => b.name).join(', ')} failed to import`
        : slowest ? `${fmtMs(ownInit(slowest))} (${slowest.name}); ${fmtMs(slowest.initMedianMs)} with the SDK's DynamoDB client` : 'n/a',
      target: `< ${TARGETS.initMs} ms each`,
      pass: initFailures.length ? false : bundles.every((b) => ownInit(b) < TARGETS.initMs),
    },
    {
      measure: 'Alert latency, case stored -> official SMS (p99, 5 reports/s)',
      figure: `${fmtMs(alerts.p99Ms)} (median ${fmtMs(alerts.medianMs)}; ${alerts.alerted}/${alerts.reports} alerted)`,
      target: `< ${TARGETS.alertP99Ms} ms, all alerted`,
      pass: alerts.alerted === alerts.reports && alerts.p99Ms < TARGETS.alertP99Ms,
    },
    ...figuresTargets(figs),
  ];
  print(table(['Measure', 'Figure', 'Target', 'Result'], rows.map((r) => [r.measure, r.figure, r.target, verdict(r.pass)])));
  const failed = rows.filter((r) => r.pass === false);
  print(failed.length ? `\n${failed.length} TARGET(S) FAILED: ${failed.map((r) => r.measure).join('; ')}` : '\nAll measured targets met.');

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

  print(section(`Figures (${figs.seeded.toLocaleString('en-US')} seeded cases over 12 months)`));
  print(table(['Case change', 'Cases in table', 'Requests/case', 'RCU/case', 'WCU/case', 'Commands'], figs.costs.map((c) => [
    c.label, c.cases.toLocaleString('en-US'), fmtNum(c.requestsPerCase, 2), fmtNum(c.readUnitsPerCase, 2), fmtNum(c.writeUnitsPerCase, 2), c.commands,
  ])));
  print(table(['Render (from the counters)', 'Runs', 'Median', 'p95', 'DynamoDB requests', 'Commands', 'Scans', 'Bytes'], figs.renders.map((r) => [
    r.label, String(r.runs), fmtMs(r.medianMs), fmtMs(r.p95Ms), String(r.requests), r.commands, String(r.scans), String(r.bytes),
  ])));
  print(`Seeding took ${fmtNum(figs.seedSeconds, 1)} s; the rebuild from the cases (npm run figures:rebuild) took ${fmtNum(figs.rebuildSeconds, 1)} s with ${figs.rebuildQueries} Queries on the cases-by-month index and ${figs.rebuildScans} Scans.`);

  print(section('Function bundles (esbuild, options of infra/hotline-stack.ts) and module initialisation'));
  print(table(['Function', 'Size', 'Init median', 'Own code', 'Init max', 'Largest parts'], bundles.map((b) => [
    b.name, `${fmtNum(b.kb)} KB`, b.initError ? 'FAILED' : fmtMs(b.initMedianMs), b.initError ? '' : fmtMs(ownInit(b)), b.initError ? b.initError : fmtMs(b.initMaxMs), b.largest,
  ])));
  print('Init = time for a fresh node process to import the bundle (AWS SDK from node_modules, as the Lambda runtime provides it).');
  print(`Own code = init less the AWS SDK's DynamoDB client, which the bundle loads from the runtime: that import alone takes ${fmtMs(sdkBaseline)} here.`);
  print(`In AWS the wiring also loads the KMS, SNS and Secrets Manager clients (with DynamoDB: ${fmtMs(sdkAws)} here) and reads two secrets.`);

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
  print(section('Monthly cost estimate at NTB scale (ESTIMATE)'));
  print(`Prices: ${PRICES.asOf}. Check the AWS pricing pages before budgeting.`);
  const w = NTB_WORKLOAD;
  print(`Assumptions: ${w.reportsPerMonth.toLocaleString('en-US')} reports/month, ${w.ussdScreensPerMonth.toLocaleString('en-US')} USSD screens, ` +
    `${w.statusLookupsPerReport} status lookup/report, SMS per report: ${w.reporterSmsPerReport} to the reporter + ${w.officialSmsPerReport} alerts; ` +
    `${w.notifierRecordsPerReport} stream records/report; escalator every 5 min; 256 MB arm64, ${w.billedMsPerInvocation} ms billed/invocation; ` +
    `DynamoDB units per operation as measured above (DynamoDB Local's accounting; GSI writes may be missing).`);
  print(table(['Compute and storage', 'Volume', 'USD/month'], [
    ...cost.compute.map((l) => [l.item, l.detail, l.usd.toFixed(2)]),
    ['Subtotal (without SMS)', '', total(cost.compute).toFixed(2)],
  ]));
  print('');
  print(table(['SMS', 'Volume', 'USD/month'], [
    ...cost.sms.map((l) => [l.item, l.detail, l.usd.toFixed(2)]),
    ['Subtotal SMS', `${PRICES.smsIndonesiaPerMessage} USD per message assumed`, total(cost.sms).toFixed(2)],
  ]));
  print(`\nTotal estimate: ${(total(cost.compute) + total(cost.sms)).toFixed(2)} USD/month, of which SMS ${(total(cost.sms)).toFixed(2)}.`);
  print(`\nBench finished in ${((performance.now() - started) / 1000).toFixed(0)} s; ${logs.dropped()} structured log lines were written and dropped from this report.`);
} finally {
  await sys.stop();
  logs.restore();
}
process.exit(0);
