import { type Case, type CaseEvent, caseEvent, dataRequestDeadline } from '../domain/case.js';
import { dataRequestTexts } from '../messages/data-request.js';
import type { AlertOrder } from './plan.js';
import { recipientsFor } from '../domain/routing.js';
import { channelDetail, officialChannel } from '../domain/channels.js';
import { officialTexts } from '../messages/official.js';
import type { OutboundMessage } from '../domain/message.js';
import type { Official } from '../domain/official.js';

/**
 * The alert rule, in one place whichever door caused it (a new case from the stream, an escalation,
 * a hand-over, a corrected regency, an undelivered alert): who at a ladder level is told
 * (`recipientsFor`), with which text (reference, category, urgency, country, regency: nothing
 * personal), under which message ids, and the timeline events that say so (one naming nobody when
 * the directory has no one there). `round` keeps a later round at the same level apart.
 */
export function alertWrite(
  c: Case, order: AlertOrder, officials: readonly Official[], at: string,
): { onceKey: string; events: CaseEvent[]; messages: OutboundMessage[]; recipients: Official[] } {
  const { level, reason } = order;
  const suffix = order.round ? `.${order.round}` : '';
  const everyone = recipientsFor(c, level, [...officials]);
  // Whoever made the change knows it: no alert to them (issue 23, item 8). Nobody else at that
  // level is no gap in the directory, so no 'alert_no_recipient' either.
  const recipients = everyone.filter((o) => !order.except?.includes(o.id));
  // A data request's alert names the request and the law's deadline (lib/messages/data-request.ts).
  const text = c.dataRequest ? dataRequestTexts.alert(c.reference, c.dataRequest.type, dataRequestDeadline(c))
    : order.escalation ? officialTexts.escalation(c, order.escalation) : officialTexts.newCase(c);
  const messages: OutboundMessage[] = recipients.map((o) => ({
    id: `alert.${c.id}.${o.id}.L${level}${suffix}`,
    audience: 'official', to: o.phone, caseId: c.id, officialId: o.id, level,
    purpose: 'alert', text, status: 'pending', attempts: 0, createdAt: at,
  }));
  const events: CaseEvent[] = recipients.length > 0
    ? recipients.map((o) => caseEvent('alert', at, 'system', { official: o.id, level, reason, ...channelDetail(officialChannel(o)) }))
    : everyone.length > 0 ? [] : [caseEvent('alert_no_recipient', at, 'system', { official: 'none', level, reason })];
  return { onceKey: `alert.L${level}${suffix}`, events, messages, recipients };
}
