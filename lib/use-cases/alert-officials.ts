import type { AlertReason, Case, Level } from '../domain/case.js';
import { alertWrite } from '../cases/alerts.js';
import type { Deps } from './deps.js';

/**
 * Alerts that follow a committed fact rather than a case change: a new case (from the stream) and
 * an alert that was not delivered (from the delivery report). The rule is lib/cases/alerts.ts; here
 * it is written once per once-key, so a stream record delivered twice alerts nobody twice. Alerts
 * that come with a change (escalation, hand-over, a corrected regency) are written by changeCase in
 * the change's own transaction.
 */
export async function alertOfficials(
  deps: Pick<Deps, 'cases' | 'directory' | 'clock'>,
  c: Case,
  level: Level,
  reason: AlertReason,
  round?: string,
): Promise<{ alerted: string[] }> {
  const write = alertWrite(c, { level, reason, ...(round ? { round } : {}) }, await deps.directory.listOfficials(), deps.clock.now().toISOString());
  const done = await deps.cases.recordOnce(c.id, { onceKey: write.onceKey, events: write.events, messages: write.messages });
  return { alerted: done ? write.recipients.map((o) => o.id) : [] };
}
