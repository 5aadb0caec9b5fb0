import { CONSENT_NOTICE, CONSENT_TEXT_VERSION } from '../messages/consent.js';
import * as z from '../zod.js';
import { emergencyLineFor } from '../domain/emergency-line.js';
import { type Case, Channel, DESCRIPTION_LIMIT, ReporterType, cleanText } from '../domain/case.js';
import { Category, Language, readCategory } from '../domain/categories.js';
import { CountryCode, HomeRegency } from '../domain/regions.js';
import { PhoneNumber } from '../domain/phone.js';
import { WhatsAppContactId } from '../domain/whatsapp-contact.js';
import { checkNik } from '../domain/nik.js';
import { newCaseId, newReference } from '../domain/reference.js';
import { IntakeConflictError, RateLimitedError, ReferenceTakenError, ValidationError } from '../domain/errors.js';
import type { Reporter } from './reporters-port.js';
import { type NewCaseFacts, planFile } from '../cases/file.js';
import type { Deps } from './deps.js';

const NIK_MESSAGES = {
  format: 'NIK must be 16 digits',
  region: 'NIK region code does not exist',
  birth_date: 'NIK birth date is impossible',
} as const;

/** A report as every channel hands it over: USSD, SMS and the web form all build this and call fileReport. */
export const ReportInput = z.object({
  channel: Channel,
  /** The gateway's delivery id (AT message id, USSD session id, web form token): the same intake files one case. */
  intakeKey: z.string().check(z.minLength(1), z.maxLength(200)),
  reporterType: ReporterType,
  contact: PhoneNumber,
  category: z.optional(Category),
  /** Cleaned (lib/domain/case.ts cleanText), then held to the one limit: storage refuses, never cuts. */
  description: z._default(z.pipe(
    z.pipe(z.string(), z.transform(cleanText)),
    z.string().check(z.maxLength(DESCRIPTION_LIMIT, `Too long: max ${DESCRIPTION_LIMIT} characters`)),
  ), ''),
  /** The channel cut the reporter's text to the limit and tells the reporter so (SMS). */
  truncated: z._default(z.boolean(), false),
  homeRegency: z._default(HomeRegency, 'unknown'),
  country: z._default(CountryCode, 'unknown'),
  nik: z.pipe(z.optional(z.string()), z.transform((raw: string | undefined, ctx) => {
    if (raw === undefined || raw.trim() === '') return undefined;
    const check = checkNik(raw);
    if (!check.ok) {
      ctx.issues.push({ code: 'custom', message: NIK_MESSAGES[check.problem], params: { problem: check.problem }, input: raw });
      return z.NEVER;
    }
    return check.nik;
  })),
  /** Cleaned like the description: every door's free text reaches the case through this one schema. */
  workerName: z.optional(z.pipe(z.pipe(z.string(), z.transform(cleanText)), z.string().check(z.maxLength(100)))),
  /** Agency (P3MI) or broker the reporter names: kept encrypted, matched by the hash of its normal form, never published. */
  agentName: z.optional(z.pipe(z.pipe(z.string(), z.transform(cleanText)), z.string().check(z.maxLength(100)))),
  smsUpdates: z._default(z.boolean(), true),
  language: z._default(Language, 'id'),
});
/** A WhatsApp report: its sender may be known only by a business-scoped user id (no number). */
const WhatsAppReportInput = z.extend(ReportInput, { contact: WhatsAppContactId });
export type ReportInput = z.input<typeof ReportInput>;
export type ParsedReport = z.output<typeof ReportInput>;

/** What filing a report touches: the case (with its reporter's item), nothing else. */
export type FileReportDeps = Pick<Deps, 'cases' | 'reporters' | 'counters' | 'clock' | 'policy' | 'metrics'>;

export interface FiledReport {
  case: Case;
  /** False when the same intake key was seen before: the earlier case is returned, nothing new is sent. */
  created: boolean;
  truncated: boolean;
}

export function parseReport(input: ReportInput): ParsedReport {
  const parsed = (input.channel === 'whatsapp' ? WhatsAppReportInput : ReportInput).safeParse(input);
  if (!parsed.success) {
    const fields: Record<string, string> = {};
    for (const issue of parsed.error.issues) fields[String(issue.path[0] ?? 'body')] ??= issue.message;
    throw new ValidationError(fields);
  }
  return parsed.data;
}

/** What a report says, canonically: two posts with one token are the same report when this is equal. */
export function reportContent(report: ParsedReport): string {
  return JSON.stringify([
    report.channel, report.reporterType, report.contact, report.category ?? null, report.description.trim(),
    report.homeRegency, report.country, report.nik ?? null, report.workerName ?? null,
  ]);
}

import { REPORTER_SMS_COUNTER } from './reporter-sms-counter.js';
export { REPORTER_SMS_COUNTER };

export interface FileOptions {
  /** The reporter as the caller already read and counted it (SMS), so it is not read again. */
  reporter?: Reporter;
  /**
   * File only if no other report of this reporter was filed since `reporter` was read: a LAPOR that
   * loses the race is decided again (it is probably about the case that won).
   */
  serialize?: boolean;
  /** A USSD report: the phone's draft goes in the same transaction. */
  clearUssdDraft?: boolean;
  /** A conversation's report (SMS, WhatsApp): what was read from its text, and whether to ask for the regency. */
  places?: Pick<NewCaseFacts, 'placesRead' | 'askRegency'>;
}

/**
 * Files a report from any channel: one case, its first timeline event, the reporter's
 * confirmation SMS and the reporter's item in one transaction. Alerts to officials follow from the
 * table stream.
 *
 * The confirmation is a direct answer to an SMS report, so it goes even after BERHENTI (which
 * stops updates nobody asked for: the case is filed with `smsUpdates` off). A web form can name any
 * number, so its confirmations are bounded per number per day, and while SMS to reporters run
 * above the hourly spend guard, numbers that never wrote to the hotline get none.
 */
export async function fileReport(deps: FileReportDeps, input: ReportInput, options: FileOptions = {}): Promise<FiledReport> {
  const report = parseReport(input);
  const now = deps.clock.now();
  const at = now.toISOString();
  const { description, truncated } = report;
  // A category nobody chose is read from the words, and the case records which (issue 23, item 1).
  const reading = report.category ? undefined : readCategory(description);
  const category = report.category ?? reading!.category;
  const web = report.channel === 'web';
  const reporter = options.reporter ?? await deps.reporters.touch(report.contact, now, {
    wrote: !web,
    // A web confirmation is counted before it is decided, so concurrent forms cannot overshoot.
    ...(web && report.smsUpdates ? { counters: ['confirmations'] } : {}),
  });
  const { prefs } = reporter;
  const language = prefs.language ?? report.language;
  const smsUpdates = report.smsUpdates && !prefs.smsStopped;
  // A text (SMS or WhatsApp) is answered on the same footing: the reporter wrote and expects the reference.
  const texted = report.channel === 'sms' || report.channel === 'whatsapp';
  const confirm = texted || (smsUpdates && (!web || await webConfirmationAllowed(deps, reporter, now)));
  // A text report cannot be preceded by the consent information: the reply with the reference tells
  // it, the first time this number reports by text under this version (UU 27/2022 Art. 21).
  const tellConsent = texted && prefs.consentVersion !== CONSENT_TEXT_VERSION;
  const notice = texted && !tellConsent ? 'earlier_reply' as const : CONSENT_NOTICE[report.channel];
  // Every USSD session that reaches the end files a case, and every case alerts officials by SMS:
  // one phone gets the same hourly allowance of new reports as by SMS (handle-inbound-sms checks its
  // own before it files). Past it, a retried final request of a session already filed still gets its case.
  if (report.channel === 'ussd' && reporter.counts.newCases >= deps.policy.limits.newCasesPerHour) {
    const earlier = await deps.cases.findIntake({ channel: 'ussd', gatewayId: report.intakeKey, phone: report.contact, content: reportContent(report) });
    const existing = earlier ? await deps.cases.getCase(earlier.caseId) : undefined;
    if (!existing) throw new RateLimitedError('new_case');
    return { case: existing, created: false, truncated: false };
  }

  for (let attempt = 0; ; attempt++) {
    const filing = planFile({
      id: newCaseId(), reference: newReference(), channel: report.channel, reporterType: report.reporterType,
      contact: report.contact, category, description, truncated, homeRegency: report.homeRegency, country: report.country,
      ...(report.nik ? { nik: report.nik } : {}),
      ...(report.workerName ? { workerName: report.workerName } : {}),
      ...(report.agentName ? { agentName: report.agentName } : {}),
      // What the reporter was told about their data, and when (UU 27/2022 Art. 22, 24: provable).
      consent: { channel: report.channel, at, version: CONSENT_TEXT_VERSION, notice },
      smsUpdates, language, confirm, tellConsent, ...options.places,
      ...(reading && reading.words.length > 0 ? { categoryRead: reading } : {}),
    }, { at, now, policy: deps.policy }, emergencyLineFor(deps.policy.emergencyLines, report.contact));
    try {
      const result = await deps.cases.createCase({
        ...filing,
        intake: { channel: report.channel, gatewayId: report.intakeKey, ...(web ? {} : { phone: report.contact }), content: reportContent(report) },
        reporter: {
          phone: report.contact, stale: reporter.stale,
          ...(options.serialize ? { expectedRevision: reporter.revision } : {}),
          // A resend of the same SMS text finds this case; SMS and USSD reports count against the phone's hour.
          ...(texted ? { text: description, countNewCase: true } : report.channel === 'ussd' ? { countNewCase: true } : {}),
          ...(tellConsent ? { consentTold: CONSENT_TEXT_VERSION } : {}),
        },
        ...(options.clearUssdDraft ? { clearUssdDraft: true } : {}),
      });
      if (result.created) {
        // By channel: the operators' dashboard shows reports per channel (no alarm reads this metric).
        deps.metrics?.count('ReportFiled', 1, { channel: report.channel });
        return { case: result.case, created: true, truncated };
      }
      // A form token is chosen by the client: the same token with other content is another report.
      if (web && !result.sameContent) throw new IntakeConflictError();
      const existing = await deps.cases.getCase(result.caseId);
      if (!existing) throw new Error('Intake key points at a missing case');
      return { case: existing, created: false, truncated: false };
    } catch (error) {
      // 31^6 references: a collision is rare, and a fresh draw resolves it.
      if (error instanceof ReferenceTakenError && attempt < 5) continue;
      throw error;
    }
  }
}

async function webConfirmationAllowed(deps: FileReportDeps, reporter: Reporter, now: Date): Promise<boolean> {
  if (reporter.counts.confirmations > deps.policy.limits.confirmationsPerNumberPerDay) return false;
  if (reporter.wrote) return true;
  const { scope, key, windowSeconds } = REPORTER_SMS_COUNTER;
  if (await deps.counters.peekCount(scope, key, windowSeconds, now) < deps.policy.limits.reporterSmsPerHour) return true;
  deps.metrics?.count('SpendGuardTripped');
  return false;
}
