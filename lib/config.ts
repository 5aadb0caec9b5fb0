import * as z from './zod.js';
import { MAX_EMERGENCY_LINE_LENGTH, type EmergencyLines } from './domain/emergency-line.js';
import { CountryCode } from './domain/regions.js';

/**
 * The only module that reads process.env. Read once at cold start; a bad value fails fast with the
 * variable named (never its value: some are secrets). Local runs need nothing set: the defaults are
 * the embedded local demo settings.
 */
/** Shortest callback key accepted, locally and from the AWS secret (the stack generates 40 characters). */
export const MIN_CALLBACK_KEY_LENGTH = 16;

/**
 * A variable: the schema of its value, built only when the variable is set, and the value it takes
 * when it is not (its default, or undefined). A function in AWS sets about ten of the fifty, and a
 * zod schema costs its construction at every cold start (issue 18): the other forty are never built.
 */
interface Setting<T> { schema: () => z.ZodMiniType<T>; unset: T }
const setting = <T>(schema: () => z.ZodMiniType<T>, unset: T): Setting<T> => ({ schema, unset });
const optional = <T>(schema: () => z.ZodMiniType<T>): Setting<T | undefined> => ({ schema, unset: undefined });

// Shared by every numeric setting: built once, on the first one set.
let positiveIntSchema: z.ZodMiniType<number> | undefined;
const positiveInt = (): z.ZodMiniType<number> => (positiveIntSchema ??= z.coerce.number().check(z.int(), z.positive()));
const text = () => z.string();
/**
 * A number people are told to call. Every USSD screen and SMS that names one is checked to fit with a
 * number this long (test/unit/ussd-tree.test.ts), so a longer one is refused here, not cut on a phone.
 */
const hotlineNumber = () => z.string().check(
  z.regex(/^\+?[0-9][0-9 -]*$/, 'must be digits, spaces and dashes'),
  z.maxLength(MAX_EMERGENCY_LINE_LENGTH, `must be at most ${MAX_EMERGENCY_LINE_LENGTH} characters`),
);
const minutes = (fallback: number) => setting(positiveInt, fallback);
const templateName = () => z.string().check(z.regex(/^[a-z0-9_]{1,512}$/));
const secretText = () => z.string().check(z.minLength(16, 'must be at least 16 characters'));

const SETTINGS = {
  STAGE: setting(() => z.enum(['local', 'aws']), 'local'),
  TABLE_NAME: setting(() => z.string().check(z.minLength(1)), 'pmi-hotline'),
  AWS_REGION: setting(text, 'ap-southeast-3'),
  /** Local only: DynamoDB Local endpoint, set by the local runtime and tests. */
  DYNAMODB_ENDPOINT: optional(() => z.url()),
  /** AWS only: customer-managed KMS key for envelope encryption of personal fields. */
  KMS_KEY_ARN: optional(text),
  /** AWS only: Secrets Manager secret, JSON {"username","apiKey","callbackKey"} for Africa's Talking. */
  GATEWAY_SECRET_ARN: optional(text),
  /** AWS only: Secrets Manager secret holding the HMAC key for phone/NIK lookups. */
  LOOKUP_KEY_SECRET_ARN: optional(text),
  /** AWS only: SNS topic that receives case events for other systems. */
  EVENTS_TOPIC_ARN: optional(text),
  /** Local only: callback key and crypto keys; AWS reads them from Secrets Manager/KMS. */
  GATEWAY_CALLBACK_KEY: setting(
    () => z.string().check(z.minLength(MIN_CALLBACK_KEY_LENGTH, `must be at least ${MIN_CALLBACK_KEY_LENGTH} characters`)),
    'local-demo-callback-key',
  ),
  LOCAL_DATA_KEY: setting(() => z.string().check(z.regex(/^[0-9a-f]{64}$/)), '6c6f63616c2d64656d6f2d646174612d6b65792d6e6f742d666f722d70726f64'),
  LOCAL_LOOKUP_KEY: setting(() => z.string().check(z.minLength(16)), 'local-demo-lookup-key-not-for-production'),
  AT_SENDER_ID: optional(text),
  /** AWS only: sender ID registered with AWS for SNS SMS to officials (not the same registration as AT's). */
  SNS_SENDER_ID: optional(text),
  /** The number people are told to call when something fails (KP2MI's 24h toll-free line by default). */
  HOTLINE_PHONE: setting(hotlineNumber, '0800-1000'),
  /** The number people abroad are told to call: 0800 numbers cannot be dialled from a foreign SIM. */
  HOTLINE_PHONE_ABROAD: setting(hotlineNumber, '+62 21 2924 4800'),
  /**
   * Indonesian missions' emergency lines by host country, `MY=+60 3 2116 4000,SA=...` (ISO codes);
   * a sender from that country is told this number instead of HOTLINE_PHONE_ABROAD. Empty by default:
   * only the operators can confirm a mission's current 24-hour number.
   */
  MISSION_PHONES: setting(() => z.string(), ''),
  /** The number reporters text (LAPOR, STATUS); the default is the local demo's. Required in AWS. */
  SMS_SHORTCODE: setting(text, '+6281100001708'),
  SLA_ACK_URGENT_MINUTES: minutes(60),
  SLA_ACK_HIGH_MINUTES: minutes(24 * 60),
  SLA_ACK_NORMAL_MINUTES: minutes(72 * 60),
  SLA_RESOLVE_URGENT_MINUTES: minutes(7 * 24 * 60),
  SLA_RESOLVE_HIGH_MINUTES: minutes(14 * 24 * 60),
  SLA_RESOLVE_NORMAL_MINUTES: minutes(30 * 24 * 60),
  /**
   * A data request (HAPUS, DATA: lib/cases/data-request-plans.ts) must be answered within 3x24 hours
   * of the request (UU 27/2022 Art. 14, 32, 43-44). Each level has this long before the next is
   * alerted: the desk 24 h, then BP3MI, with a day to spare before the legal deadline.
   */
  SLA_DATA_REQUEST_MINUTES: minutes(24 * 60),
  /** The reader alert: one official viewing the personal data of more than this many cases... */
  READER_ALERT_CASES: setting(positiveInt, 20),
  /** ...within this many minutes alerts BP3MI and the level above (never blocks the official). */
  READER_ALERT_MINUTES: setting(positiveInt, 60),
  LIMIT_NEW_CASES_PER_HOUR: setting(positiveInt, 5),
  LIMIT_INBOUND_PER_HOUR: setting(positiveInt, 30),
  LIMIT_STATUS_LOOKUPS_PER_HOUR: setting(positiveInt, 10),
  LIMIT_WEB_REPORTS_PER_HOUR: setting(positiveInt, 20),
  /** Web-form confirmations one number receives per day, however many forms name it. */
  LIMIT_CONFIRMATIONS_PER_NUMBER_PER_DAY: setting(positiveInt, 5),
  /** Spend guard: past this many SMS to reporters in an hour, confirmations to numbers that never wrote pause. */
  LIMIT_REPORTER_SMS_PER_HOUR: setting(positiveInt, 100),
  /** The console's public origin (https://host) in AWS: checked against Origin on writes and used as the WebAuthn origin. */
  CONSOLE_ORIGIN: optional(() => z.url()),
  /**
   * Days a case's personal data is kept after it stops being open (resolved or closed); then the
   * escalator's run destroys it (README: Retention). 730 (two years): long enough for a reopened
   * complaint, an appeal or a late legal case; any value down to 1 works.
   */
  RETENTION_DAYS_AFTER_CLOSE: setting(positiveInt, 730),
  /** Local only: the WhatsApp app secret (webhook signatures) and verify token; AWS reads WHATSAPP_SECRET_ARN. */
  WHATSAPP_APP_SECRET: setting(secretText, 'local-demo-whatsapp-app-secret'),
  WHATSAPP_VERIFY_TOKEN: setting(secretText, 'local-demo-whatsapp-verify-token'),
  /** AWS only: Secrets Manager secret, JSON {"appSecret","verifyToken","accessToken","phoneNumberId"}. Unset: no WhatsApp, everything by SMS. */
  WHATSAPP_SECRET_ARN: optional(text),
  /** Approved utility templates (names as submitted to Meta, languages id and en): see README "WhatsApp". */
  WHATSAPP_TEMPLATE_UPDATE: setting(templateName, 'hotline_update'),
  WHATSAPP_TEMPLATE_ALERT: setting(templateName, 'hotline_alert'),
  WHATSAPP_TEMPLATE_SIGN_IN: setting(templateName, 'hotline_sign_in'),
  /** Local only: `npm start` seeds the demo officials as taking WhatsApp alerts (false: SMS only, as before WhatsApp). */
  DEMO_OFFICIALS_WHATSAPP: setting(() => z.enum(['true', 'false']), 'true'),
  /** An official's WhatsApp alert not delivered within this many minutes goes again by SMS. */
  WHATSAPP_FALLBACK_MINUTES: minutes(10),
  PORT: setting(() => z.coerce.number().check(z.int(), z.gte(0), z.lte(65535)), 3000),
  LOG_LEVEL: setting(() => z.enum(['DEBUG', 'INFO', 'WARN', 'ERROR', 'SILENT']), 'INFO'),
  /**
   * AWS only: how long a function keeps a secret before reading it again (Powertools parameters
   * cache). Bounds how long new Africa's Talking credentials or a new callback key take to apply.
   */
  SECRETS_MAX_AGE_SECONDS: setting(() => z.coerce.number().check(z.int(), z.positive(), z.lte(3600)), 300),
};

export type Env = { -readonly [K in keyof typeof SETTINGS]: (typeof SETTINGS)[K]['unset'] };

/**
 * Each variable that is set, checked by its schema; each that is not, its value when unset. Problems
 * are named as zod names them for an object of these keys, in the same order, never with a value.
 */
function parseEnv(env: Record<string, string | undefined>): { success: true; data: Env } | { success: false; problems: string[] } {
  const data: Record<string, unknown> = {};
  const problems: string[] = [];
  for (const [name, { schema, unset }] of Object.entries(SETTINGS) as Array<[string, Setting<unknown>]>) {
    const raw = env[name];
    if (raw === undefined) { data[name] = unset; continue; }
    const parsed = schema().safeParse(raw);
    if (parsed.success) data[name] = parsed.data;
    // zod's messages state the rule ("must be at least 16 characters"), not the input: some are secrets.
    else problems.push(...parsed.error.issues.map((i) => `${[name, ...i.path].join('.')} ${i.message.replace(/^Invalid input: /, '')}`));
  }
  return problems.length ? { success: false, problems } : { success: true, data: data as Env };
}


export interface Policy {
  /** The domestic emergency line (HOTLINE_PHONE); `emergencyLines` chooses by the sender's country. */
  hotlinePhone: string;
  emergencyLines: EmergencyLines;
  smsShortcode: string;
  /** Days after a case stops being open before its personal data is destroyed. */
  retentionDaysAfterClose: number;
  slaMinutes: {
    acknowledge: Record<'urgent' | 'high' | 'normal', number>;
    resolve: Record<'urgent' | 'high' | 'normal', number>;
    /** Per ladder level, for a data request (see SLA_DATA_REQUEST_MINUTES). */
    dataRequest: number;
  };
  /** More than `cases` cases' personal data viewed by one official within `minutes`: alert (README: Requests). */
  readerAlert: { cases: number; minutes: number };
  limits: {
    newCasesPerHour: number;
    inboundPerHour: number;
    statusLookupsPerHour: number;
    webReportsPerHour: number;
    confirmationsPerNumberPerDay: number;
    reporterSmsPerHour: number;
  };
  whatsapp?: WhatsAppPolicy;
}

export interface WhatsAppPolicy {
  templates: { update: string; alert: string; signIn: string };
  /** Minutes an official's WhatsApp alert may go undelivered before it goes by SMS. */
  fallbackMinutes: number;
}

export interface Config {
  stage: 'local' | 'aws';
  tableName: string;
  region: string;
  dynamoEndpoint?: string;
  kmsKeyArn?: string;
  gatewaySecretArn?: string;
  lookupKeySecretArn?: string;
  eventsTopicArn?: string;
  local: { callbackKey: string; dataKeyHex: string; lookupKey: string; whatsappAppSecret: string; whatsappVerifyToken: string; demoOfficialsWhatsApp: boolean };
  whatsappSecretArn?: string;
  atSenderId?: string;
  snsSenderId?: string;
  consoleOrigin?: string;
  port: number;
  logLevel: Env['LOG_LEVEL'];
  secretsMaxAgeSeconds: number;
  policy: Policy;
}

/** A configuration a person must fix: its message names the variables and what each needs, never a value. */
export class ConfigurationError extends Error {
  override readonly name = 'ConfigurationError';
}

export function parseConfig(env: Record<string, string | undefined>): Config {
  const parsed = parseEnv(env);
  if (!parsed.success) throw new ConfigurationError(`Invalid configuration: ${parsed.problems.join('; ')}`);
  const e = parsed.data;
  // The demo number must never reach a real reporter's confirmation: AWS has to name the real one.
  // The resources a function uses (key, secrets, topic) are set only for the functions granted them
  // (lib/composition/manifest.ts), so each is required by the port builder that needs it, by name.
  if (e.STAGE === 'aws' && !env.SMS_SHORTCODE) throw new ConfigurationError('Invalid configuration: SMS_SHORTCODE required when STAGE=aws');
  return {
    stage: e.STAGE,
    tableName: e.TABLE_NAME,
    region: e.AWS_REGION,
    dynamoEndpoint: e.DYNAMODB_ENDPOINT,
    kmsKeyArn: e.KMS_KEY_ARN,
    gatewaySecretArn: e.GATEWAY_SECRET_ARN,
    lookupKeySecretArn: e.LOOKUP_KEY_SECRET_ARN,
    eventsTopicArn: e.EVENTS_TOPIC_ARN,
    local: {
      callbackKey: e.GATEWAY_CALLBACK_KEY, dataKeyHex: e.LOCAL_DATA_KEY, lookupKey: e.LOCAL_LOOKUP_KEY,
      whatsappAppSecret: e.WHATSAPP_APP_SECRET, whatsappVerifyToken: e.WHATSAPP_VERIFY_TOKEN, demoOfficialsWhatsApp: e.DEMO_OFFICIALS_WHATSAPP === 'true',
    },
    ...(e.WHATSAPP_SECRET_ARN ? { whatsappSecretArn: e.WHATSAPP_SECRET_ARN } : {}),
    atSenderId: e.AT_SENDER_ID,
    snsSenderId: e.SNS_SENDER_ID,
    consoleOrigin: e.CONSOLE_ORIGIN,
    port: e.PORT,
    logLevel: e.LOG_LEVEL,
    secretsMaxAgeSeconds: e.SECRETS_MAX_AGE_SECONDS,
    policy: {
      hotlinePhone: e.HOTLINE_PHONE,
      emergencyLines: { inIndonesia: e.HOTLINE_PHONE, fromAbroad: e.HOTLINE_PHONE_ABROAD, missions: parseMissionPhones(e.MISSION_PHONES) },
      smsShortcode: e.SMS_SHORTCODE,
      retentionDaysAfterClose: e.RETENTION_DAYS_AFTER_CLOSE,
      slaMinutes: {
        acknowledge: { urgent: e.SLA_ACK_URGENT_MINUTES, high: e.SLA_ACK_HIGH_MINUTES, normal: e.SLA_ACK_NORMAL_MINUTES },
        resolve: { urgent: e.SLA_RESOLVE_URGENT_MINUTES, high: e.SLA_RESOLVE_HIGH_MINUTES, normal: e.SLA_RESOLVE_NORMAL_MINUTES },
        dataRequest: e.SLA_DATA_REQUEST_MINUTES,
      },
      readerAlert: { cases: e.READER_ALERT_CASES, minutes: e.READER_ALERT_MINUTES },
      limits: {
        newCasesPerHour: e.LIMIT_NEW_CASES_PER_HOUR,
        inboundPerHour: e.LIMIT_INBOUND_PER_HOUR,
        statusLookupsPerHour: e.LIMIT_STATUS_LOOKUPS_PER_HOUR,
        webReportsPerHour: e.LIMIT_WEB_REPORTS_PER_HOUR,
        confirmationsPerNumberPerDay: e.LIMIT_CONFIRMATIONS_PER_NUMBER_PER_DAY,
        reporterSmsPerHour: e.LIMIT_REPORTER_SMS_PER_HOUR,
      },
      whatsapp: {
        templates: { update: e.WHATSAPP_TEMPLATE_UPDATE, alert: e.WHATSAPP_TEMPLATE_ALERT, signIn: e.WHATSAPP_TEMPLATE_SIGN_IN },
        fallbackMinutes: e.WHATSAPP_FALLBACK_MINUTES,
      },
    },
  };
}

function parseMissionPhones(value: string): EmergencyLines['missions'] {
  const missions: EmergencyLines['missions'] = {};
  for (const entry of value.split(',').map((part) => part.trim()).filter(Boolean)) {
    const match = /^([A-Z]{2})=([+\d][\d \-]*\d)$/.exec(entry);
    const country = match ? CountryCode.safeParse(match[1]) : undefined;
    if (!match || !country?.success || match[2]!.length > MAX_EMERGENCY_LINE_LENGTH) {
      throw new ConfigurationError(`Invalid configuration: MISSION_PHONES entries are COUNTRY=number (ISO code of a listed country, a number of at most ${MAX_EMERGENCY_LINE_LENGTH} characters), comma-separated`);
    }
    missions[country.data] = match[2]!;
  }
  return missions;
}

/** Defaults used by tests and the local runtime: the same values `parseConfig({})` gives. */
export const defaultPolicy = (): Policy => parseConfig({}).policy;

let loaded: Config | undefined;

/**
 * The process environment, parsed on first use and kept: a Lambda's configuration cannot change
 * while it runs. Importing this module (or any module that imports it) reads nothing, so an entry
 * point such as `npm start` can prepare the environment, or pass a Config of its own to the
 * composition, in any order.
 */
export function config(): Config {
  loaded ??= parseConfig(process.env);
  return loaded;
}
