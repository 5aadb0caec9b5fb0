import { caseEvent, isOpen } from '../domain/case.js';
import { normalisePhone } from '../domain/phone.js';
import { logger } from '../logger.js';
import { receiveText, type ReceiveTextDeps } from '../use-cases/receive-text.js';
import { REPLIES_PER_HOUR } from '../use-cases/handle-inbound-sms.js';
import type { Deps } from '../use-cases/deps.js';
import { contentOf, senderOf, type NotText, type WhatsAppMessage } from './payload.js';
import { notTextReply } from './texts.js';

export type WhatsAppDeps = ReceiveTextDeps & Pick<Deps, 'outbox'>;

const NOTHING_TO_ANSWER = new Set(['reaction', 'system']);

export async function receiveMessage(deps: WhatsAppDeps, message: WhatsAppMessage, contacts: Parameters<typeof senderOf>[1]): Promise<void> {
  // A group the hotline's number is in is not a conversation with one person: nothing is filed or answered.
  if (message.group_id) {
    logger.info('whatsapp group message ignored', { type: message.type });
    return;
  }
  // A reaction (or taking one back) answers a message of ours, and a system message says the account
  // changed: nobody wrote anything to file or answer, and a reply to each emoji would only be noise.
  if (NOTHING_TO_ANSWER.has(message.type)) {
    logger.info('whatsapp message with nothing to answer', { type: message.type });
    return;
  }
  const sender = senderOf(message, contacts);
  // A number when Meta shares it; else the business-scoped user id, which keys the sender as a number would.
  const from = sender && 'phone' in sender ? normalisePhone(sender.phone) : sender?.userId;
  if (!from) {
    logger.warn('whatsapp message without a usable sender', { type: message.type, userIdOnly: Boolean(sender && 'userId' in sender) });
    return;
  }
  const receivedAt = new Date(Number(message.timestamp) * 1000).toISOString();
  const content = contentOf(message);
  if (content.kind === 'text') {
    await receiveText(deps, { id: message.id, from, text: content.text, receivedAt, channel: 'whatsapp' });
    return;
  }
  await answerNotText(deps, { id: message.id, from, what: content.what });
}

/**
 * A message without words is never dropped: it counts against the sender's hour like any message,
 * goes on their open case's timeline, and gets one short answer saying what to send. The reply and
 * the event are keyed on the wamid, so a redelivery adds neither again.
 */
export async function answerNotText(deps: WhatsAppDeps, message: { id: string; from: string; what: NotText }): Promise<void> {
  const now = deps.clock.now();
  const at = now.toISOString();
  const reporter = await deps.reporters.touch(message.from, now, { counters: ['inbound'], gatewayId: message.id, wrote: true, channel: 'whatsapp' });
  if (reporter.counts.inbound > deps.policy.limits.inboundPerHour) return;
  const latest = reporter.latest ? await deps.cases.getCase(reporter.latest.caseId) : undefined;
  if (latest && isOpen(latest)) {
    await deps.cases.recordOnce(latest.id, {
      onceKey: `in.${message.id}`,
      events: [caseEvent('message_not_text', at, 'reporter', { channel: 'whatsapp', kind: message.what })],
    });
  }
  const language = reporter.prefs.language ?? reporter.latest?.language ?? 'id';
  await deps.reporters.queueReply({
    id: `reply.${message.id}`, audience: 'reporter', to: message.from, purpose: 'not_text',
    text: notTextReply(message.what, language), status: 'pending', attempts: 0, createdAt: at,
    ...(latest ? { caseId: latest.id } : {}),
  }, { maxPerHour: REPLIES_PER_HOUR, now });
}
