/**
 * Issue 21's figures for the WhatsApp door: messaging cost per report and per month, SMS only against
 * the WhatsApp-first rule (lib/whatsapp/channel-choice.ts), with the shares and prices stated; webhook
 * handling in-process against floors measured in the same run; DynamoDB requests per inbound message.
 * Part of `npm run bench` (main.ts); alone: `node --import tsx test/bench/whatsapp.ts`.
 */
import { performance } from 'node:perf_hooks';
import { randomBytes } from 'node:crypto';
import type { Context } from 'aws-lambda';
import type { HttpEvent, HttpResult } from '../../lib/http/api.js';
import { signBody } from '../../lib/whatsapp/signature.js';
import { deliverMessage } from '../../lib/use-cases/deliver-message.js';
import { PRICES } from './cost.js';
import { dynamoFloor } from './floor.js';
import { summarise, type OperationSample, type OperationSummary } from './operations.js';
import { section, table, verdict, type TargetRow } from './report.js';
import { fmtMs, fmtNum, median, percentile } from './stats.js';
import { formEvent, laporForm, nextPhone, type BenchSystem } from './system.js';

// ---- messaging cost ------------------------------------------------------------------------------

/** Prices per message, USD, each with its route and the date it is taken from. */
export const MESSAGE_PRICES = {
  sms: {
    usd: PRICES.smsIndonesiaPerMessage,
    source: 'Amazon SNS / End User Messaging SMS to Indonesia, transactional, per part: the figure test/bench/cost.ts assumes (2026-11, AWS price for Indonesia unconfirmed; aggregators list 0.013-0.021, DOMAIN.md)',
  },
  utility: {
    usd: 0.02,
    source: 'Meta WhatsApp rate card, Indonesia (+62), utility template, per delivered message: 0.0200 since the 2024-08-01 card, unchanged on the cards quoted for 2026-01 (checked 2026-12-06 in stored copies of the rate card pages; Meta updates quarterly); free inside an open 24-hour window since 2025-07-01',
  },
  authentication: {
    usd: 0.03,
    source: 'Meta WhatsApp rate card, Indonesia, authentication template: 0.0300 (domestic; 0.1360 authentication-international if Meta deems the business located outside Indonesia), since 2024-06-01',
  },
  service: { usd: 0, source: 'Meta: free-form replies inside the 24-hour customer-service window are free (since 2024-11-01)' },
} as const;

/**
 * The stated assumptions of the WhatsApp-first figure. Issue 21 gives 70% as an example; the share
 * stated here is 80%, for these reasons (each printed by the bench next to the figure):
 * - at 70% no rule can meet 0.2x: the 30% answered by SMS (4 parts x 0.35) and the 5% SMS fallback
 *   of the two alerts already make 0.420 + 0.035 = 0.455 = 0.217x of 2.100 even if every WhatsApp
 *   message were free (`messagingFloor`), so 70% is printed as a sensitivity row, not hidden;
 * - the door this figure prices is the one for workers abroad, where SMS and USSD through Africa's
 *   Talking do not reach at all (AT lists African networks only; a foreign SIM texts an Indonesian
 *   long number at its own cost), and WhatsApp is what Indonesians use: about 89% of Indonesia's
 *   online population uses it (Statista, 2021 survey), and KP2MI's own
 *   national channel is a WhatsApp number (DOMAIN.md).
 * The bench prints the ratio at 70%, 75%, 80% and 90%, and the share at which the target is met.
 */
export const WHATSAPP_SHARES = {
  /** Reporters who write (and so are answered) by WhatsApp. */
  reportersOnWhatsApp: 0.8,
  /** Officials who take alerts by WhatsApp (the demo directory: all). */
  officialsOnWhatsApp: 1,
  /** Officials' WhatsApp alerts that also go by SMS: failed, or not delivered within 10 minutes. */
  officialSmsFallback: 0.05,
  /**
   * Of the reporter's three messages (cost.ts: confirmation, one status reply, one status change),
   * the confirmation and the status reply answer a message the reporter just sent (free text in
   * the window); the status change is counted as a utility template, as if the window had closed.
   */
  reporterTemplatesPerReport: 1,
  /** Console sign-ins a month (each a code; by WhatsApp an authentication template). */
  signInsPerMonth: 600,
} as const;

export interface MessagingCost {
  perReport: { smsOnly: number; whatsappFirst: number; ratio: number };
  perMonth: { smsOnly: number; whatsappFirst: number };
  lines: Array<[string, string, string, string]>;
  /** The share of reporters on WhatsApp at which the ratio reaches the target. */
  breakEvenShare: number;
  /** Per-report ratio at other shares of reporters on WhatsApp, the rest of the shares unchanged. */
  sensitivity: Array<{ share: number; ratio: number; floor: number }>;
  /** The same per-report figures at an Indonesian aggregator's SMS price instead of SNS's. */
  atAggregatorSmsPrice: { smsOnly: number; whatsappFirst: number; ratio: number };
}

/**
 * The lowest ratio any WhatsApp-first rule can reach at a share: every WhatsApp message free, only the
 * reporters answered by SMS and the alerts' SMS fallback paid. At issue 21's example share (70%) it is
 * exactly 0.2x, which is why a share is a stated assumption and printed with its sensitivity.
 */
export function messagingFloor(
  workload: { reporterSmsPerReport: number; officialSmsPerReport: number },
  reportersOnWhatsApp: number, officialSmsFallback: number,
): number {
  const paidSms = (1 - reportersOnWhatsApp) * workload.reporterSmsPerReport + officialSmsFallback * workload.officialSmsPerReport;
  return paidSms / (workload.reporterSmsPerReport + workload.officialSmsPerReport);
}

/** Indonesian aggregators' list prices per SMS cluster at 0.013-0.021 USD (2026, DOMAIN.md): the upper end. */
export const AGGREGATOR_SMS_USD = 0.021;

export function messagingCost(
  workload: { reportsPerMonth: number; reporterSmsPerReport: number; officialSmsPerReport: number },
  shares: { [K in keyof typeof WHATSAPP_SHARES]: number } = WHATSAPP_SHARES, target = 0.2,
  sms: number = MESSAGE_PRICES.sms.usd,
): MessagingCost {
  const utility = MESSAGE_PRICES.utility.usd;
  const reporterSms = workload.reporterSmsPerReport * sms;
  const officialSms = workload.officialSmsPerReport * sms;
  const smsOnly = reporterSms + officialSms;
  const reporterWa = (w: number) => (1 - w) * reporterSms + w * shares.reporterTemplatesPerReport * utility;
  const officialWa = workload.officialSmsPerReport * (
    shares.officialsOnWhatsApp * (utility + shares.officialSmsFallback * sms) + (1 - shares.officialsOnWhatsApp) * sms);
  const whatsappFirst = reporterWa(shares.reportersOnWhatsApp) + officialWa;
  // Solve reporterWa(w) + officialWa = target * smsOnly for w (reporterWa is linear in w).
  const slope = reporterWa(1) - reporterWa(0);
  const breakEvenShare = Math.min(1, Math.max(0, (target * smsOnly - officialWa - reporterWa(0)) / slope));
  const n = workload.reportsPerMonth;
  const signInSms = shares.signInsPerMonth * sms;
  const signInWa = shares.signInsPerMonth * (shares.officialsOnWhatsApp * (MESSAGE_PRICES.authentication.usd + shares.officialSmsFallback * sms) + (1 - shares.officialsOnWhatsApp) * sms);
  const usd = (x: number) => x.toFixed(3);
  const ratioAt = (w: number) => (reporterWa(w) + officialWa) / smsOnly;
  const aggregator = sms === AGGREGATOR_SMS_USD ? undefined : messagingCost(workload, shares, target, AGGREGATOR_SMS_USD).perReport;
  return {
    perReport: { smsOnly, whatsappFirst, ratio: whatsappFirst / smsOnly },
    sensitivity: [0.7, 0.75, 0.8, 0.9].map((share) => ({
      share, ratio: ratioAt(share), floor: messagingFloor(workload, share, shares.officialSmsFallback),
    })),
    atAggregatorSmsPrice: aggregator ?? { smsOnly, whatsappFirst, ratio: whatsappFirst / smsOnly },
    perMonth: { smsOnly: smsOnly * n + signInSms, whatsappFirst: whatsappFirst * n + signInWa },
    breakEvenShare,
    lines: [
      ['Reporter messages', `${workload.reporterSmsPerReport} SMS`, `${fmtNum(shares.reportersOnWhatsApp * 100, 0)}% on WhatsApp: 2 free replies + ${shares.reporterTemplatesPerReport} utility template; the rest ${workload.reporterSmsPerReport} SMS`, `${usd(reporterSms)} -> ${usd(reporterWa(shares.reportersOnWhatsApp))}`],
      ['Official alerts', `${workload.officialSmsPerReport} SMS`, `${fmtNum(shares.officialsOnWhatsApp * 100, 0)}% utility templates, ${fmtNum(shares.officialSmsFallback * 100, 0)}% of them also by SMS (fallback)`, `${usd(officialSms)} -> ${usd(officialWa)}`],
      ['Console sign-in codes (per month)', `${shares.signInsPerMonth} SMS`, `authentication templates, ${fmtNum(shares.officialSmsFallback * 100, 0)}% also by SMS`, `${signInSms.toFixed(2)} -> ${signInWa.toFixed(2)}`],
    ],
  };
}

// ---- webhook handling and DynamoDB requests ------------------------------------------------------

type Handler = (event: HttpEvent, context: Context) => Promise<HttpResult>;

const APP_SECRET = 'local-demo-whatsapp-app-secret';
let seq = 0;
const wamid = () => `wamid.BENCH${randomBytes(10).toString('hex')}${++seq}`;

function whatsappEvent(body: string): HttpEvent {
  return {
    version: '2.0', routeKey: 'POST /whatsapp', rawPath: '/whatsapp', rawQueryString: '',
    headers: { 'content-type': 'application/json', 'x-hub-signature-256': signBody(body, APP_SECRET) },
    requestContext: {
      accountId: 'bench', apiId: 'bench', domainName: 'localhost', domainPrefix: 'localhost',
      http: { method: 'POST', path: '/whatsapp', protocol: 'HTTP/1.1', sourceIp: '127.0.0.1', userAgent: 'facebookexternalua' },
      requestId: randomBytes(8).toString('hex'), routeKey: 'POST /whatsapp', stage: '$default', time: '', timeEpoch: Date.now(),
    },
    body, isBase64Encoded: false,
  };
}

/** Meta's body for one text message from a number (digits, no "+"). */
function textBody(from: string, text: string, id = wamid()): string {
  return JSON.stringify({
    object: 'whatsapp_business_account',
    entry: [{ id: '102290129340398', changes: [{ field: 'messages', value: {
      messaging_product: 'whatsapp', metadata: { display_phone_number: '6281100001708', phone_number_id: '106540352242922' },
      contacts: [{ profile: { name: 'Sari' }, wa_id: from }],
      messages: [{ from, id, timestamp: String(Math.floor(Date.now() / 1000)), type: 'text', text: { body: text } }],
    } }] }],
  });
}

function statusBody(id: string): string {
  return JSON.stringify({
    object: 'whatsapp_business_account',
    entry: [{ id: '102290129340398', changes: [{ field: 'messages', value: {
      messaging_product: 'whatsapp', metadata: { display_phone_number: '6281100001708', phone_number_id: '106540352242922' },
      statuses: [{ id, status: 'delivered', timestamp: String(Math.floor(Date.now() / 1000)), recipient_id: '6281100005003' }],
    } }] }],
  });
}

export interface WhatsAppBench {
  cost: MessagingCost;
  /** The WhatsApp webhook and the SMS callback handling the same new report, interleaved. */
  webhook: { p50Ms: number; p99Ms: number; n: number };
  sms: { p50Ms: number; p99Ms: number };
  floor: { medianMs: number; p95Ms: number };
  ops: OperationSummary[];
}

export async function whatsappBench(sys: BenchSystem, options: { n?: number; workload: Parameters<typeof messagingCost>[0] }): Promise<WhatsAppBench> {
  const n = options.n ?? 100;
  const whatsapp = sys.runtime.handlers.whatsapp as unknown as Handler;
  const key = sys.runtime.callbackKey;
  const digits = () => nextPhone().slice(1);
  const post = async (body: string) => {
    const res = await whatsapp(whatsappEvent(body), sys.localContext('whatsapp'));
    if (res.statusCode !== 200) throw new Error(`WhatsApp webhook answered ${res.statusCode}`);
  };
  // Warm-up: V8 and DynamoDB Local both.
  for (let i = 0; i < 10; i++) await post(textBody(digits(), 'LAPOR gaji tidak dibayar tiga bulan di kebun sawit'));

  const floor = await dynamoFloor(sys);
  const newReport: OperationSample[] = [];
  const smsReport: OperationSample[] = [];
  const followUp: OperationSample[] = [];
  const status: OperationSample[] = [];
  for (let i = 0; i < n; i++) {
    const from = digits();
    const event = whatsappEvent(textBody(from, 'LAPOR gaji tidak dibayar tiga bulan di kebun sawit'));
    const byWhatsApp = async () => newReport.push(await sys.meter.measure('whatsapp new report', async () => {
      const res = await whatsapp(event, sys.localContext('whatsapp'));
      if (res.statusCode !== 200) throw new Error(`WhatsApp webhook answered ${res.statusCode}`);
    }));
    // The same use case through the SMS door, interleaved (each goes first every other time): a slow
    // minute slows both.
    const sms = formEvent('POST /sms', laporForm(), key);
    const bySms = async () => smsReport.push(await sys.meter.measure('sms new report (same run)', async () => { await sys.handlers.smsInbound(sms, sys.localContext('sms-inbound')); }));
    if (i % 2 === 0) { await byWhatsApp(); await bySms(); } else { await bySms(); await byWhatsApp(); }
    if (i < n / 2) {
      const more = whatsappEvent(textBody(from, 'majikan juga menahan paspor saya'));
      followUp.push(await sys.meter.measure('whatsapp follow-up', async () => { await whatsapp(more, sys.localContext('whatsapp')); }));
    }
  }
  // A delivery status for a message the outbox knows: the path every sent WhatsApp message takes once or
  // twice. No stream runs here: some replies are sent first, as the notifier would send them.
  const pending = await sys.runtime.deps.outbox.pendingMessagesOlderThan(new Date(Date.now() + 3600_000), 200);
  for (const m of pending.filter((p) => p.audience === 'reporter').slice(0, Math.min(n, 50))) await deliverMessage(sys.runtime.deps, m.id);
  const sent = sys.runtime.outbox.entries.filter((e) => e.route === 'whatsapp').slice(-Math.min(n, 50));
  for (const entry of sent) {
    const event = whatsappEvent(statusBody(entry.providerMessageId));
    status.push(await sys.meter.measure('whatsapp status', async () => { await whatsapp(event, sys.localContext('whatsapp')); }));
  }
  const wall = (samples: OperationSample[]) => samples.map((s) => s.wallMs);
  return {
    cost: messagingCost(options.workload),
    webhook: { p50Ms: median(wall(newReport)), p99Ms: percentile(wall(newReport), 99), n },
    sms: { p50Ms: median(wall(smsReport)), p99Ms: percentile(wall(smsReport), 99) },
    floor,
    ops: [
      summarise('whatsapp new report', newReport), summarise('sms new report (same run)', smsReport),
      summarise('whatsapp follow-up', followUp), summarise('whatsapp status', status),
    ],
  };
}

export const WHATSAPP_TARGETS = {
  /** Issue 21: messaging per report at most 0.2x the SMS-only figure. */
  costRatio: 0.2,
  /** The WhatsApp door does what the SMS door does plus an HMAC and a JSON parse: at most 1.5x its time. */
  webhookVsSmsRatio: 1.5,
  /** Issue 21: at most 2 DynamoDB requests for a new report, as for SMS. */
  requestsNewReport: 2,
} as const;

export function whatsappTargetRows(b: WhatsAppBench): TargetRow[] {
  const op = (label: string) => b.ops.find((o) => o.label === label);
  const wa = op('whatsapp new report');
  const sms = op('sms new report (same run)');
  return [
    {
      measure: 'WhatsApp-first messaging per report, against SMS only (stated shares, dated prices)',
      figure: `${fmtNum(b.cost.perReport.ratio, 3)}x: ${b.cost.perReport.whatsappFirst.toFixed(3)} vs ${b.cost.perReport.smsOnly.toFixed(3)} USD; stated ${fmtNum(WHATSAPP_SHARES.reportersOnWhatsApp * 100, 0)}% of reporters on WhatsApp, met from ${fmtNum(b.cost.breakEvenShare * 100, 0)}% (at 70%: ${fmtNum(b.cost.sensitivity[0]!.ratio, 3)}x, floor ${fmtNum(b.cost.sensitivity[0]!.floor, 3)}x)`,
      target: `<= ${WHATSAPP_TARGETS.costRatio}x`,
      pass: b.cost.perReport.ratio <= WHATSAPP_TARGETS.costRatio,
    },
    {
      measure: `WhatsApp webhook, new report, in-process (p50 / p99 of ${b.webhook.n})`,
      figure: `${fmtMs(b.webhook.p50Ms)} / ${fmtMs(b.webhook.p99Ms)} = ${fmtNum(b.webhook.p50Ms / b.sms.p50Ms, 2)}x / ${fmtNum(b.webhook.p99Ms / b.sms.p99Ms, 2)}x the SMS door's ${fmtMs(b.sms.p50Ms)} / ${fmtMs(b.sms.p99Ms)} (same report, interleaved); ${fmtNum(b.webhook.p50Ms / b.floor.medianMs, 1)}x the DynamoDB floor of ${fmtMs(b.floor.medianMs)}`,
      target: `p50 <= ${WHATSAPP_TARGETS.webhookVsSmsRatio}x the SMS door`,
      pass: b.webhook.p50Ms <= WHATSAPP_TARGETS.webhookVsSmsRatio * b.sms.p50Ms,
    },
    {
      measure: 'DynamoDB requests per inbound WhatsApp message, new report',
      figure: wa ? `at most ${wa.maxRequestsPerOp} (mean ${fmtNum(wa.requestsPerOp, 1)}: ${wa.commands}); SMS door: at most ${sms?.maxRequestsPerOp ?? 'n/a'}` : 'not measured',
      target: `<= ${WHATSAPP_TARGETS.requestsNewReport}`,
      pass: wa ? wa.maxRequestsPerOp <= WHATSAPP_TARGETS.requestsNewReport : undefined,
    },
  ];
}

/** The WhatsApp section of the report: the cost table with every price's source, then the measured operations. */
export function whatsappSection(b: WhatsAppBench, reportsPerMonth: number): string {
  const out: string[] = [];
  out.push(section('WhatsApp: messaging cost per report and per month (ESTIMATE)'));
  out.push(table(['Messages', 'SMS only', 'WhatsApp first (stated shares)', 'USD per report (per month for codes)'], b.cost.lines));
  out.push(table(['', 'SMS only', 'WhatsApp first', 'Ratio'], [
    ['Per report', `${b.cost.perReport.smsOnly.toFixed(3)} USD`, `${b.cost.perReport.whatsappFirst.toFixed(3)} USD`, `${fmtNum(b.cost.perReport.ratio, 3)}x`],
    [`Per month (${reportsPerMonth.toLocaleString('en-US')} reports + sign-in codes)`, `${b.cost.perMonth.smsOnly.toFixed(0)} USD`, `${b.cost.perMonth.whatsappFirst.toFixed(0)} USD`, `${fmtNum(b.cost.perMonth.whatsappFirst / b.cost.perMonth.smsOnly, 3)}x`],
  ]));
  out.push('Prices (USD per message):');
  for (const [route, p] of Object.entries(MESSAGE_PRICES)) out.push(`  ${route} ${p.usd}: ${p.source}`);
  out.push(`Shares assumed: ${Object.entries(WHATSAPP_SHARES).map(([k, v]) => `${k} ${v}`).join(', ')} (why 80% of reporters: test/bench/whatsapp.ts, README).`);
  out.push(table(['Reporters on WhatsApp', 'Ratio per report', 'Lowest possible (every WhatsApp message free)', `Target <= ${WHATSAPP_TARGETS.costRatio}x`],
    b.cost.sensitivity.map((r) => [`${fmtNum(r.share * 100, 0)}%`, `${fmtNum(r.ratio, 3)}x`, `${fmtNum(r.floor, 3)}x`, r.ratio <= WHATSAPP_TARGETS.costRatio ? 'met' : 'not met'])));
  const agg = b.cost.atAggregatorSmsPrice;
  out.push(`At an Indonesian aggregator's SMS price (${AGGREGATOR_SMS_USD} USD, DOMAIN.md) instead of SNS's: SMS only ${agg.smsOnly.toFixed(3)} USD per report, WhatsApp first ${agg.whatsappFirst.toFixed(3)} USD = ${fmtNum(agg.ratio, 2)}x: the saving then is reach, not money.`);
  out.push(section('WhatsApp webhook in-process (the whatsapp function\'s handler, signed bodies)'));
  out.push(table(['Operation', 'n', 'p50', 'p99', 'Requests/op (max)', 'Commands per op', 'WCU/op'], b.ops.map((o) => [
    o.label, String(o.invocations), fmtMs(o.handlerMedianMs), fmtMs(o.handlerP99Ms), `${fmtNum(o.requestsPerOp, 1)} (${o.maxRequestsPerOp})`, o.commands,
    o.capacityReported ? fmtNum(o.writeUnitsPerOp, 1) : 'not returned',
  ])));
  return out.join('\n');
}

// Alone: its own DynamoDB Local and composition, this section only.
if (import.meta.url === `file://${process.argv[1]}`) {
  const { startBenchSystem, muteStructuredLogs } = await import('./system.js');
  const { NTB_WORKLOAD } = await import('./cost.js');
  const logs = muteStructuredLogs();
  const sys = await startBenchSystem();
  try {
    const t0 = performance.now();
    const b = await whatsappBench(sys, { n: Number(process.env.BENCH_WHATSAPP_N ?? 100), workload: NTB_WORKLOAD });
    logs.print(`${table(['Measure', 'Figure', 'Target', 'Result'], whatsappTargetRows(b).map((r) => [r.measure, r.figure, r.target, verdict(r.pass)]))}\n`);
    logs.print(`${whatsappSection(b, NTB_WORKLOAD.reportsPerMonth)}\n`);
    logs.print(`\n(${((performance.now() - t0) / 1000).toFixed(0)} s)\n`);
  } finally {
    await sys.stop();
    logs.restore();
  }
  process.exit(0);
}
