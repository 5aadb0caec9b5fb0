import type { Deps } from './deps.js';
import { passUndeliveredAlertOn, sendBySmsInstead } from './record-delivery.js';
import { routeMessage } from './channel-choice.js';
import { deliveryDueAt } from '../domain/message.js';
import { REPORTER_SMS_COUNTER } from './reporter-sms-counter.js';

export class RetryableSendError extends Error {
  readonly code = 'SEND_RETRYABLE';
}

/** After this many failed attempts a message is given up (and an official's alert passes down the line). */
export const MAX_SEND_ATTEMPTS = 8;

/** A sender that has not reported back after this long is presumed dead; its claim may be taken over. */
export const STALE_CLAIM_MS = 5 * 60_000;

/**
 * Sends one outbox message through its route and records the outcome. The message is claimed first
 * (pending -> sending, conditionally), so a stream redelivery and the sweeper cannot both send it.
 * A retryable failure puts it back to pending and throws, so the stream (or the next sweep) retries.
 */
export async function deliverMessage(
  deps: Pick<Deps, 'cases' | 'outbox' | 'directory' | 'reporters' | 'counters' | 'senders' | 'clock' | 'metrics'> & Partial<Pick<Deps, 'policy'>>,
  messageId: string,
): Promise<'sent' | 'skipped' | 'failed'> {
  const now = deps.clock.now();
  const message = await deps.outbox.claimMessage(messageId, now, new Date(now.getTime() - STALE_CLAIM_MS));
  if (!message) return 'skipped';
  let result;
  let route;
  try {
    // SMS or WhatsApp, text or template: decided by the one rule (lib/use-cases/channel-choice.ts).
    route = await routeMessage(deps, message);
    result = route.channel === 'whatsapp'
      ? await deps.senders.whatsapp!.send(route.outbound)
      : route.channel === 'none'
        ? { ok: false as const, reason: 'whatsapp_not_configured', retryable: false }
        : await deps.senders[message.audience].send({ id: message.id, to: message.to, text: message.text });
  } catch (error) {
    result = { ok: false as const, reason: error instanceof Error ? error.name : 'unknown', retryable: true };
  }
  if (result.ok) {
    const via = route?.channel === 'whatsapp' ? 'whatsapp' : 'sms';
    // An official's WhatsApp alert is watched until Meta reports it delivered (lib/whatsapp/delivery-fallback.ts).
    const dueAt = via === 'whatsapp' ? deliveryDueAt(message, deps.clock.now(), deps.policy?.whatsapp?.fallbackMinutes) : undefined;
    await deps.outbox.updateMessage(message.id, ['sending'], {
      status: 'sent', providerMessageId: result.providerMessageId, channel: via,
      ...(route?.channel === 'whatsapp' && route.outbound.kind === 'template' ? { template: route.outbound.name } : {}),
      ...(dueAt ? { deliveryDueAt: dueAt } : {}),
    });
    if (via === 'whatsapp') {
      if (message.audience === 'official' && message.purpose === 'alert') deps.metrics?.count('AlertSent');
    } else if (message.audience === 'reporter') {
      deps.metrics?.count('ReporterSmsSent');
      // What the spend guard in fileReport watches: SMS to reporters this hour, hotline-wide.
      const { scope, key, windowSeconds } = REPORTER_SMS_COUNTER;
      await deps.counters.countHit(scope, key, windowSeconds, now);
    } else if (message.purpose === 'alert') {
      deps.metrics?.count('AlertSent');
    }
    return 'sent';
  }
  if (result.retryable && message.attempts < MAX_SEND_ATTEMPTS) {
    await deps.outbox.updateMessage(message.id, ['sending'], { status: 'pending', failureReason: result.reason });
    throw new RetryableSendError(`Send failed (${result.reason}), will retry`);
  }
  if (await deps.outbox.updateMessage(message.id, ['sending'], { status: 'failed', failureReason: result.reason })) {
    // An official's WhatsApp message that cannot go goes by SMS to the same official instead.
    if (route?.channel === 'whatsapp' && message.audience === 'official') await sendBySmsInstead(deps, message);
    else {
      if (message.audience === 'official' && message.purpose === 'alert') deps.metrics?.count('AlertFailed');
      await passUndeliveredAlertOn(deps, message);
    }
  }
  return 'failed';
}
