import { type Case, caseEvent, isOpen } from '../domain/case.js';
import { recipientsFor } from '../domain/routing.js';
import { channelDetail, officialChannel, reporterChannel } from '../domain/channels.js';
import { reporterTexts } from '../messages/reporter.js';
import { conversationTexts } from '../messages/conversation.js';
import type { OutboundMessage } from '../domain/message.js';
import type { Official } from '../domain/official.js';
import type { Deps } from './deps.js';

export type ReporterNotice = 'acknowledged' | 'resolved' | 'reopened' | 'needInfo';

/** Which neutral status SMS a committed change of a case owes the reporter, if any. */
export function noticeFor(before: Case | undefined, after: Case): ReporterNotice | undefined {
  if (!before || before.status === after.status) return undefined;
  if (after.status === 'resolved') return 'resolved';
  if (!isOpen(before) && isOpen(after)) return 'reopened';
  if (before.status === 'new' && after.status === 'acknowledged') return 'acknowledged';
  return undefined;
}

/**
 * Queues one status SMS to the reporter of a case: reference and status only, in the language the
 * number chose. Nothing is queued when the reporter asked for no SMS (on the case, or BERHENTI for
 * the number). `onceKey` is also the message id, so a redelivered stream record sends nothing twice.
 * The officials' TANYA command can call this with 'needInfo'.
 */
export async function notifyReporter(
  deps: Pick<Deps, 'cases' | 'reporters' | 'clock'>,
  c: Case,
  notice: ReporterNotice,
  onceKey: string,
): Promise<boolean> {
  if (!c.smsUpdates) return false;
  const prefs = await deps.reporters.getPrefs(c.contact);
  if (prefs.smsStopped) return false;
  const at = deps.clock.now().toISOString();
  const message: OutboundMessage = {
    id: onceKey, audience: 'reporter', to: c.contact, caseId: c.id, purpose: `notice_${notice}`,
    text: reporterTexts[notice](prefs.language ?? c.language, { reference: c.reference }),
    status: 'pending', attempts: 0, createdAt: at,
  };
  return deps.cases.recordOnce(c.id, {
    onceKey,
    events: [caseEvent('reporter_notified', at, 'system', { notice, ...channelDetail(reporterChannel(prefs)) })],
    messages: [message],
  });
}

/** The officials who hear about a case's conversation: its assignee, else whoever its level alerts. */
export function conversationRecipients(c: Case, officials: Official[]): Official[] {
  const assignee = c.assignee ? officials.find((o) => o.id === c.assignee && o.active) : undefined;
  return assignee ? [assignee] : recipientsFor(c, c.level, officials);
}

/**
 * Tells the handling officials that the reporter wrote again (reference only) or reopened the case.
 * Guarded by `onceKey`: the caller chooses it per window for follow-ups, so a chatty reporter costs
 * one SMS per official per hour, not one per message.
 */
export async function notifyOfficials(
  deps: Pick<Deps, 'cases' | 'directory' | 'clock'>,
  c: Case,
  about: 'followUp' | 'reopened',
  onceKey: string,
  /** Officials who were just sent the message itself (the answer to their TANYA). */
  except: string[] = [],
): Promise<string[]> {
  const recipients = conversationRecipients(c, await deps.directory.listOfficials()).filter((o) => !except.includes(o.id));
  if (recipients.length === 0) return [];
  const at = deps.clock.now().toISOString();
  const messages: OutboundMessage[] = recipients.map((o) => ({
    id: `${onceKey}.${o.id}`, audience: 'official', to: o.phone, caseId: c.id, officialId: o.id, level: o.level,
    purpose: about === 'followUp' ? 'follow_up_notice' : 'reopened_notice',
    text: conversationTexts[about](c, c.assignee === o.id), status: 'pending', attempts: 0, createdAt: at,
  }));
  const events = recipients.map((o) => caseEvent(about === 'followUp' ? 'follow_up_notice' : 'reopened_notice', at, 'system', { official: o.id, ...channelDetail(officialChannel(o)) }));
  const done = await deps.cases.recordOnce(c.id, { onceKey, events, messages });
  return done ? recipients.map((o) => o.id) : [];
}
