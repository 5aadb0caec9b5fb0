import { deliverMessage } from './deliver-message.js';
import type { Deps } from './deps.js';

/**
 * Safety net for the outbox: the stream retries a failing send only a bounded number of times, so a
 * gateway outage longer than that would strand messages. The scheduled job re-sends every message
 * still pending after two minutes, found through the due index.
 */
export async function retryPendingMessages(deps: Pick<Deps, 'store' | 'senders' | 'clock'>, olderThanMs = 120_000): Promise<{ sent: number; failed: number; stillPending: number }> {
  const cutoff = new Date(deps.clock.now().getTime() - olderThanMs);
  const pending = await deps.store.pendingMessagesOlderThan(cutoff, 100);
  const tally = { sent: 0, failed: 0, stillPending: 0 };
  for (const message of pending) {
    try {
      const outcome = await deliverMessage(deps, message.id);
      if (outcome === 'sent') tally.sent++;
      else if (outcome === 'failed') tally.failed++;
    } catch {
      tally.stillPending++;
    }
  }
  return tally;
}
