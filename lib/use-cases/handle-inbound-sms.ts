import { type Case, caseEvent, dataRequestDeadline, DESCRIPTION_LIMIT, eventsOf, isDataRequest, isOpen, truncateDescription } from '../domain/case.js';
import { channelDetail, officialChannel } from '../domain/channels.js';
import type { Language } from '../domain/categories.js';
import { ConcurrentUpdateError, RateLimitedError, ReporterChangedError } from '../domain/errors.js';
import { isThanks, normaliseSms, parseSms, type SmsCommand } from '../conversation/grammar.js';
import { cutFollowUp, escapeFollowUpMarkers, FOLLOW_UP_LIMIT, originalText, takeFollowUp } from '../conversation/follow-up.js';
import { changeCase } from '../cases/change-case.js';
import type { PlanResult } from '../cases/plan.js';
import { planFollowUp, planMoveFollowUp, planReporterAnswer } from '../cases/reporter-plans.js';
import { answeredPlace, formatLocalTime, reporterTexts } from '../messages/reporter.js';
import { dataRequestTexts } from '../messages/data-request.js';
import type { OutboundMessage } from '../domain/message.js';
import type { ReporterPrefs } from '../domain/reporter.js';
import type { Reporter } from './reporters-port.js';
import { fileReport } from './file-report.js';
import { checkStatus, type StatusAnswer } from './check-status.js';
import { openDataRequest } from './data-request.js';
import { conversationRecipients, notifyOfficials } from './notify-reporter.js';
import { officialTexts } from '../messages/official.js';
import { unansweredQuestionBy } from '../officials/directory.js';
import type { Deps } from './deps.js';
import { emergencyLineFor } from '../domain/emergency-line.js';

export type InboundSmsDeps = Pick<Deps, 'cases' | 'directory' | 'reporters' | 'counters' | 'clock' | 'policy' | 'metrics'>;

export interface InboundSms {
  /** Gateway message id: AT retries deliver the same id, and everything below is keyed on it. */
  id: string;
  from: string;
  text: string;
  receivedAt: string;
  /** What carried it: replies go back the same way (lib/use-cases/channel-choice.ts). SMS when absent. */
  channel?: 'sms' | 'whatsapp';
}

export type InboundOutcome =
  | { kind: 'case_filed'; reference: string; created: boolean }
  | { kind: 'follow_up'; added: boolean; askedNewProblem: boolean }
  | { kind: 'status_answered'; found: boolean }
  | { kind: 'case_closed' }
  | { kind: 'case_reopened' }
  /** A thank-you after the case was closed: answered, nothing filed. */
  | { kind: 'thanks_answered' }
  | { kind: 'prefs_changed'; change: 'language' | 'stop' | 'start' }
  | { kind: 'help_sent' }
  | { kind: 'nothing_to_move' }
  | { kind: 'rate_limited'; scope: 'inbound' | 'new_case' | 'status' | 'data_request' }
  /** HAPUS / DATA opened a data request (or found the one this message opened before). */
  | { kind: 'data_request'; reference: string; created: boolean };

const HOUR_SECONDS = 3600;
const HOUR_MS = HOUR_SECONDS * 1000;
/**
 * Replies to one number per hour (case confirmations aside): every reply is an SMS we pay for,
 * possibly to a foreign number, so a chatty or hostile sender cannot make us send many.
 */
export const REPLIES_PER_HOUR = 10;
/** A second LAPOR this soon after an open case is probably about it: we ask instead of filing a duplicate. */
const SECOND_REPORT_WINDOW_MS = HOUR_MS;

/**
 * One inbound SMS from a reporter, as a conversation: keywords file, look up or configure; plain text
 * from a number with an open case is added to that case; YA/TIDAK answer the "is it solved?" question.
 * Each command is one function over an immutable context (`Conversation`); the changes they make to
 * a case are the plans of lib/cases, written by changeCase.
 *
 * Every SMS goes only to the number that wrote (replies), to registered officials, or to the reporter
 * of an existing case; never to a number found in a message. Replies are queued in the outbox with
 * the id `reply.<gateway id>`, so a redelivered SMS queues no second reply; case changes carry the
 * once-key `in.<gateway id>` for the same reason. The stream sends the outbox.
 */
export async function handleInboundSms(deps: InboundSmsDeps, sms: InboundSms): Promise<InboundOutcome> {
  const command = parseSms(sms.text);
  for (let attempt = 1; ; attempt++) {
    // One request reads the number's preferences, cases and counts, and counts this SMS (once per
    // gateway id: a redelivery, or this loop's second pass, counts nothing).
    const reporter = await deps.reporters.touch(sms.from, deps.clock.now(), {
      counters: command.kind === 'status' && !command.badReference ? ['inbound', 'statusLookups'] : ['inbound'],
      gatewayId: sms.id,
      wrote: true,
      channel: sms.channel ?? 'sms',
      ...(command.kind === 'report' && command.text !== '' ? { text: truncateDescription(command.text).text } : {}),
    });
    try {
      return await converse(conversation(deps, sms, reporter, command), command);
    } catch (error) {
      // Another LAPOR of this number was filed meanwhile: decide again with that case in view.
      if (error instanceof ReporterChangedError && attempt < MAX_REPORT_ATTEMPTS) continue;
      throw error;
    }
  }
}

/** Words of letters only ("gaji", "dibayar"), not references, PINs or numbers. */
const MIN_WORDS_FOR_A_REPORT = 4;
function describesSomething(text: string): boolean {
  return text.split(/\s+/).filter((token) => /^\p{L}{2,}[.,!?]*$/u.test(token)).length >= MIN_WORDS_FOR_A_REPORT;
}
/** Concurrent LAPOR from one number: each pass but the first sees the case another one filed. */
const MAX_REPORT_ATTEMPTS = 4;

/**
 * The place reader and its NTB gazetteer (lib/domain/places): read only for a report's or a
 * follow-up's text, never for STATUS, INFO, the settings, YA/TIDAK to a resolved case, HAPUS/DATA
 * or an official's command. Loaded on the first such text (a chunk of its own in the function bundle), once per
 * container: a cold start does not read it.
 */
const placeReading = () => import('./place-reading.js');

// ---- the context ---------------------------------------------------------------------------------

/**
 * What one SMS is answered from. Immutable: a step that learns something (the number's cases, and
 * with them the reply language) returns a new context for the steps after it.
 */
export interface Conversation {
  readonly deps: InboundSmsDeps;
  readonly sms: InboundSms;
  readonly reporter: Reporter;
  readonly prefs: ReporterPrefs;
  readonly now: Date;
  readonly at: string;
  /** Reply language: chosen (BAHASA), said by the keyword (REPORT is English), else the newest case's. */
  readonly language: Language;
  readonly languageKnown: boolean;
  /** The number's cases, newest first, once a step has read them. */
  readonly cases?: readonly Case[];
}

function conversation(deps: InboundSmsDeps, sms: InboundSms, reporter: Reporter, command: SmsCommand): Conversation {
  const now = deps.clock.now();
  const keyword = 'language' in command ? command.language : undefined;
  const chosen = reporter.prefs.language;
  return Object.freeze({
    deps, sms, reporter, prefs: reporter.prefs, now, at: now.toISOString(),
    language: chosen ?? keyword ?? reporter.latest?.language ?? 'id',
    languageKnown: chosen !== undefined || keyword !== undefined,
  });
}

/** The number's cases, newest first, read once; without a chosen or keyword language, replies follow the newest case's. */
async function withCases(ctx: Conversation): Promise<Conversation & { cases: readonly Case[] }> {
  if (ctx.cases) return ctx as Conversation & { cases: readonly Case[] };
  const cases = await ctx.deps.cases.findCasesByContact(ctx.sms.from);
  const language = !ctx.languageKnown && cases[0] ? cases[0].language : ctx.language;
  return Object.freeze({ ...ctx, cases, language });
}

// ---- the commands --------------------------------------------------------------------------------

type Step<C extends SmsCommand = SmsCommand> = (ctx: Conversation, command: C) => Promise<InboundOutcome>;
type Commands = { [K in SmsCommand['kind']]: Step<Extract<SmsCommand, { kind: K }>> };

/** One function per command. */
const COMMANDS: Commands = {
  report: (ctx, c) => report(ctx, c.text),
  status: (ctx, c) => status(ctx, c),
  help: async (ctx) => {
    await reply(ctx, 'help', reporterTexts.help(ctx.language), true);
    return { kind: 'help_sent' };
  },
  info: async (ctx) => {
    await reply(ctx, 'info', reporterTexts.info(ctx.language, { hotline: emergencyLineFor(ctx.deps.policy.emergencyLines, ctx.sms.from) }), true);
    return { kind: 'help_sent' };
  },
  language: async (ctx, c) => {
    if (!c.language) {
      await reply(ctx, 'language', reporterTexts.languageUnknown(ctx.language), true);
      return { kind: 'help_sent' };
    }
    await ctx.deps.reporters.setPrefs(ctx.sms.from, { language: c.language });
    await reply(ctx, 'language', reporterTexts.languageSet(c.language), true);
    return { kind: 'prefs_changed', change: 'language' };
  },
  stop: async (ctx) => {
    await ctx.deps.reporters.setPrefs(ctx.sms.from, { smsStopped: true });
    // The one SMS after BERHENTI confirms it; nothing else follows until MULAI.
    await reply(ctx, 'stop', reporterTexts.stopped(ctx.language), true);
    return { kind: 'prefs_changed', change: 'stop' };
  },
  start: async (ctx) => {
    await ctx.deps.reporters.setPrefs(ctx.sms.from, { smsStopped: false });
    await reply(ctx, 'start', reporterTexts.started(ctx.language), true);
    return { kind: 'prefs_changed', change: 'start' };
  },
  new: (ctx) => newProblem(ctx),
  yes: (ctx, c) => answerOrText(ctx, 'yes', c.reference),
  no: (ctx, c) => answerOrText(ctx, 'no', c.reference),
  text: (ctx, c) => text(ctx, c.text, c.reference),
  erase: (ctx) => dataRequest(ctx, 'erasure'),
  access: (ctx) => dataRequest(ctx, 'access'),
};

/**
 * HAPUS / DELETE / ERASE and DATA: a data request the desk decides in the console. The neutral reply
 * ("Permintaan ABC-234 diterima ...") is written with the request; nothing is erased by a message.
 */
async function dataRequest(ctx: Conversation, type: 'erasure' | 'access'): Promise<InboundOutcome> {
  const opened = await openDataRequest(ctx.deps, { id: ctx.sms.id, from: ctx.sms.from, channel: ctx.sms.channel ?? 'sms', language: ctx.language }, type);
  if (opened.kind === 'rate_limited') return limited(ctx, 'data_request');
  return opened;
}

async function converse(ctx: Conversation, command: SmsCommand): Promise<InboundOutcome> {
  if (ctx.reporter.counts.inbound > ctx.deps.policy.limits.inboundPerHour) {
    // Asking for no SMS must work even from a number that is over its limit.
    if (command.kind === 'stop') await ctx.deps.reporters.setPrefs(ctx.sms.from, { smsStopped: true });
    return limited(ctx, 'inbound');
  }
  return (COMMANDS[command.kind] as Step)(ctx, command);
}

// ---- reports ------------------------------------------------------------------------------------

async function report(ctx: Conversation, text: string): Promise<InboundOutcome> {
  if (text === '') {
    await reply(ctx, 'prompt', reporterTexts.reportPrompt(ctx.language), true);
    return { kind: 'help_sent' };
  }
  // The same text as an open case's report is that report again (a gateway redelivery, or a resend).
  const same = ctx.reporter.sameTextCaseId ? await ctx.deps.cases.getCase(ctx.reporter.sameTextCaseId) : undefined;
  if (same && isOpen(same) && originalText(same.description) === escapeFollowUpMarkers(truncateDescription(text).text)) {
    return { kind: 'case_filed', reference: same.reference, created: false };
  }
  const latest = ctx.reporter.latest;
  if (latest && latest.caseId !== same?.id && ctx.now.getTime() - Date.parse(latest.at) < SECOND_REPORT_WINDOW_MS) {
    const recent = await ctx.deps.cases.getCase(latest.caseId);
    if (recent && isOpen(recent)) {
      const added = await addFollowUp(ctx, recent, text, true);
      return { kind: 'follow_up', added, askedNewProblem: true };
    }
  }
  // Filed only if no other report of this number was filed since the touch (see handleInboundSms).
  return fileNew(ctx, text, true);
}

async function fileNew(ctx: Conversation, text: string, serialize = false): Promise<InboundOutcome> {
  if (ctx.reporter.counts.newCases >= ctx.deps.policy.limits.newCasesPerHour) return limited(ctx, 'new_case');
  // An SMS cannot be edited and sent again like a form: over the limit, the first part is kept and the reporter told.
  const cut = truncateDescription(text);
  // The regency and country the text names (the country over the SIM's); no regency: the reply asks once.
  const { placesOfReport } = await placeReading();
  const places = placesOfReport(cut.text, ctx.sms.from);
  const filed = await fileReport(ctx.deps, {
    channel: ctx.sms.channel ?? 'sms', intakeKey: ctx.sms.id, reporterType: 'worker', contact: ctx.sms.from,
    description: cut.text, truncated: cut.truncated, homeRegency: places.homeRegency, country: places.country, language: ctx.language,
  }, { reporter: ctx.reporter, serialize, places: { ...(places.placesRead ? { placesRead: places.placesRead } : {}), askRegency: places.homeRegency === 'unknown' } });
  if (filed.created && filed.truncated && filed.case.smsUpdates) {
    await reply(ctx, 'text_cut', reporterTexts.textCut(ctx.language, { limit: DESCRIPTION_LIMIT }), false);
  }
  return { kind: 'case_filed', reference: filed.case.reference, created: filed.created };
}

/** BARU: the text of the last second-LAPOR becomes a case of its own. */
async function newProblem(start: Conversation): Promise<InboundOutcome> {
  const ctx = await withCases(start);
  const pending = await pendingSecondReport(ctx);
  const taken = pending && takeFollowUp(pending.case.description, pending.block);
  if (!pending || !taken) {
    await reply(ctx, 'nothing_to_move', reporterTexts.nothingToMove(ctx.language), true);
    return { kind: 'nothing_to_move' };
  }
  const outcome = await fileNew(ctx, taken.text);
  if (outcome.kind !== 'case_filed') return outcome;
  await changeOwnCase(ctx, pending.case, (c) => planMoveFollowUp(c, { actor: 'reporter', at: ctx.at, now: ctx.now, policy: ctx.deps.policy }, pending.block, outcome.reference));
  return outcome;
}

/** The newest open case whose last second-LAPOR (within the window) has not been moved out yet. */
async function pendingSecondReport(ctx: Conversation & { cases: readonly Case[] }): Promise<{ case: Case; block: number } | undefined> {
  for (const c of ctx.cases.filter(isOpen)) {
    const timeline = await ctx.deps.cases.timeline(c.id);
    const asked = eventsOf(timeline, 'follow_up').findLast((e) => e.detail.askedNewProblem === true && e.detail.stored);
    if (!asked || ctx.now.getTime() - Date.parse(asked.at) > SECOND_REPORT_WINDOW_MS) continue;
    const block = asked.detail.block;
    const moved = eventsOf(timeline, 'follow_up_moved').some((e) => e.detail.block === block && e.at >= asked.at);
    if (!moved) return { case: c, block };
  }
  return undefined;
}

// ---- conversation ---------------------------------------------------------------------------------

async function text(start: Conversation, text: string, reference?: string): Promise<InboundOutcome> {
  const ctx = await withCases(start);
  const open = ctx.cases.filter(isOpen);
  // A case just marked solved is still the conversation ("terima kasih banyak pak"), not a new problem.
  const awaitingAnswer = ctx.cases.find((c) => c.status === 'resolved');
  const target = (reference && open.find((c) => c.reference === reference)) || open[0] || awaitingAnswer;
  if (!target) {
    // "Ya, terima kasih pak" after the case was closed is the end of that conversation: answered, never a new report.
    const closed = ctx.cases.find((c) => c.status === 'closed' && !isDataRequest(c));
    if (closed && isThanks(text)) {
      await reply(ctx, 'closed', reporterTexts.closedThanks(ctx.language, { reference: closed.reference }), false);
      return { kind: 'thanks_answered' };
    }
    // Without a case, a message that says something ("selesai kerja gaji belum dibayar") is a
    // report: a worker who never learnt the keyword must not lose it. A greeting or a stray
    // command gets one short help, which the reply budget bounds.
    if (describesSomething(text)) return fileNew(ctx, text, true);
    await reply(ctx, 'help', reporterTexts.help(ctx.language), false);
    return { kind: 'help_sent' };
  }
  // A reference that is not one of this number's open cases is just part of the message.
  const whole = reference && target.reference !== reference ? normaliseSms(ctx.sms.text) : text;
  const added = await addFollowUp(ctx, target, whole, false);
  return { kind: 'follow_up', added, askedNewProblem: false };
}

/**
 * Adds the reporter's text to the case (the follow-up plan, lib/cases/reporter-plans.ts), tells the
 * handling officials (at most once an hour per case) and answers the reporter.
 */
async function addFollowUp(ctx: Conversation, target: Case, text: string, secondReport: boolean): Promise<boolean> {
  const cut = cutFollowUp(text);
  const x = { actor: 'reporter', at: ctx.at, now: ctx.now, policy: ctx.deps.policy };
  const { withRegencyFromMessage } = await placeReading();
  // While the regency is unknown, the message may name it (or answer the question): set in the same write.
  const written = await changeOwnCase(ctx, target, (c) => withRegencyFromMessage(planFollowUp(c, x, cut.text, { length: text.length, truncated: cut.truncated, secondReport, channel: ctx.sms.channel ?? 'sms' }), text, x));
  if (!written) return false;
  const { after: updated, plan } = written;
  const event = plan.events[0];
  const stored = event?.type === 'follow_up' && event.detail.stored;
  const answeredBy = stored ? await relayAnswer(ctx, updated, cut.text) : undefined;
  // "ok terima kasih" after the confirmation: kept with the case, but no official is alerted to read
  // it and no SMS acknowledges it (unless it answers an official's question: then it is relayed).
  const thanksOnly = !answeredBy && isThanks(text);
  // "Pesan baru" in the console (issue 23, item 7): unread for whoever handles the case, and for the official it answers.
  if (stored && !thanksOnly) {
    const handling = conversationRecipients(updated, await ctx.deps.directory.listOfficials()).map((o) => o.id);
    await ctx.deps.directory.markUnread([...handling, ...(answeredBy ? [answeredBy] : [])], updated, ctx.at);
  }
  const hour = Math.floor(ctx.now.getTime() / HOUR_MS);
  // An answer to "Asal kabupaten/kota?" is no news for the office its alert just reached.
  const answeredRegency = plan.events.some((e) => e.type === 'regency_read' && e.detail.from === 'answer');
  if (!answeredRegency && !thanksOnly) await notifyOfficials(ctx.deps, updated, 'followUp', `followup.${updated.id}.h${hour}`, answeredBy ? [answeredBy] : []);

  const v = { reference: updated.reference, hotline: emergencyLineFor(ctx.deps.policy.emergencyLines, ctx.sms.from), limit: FOLLOW_UP_LIMIT };
  if (!stored) await reply(ctx, 'case_full', reporterTexts.caseFull(ctx.language, v), false);
  else if (secondReport) await reply(ctx, 'ask_new_problem', reporterTexts.askNewProblem(ctx.language, v), false);
  else if (cut.truncated) await reply(ctx, 'text_cut', reporterTexts.textCut(ctx.language, v), false);
  // On a case marked solved the reporter still owes YA or TIDAK: every such message is answered with the question (the reply budget bounds it).
  else if (updated.status === 'resolved') await reply(ctx, 'ask_solved', reporterTexts.askAgainSolved(ctx.language, v), false);
  else if (thanksOnly) return true;
  else if (answeredRegency) await reply(ctx, 'regency_noted', reporterTexts.regencyNoted(ctx.language, { ...v, place: answeredPlace(updated.homeRegency, ctx.language) }), false);
  else if (await ctx.deps.counters.countHit('sms-ack', updated.id, HOUR_SECONDS, ctx.now) === 1) {
    await reply(ctx, 'follow_up_ack', reporterTexts.followUpAdded(ctx.language, v), false);
  }
  return true;
}

/**
 * When an official asked by TANYA and is still waiting, this message is the answer: it goes to
 * that official with its text (cut to one GSM-7 SMS; the whole is in the case for INFO), once,
 * recorded on the timeline. Returns the official's id, so the text-free notice skips them.
 */
async function relayAnswer(ctx: Conversation, c: Case, text: string): Promise<string | undefined> {
  const { deps, sms, at } = ctx;
  const askerId = unansweredQuestionBy(await deps.cases.timeline(c.id));
  if (!askerId) return undefined;
  const asker = (await deps.directory.listOfficials()).find((o) => o.id === askerId && o.active);
  if (!asker) return undefined;
  const message: OutboundMessage = {
    id: `answer.${sms.id}`, audience: 'official', to: asker.phone, caseId: c.id, officialId: asker.id, level: asker.level,
    purpose: 'question_answer', text: officialTexts.answer(c.reference, text), status: 'pending', attempts: 0, createdAt: at,
  };
  const first = await deps.cases.recordOnce(c.id, {
    onceKey: `answer.${sms.id}`,
    events: [caseEvent('answer_relayed', at, 'reporter', { official: asker.id, length: text.length, ...channelDetail(officialChannel(asker)) })],
    messages: [message],
  });
  return first ? asker.id : undefined;
}

/** YA / TIDAK to "is your problem solved?": only for a case an official marked resolved; otherwise the words are a message. */
async function answerOrText(start: Conversation, answer: 'yes' | 'no', reference?: string): Promise<InboundOutcome> {
  const ctx = await withCases(start);
  const resolved = ctx.cases.find((c) => c.status === 'resolved' && (!reference || c.reference === reference));
  if (!resolved) return text(ctx, normaliseSms(ctx.sms.text));
  // YA closes; TIDAK reopens through the same plan as an official's reopen.
  const written = await changeOwnCase(ctx, resolved, (c) => planReporterAnswer(c, { actor: 'reporter', at: ctx.at, now: ctx.now, policy: ctx.deps.policy }, answer));
  if (answer === 'no') return { kind: 'case_reopened' };
  if (written) await reply(ctx, 'closed', reporterTexts.closedThanks(ctx.language, { reference: written.after.reference }), true);
  return { kind: 'case_closed' };
}

async function status(start: Conversation, command: Extract<SmsCommand, { kind: 'status' }>): Promise<InboundOutcome> {
  if (command.badReference) {
    await reply(start, 'status', reporterTexts.unknownReference(start.language), true);
    return { kind: 'status_answered', found: false };
  }
  // STATUS alone is about the newest case of this number.
  const known = command.reference ?? start.reporter.latest?.reference;
  const ctx = known ? start : await withCases(start);
  const reference = known ?? ctx.cases?.[0]?.reference;
  if (!reference) {
    await reply(ctx, 'status', reporterTexts.noCase(ctx.language), true);
    return { kind: 'status_answered', found: false };
  }
  try {
    const answer = await checkStatus(ctx.deps, { phone: ctx.sms.from, reference, reporter: ctx.reporter });
    await reply(ctx, 'status', statusText(ctx.language, answer), true);
    return { kind: 'status_answered', found: answer.found };
  } catch (error) {
    if (!(error instanceof RateLimitedError)) throw error;
    return limited(ctx, 'status');
  }
}

// ---- helpers -------------------------------------------------------------------------------------

/** The answer to STATUS: a data request's neutral state, a merged report's case, or the report's own status. */
function statusText(l: Language, answer: StatusAnswer): string {
  if (!answer.found) return reporterTexts.unknownReference(l);
  const c = answer.case;
  if (c.dataRequest) return dataRequestTexts.status(l, c.reference, dataRequestDeadline(c), c.dataRequest.decision?.at);
  const updated = formatLocalTime(answer.lastUpdate);
  return answer.mergedInto
    ? reporterTexts.statusMerged(l, { reference: c.reference, into: answer.mergedInto.reference, status: answer.mergedInto.status, updated })
    : reporterTexts.status(l, { reference: c.reference, status: c.status, updated });
}

/**
 * Writes a plan to the latest version of one of this number's cases (changeCase), claiming this
 * SMS's gateway id. Undefined when there was nothing to do or this SMS made the change before.
 */
async function changeOwnCase(ctx: Conversation, start: Case, decide: (c: Case) => PlanResult) {
  const outcome = await changeCase(ctx.deps, start, decide, { inboundSmsId: ctx.sms.id, at: ctx.at });
  if (outcome.kind === 'vanished') throw new ConcurrentUpdateError('Case vanished while changing');
  return outcome.kind === 'changed' ? outcome : undefined;
}

/**
 * Queues the one reply to this SMS. `asked`: the reporter asked for exactly this (STATUS, INFO, a
 * setting), so it is answered even after BERHENTI; everything else respects BERHENTI.
 */
async function reply(ctx: Conversation, purpose: string, text: string, asked: boolean): Promise<boolean> {
  if (ctx.prefs.smsStopped && !asked) return false;
  // Queued and counted against the reply budget in one write.
  return (await ctx.deps.reporters.queueReply(message(ctx, purpose, text), { maxPerHour: REPLIES_PER_HOUR, now: ctx.now })) === 'queued';
}

function message(ctx: Conversation, purpose: string, text: string): OutboundMessage {
  return {
    id: `reply.${ctx.sms.id}`, audience: 'reporter', to: ctx.sms.from, purpose, text,
    status: 'pending', attempts: 0, createdAt: ctx.at,
  };
}

/** Over a limit: nothing is stored, and the number hears about it at most once an hour (outside the reply budget). */
async function limited(ctx: Conversation, scope: 'inbound' | 'new_case' | 'status' | 'data_request'): Promise<InboundOutcome> {
  const notices = await ctx.deps.counters.countHit('sms-limited', ctx.sms.from, HOUR_SECONDS, ctx.now);
  if (notices === 1 && !ctx.prefs.smsStopped) {
    await ctx.deps.cases.recordOnce(undefined, { messages: [message(ctx, 'rate_limited', reporterTexts.rateLimited(ctx.language, { hotline: emergencyLineFor(ctx.deps.policy.emergencyLines, ctx.sms.from) }))] });
  }
  return { kind: 'rate_limited', scope };
}
