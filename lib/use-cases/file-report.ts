import * as z from '../zod.js';
import { type Case, caseEvent, Channel, ReporterType, truncateDescription } from '../domain/case.js';
import { Category, Language, guessCategory, urgencyOf } from '../domain/categories.js';
import { CountryCode, HomeRegency } from '../domain/regions.js';
import { PhoneNumber } from '../domain/phone.js';
import { checkNik } from '../domain/nik.js';
import { newCaseId, newReference } from '../domain/reference.js';
import { nextCheckAt } from '../domain/sla.js';
import { ReferenceTakenError, ValidationError } from '../domain/errors.js';
import { reporterTexts } from '../messages/reporter.js';
import type { Deps } from './deps.js';

const NIK_MESSAGES = {
  format: 'NIK must be 16 digits',
  region: 'NIK region code does not exist',
  birth_date: 'NIK birth date is impossible',
} as const;

/** A report as every channel hands it over: USSD, SMS and the web form all build this and call fileReport. */
export const ReportInput = z.object({
  channel: Channel,
  /** Channel-specific delivery id (`sms:<AT id>`, `ussd:<session>`, `web:<token>`): the same key files one case. */
  intakeKey: z.string().check(z.minLength(1), z.maxLength(200)),
  reporterType: ReporterType,
  contact: PhoneNumber,
  category: z.optional(Category),
  description: z._default(z.string().check(z.maxLength(20_000)), ''),
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
  workerName: z.optional(z.string().check(z.trim(), z.maxLength(100))),
  /** Agency (P3MI) or broker the reporter names: kept encrypted, matched by the hash of its normal form, never published. */
  agentName: z.optional(z.string().check(z.trim(), z.maxLength(100))),
  smsUpdates: z._default(z.boolean(), true),
  language: z._default(Language, 'id'),
});
export type ReportInput = z.input<typeof ReportInput>;
export type ParsedReport = z.output<typeof ReportInput>;

/** What filing a report touches: the case (with its reporter's item), nothing else. */
export type FileReportDeps = Pick<Deps, 'cases' | 'reporters' | 'clock' | 'policy' | 'metrics'>;

export interface FiledReport {
  case: Case;
  /** False when the same intake key was seen before: the earlier case is returned, nothing new is sent. */
  created: boolean;
  truncated: boolean;
}

export function parseReport(input: ReportInput): ParsedReport {
  const parsed = ReportInput.safeParse(input);
  if (!parsed.success) {
    const fields: Record<string, string> = {};
    for (const issue of parsed.error.issues) fields[String(issue.path[0] ?? 'body')] ??= issue.message;
    throw new ValidationError(fields);
  }
  return parsed.data;
}

/**
 * Files a report from any channel: one case, its first timeline event and the reporter's
 * confirmation SMS in one transaction. Alerts to officials follow from the table stream.
 */
export async function fileReport(deps: FileReportDeps, input: ReportInput): Promise<FiledReport> {
  const report = parseReport(input);
  const now = deps.clock.now();
  const at = now.toISOString();
  const { text: description, truncated } = truncateDescription(report.description);
  const category = report.category ?? guessCategory(description);
  const prefs = await deps.reporters.getPrefs(report.contact);
  const language = prefs.language ?? report.language;
  const smsUpdates = report.smsUpdates && !prefs.smsStopped;

  for (let attempt = 0; ; attempt++) {
    const base = {
      id: newCaseId(), reference: newReference(), category, urgency: urgencyOf(category),
      homeRegency: report.homeRegency, country: report.country, channel: report.channel,
      reporterType: report.reporterType, contact: report.contact, description, smsUpdates, language,
      status: 'new' as const, level: 1 as const, levelSince: at, createdAt: at, updatedAt: at, version: 1,
      ...(report.nik ? { nik: report.nik } : {}),
      ...(report.workerName ? { workerName: report.workerName } : {}),
      ...(report.agentName ? { agentName: report.agentName } : {}),
    };
    const c: Case = { ...base, nextCheckAt: nextCheckAt(base, deps.policy, at, now) };
    try {
      const result = await deps.cases.createCase({
        case: c,
        intakeKey: `${report.channel}:${report.intakeKey}`,
        events: [caseEvent('reported', at, 'reporter', { channel: report.channel, category, truncated })],
        messages: smsUpdates
          ? [{
              id: `received.${c.id}`, audience: 'reporter', to: c.contact, caseId: c.id, purpose: 'received',
              text: reporterTexts.received(language, { reference: c.reference, hotline: deps.policy.hotlinePhone }),
              status: 'pending', attempts: 0, createdAt: at,
            }]
          : [],
      });
      if (result.created) return { case: result.case, created: true, truncated };
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
