import { AtInboundSms, parseCallback } from './at-callbacks.js';
import { formBody, httpHandler, requireCallbackKey, resolveCallbackKey, text, type CallbackKey } from '../http/api.js';
import { receiveText, type ReceiveTextDeps } from '../use-cases/receive-text.js';

export interface SmsInboundRuntime {
  deps: ReceiveTextDeps;
  callbackKey: CallbackKey;
}

/**
 * AT incoming-SMS callback. AT retries for about ten minutes unless it gets a 200, and may deliver
 * the same `id` more than once: the use cases are keyed on that id. A failure to store answers 5xx on
 * purpose, so AT delivers again rather than the report being lost. Official commands (a keyword
 * followed by a reference, or BUKA) go to the officials' use cases when they come from a registered
 * official's number; everything else, command-shaped or not, is a reporter's message.
 */
export function createSmsInboundHandler(runtime: SmsInboundRuntime) {
  return httpHandler('sms-inbound', async (event) => {
    requireCallbackKey(event, await resolveCallbackKey(runtime.callbackKey));
    const sms = parseCallback(AtInboundSms, formBody(event));
    await receiveText(runtime.deps, { id: sms.id, from: sms.from, text: sms.text, receivedAt: sms.date, channel: 'sms' });
    return text(200, 'OK');
  });
}
