import { CATEGORY_LABELS, type Language } from '../domain/categories.js';
import { RateLimitedError } from '../domain/errors.js';
import { STATUS_LABELS, formatLocalTime } from '../messages/reporter.js';
import { logger } from '../logger.js';
import { fileReport, type FileReportDeps } from '../use-cases/file-report.js';
import { checkStatus } from '../use-cases/check-status.js';
import type { UssdDrafts } from './port.js';
import { draftOf, needsDraft, replay, screenBody, ussdScreen, type UssdDraft } from './menu.js';
import { endTexts } from './texts.js';
import { dataRequestTexts } from '../messages/data-request.js';
import { dataRequestDeadline } from '../domain/case.js';

/** How long an interrupted report can be resumed (the 30 minutes; the store's TTL enforces it). */
export const DRAFT_MINUTES = 30;

export interface UssdRequest {
  sessionId: string;
  /** E.164, already normalised at the boundary. */
  phone: string;
  text: string;
}

export type UssdOutcome = 'screen' | 'filed' | 'refiled' | 'status_found' | 'status_unknown' | 'rate_limited' | 'failed';

export interface UssdAnswer {
  /** The whole reply body, `CON ...` or `END ...`. */
  body: string;
  outcome: UssdOutcome;
  reference?: string;
}

export type UssdDeps = FileReportDeps & { ussdDrafts: UssdDrafts };

const end = (text: string) => screenBody('END', text);

export function failureScreen(language: Language, hotline: string): string {
  return end(endTexts.failure(language, { hotline }));
}

/**
 * The screen for a callback that failed validation, naming the field that failed: only a bad phone
 * number is "your number could not be read"; a missing or over-long session id, service code or
 * network code is the network's request, and the screen says which.
 */
export function malformedScreen(language: Language, hotline: string, problem?: { field: string; problem: 'missing' | 'too_long' }): string {
  if (!problem || problem.field === 'phoneNumber') return end(endTexts.malformed(language, { hotline }));
  return end(endTexts.badField(language, { ...problem, hotline }));
}

export function tooLargeScreen(language: Language, hotline: string): string {
  return end(endTexts.tooLarge(language, { hotline }));
}

/**
 * One USSD request. Intermediate screens come from the pure menu; the database is touched only to
 * offer a saved draft on the first screen, to replay a resumed draft, and on the final step (file the
 * report through the same fileReport as SMS and web, or look up a status). Never throws: any failure
 * is an `END` apology with the hotline number, because AT turns anything else into a cryptic error.
 */
export async function handleUssdRequest(deps: UssdDeps, request: UssdRequest): Promise<UssdAnswer> {
  const hotline = deps.policy.hotlinePhone;
  let language: Language = 'id';
  try {
    const draft = needsDraft(request.text) ? await readDraft(deps, request) : undefined;
    const next = ussdScreen({ text: request.text, ...(draft ? { draft } : {}), retentionDays: deps.policy.retentionDaysAfterClose });
    language = next.language;
    switch (next.kind) {
      case 'reply':
        return { body: next.reply, outcome: 'screen' };
      case 'file': {
        const filed = await fileReport(deps, {
          channel: 'ussd',
          // AT repeats the sessionId on a retried request: the same session of the same phone returns the same case.
          intakeKey: request.sessionId,
          contact: request.phone,
          reporterType: next.report.reporterType,
          category: next.report.category,
          // USSD has no free text; officials see the category, and the description says where it came from.
          description: `Laporan USSD: ${CATEGORY_LABELS[next.report.category].id}`,
          country: next.report.country,
          homeRegency: next.report.homeRegency,
          ...(next.report.nik ? { nik: next.report.nik } : {}),
          smsUpdates: next.report.smsUpdates,
          language,
        // The phone's draft, if any, goes in the same write: nothing is left to offer next time.
        }, { clearUssdDraft: true });
        const c = filed.case;
        return {
          body: end(endTexts.filed(language, {
            reference: c.reference, hotline,
            withinHours: Math.max(1, Math.ceil(deps.policy.slaMinutes.acknowledge[c.urgency] / 60)),
            smsUpdates: c.smsUpdates,
          })),
          outcome: filed.created ? 'filed' : 'refiled',
          reference: c.reference,
        };
      }
      case 'status': {
        // AT repeats a request it got no answer to: the same session's lookup counts once.
        const answer = await checkStatus(deps, { phone: request.phone, reference: next.reference, gatewayId: `ussd:${request.sessionId}` });
        if (!answer.found) return { body: end(endTexts.unknownReference(language, { hotline })), outcome: 'status_unknown' };
        const updated = formatLocalTime(answer.lastUpdate);
        const dataRequest = answer.case.dataRequest;
        return {
          body: end(dataRequest
            ? endTexts.requestStatus(language, { text: dataRequestTexts.status(language, answer.case.reference, dataRequestDeadline(answer.case), dataRequest.decision?.at), hotline })
            : answer.mergedInto
              ? endTexts.statusMerged(language, { reference: answer.case.reference, into: answer.mergedInto.reference, status: STATUS_LABELS[answer.mergedInto.status][language], updated, hotline })
              : endTexts.status(language, { reference: answer.case.reference, status: STATUS_LABELS[answer.case.status][language], updated, hotline })),
          outcome: 'status_found',
          reference: answer.case.reference,
        };
      }
    }
  } catch (error) {
    if (error instanceof RateLimitedError) return { body: end(endTexts.rateLimited(language, { hotline })), outcome: 'rate_limited' };
    logger.error('ussd request failed', { errorName: error instanceof Error ? error.name : typeof error, code: (error as { code?: string })?.code });
    return { body: failureScreen(language, hotline), outcome: 'failed' };
  }
}

async function readDraft(deps: UssdDeps, request: UssdRequest): Promise<UssdDraft | undefined> {
  try {
    return await deps.ussdDrafts.getUssdDraft(request.phone, deps.clock.now());
  } catch (error) {
    // On the first screen a draft is only an offer: better a menu without it than no menu.
    if (request.text !== '') throw error;
    logger.warn('ussd draft unreadable, menu shown without resume', { errorName: error instanceof Error ? error.name : typeof error });
    return undefined;
  }
}

export interface UssdSessionEnd {
  sessionId: string;
  phone: string;
  status: 'Success' | 'Incomplete' | 'Failed';
  /** The session's `text` when it stopped. */
  input?: string;
}

export type SessionEndOutcome = 'draft_saved' | 'nothing_to_resume';

/**
 * AT's end-of-session notification. A session that stopped in the middle of a report (the person
 * walked out of coverage, the 180 s limit, the network dropped it) leaves a draft, so the next dial
 * within 30 minutes can continue. The draft is the effective path only (accepted inputs, resumed
 * draft included), so resuming twice does not stack up old inputs.
 */
export async function handleUssdSessionEnd(deps: Pick<UssdDeps, 'ussdDrafts' | 'clock'>, notice: UssdSessionEnd): Promise<SessionEndOutcome> {
  // A session AT calls a success ended on one of our END screens: filed, answered or apologised.
  if (notice.status === 'Success' || notice.input === undefined) return 'nothing_to_resume';
  const now = deps.clock.now();
  const previous = needsDraft(notice.input) && notice.input !== '' ? await deps.ussdDrafts.getUssdDraft(notice.phone, now) : undefined;
  const draft = draftOf(replay({ text: notice.input, ...(previous ? { draft: previous } : {}) }));
  if (!draft) return 'nothing_to_resume';
  await deps.ussdDrafts.saveUssdDraft(notice.phone, draft, new Date(now.getTime() + DRAFT_MINUTES * 60_000));
  return 'draft_saved';
}
