/**
 * Monthly cost at NTB scale from public list prices. Prices are constants with the date assumed:
 * they are ESTIMATES to be checked against the AWS pricing pages before any budget is set.
 */
export const PRICES = {
  asOf: '2026-11 (assumed), region ap-southeast-3 Jakarta, USD, free tier ignored',
  lambdaArmPerGbSecond: 0.0000133334,
  lambdaPerMillionRequests: 0.20,
  httpApiPerMillionRequests: 1.20,
  dynamoPerMillionWriteUnits: 0.7125,
  dynamoPerMillionReadUnits: 0.1425,
  dynamoStoragePerGbMonth: 0.285,
  dynamoPitrPerGbMonth: 0.228,
  kmsPerKeyMonth: 1.00,
  kmsPer10kRequests: 0.03,
  secretsPerSecretMonth: 0.40,
  secretsPer10kCalls: 0.05,
  cloudwatchLogsPerGbIngested: 0.66,
  cloudwatchAlarmPerMonth: 0.10,
  /** Per custom metric (name + dimensions) and month, prorated by the hours in which it is written. */
  cloudwatchCustomMetricPerMonth: 0.30,
  /** SNS/End User Messaging SMS, Indonesia, transactional, per message part; carrier fees vary. */
  smsIndonesiaPerMessage: 0.35,
} as const;

export interface Workload {
  reportsPerMonth: number;
  ussdScreensPerMonth: number;
  statusLookupsPerReport: number;
  reporterSmsPerReport: number;
  officialSmsPerReport: number;
  /** Stream records that reach the notifier per report (case insert and changes, outbox messages). */
  notifierRecordsPerReport: number;
  webRequestsPerMonth: number;
  escalatorRunsPerMonth: number;
  memoryGb: number;
  billedMsPerInvocation: number;
  storedGb: number;
  logBytesPerInvocation: number;
  kmsKeys: number;
  kmsRequestsPerMonth: number;
  secrets: number;
  secretCallsPerMonth: number;
  /** Alarms the stack defines (test/infra/stack.test.ts checks this against the template). */
  alarms: number;
  /** Custom metrics the functions write (lib/metrics.ts MetricName), by how often each happens a month. */
  metricEventsPerMonth: Record<string, number>;
}

export const NTB_WORKLOAD: Workload = {
  reportsPerMonth: 2_000,
  ussdScreensPerMonth: 50_000,
  statusLookupsPerReport: 1,
  // SMS parts (SNS and AT price per part): the confirmation with its consent text (2 GSM-7 parts for a
  // number's first report, 1 after; counted as 2 for every report), one status reply, one status change.
  reporterSmsPerReport: 4,
  officialSmsPerReport: 2, // level-1 alert(s), a share of escalations and province copies
  notifierRecordsPerReport: 8,
  webRequestsPerMonth: 2_000,
  escalatorRunsPerMonth: 12 * 24 * 30,
  memoryGb: 0.25,
  // Local handler times are a few ms; Lambda at 256 MB has ~1/7 of a vCPU, real DynamoDB adds
  // network latency, and cold starts happen: 100 ms billed per invocation is deliberately pessimistic.
  billedMsPerInvocation: 100,
  storedGb: 1,
  logBytesPerInvocation: 600,
  // One customer-managed key for the table, personal fields and topics (infra/constructs/data.ts).
  kmsKeys: 1,
  kmsRequestsPerMonth: 20_000,
  secrets: 2,
  // Each function instance re-reads the gateway secret at most every 5 minutes (SECRETS_MAX_AGE_SECONDS),
  // and only when invoked: five functions read it, at most 12 times an hour each, fewer where traffic
  // is thin (sms-inbound ~4,000 invocations a month); plus the lookup key once per cold start.
  secretCallsPerMonth: 40_000,
  // One errors alarm per function (nine: the console, figures and WhatsApp webhook included) and the stack's others.
  alarms: 17,
  metricEventsPerMonth: {
    // ReportFiled carries a channel dimension (the operations dashboard shows reports per channel):
    // three metrics, each billed for the hours it is written.
    'ReportFiled channel=sms': 1_200,
    'ReportFiled channel=web': 500,
    'ReportFiled channel=ussd': 300,
    AlertSent: 4_000,
    ReporterSmsSent: 6_000,
    AcknowledgedInTime: 1_500,
    AcknowledgedLate: 300,
    Escalated: 300,
    AlertFailed: 10,
    DeadLetter: 0,
    SpendGuardTripped: 0,
  },
};

export interface UnitCosts {
  /** Measured by the bench: DynamoDB units per operation. */
  smsReport: { read: number; write: number };
  statusLookup: { read: number; write: number };
  notifierRecord: { read: number; write: number };
  ussdScreen: { read: number; write: number };
}

export interface CostLine { item: string; detail: string; usd: number }

export function monthlyCost(w: Workload, u: UnitCosts): { compute: CostLine[]; monitoring: CostLine[]; sms: CostLine[] } {
  const p = PRICES;
  const inboundSms = w.reportsPerMonth * (1 + w.statusLookupsPerReport);
  const deliveryReports = w.reportsPerMonth * w.reporterSmsPerReport;
  const notifier = w.reportsPerMonth * w.notifierRecordsPerReport;
  const httpRequests = w.ussdScreensPerMonth + inboundSms + deliveryReports + w.webRequestsPerMonth;
  const invocations = httpRequests + notifier + w.escalatorRunsPerMonth;
  const gbSeconds = invocations * (w.billedMsPerInvocation / 1000) * w.memoryGb;
  // Every report also arrives as USSD screens or an SMS; the USSD screens are counted on their own.
  const writes = w.reportsPerMonth * (u.smsReport.write + w.statusLookupsPerReport * u.statusLookup.write)
    + notifier * u.notifierRecord.write + w.ussdScreensPerMonth * u.ussdScreen.write + deliveryReports * 1;
  const reads = w.reportsPerMonth * (u.smsReport.read + w.statusLookupsPerReport * u.statusLookup.read)
    + notifier * u.notifierRecord.read + w.ussdScreensPerMonth * u.ussdScreen.read + deliveryReports * 2
    + w.escalatorRunsPerMonth * 1;
  const logGb = (invocations * w.logBytesPerInvocation) / 1024 ** 3;
  const compute: CostLine[] = [
    { item: 'Lambda requests', detail: `${fmtCount(invocations)} invocations`, usd: (invocations / 1e6) * p.lambdaPerMillionRequests },
    { item: 'Lambda duration', detail: `${fmtCount(gbSeconds)} GB-s (arm64, ${w.memoryGb * 1024} MB, ${w.billedMsPerInvocation} ms each)`, usd: gbSeconds * p.lambdaArmPerGbSecond },
    { item: 'API Gateway HTTP API', detail: `${fmtCount(httpRequests)} requests`, usd: (httpRequests / 1e6) * p.httpApiPerMillionRequests },
    { item: 'DynamoDB writes', detail: `${fmtCount(writes)} WRU (on-demand)`, usd: (writes / 1e6) * p.dynamoPerMillionWriteUnits },
    { item: 'DynamoDB reads', detail: `${fmtCount(reads)} RRU (on-demand)`, usd: (reads / 1e6) * p.dynamoPerMillionReadUnits },
    { item: 'DynamoDB storage + PITR', detail: `${w.storedGb} GB`, usd: w.storedGb * (p.dynamoStoragePerGbMonth + p.dynamoPitrPerGbMonth) },
    { item: 'KMS', detail: `${w.kmsKeys} keys, ${fmtCount(w.kmsRequestsPerMonth)} requests`, usd: w.kmsKeys * p.kmsPerKeyMonth + (w.kmsRequestsPerMonth / 1e4) * p.kmsPer10kRequests },
    { item: 'Secrets Manager', detail: `${w.secrets} secrets, ${fmtCount(w.secretCallsPerMonth)} calls`, usd: w.secrets * p.secretsPerSecretMonth + (w.secretCallsPerMonth / 1e4) * p.secretsPer10kCalls },
    { item: 'CloudWatch logs', detail: `${logGb.toFixed(2)} GB`, usd: logGb * p.cloudwatchLogsPerGbIngested },
  ];
  // A custom metric is billed for the hours in which it is written: with events arriving at random
  // (Poisson), an hour has at least one with probability 1 - e^(-events per hour).
  const hours = 730;
  const metricMonths = Object.values(w.metricEventsPerMonth).reduce((a, n) => a + (1 - Math.exp(-n / hours)), 0);
  const monitoring: CostLine[] = [
    { item: 'CloudWatch alarms', detail: `${w.alarms} alarms`, usd: w.alarms * p.cloudwatchAlarmPerMonth },
    {
      item: 'CloudWatch custom metrics', detail: `${Object.keys(w.metricEventsPerMonth).length} metrics, ${metricMonths.toFixed(1)} metric-months (billed by the hours written)`,
      usd: metricMonths * p.cloudwatchCustomMetricPerMonth,
    },
  ];
  const reporterSms = w.reportsPerMonth * w.reporterSmsPerReport;
  const officialSms = w.reportsPerMonth * w.officialSmsPerReport;
  const sms: CostLine[] = [
    { item: 'SMS to reporters', detail: `${fmtCount(reporterSms)} messages (gateway price for Indonesia unconfirmed; SNS price used)`, usd: reporterSms * p.smsIndonesiaPerMessage },
    { item: 'SMS alerts to officials', detail: `${fmtCount(officialSms)} messages via SNS`, usd: officialSms * p.smsIndonesiaPerMessage },
  ];
  return { compute, monitoring, sms };
}

function fmtCount(n: number): string {
  return Math.round(n).toLocaleString('en-US');
}
