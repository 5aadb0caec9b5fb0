import { deliverMessage } from './deliver-message.js';
import type { Deps } from './deps.js';

export interface SweepOptions {
  /** Only messages pending for longer than this are re-sent (the stream is still on the newer ones). */
  olderThanMs?: number;
  /**
   * Asked before each batch: a slow gateway (seconds per send, with backoff) must not run the
   * scheduled function into its timeout, which would also cut short the escalation beside it.
   */
  hasTimeLeft?: () => boolean;
}

/** Sends overlap a little: a gateway outage can leave dozens pending, each send waiting on the network. */
const SENDS_AT_ONCE = 4;

/**
 * Safety net for the outbox: the stream retries a failing send only a bounded number of times, so a
 * gateway outage longer than that would strand messages. The scheduled job re-sends every message
 * still pending after two minutes, found through the due index. Messages it has no time for stay
 * pending for the next run.
 */
export async function retryPendingMessages(
  deps: Pick<Deps, 'cases' | 'outbox' | 'directory' | 'reporters' | 'counters' | 'senders' | 'clock' | 'metrics'>,
  { olderThanMs = 120_000, hasTimeLeft = () => true }: SweepOptions = {},
): Promise<{ sent: number; failed: number; stillPending: number }> {
  const cutoff = new Date(deps.clock.now().getTime() - olderThanMs);
  const pending = await deps.outbox.pendingMessagesOlderThan(cutoff, 100);
  const tally = { sent: 0, failed: 0, stillPending: 0 };
  for (let start = 0; start < pending.length; start += SENDS_AT_ONCE) {
    if (!hasTimeLeft()) {
      tally.stillPending += pending.length - start;
      break;
    }
    const outcomes = await Promise.allSettled(pending.slice(start, start + SENDS_AT_ONCE).map((m) => deliverMessage(deps, m.id)));
    for (const outcome of outcomes) {
      if (outcome.status === 'rejected') tally.stillPending++;
      else if (outcome.value === 'sent') tally.sent++;
      else if (outcome.value === 'failed') tally.failed++;
    }
  }
  return tally;
}
