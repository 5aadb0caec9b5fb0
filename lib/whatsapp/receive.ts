import { logger } from '../logger.js';
import { recordDelivery } from '../use-cases/record-delivery.js';
import type { Deps } from '../use-cases/deps.js';
import type { WhatsAppStatus, WhatsAppWebhook } from './payload.js';
import type { WhatsAppDeps } from './receive-message.js';

export type { WhatsAppDeps } from './receive-message.js';

/**
 * A message goes into the conversation (lib/whatsapp/receive-message.ts: the SMS conversation, the
 * officials' commands, the phone-number metadata), loaded by the first webhook that carries one.
 * Statuses (Meta sends up to three for every message the hotline sends) and the GET verification
 * need none of it, so a cold start they cause does not read or compile it (issue 18).
 */
const conversation = () => import('./receive-message.js');

/**
 * One verified webhook: each status goes to the outbox as a delivery report, each message into the
 * same conversation as an SMS. Everything is keyed on Meta's ids (the wamid of a message, the id of
 * a status), so the webhook Meta retries, or delivers twice at once, changes nothing the second time.
 */
export async function handleWebhook(deps: WhatsAppDeps, payload: WhatsAppWebhook): Promise<void> {
  for (const entry of payload.entry) {
    for (const { value } of entry.changes) {
      for (const status of value.statuses ?? []) await recordStatus(deps, status);
      for (const message of value.messages ?? []) await (await conversation()).receiveMessage(deps, message, value.contacts ?? []);
    }
  }
}

/** Meta's statuses as the outbox knows them from AT: `read` implies delivered; `sent` is not final. */
const AS_DELIVERY_REPORT: Record<WhatsAppStatus['status'], string> = {
  sent: 'Sent', delivered: 'Success', read: 'Success', failed: 'Failed', deleted: 'Sent', warning: 'Sent',
};

export async function recordStatus(deps: Pick<Deps, 'cases' | 'outbox' | 'directory' | 'clock'>, status: WhatsAppStatus): Promise<void> {
  const error = status.errors?.[0];
  const result = await recordDelivery(deps, {
    providerMessageId: status.id, status: AS_DELIVERY_REPORT[status.status],
    ...(error ? { failureReason: `whatsapp_${error.code}` } : {}),
  });
  logger.info('whatsapp status', { status: status.status, result, ...(error ? { errorCode: error.code } : {}) });
}
