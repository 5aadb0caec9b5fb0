import { AtInboundSms, parseCallback } from '../lib/sms/at-callbacks.js';
import { formBody, httpHandler, requireCallbackKey, text } from '../lib/http/api.js';
import { handleInboundSms } from '../lib/use-cases/handle-inbound-sms.js';
import { logger } from '../lib/logger.js';
import { runtime } from '../lib/wiring.js';

/**
 * AT incoming-SMS callback. AT retries for about ten minutes unless it gets a 200, and may deliver
 * the same `id` more than once: the use case is keyed on that id. A failure to store answers 5xx on
 * purpose, so AT delivers again rather than the report being lost.
 */
export const handler = httpHandler('sms-inbound', async (event) => {
  requireCallbackKey(event, runtime.callbackKey);
  const sms = parseCallback(AtInboundSms, formBody(event));
  const outcome = await handleInboundSms(runtime.deps, { id: sms.id, from: sms.from, text: sms.text, receivedAt: sms.date });
  logger.info('inbound sms handled', { outcome: outcome.kind, ...('reference' in outcome ? { reference: outcome.reference, created: outcome.created } : {}) });
  return text(200, 'OK');
});
