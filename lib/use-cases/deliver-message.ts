import type { Deps } from './deps.js';
import { passUndeliveredAlertOn } from './record-delivery.js';

export class RetryableSendError extends Error {
  readonly code = 'SEND_RETRYABLE';
}

/** After this many failed attempts a message is given up (and an official's alert passes down the line). */
export const MAX_SEND_ATTEMPTS = 8;

/**
 * Sends one outbox message through its route and records the outcome. The message is re-read
 * consistently first: a message already sent (stream redelivery, sweeper overlap) is not sent again.
 * A retryable failure throws, so the stream (or the next sweep) tries again later.
 */
export async function deliverMessage(
  deps: Pick<Deps, 'store' | 'senders' | 'clock'>,
  messageId: string,
): Promise<'sent' | 'skipped' | 'failed'> {
  const message = await deps.store.getMessage(messageId);
  if (!message || message.status !== 'pending') return 'skipped';
  const sender = deps.senders[message.audience];
  let result;
  try {
    result = await sender.send({ id: message.id, to: message.to, text: message.text });
  } catch (error) {
    result = { ok: false as const, reason: error instanceof Error ? error.name : 'unknown', retryable: true };
  }
  if (result.ok) {
    await deps.store.updateMessage(message.id, ['pending'], {
      status: 'sent', attempts: message.attempts + 1, providerMessageId: result.providerMessageId,
    });
    return 'sent';
  }
  const attempts = message.attempts + 1;
  if (result.retryable && attempts < MAX_SEND_ATTEMPTS) {
    await deps.store.updateMessage(message.id, ['pending'], { attempts, failureReason: result.reason });
    throw new RetryableSendError(`Send failed (${result.reason}), will retry`);
  }
  if (await deps.store.updateMessage(message.id, ['pending'], { status: 'failed', attempts, failureReason: result.reason })) {
    await passUndeliveredAlertOn(deps, message);
  }
  return 'failed';
}
