import type { Deps } from '../use-cases/deps.js';
import { sendBySmsInstead } from '../use-cases/record-delivery.js';

export interface FallbackRun {
  /** SMS copies queued now (each at most once per alert, whatever else happened). */
  sentBySms: number;
  /** Alerts past their time whose copy was already queued (a `failed` status, or an earlier run). */
  alreadyCopied: number;
}

/**
 * The scheduled half of "WhatsApp first, SMS as the fallback" (the escalator runs it every 5 minutes;
 * the `failed` status is the other half, record-delivery.ts): an official's WhatsApp alert still
 * without a `delivered` or `read` status when its time is up goes again, the same text, by SMS to the
 * same official. Found through the due index (never a scan). The SMS copy is keyed on the alert
 * (`sms-fallback.<id>`), so a `failed` status, a second run or a run that overlaps this one queue no
 * second copy. The case itself is not touched: its escalation deadlines stay where they were.
 */
export async function fallBackUndeliveredWhatsApp(
  deps: Pick<Deps, 'cases' | 'outbox' | 'clock'>, options: { limit?: number } = {},
): Promise<FallbackRun> {
  const run: FallbackRun = { sentBySms: 0, alreadyCopied: 0 };
  const due = await deps.outbox.undeliveredDueBy(deps.clock.now(), options.limit ?? 100);
  for (const message of due) {
    if (message.status !== 'sent' || message.channel !== 'whatsapp') continue;
    if (await sendBySmsInstead(deps, message, 'not_delivered_in_time')) run.sentBySms++;
    else run.alreadyCopied++;
    // Out of the index, still `sent`: a late `delivered` is recorded as it comes, and a late
    // `failed` finds the copy already queued.
    await deps.outbox.updateMessage(message.id, ['sent'], { status: 'sent', failureReason: 'whatsapp_not_delivered_in_time' });
  }
  return run;
}
