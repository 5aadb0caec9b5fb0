import { type Case, type CaseEvent, caseEvent, dataRequestDeadline } from '../domain/case.js';
import { changeCase } from '../cases/change-case.js';
import { type ActionContext, type NotApplied as SharedNotApplied, ok, type PlanResult } from '../cases/plan.js';
import { countAcknowledgement, planAcknowledge, planResolve } from '../cases/plans.js';
import { decideQuestion } from '../cases/questions.js';
import { rankIn } from '../cases/rank.js';
import { covers } from '../domain/routing.js';
import { caseTextPages, officialTexts, STATUS_SHORT } from '../messages/official.js';
import { dataRequestTexts } from '../messages/data-request.js';
import { entriesNewestFirst } from '../conversation/follow-up.js';
import type { OfficialCommand, OfficialRequest } from '../officials/commands.js';
import { checkPin, type PinRefusal } from '../officials/check-pin.js';
import type { AccessedField, AccessEntry } from '../domain/access.js';
import { logger } from '../logger.js';
import { watchRead } from './reader-watch.js';
import type { OutboundMessage } from '../domain/message.js';
import type { Deps } from './deps.js';
import type { InboundSms } from './handle-inbound-sms.js';

export type OfficialSmsDeps = Pick<Deps, 'cases' | 'directory' | 'reporters' | 'counters' | 'clock' | 'policy' | 'metrics' | 'reads'>;

/** The PIN check's refusals ('unknown' is an unregistered number, which never gets that far) and the case's. */
export type RefusalReason = Exclude<PinRefusal, 'unknown'> | 'unknown_reference' | 'not_covered' | 'no_note';

/** An authenticated command that was understood but not applied, with the reason the official is told. */
export type NotAppliedReason = 'not_open' | 'taken' | 'already_assigned' | 'no_question' | 'reporter_no_sms' | 'too_many_questions' | 'data_request';

export type OfficialOutcome =
  | { kind: 'refused'; reason: RefusalReason }
  | { kind: 'acknowledged' | 'resolved' | 'info_sent' | 'question_relayed'; reference: string; officialId: string }
  /** BANTUAN / HELP: the officials' commands went to a registered official's number. */
  | { kind: 'help_sent'; officialId: string }
  | { kind: 'not_applied'; reason: NotAppliedReason; reference: string; officialId: string }
  /** The same gateway message id was handled before: nothing written, nothing sent. */
  | { kind: 'duplicate' }
  /**
   * Not from a registered official's number: nothing written here, and no officials' text is sent;
   * the caller hands the SMS to the reporter's side ("Tanya status laporan saya", "terima kasih",
   * "TANYA ABC-234 kapan gaji dibayar" are a reporter's words), where it is a follow-up, a status
   * request or a report.
   */
  | { kind: 'not_official' }
  | { kind: 'rate_limited' };

/** Commands per hour from one number: each refusal costs an SMS reply, so a flood must not. */
const COMMANDS_PER_HOUR_PER_PHONE = 60;

/**
 * One command SMS from an official (TERIMA, SELESAI, INFO, TANYA and the English synonyms). The
 * sender number only says who claims to be writing (numbers can be spoofed): the PIN decides.
 * Every command, accepted or refused, lands on the case's timeline when the reference exists; the
 * reply goes through the outbox. The gateway's message id is the once-key, so a redelivered SMS
 * changes nothing and replies nothing.
 */
export async function handleOfficialSms(
  deps: OfficialSmsDeps,
  sms: InboundSms,
  request: OfficialRequest,
): Promise<OfficialOutcome> {
  if (request.action === 'help') return sendHelp(deps, sms);
  const command: OfficialCommand = request;
  const { cases, directory, reporters, counters } = deps;
  const now = deps.clock.now();
  const at = now.toISOString();
  const onceKey = `cmd.${sms.id}`;
  const reply = (purpose: string, text: string, extra: Partial<OutboundMessage> = {}): OutboundMessage => ({
    id: `official-reply.${sms.id}`, audience: 'official', to: sms.from, purpose, text,
    status: 'pending', attempts: 0, createdAt: at, ...extra,
  });

  if ((await counters.countHit('official-cmd', sms.from, 3600, now)) > COMMANDS_PER_HOUR_PER_PHONE) return { kind: 'rate_limited' };

  const [official, found] = await Promise.all([directory.getOfficialByPhone(sms.from), cases.getCaseByReference(command.reference)]);
  const actor = official ? `official:${official.id}` : 'unregistered';

  const refuse = async (reason: RefusalReason, detail: { locked?: boolean } = {}, { answer = true, denied = false } = {}) => {
    const events: CaseEvent[] = found
      ? [caseEvent('official_command_refused', at, actor, { command: command.keyword, reason, ...detail })]
      : [];
    // What was left out is said plainly (only a registered number gets here); anything else gets the
    // one neutral text, which tells a stranger nothing about PINs, references or locks.
    const text = reason === 'no_pin' ? officialTexts.noPin(command.keyword, command.reference)
      : reason === 'no_note' ? officialTexts.needsNote(command.reference)
        : officialTexts.refused(command.keyword);
    const messages = answer ? [reply('refused', text, official ? { officialId: official.id } : {})] : [];
    // A case the official may not see: the attempt is in the access log too, as from the console.
    const access = denied && found && official ? [{ at, officialId: official.id, action: 'denied' as const, reference: found.reference, fields: [] }] : [];
    const first = await cases.recordOnce(found?.id, { onceKey, events, messages, ...(access.length ? { access } : {}) });
    return { first, outcome: first ? { kind: 'refused' as const, reason } : { kind: 'duplicate' as const } };
  };

  // Only a registered official's number gets command parsing and refusals. Anyone else writing
  // TANYA/TERIMA/SELESAI... is a reporter (or someone who may become one): their message must reach
  // the reporter's side, never be refused with the officials' format (issue 12, finding 2).
  if (!official) return { kind: 'not_official' };
  // SELESAI needs the outcome note: refused with the format before the PIN is checked or the case
  // touched, so the case is never closed first and the note refused after (issue 23, item 4).
  if (command.action === 'resolve' && command.pin && command.text.trim() === '') return (await refuse('no_note')).outcome;
  // The one PIN check (lib/officials/check-pin.ts): every refusal lands on the case timeline as
  // before, a redelivered SMS is not a second guess, and the guess that locks is announced.
  const asRefusal = (reason: PinRefusal): RefusalReason => (reason === 'unknown' ? 'inactive' : reason);
  const pin = await checkPin(deps, official, {
    door: 'sms', pin: command.pin, attemptId: sms.id,
    recordRefusal: async (reason, detail) => (await refuse(asRefusal(reason), detail)).first,
  });
  if (!pin.ok) return pin.first ? { kind: 'refused', reason: asRefusal(pin.reason) } : { kind: 'duplicate' };
  if (!found) return (await refuse('unknown_reference')).outcome;
  if (!covers(official, found)) return (await refuse('not_covered', {}, { denied: true })).outcome;

  const done = (kind: 'acknowledged' | 'resolved' | 'info_sent' | 'question_relayed'): OfficialOutcome => ({ kind, reference: found.reference, officialId: official.id });
  const officialReply = (purpose: string, text: string, c: Case) => reply(purpose, text, { officialId: official.id, caseId: c.id });
  /** Understood, authenticated, not applied: recorded on the timeline and told to the official. */
  const notApplied = (reason: SharedNotApplied, c: Case): PlanResult => (refusal = reason, ok({
    events: [caseEvent('official_command_not_applied', at, actor, { command: command.keyword, reason, status: c.status })],
    messages: [officialReply('command_not_applied', notAppliedText(reason, c), c)],
  }));
  const notAppliedText = (reason: SharedNotApplied, c: Case): string => {
    // A data request is decided in the console: SELESAI, or TERIMA once it is theirs, says where and by when.
    if (c.dataRequest && (reason === 'data_request' || reason === 'already_assigned')) return dataRequestTexts.decideInConsole(c.reference, c.dataRequest.type, dataRequestDeadline(c));
    switch (reason) {
      case 'already_assigned': return officialTexts.alreadyYours(c.reference);
      case 'taken': return officialTexts.taken(c.reference);
      case 'no_question': return officialTexts.needsText(c.reference);
      case 'reporter_no_sms': return officialTexts.reporterNoSms(c.reference);
      case 'too_many_questions': return officialTexts.tooManyQuestions(c.reference);
      default: return officialTexts.notOpen(c.reference, c.status, c.mergedInto);
    }
  };
  /** The shared plan (lib/cases), plus what only this door adds: the reply to the official. */
  const withReply = (c: Case, result: PlanResult, kind: 'acknowledged' | 'resolved' | 'question_relayed', replyText: string): PlanResult => {
    if (!result.applies) return notApplied(result.reason, c);
    return ok({ ...result.plan, messages: [...result.plan.messages, officialReply(kind, replyText, c)] });
  };

  // The operation itself is the shared plan, as in the console; this door adds the SMS keyword, the
  // reply to the official and the gateway id as once-key.
  const context: ActionContext = { official, actor, at, now, policy: deps.policy, via: sms.channel === 'whatsapp' ? 'whatsapp' : 'sms', command: command.keyword };
  let kind = 'info_sent' as 'acknowledged' | 'resolved' | 'info_sent' | 'question_relayed';
  let refusal: SharedNotApplied | undefined;
  const decide = (c: Case): Promise<PlanResult> => {
    refusal = undefined;
    return plan(c);
  };
  const plan = async (c: Case): Promise<PlanResult> => {
    switch (command.action) {
      case 'acknowledge':
        kind = 'acknowledged';
        return withReply(c, planAcknowledge(c, context, await rankIn(directory, official, c)), 'acknowledged',
          c.dataRequest ? dataRequestTexts.taken(c.reference, c.dataRequest.type, dataRequestDeadline(c)) : officialTexts.acknowledged(c.reference));
      case 'resolve':
        kind = 'resolved';
        // The note may name people or places: its length is on the timeline, its text sealed as the case's outcome note (as in the console).
        return withReply(c, planResolve(c, context, await rankIn(directory, official, c), command.text.length, command.text), 'resolved', officialTexts.resolved(c.reference));
      case 'info':
        kind = 'info_sent';
        return planInfo(c);
      case 'ask':
        kind = 'question_relayed';
        return withReply(c, await decideQuestion(deps, c, context, command.text, await reporters.getPrefs(c.contact), `ask.${sms.id}`), 'question_relayed', officialTexts.asked(c.reference));
    }
  };
  /**
   * INFO: a read, not a change. The holder reads what the reporter wrote, newest first, a bounded
   * page per request (`INFO <ref> <PIN> 2` for the next); every read is on the timeline with its
   * page, and a read of personal data (the number, the text) is in the access log like a console page.
   */
  /** The INFO read of personal data this command made, for the reader watch once it is written. */
  let infoRead: AccessEntry | undefined;
  const planInfo = (c: Case): PlanResult => {
    // Nothing personal is left to show: the facts and when they went (retention or a request).
    if (c.erased) {
      return ok({
        events: [caseEvent('info_viewed', at, actor, { command: command.keyword, contactShown: false, textShown: false })],
        messages: [officialReply('info', officialTexts.infoErased(c, c.erased), c)],
      });
    }
    const isAssignee = c.assignee === official.id && c.status !== 'new';
    if (c.dataRequest) {
      // A request has no story to page through: its kind, deadline and status, and the number to the official who took it.
      infoRead = isAssignee ? { at, officialId: official.id, action: 'viewed', reference: c.reference, fields: ['contact'] } : undefined;
      return ok({
        events: [caseEvent('info_viewed', at, actor, { command: command.keyword, contactShown: isAssignee, textShown: false })],
        messages: [officialReply('info', dataRequestTexts.info(c.reference, c.dataRequest.type, dataRequestDeadline(c), STATUS_SHORT[c.status], isAssignee ? c.contact : undefined), c)],
        ...(infoRead ? { access: [infoRead] } : {}),
      });
    }
    if (!isAssignee) {
      return ok({
        events: [caseEvent('info_viewed', at, actor, { command: command.keyword, contactShown: false, textShown: false })],
        messages: [officialReply('info', officialTexts.info(c, { isAssignee, contact: c.contact }), c)],
      });
    }
    const page = /^\d{1,3}$/.test(command.text) ? Math.max(1, Number(command.text)) : 1;
    const { parts, pages } = caseTextPages(c.reference, entriesNewestFirst(c.description, c.createdAt), page);
    const first = page === 1 ? officialTexts.info(c, { isAssignee, contact: c.contact }) : officialTexts.infoPage(c.reference, page, pages);
    const fields: AccessedField[] = [...(page === 1 ? ['contact' as const] : []), ...(parts.length > 0 ? ['text' as const] : [])];
    infoRead = fields.length > 0 ? { at, officialId: official.id, action: 'viewed', reference: c.reference, fields } : undefined;
    return ok({
      events: [caseEvent('info_viewed', at, actor, { command: command.keyword, contactShown: page === 1, textShown: parts.length > 0, page, parts: parts.length })],
      messages: [
        officialReply('info', first, c),
        ...parts.map((text, i) => ({ ...officialReply('info_text', text, c), id: `official-reply.${sms.id}.t${i + 1}` })),
      ],
      ...(infoRead ? { access: [infoRead] } : {}),
    });
  };

  const outcome = await changeCase(deps, found, decide, { onceKey, at });
  if (outcome.kind === 'vanished') throw new Error('Case vanished during an official command');
  if (outcome.kind !== 'changed') return { kind: 'duplicate' };
  if (refusal) return { kind: 'not_applied', reason: refusal as NotAppliedReason, reference: found.reference, officialId: official.id };
  if (kind === 'acknowledged') countAcknowledgement(deps.metrics, outcome.before, deps.policy, now);
  // An INFO read of the number or the text counts toward the reader alert as a console view does
  // (issue 22 point 5); it never blocks the read, which is already written and sent.
  if (infoRead && deps.reads) {
    await watchRead({ reads: deps.reads, directory, cases, clock: deps.clock, policy: deps.policy }, infoRead)
      .catch((error: unknown) => logger.warn('reader watch failed', { errorName: error instanceof Error ? error.name : 'unknown', officialId: official.id }));
  }
  return done(kind);
}

/**
 * BANTUAN / HELP (or a keyword alone) from a registered official's number: the officials' commands,
 * once per gateway id. From any other number it is a reporter's HELP (`not_official`).
 */
async function sendHelp(deps: OfficialSmsDeps, sms: InboundSms): Promise<OfficialOutcome> {
  const now = deps.clock.now();
  const official = await deps.directory.getOfficialByPhone(sms.from);
  if (!official) return { kind: 'not_official' };
  if ((await deps.counters.countHit('official-cmd', sms.from, 3600, now)) > COMMANDS_PER_HOUR_PER_PHONE) return { kind: 'rate_limited' };
  const at = now.toISOString();
  const first = await deps.cases.recordOnce(undefined, {
    onceKey: `cmd.${sms.id}`,
    messages: [{
      id: `official-reply.${sms.id}`, audience: 'official', to: sms.from, officialId: official.id, purpose: 'help',
      text: officialTexts.help(), status: 'pending', attempts: 0, createdAt: at,
    }],
  });
  return first ? { kind: 'help_sent', officialId: official.id } : { kind: 'duplicate' };
}
