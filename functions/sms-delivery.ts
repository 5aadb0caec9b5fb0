import { AtDeliveryReport, parseCallback } from '../lib/sms/at-callbacks.js';
import { formBody, httpHandler, requireCallbackKey, text } from '../lib/http/api.js';
import { recordDelivery } from '../lib/use-cases/record-delivery.js';
import { logger } from '../lib/logger.js';
import { runtime } from '../lib/wiring.js';

/** AT delivery report callback: known statuses only (else 400); repeats are harmless. */
export const handler = httpHandler('sms-delivery', async (event) => {
  requireCallbackKey(event, runtime.callbackKey);
  const report = parseCallback(AtDeliveryReport, formBody(event));
  const result = await recordDelivery(runtime.deps, {
    providerMessageId: report.id, status: report.status, ...(report.failureReason ? { failureReason: report.failureReason } : {}),
  });
  logger.info('delivery report', { status: report.status, result });
  return text(200, 'OK');
});
