import { caseEvent, type Level } from '../domain/case.js';
import type { OutboundMessage } from '../domain/message.js';
import type { Deps } from './deps.js';

const DELIVERED = new Set(['Success']);
const UNDELIVERED = new Set(['Failed', 'Rejected', 'Expired']);

/**
 * A gateway delivery report. Final statuses update the outbox message; an official's alert that
 * finally fails counts as not delivered, and the next level of the ladder is alerted for that case.
 */
export async function recordDelivery(
  deps: Pick<Deps, 'cases' | 'outbox' | 'directory' | 'clock'>,
  report: { providerMessageId: string; status: string; failureReason?: string },
): Promise<'recorded' | 'unknown_message' | 'not_final'> {
  const message = await deps.outbox.getMessageByProviderId(report.providerMessageId);
  if (!message) return 'unknown_message';
  if (!DELIVERED.has(report.status) && !UNDELIVERED.has(report.status)) return 'not_final';
  const delivered = DELIVERED.has(report.status);
  const changed = await deps.outbox.updateMessage(message.id, ['sent', 'sending', 'pending'], {
    status: delivered ? 'delivered' : 'undelivered',
    ...(report.failureReason ? { failureReason: report.failureReason } : {}),
  });
  if (changed && !delivered) {
    // A WhatsApp message to an official that did not arrive goes again by SMS (the fallback); an SMS
    // alert that did not arrive passes the case on to the next level, as before.
    if (message.channel === 'whatsapp' && message.audience === 'official') await sendBySmsInstead(deps, message);
    else await passUndeliveredAlertOn(deps, message);
  }
  return 'recorded';
}

/**
 * The SMS copy of an official's WhatsApp message that failed or was not delivered in time: the same
 * text to the same official, queued once (its id and once-key derive from the original), written
 * with the case's timeline so the stream sends it. Escalation deadlines do not move.
 */
export async function sendBySmsInstead(
  deps: Pick<Deps, 'cases' | 'clock'>, message: OutboundMessage, reason: 'failed' | 'not_delivered_in_time' = 'failed',
): Promise<boolean> {
  const { providerMessageId: _sent, failureReason: _reason, template: _template, deliveryDueAt: _due, ...original } = message;
  const at = deps.clock.now().toISOString();
  return deps.cases.recordOnce(message.caseId, {
    onceKey: `sms-fallback.${message.id}`,
    events: [caseEvent('sent_by_sms_instead', at, 'system', { official: message.officialId ?? 'unknown', purpose: message.purpose, reason })],
    messages: [{ ...original, id: `${message.id}.sms`, channel: 'sms', status: 'pending', attempts: 0, createdAt: at }],
  });
}

/**
 * An alert nobody received must not leave a case waiting for its SLA to run out: while the case is
 * still unacknowledged, the next level is alerted now.
 */
export async function passUndeliveredAlertOn(deps: Pick<Deps, 'cases' | 'outbox' | 'directory' | 'clock'>, message: OutboundMessage): Promise<void> {
  if (message.audience !== 'official' || message.purpose !== 'alert' || !message.caseId) return;
  const level = (message.level ?? 1) as Level;
  if (level >= 3) return;
  const c = await deps.cases.getCase(message.caseId);
  if (!c || c.status !== 'new') return;
  // The alert rule and the officials' texts (lib/cases/alerts.ts) are loaded here, not at the delivery
  // function's cold start: almost every delivery report is a delivered message (issue 18).
  const { alertOfficials } = await import('./alert-officials.js');
  await alertOfficials(deps, c, (level + 1) as Level, 'undelivered');
}
