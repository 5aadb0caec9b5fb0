import { AtDeliveryReport, parseCallback } from './delivery-callback.js';
import { formBody, httpHandler, requireCallbackKey, resolveCallbackKey, text, type CallbackKey } from '../http/api.js';
import { recordDelivery } from '../use-cases/record-delivery.js';
import { logger } from '../logger.js';
import type { Deps } from '../use-cases/deps.js';

export interface SmsDeliveryRuntime {
  deps: Parameters<typeof recordDelivery>[0] & Pick<Deps, 'metrics'>;
  callbackKey: CallbackKey;
}

/** AT delivery report callback: known statuses only (else 400); repeats are harmless. */
export function createSmsDeliveryHandler(runtime: SmsDeliveryRuntime) {
  return httpHandler('sms-delivery', async (event) => {
    requireCallbackKey(event, await resolveCallbackKey(runtime.callbackKey));
    const report = parseCallback(AtDeliveryReport, formBody(event));
    const result = await recordDelivery(runtime.deps, {
      providerMessageId: report.id, status: report.status, ...(report.failureReason ? { failureReason: report.failureReason } : {}),
    });
    logger.info('delivery report', { status: report.status, result });
    return text(200, 'OK');
  });
}
