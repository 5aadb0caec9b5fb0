import * as z from '../zod.js';
import { Category } from '../domain/categories.js';
import { CountryCode, HomeRegency } from '../domain/regions.js';
import { ReporterType, cleanText } from '../domain/case.js';
import { LANDLINE_PROBLEM, MIN_DESCRIPTION, MAX_DESCRIPTION, descriptionProblem, isIndonesianLandline, type DescriptionProblem } from './form.js';
import { normalisePhone } from '../domain/phone.js';
import { IntakeConflictError, RateLimitedError, ValidationError } from '../domain/errors.js';
import { newReference } from '../domain/reference.js';
import { ReportInput, fileReport, parseReport, reportContent, type FileReportDeps } from '../use-cases/file-report.js';

const DESCRIPTION_MESSAGES: Record<DescriptionProblem, string> = {
  empty: 'Required',
  short: `At least ${MIN_DESCRIPTION} characters`,
  long: `Too long: max ${MAX_DESCRIPTION} characters`,
};

/** Random per rendered form: the idempotency key, so a double click or a resend files one case. */
export const Token = z.string().check(z.regex(/^[A-Za-z0-9_-]{16,64}$/, 'Expected 16-64 characters A-Z a-z 0-9 _ -'));

/**
 * The web report: the shared ReportInput fields (same phone and NIK checks as SMS and USSD), made
 * stricter where a form can ask (who reports, category, country and regency must be chosen; a
 * description is required), plus what only the web needs: consent, the token and the honeypot.
 */
export const WebReport = z.extend(z.pick(ReportInput, {
  contact: true, nik: true, workerName: true, agentName: true, smsUpdates: true, language: true,
}), {
  reporterType: ReporterType,
  category: Category,
  country: CountryCode,
  homeRegency: HomeRegency,
  description: z.pipe(
    z.string().check(z.superRefine((raw, ctx) => {
      const problem = descriptionProblem(raw);
      if (problem) ctx.issues.push({ code: 'custom', message: DESCRIPTION_MESSAGES[problem], input: raw });
    })),
    z.transform(cleanText),
  ),
  consent: z.literal(true, 'Consent is required'),
  token: Token,
  /** Honeypot: hidden from people, filled in by naive bots. */
  website: z.optional(z.string().check(z.maxLength(500))),
});
export type WebReportInput = z.input<typeof WebReport>;

/** A form post is all strings: empty selects are "not chosen", checkboxes are present or absent. */
export function fromForm(form: Record<string, string>): Record<string, unknown> {
  const chosen = (name: string) => (form[name] ? form[name] : undefined);
  return {
    reporterType: chosen('reporterType'),
    workerName: form.workerName?.trim() ? form.workerName : undefined,
    agentName: form.agentName?.trim() ? form.agentName : undefined,
    contact: form.contact ?? '',
    category: chosen('category'),
    country: chosen('country'),
    homeRegency: chosen('homeRegency'),
    nik: form.nik?.trim() ? form.nik : undefined,
    description: form.description ?? '',
    smsUpdates: form.smsUpdates === 'yes',
    consent: form.consent === 'yes',
    token: form.token ?? '',
    language: form.lang === 'en' ? 'en' : 'id',
    website: form.website ?? '',
  };
}

export type WebSubmission =
  | { kind: 'filed'; reference: string; created: boolean }
  /** Honeypot filled: answered like a success so a bot learns nothing, but nothing is stored or sent. */
  | { kind: 'ignored'; reference: string };

function hasHoneypot(input: unknown): boolean {
  const website = (input as { website?: unknown } | null)?.website;
  return typeof website === 'string' && website.trim() !== '';
}

export function parseWebReport(input: unknown): z.output<typeof WebReport> {
  const parsed = WebReport.safeParse(input);
  const raw = (input && typeof input === 'object' ? input : {}) as Record<string, unknown>;
  const fields: Record<string, string> = {};
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const name = String(issue.path[0] ?? 'body');
      fields[name] ??= raw[name] === undefined || raw[name] === '' ? 'Required' : issue.message;
    }
  }
  // Checked with the other fields, so the person fixes everything in one go.
  const contact = typeof raw.contact === 'string' ? normalisePhone(raw.contact) : undefined;
  if (raw.smsUpdates === true && contact && isIndonesianLandline(contact)) fields.contact ??= LANDLINE_PROBLEM;
  if (parsed.success && Object.keys(fields).length === 0) return parsed.data;
  throw new ValidationError(fields);
}

/**
 * A report from the web form or an NGO system. Order matters: the honeypot is checked before
 * anything else so bots cost no writes; validation before the rate limit so typos do not use up a
 * family's allowance; a token seen before is answered before the limit too (a resend is the same
 * report, and counts once; the same token with other content is refused with 409, never
 * swallowed); the one use case (fileReport) does the rest, exactly as for SMS and USSD.
 */
export async function submitReport(
  deps: FileReportDeps,
  input: unknown,
  source: { ip: string },
): Promise<WebSubmission> {
  if (hasHoneypot(input)) return { kind: 'ignored', reference: newReference() };
  const report = parseWebReport(input);
  const filing: ReportInput = {
    channel: 'web',
    intakeKey: report.token,
    reporterType: report.reporterType,
    contact: report.contact,
    category: report.category,
    description: report.description,
    homeRegency: report.homeRegency,
    country: report.country,
    smsUpdates: report.smsUpdates,
    language: report.language,
    ...(report.nik ? { nik: report.nik } : {}),
    ...(report.workerName ? { workerName: report.workerName } : {}),
    ...(report.agentName ? { agentName: report.agentName } : {}),
  };
  const seen = await deps.cases.findIntake({ channel: 'web', gatewayId: report.token, content: reportContent(parseReport(filing)) });
  if (seen) {
    if (!seen.sameContent) throw new IntakeConflictError();
    const earlier = await deps.cases.getCase(seen.caseId);
    if (earlier) return { kind: 'filed', reference: earlier.reference, created: false };
  }
  const hits = await deps.counters.countHit('web', source.ip, 3600, deps.clock.now());
  if (hits > deps.policy.limits.webReportsPerHour) throw new RateLimitedError('web');
  const filed = await fileReport(deps, filing);
  return { kind: 'filed', reference: filed.case.reference, created: filed.created };
}
