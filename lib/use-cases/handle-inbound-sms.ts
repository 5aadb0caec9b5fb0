import { withMilestones } from '../domain/milestones.js';
import { type Case, type CaseEvent, caseEvent, DESCRIPTION_LIMIT, eventsOf, isOpen, truncateDescription } from '../domain/case.js';
import { countryOfPhone } from '../domain/regions.js';
import type { Language } from '../domain/categories.js';
import { ConcurrentUpdateError, RateLimitedError, ReporterChangedError } from '../domain/errors.js';
import { nextCheckAt } from '../domain/sla.js';
import { normaliseSms, parseSms, type SmsCommand } from '../sms/grammar.js';
import { appendFollowUp, cutFollowUp, FOLLOW_UP_LIMIT, nextBlockNumber, originalText, takeFollowUp } from '../sms/follow-up.js';
import { formatLocalTime, reporterTexts } from '../messages/reporter.js';
import type { OutboundMessage, Reporter, ReporterPrefs } from '../ports.js';
import { fileReport } from './file-report.js';
import { checkStatus } from './check-status.js';
import { notifyOfficials } from './notify-reporter.js';
import { officialTexts } from '../messages/official.js';
import { unansweredQuestionBy } from '../officials/directory.js';
import { retryOnConflict } from './retry-on-conflict.js';
import type { Deps } from './deps.js';

export type InboundSmsDeps = Pick<Deps, 'cases' | 'directory' | 'reporters' | 'clock' | 'policy' | 'metrics'>;

export interface InboundSms {
  /** Gateway message id: AT retries deliver the same id, and everything below is keyed on it. */
  id: string;
  from: string;
  text: string;
  receivedAt: string;
}

export type InboundOutcome =
  | { kind: 'case_filed'; reference: string; created: boolean }
  | { kind: 'follow_up'; added: boolean; askedNewProblem: boolean }
  | { kind: 'status_answered'; found: boolean }
  | { kind: 'case_closed' }
  | { kind: 'case_reopened' }
  | { kind: 'prefs_changed'; change: 'language' | 'stop' | 'start' }
  | { kind: 'help_sent' }
  | { kind: 'nothing_to_move' }
  | { kind: 'rate_limited'; scope: 'inbound' | 'new_case' | 'status' };

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
      ...(command.kind === 'report' && command.text !== '' ? { text: truncateDescription(command.text).text } : {}),
    });
    try {
      return await new Conversation(deps, sms, reporter).handle(command);
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

class Conversation {
  private readonly now: Date;
  private readonly at: string;
  private language: Language;
  /** The number chose a language (BAHASA) or the keyword said one (REPORT is English). */
  private languageKnown: boolean;
  private cases?: Case[];

  private readonly prefs: ReporterPrefs;

  constructor(
    private readonly deps: InboundSmsDeps,
    private readonly sms: InboundSms,
    private readonly reporter: Reporter,
  ) {
    this.now = deps.clock.now();
    this.at = this.now.toISOString();
    this.prefs = reporter.prefs;
    this.language = this.prefs.language ?? reporter.latest?.language ?? 'id';
    this.languageKnown = this.prefs.language !== undefined;
  }

  async handle(command: SmsCommand): Promise<InboundOutcome> {
    if (!this.languageKnown && 'language' in command && command.language) {
      this.language = command.language;
      this.languageKnown = true;
    }
    if (this.reporter.counts.inbound > this.deps.policy.limits.inboundPerHour) {
      // Asking for no SMS must work even from a number that is over its limit.
      if (command.kind === 'stop') await this.deps.reporters.setPrefs(this.sms.from, { smsStopped: true });
      return this.limited('inbound');
    }
    switch (command.kind) {
      case 'report': return this.report(command.text);
      case 'status': return this.status(command);
      case 'help':
        await this.reply('help', reporterTexts.help(this.language), true);
        return { kind: 'help_sent' };
      case 'info':
        await this.reply('info', reporterTexts.info(this.language, { hotline: this.deps.policy.hotlinePhone }), true);
        return { kind: 'help_sent' };
      case 'language': {
        if (!command.language) {
          await this.reply('language', reporterTexts.languageUnknown(this.language), true);
          return { kind: 'help_sent' };
        }
        await this.deps.reporters.setPrefs(this.sms.from, { language: command.language });
        this.language = command.language;
        await this.reply('language', reporterTexts.languageSet(this.language), true);
        return { kind: 'prefs_changed', change: 'language' };
      }
      case 'stop':
        await this.deps.reporters.setPrefs(this.sms.from, { smsStopped: true });
        // The one SMS after BERHENTI confirms it; nothing else follows until MULAI.
        await this.reply('stop', reporterTexts.stopped(this.language), true);
        return { kind: 'prefs_changed', change: 'stop' };
      case 'start':
        await this.deps.reporters.setPrefs(this.sms.from, { smsStopped: false });
        await this.reply('start', reporterTexts.started(this.language), true);
        return { kind: 'prefs_changed', change: 'start' };
      case 'new': return this.newProblem();
      case 'yes':
      case 'no': {
        const answered = await this.answer(command.kind, command.reference);
        return answered ?? this.text(normaliseSms(this.sms.text));
      }
      case 'text': return this.text(command.text, command.reference);
    }
  }

  // ---- reports ------------------------------------------------------------------------------------

  private async report(text: string): Promise<InboundOutcome> {
    if (text === '') {
      await this.reply('prompt', reporterTexts.reportPrompt(this.language), true);
      return { kind: 'help_sent' };
    }
    // The same text as an open case's report is that report again (a gateway redelivery, or a resend).
    const same = this.reporter.sameTextCaseId ? await this.deps.cases.getCase(this.reporter.sameTextCaseId) : undefined;
    if (same && isOpen(same) && originalText(same.description) === truncateDescription(text).text) {
      return { kind: 'case_filed', reference: same.reference, created: false };
    }
    const latest = this.reporter.latest;
    if (latest && latest.caseId !== same?.id && this.now.getTime() - Date.parse(latest.at) < SECOND_REPORT_WINDOW_MS) {
      const recent = await this.deps.cases.getCase(latest.caseId);
      if (recent && isOpen(recent)) {
        const added = await this.addFollowUp(recent, text, true);
        return { kind: 'follow_up', added, askedNewProblem: true };
      }
    }
    // Filed only if no other report of this number was filed since the touch (see handleInboundSms).
    return this.fileNew(text, this.sms.id, true);
  }

  private async fileNew(text: string, intakeKey: string, serialize = false): Promise<InboundOutcome> {
    if (this.reporter.counts.newCases >= this.deps.policy.limits.newCasesPerHour) return this.limited('new_case');
    // An SMS cannot be edited and sent again like a form: over the limit, the first part is kept and the reporter told.
    const cut = truncateDescription(text);
    const filed = await fileReport(this.deps, {
      channel: 'sms', intakeKey, reporterType: 'worker', contact: this.sms.from,
      description: cut.text, truncated: cut.truncated, country: countryOfPhone(this.sms.from), language: this.language,
    }, { reporter: this.reporter, serialize });
    if (filed.created && filed.truncated && filed.case.smsUpdates) {
      await this.reply('text_cut', reporterTexts.textCut(this.language, { limit: DESCRIPTION_LIMIT }), false);
    }
    return { kind: 'case_filed', reference: filed.case.reference, created: filed.created };
  }

  /** BARU: the text of the last second-LAPOR becomes a case of its own. */
  private async newProblem(): Promise<InboundOutcome> {
    const pending = await this.pendingSecondReport();
    if (!pending) {
      await this.reply('nothing_to_move', reporterTexts.nothingToMove(this.language), true);
      return { kind: 'nothing_to_move' };
    }
    const taken = takeFollowUp(pending.case.description, pending.block);
    if (!taken) {
      await this.reply('nothing_to_move', reporterTexts.nothingToMove(this.language), true);
      return { kind: 'nothing_to_move' };
    }
    const outcome = await this.fileNew(taken.text, this.sms.id);
    if (outcome.kind !== 'case_filed') return outcome;
    await this.changeCase(pending.case, (c) => {
      const still = takeFollowUp(c.description, pending.block);
      return still && {
        case: { ...c, description: still.rest, updatedAt: this.at },
        event: caseEvent('follow_up_moved', this.at, 'reporter', { block: pending.block, to: outcome.reference }),
      };
    });
    return outcome;
  }

  /** The newest open case whose last second-LAPOR (within the window) has not been moved out yet. */
  private async pendingSecondReport(): Promise<{ case: Case; block: number } | undefined> {
    for (const c of (await this.ownCases()).filter(isOpen)) {
      const timeline = await this.deps.cases.timeline(c.id);
      const asked = eventsOf(timeline, 'follow_up').findLast((e) => e.detail.askedNewProblem === true && e.detail.stored);
      if (!asked || this.now.getTime() - Date.parse(asked.at) > SECOND_REPORT_WINDOW_MS) continue;
      const block = asked.detail.block;
      const moved = eventsOf(timeline, 'follow_up_moved').some((e) => e.detail.block === block && e.at >= asked.at);
      if (!moved) return { case: c, block };
    }
    return undefined;
  }

  // ---- conversation ---------------------------------------------------------------------------------

  private async text(text: string, reference?: string): Promise<InboundOutcome> {
    const own = await this.ownCases();
    const open = own.filter(isOpen);
    // A case just marked solved is still the conversation ("terima kasih banyak pak"), not a new problem.
    const awaitingAnswer = own.find((c) => c.status === 'resolved');
    const target = (reference && open.find((c) => c.reference === reference)) || open[0] || awaitingAnswer;
    if (!target) {
      // Without a case, a message that says something ("selesai kerja gaji belum dibayar") is a
      // report: a worker who never learnt the keyword must not lose it. A greeting or a stray
      // command gets one short help, which the reply budget bounds.
      if (describesSomething(text)) return this.fileNew(text, this.sms.id, true);
      await this.reply('help', reporterTexts.help(this.language), false);
      return { kind: 'help_sent' };
    }
    // A reference that is not one of this number's open cases is just part of the message.
    const whole = reference && target.reference !== reference ? normaliseSms(this.sms.text) : text;
    const added = await this.addFollowUp(target, whole, false);
    return { kind: 'follow_up', added, askedNewProblem: false };
  }

  /**
   * Adds the reporter's text to the case (encrypted with it, see lib/sms/follow-up.ts), records a
   * `follow_up` event with the length only, tells the handling officials (at most once an hour per
   * case) and answers the reporter.
   */
  private async addFollowUp(target: Case, text: string, secondReport: boolean): Promise<boolean> {
    const cut = cutFollowUp(text);
    let stored = false;
    const updated = await this.changeCase(target, (c) => {
      const block = nextBlockNumber(c.description);
      const description = appendFollowUp(c.description, { n: block, at: this.at, text: cut.text });
      stored = description !== undefined;
      return {
        case: { ...c, description: description ?? c.description, updatedAt: this.at },
        event: caseEvent('follow_up', this.at, 'reporter', {
          channel: 'sms', length: text.length, truncated: cut.truncated, stored, block, ...(secondReport ? { askedNewProblem: true } : {}),
        }),
      };
    });
    if (!updated) return false;
    const answeredBy = stored ? await this.relayAnswer(updated, cut.text) : undefined;
    const hour = Math.floor(this.now.getTime() / HOUR_MS);
    await notifyOfficials(this.deps, updated, 'followUp', `followup.${updated.id}.h${hour}`, answeredBy ? [answeredBy] : []);

    const v = { reference: updated.reference, hotline: this.deps.policy.hotlinePhone, limit: FOLLOW_UP_LIMIT };
    if (!stored) await this.reply('case_full', reporterTexts.caseFull(this.language, v), false);
    else if (secondReport) await this.reply('ask_new_problem', reporterTexts.askNewProblem(this.language, v), false);
    else if (cut.truncated) await this.reply('text_cut', reporterTexts.textCut(this.language, v), false);
    else if (await this.deps.reporters.countHit('sms-ack', updated.id, HOUR_SECONDS, this.now) === 1) {
      await this.reply('follow_up_ack', reporterTexts.followUpAdded(this.language, v), false);
    }
    return true;
  }

  /**
   * When an official asked by TANYA and is still waiting, this message is the answer: it goes to
   * that official with its text (cut to one GSM-7 SMS; the whole is in the case for INFO), once,
   * recorded on the timeline. Returns the official's id, so the text-free notice skips them.
   */
  private async relayAnswer(c: Case, text: string): Promise<string | undefined> {
    const askerId = unansweredQuestionBy(await this.deps.cases.timeline(c.id));
    if (!askerId) return undefined;
    const asker = (await this.deps.directory.listOfficials()).find((o) => o.id === askerId && o.active);
    if (!asker) return undefined;
    const message: OutboundMessage = {
      id: `answer.${this.sms.id}`, audience: 'official', to: asker.phone, caseId: c.id, officialId: asker.id, level: asker.level,
      purpose: 'question_answer', text: officialTexts.answer(c.reference, text), status: 'pending', attempts: 0, createdAt: this.at,
    };
    const first = await this.deps.cases.recordOnce(c.id, {
      onceKey: `answer.${this.sms.id}`,
      events: [caseEvent('answer_relayed', this.at, 'reporter', { official: asker.id, length: text.length })],
      messages: [message],
    });
    return first ? asker.id : undefined;
  }

  /** YA / TIDAK to "is your problem solved?": only for a case an official marked resolved. */
  private async answer(answer: 'yes' | 'no', reference?: string): Promise<InboundOutcome | undefined> {
    const resolved = (await this.ownCases()).find((c) => c.status === 'resolved' && (!reference || c.reference === reference));
    if (!resolved) return undefined;
    const updated = await this.changeCase(resolved, (c): { case: Case; event: CaseEvent } | undefined => {
      if (c.status !== 'resolved') return undefined;
      const { nextCheckAt: _due, ...rest } = c;
      if (answer === 'yes') {
        return {
          case: { ...rest, status: 'closed', updatedAt: this.at },
          event: caseEvent('reporter_confirmed', this.at, 'reporter', { answer: 'solved' }),
        };
      }
      // Not solved: back to whoever had it, with fresh SLA clocks; the stream tells reporter and officials.
      const status = c.assignee ? 'acknowledged' as const : 'new' as const;
      const due = nextCheckAt({ ...c, status }, this.deps.policy, this.at, this.now);
      return {
        case: { ...rest, status, levelSince: this.at, updatedAt: this.at, ...(due ? { nextCheckAt: due } : {}) },
        event: caseEvent('reopened', this.at, 'reporter', { from: 'resolved', to: status }),
      };
    });
    if (!updated) return answer === 'yes' ? { kind: 'case_closed' } : { kind: 'case_reopened' };
    if (answer === 'yes') {
      await this.reply('closed', reporterTexts.closedThanks(this.language, { reference: updated.reference }), true);
      return { kind: 'case_closed' };
    }
    return { kind: 'case_reopened' };
  }

  private async status(command: Extract<SmsCommand, { kind: 'status' }>): Promise<InboundOutcome> {
    if (command.badReference) {
      await this.reply('status', reporterTexts.unknownReference(this.language), true);
      return { kind: 'status_answered', found: false };
    }
    // STATUS alone is about the newest case of this number.
    const reference = command.reference ?? this.reporter.latest?.reference ?? (await this.ownCases())[0]?.reference;
    if (!reference) {
      await this.reply('status', reporterTexts.noCase(this.language), true);
      return { kind: 'status_answered', found: false };
    }
    try {
      const answer = await checkStatus(this.deps, { phone: this.sms.from, reference, reporter: this.reporter });
      await this.reply('status', !answer.found
        ? reporterTexts.unknownReference(this.language)
        : answer.mergedInto
          ? reporterTexts.statusMerged(this.language, { reference: answer.case.reference, into: answer.mergedInto.reference, status: answer.mergedInto.status, updated: formatLocalTime(answer.lastUpdate) })
          : reporterTexts.status(this.language, { reference: answer.case.reference, status: answer.case.status, updated: formatLocalTime(answer.lastUpdate) }), true);
      return { kind: 'status_answered', found: answer.found };
    } catch (error) {
      if (!(error instanceof RateLimitedError)) throw error;
      return this.limited('status');
    }
  }

  // ---- helpers -------------------------------------------------------------------------------------

  /** Newest first; loaded once per message. Without a chosen or keyword language, replies follow the newest case's. */
  private async ownCases(): Promise<Case[]> {
    if (!this.cases) {
      this.cases = await this.deps.cases.findCasesByContact(this.sms.from);
      if (!this.languageKnown && this.cases[0]) this.language = this.cases[0].language;
    }
    return this.cases;
  }

  /**
   * Writes a change to the latest version of a case, re-reading it when an official wrote meanwhile.
   * Returns the new case, or undefined when there was nothing to do or this SMS made the change before.
   */
  private async changeCase(start: Case, change: (c: Case) => { case: Case; event: CaseEvent } | undefined): Promise<Case | undefined> {
    return retryOnConflict<Case, Case | undefined>({
      first: start,
      reload: () => this.deps.cases.getCase(start.id),
      vanished: () => { throw new ConcurrentUpdateError('Case vanished while changing'); },
    }, async (c) => {
      const next = change(c);
      if (!next) return undefined;
      const changed = withMilestones(c, next.case, this.at);
      const done = await this.deps.cases.updateCase({
        case: changed, expectedVersion: c.version, events: [next.event], inboundSmsId: this.sms.id,
      });
      return done ? changed : undefined;
    });
  }

  /**
   * Queues the one reply to this SMS. `asked`: the reporter asked for exactly this (STATUS, INFO, a
   * setting), so it is answered even after BERHENTI; everything else respects BERHENTI.
   */
  private async reply(purpose: string, text: string, asked: boolean): Promise<boolean> {
    if (this.prefs.smsStopped && !asked) return false;
    // Queued and counted against the reply budget in one write.
    return (await this.deps.reporters.queueReply(this.message(purpose, text), { maxPerHour: REPLIES_PER_HOUR, now: this.now })) === 'queued';
  }

  /** A reply outside the budget (the one "too many messages" notice). */
  private async queue(purpose: string, text: string): Promise<boolean> {
    return this.deps.cases.recordOnce(undefined, { messages: [this.message(purpose, text)] });
  }

  private message(purpose: string, text: string): OutboundMessage {
    return {
      id: `reply.${this.sms.id}`, audience: 'reporter', to: this.sms.from, purpose, text,
      status: 'pending', attempts: 0, createdAt: this.at,
    };
  }

  /** Over a limit: nothing is stored, and the number hears about it at most once an hour. */
  private async limited(scope: 'inbound' | 'new_case' | 'status'): Promise<InboundOutcome> {
    const notices = await this.deps.reporters.countHit('sms-limited', this.sms.from, HOUR_SECONDS, this.now);
    if (notices === 1 && !this.prefs.smsStopped) {
      await this.queue('rate_limited', reporterTexts.rateLimited(this.language, { hotline: this.deps.policy.hotlinePhone }));
    }
    return { kind: 'rate_limited', scope };
  }
}
