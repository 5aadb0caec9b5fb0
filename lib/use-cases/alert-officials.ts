import { type AlertReason, type Case, type CaseEvent, caseEvent, type Level } from '../domain/case.js';
import { recipientsFor } from '../domain/routing.js';
import { officialTexts } from '../messages/official.js';
import type { OutboundMessage } from '../ports.js';
import type { Deps } from './deps.js';

/**
 * Queues the SMS alerts for a case at a ladder level: one outbox message and one timeline event per
 * recipient, in one transaction guarded by a once-key, so a stream record delivered twice (or a
 * scheduler run that overlaps) alerts nobody twice.
 */
export async function alertOfficials(
  deps: Pick<Deps, 'cases' | 'directory' | 'clock'>,
  c: Case,
  level: Level,
  reason: AlertReason,
): Promise<{ alerted: string[] }> {
  const officials = await deps.directory.listOfficials();
  const recipients = recipientsFor(c, level, officials);
  const at = deps.clock.now().toISOString();
  const messages: OutboundMessage[] = recipients.map((o) => ({
    id: `alert.${c.id}.${o.id}.L${level}`,
    audience: 'official', to: o.phone, caseId: c.id, officialId: o.id, level,
    purpose: 'alert', text: officialTexts.newCase(c), status: 'pending', attempts: 0, createdAt: at,
  }));
  const events: CaseEvent[] = recipients.length > 0
    ? recipients.map((o) => caseEvent('alert', at, 'system', { official: o.id, level, reason }))
    : [caseEvent('alert_no_recipient', at, 'system', { official: 'none', level, reason })];
  const done = await deps.cases.recordOnce(c.id, { onceKey: `alert.L${level}`, events, messages });
  return { alerted: done ? recipients.map((o) => o.id) : [] };
}
