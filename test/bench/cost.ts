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
  alarms: number;
}

export const NTB_WORKLOAD: Workload = {
  reportsPerMonth: 2_000,
  ussdScreensPerMonth: 50_000,
  statusLookupsPerReport: 1,
  reporterSmsPerReport: 3, // confirmation, one status reply, one status change
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
  kmsKeys: 3,
  kmsRequestsPerMonth: 20_000,
  secrets: 2,
  secretCallsPerMonth: 5_000,
  alarms: 6,
};

export interface UnitCosts {
  /** Measured by the bench: DynamoDB units per operation. */
  smsReport: { read: number; write: number };
  statusLookup: { read: number; write: number };
  notifierRecord: { read: number; write: number };
  ussdScreen: { read: number; write: number };
}

export interface CostLine { item: string; detail: string; usd: number }

export function monthlyCost(w: Workload, u: UnitCosts): { compute: CostLine[]; sms: CostLine[] } {
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
    { item: 'CloudWatch logs + alarms', detail: `${logGb.toFixed(2)} GB, ${w.alarms} alarms`, usd: logGb * p.cloudwatchLogsPerGbIngested + w.alarms * p.cloudwatchAlarmPerMonth },
  ];
  const reporterSms = w.reportsPerMonth * w.reporterSmsPerReport;
  const officialSms = w.reportsPerMonth * w.officialSmsPerReport;
  const sms: CostLine[] = [
    { item: 'SMS to reporters', detail: `${fmtCount(reporterSms)} messages (gateway price for Indonesia unconfirmed; SNS price used)`, usd: reporterSms * p.smsIndonesiaPerMessage },
    { item: 'SMS alerts to officials', detail: `${fmtCount(officialSms)} messages via SNS`, usd: officialSms * p.smsIndonesiaPerMessage },
  ];
  return { compute, sms };
}

function fmtCount(n: number): string {
  return Math.round(n).toLocaleString('en-US');
}
