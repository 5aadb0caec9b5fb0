import { AtInboundSms, parseCallback } from './at-callbacks.js';
import { formBody, httpHandler, requireCallbackKey, resolveCallbackKey, text, type CallbackKey } from '../http/api.js';
import { handleInboundSms, type InboundSmsDeps } from '../use-cases/handle-inbound-sms.js';
import { handleOfficialSms, type OfficialSmsDeps } from '../use-cases/handle-official-sms.js';
import { parseOfficialCommand } from '../officials/commands.js';
import { logger } from '../logger.js';

export interface SmsInboundRuntime {
  deps: InboundSmsDeps & OfficialSmsDeps;
  callbackKey: CallbackKey;
}

/**
 * AT incoming-SMS callback. AT retries for about ten minutes unless it gets a 200, and may deliver
 * the same `id` more than once: the use cases are keyed on that id. A failure to store answers 5xx on
 * purpose, so AT delivers again rather than the report being lost. Official commands (a keyword
 * followed by a reference) go to the officials' use case, unless they come from that case's own
 * reporter; everything else is a reporter's message.
 */
export function createSmsInboundHandler(runtime: SmsInboundRuntime) {
  return httpHandler('sms-inbound', async (event) => {
    requireCallbackKey(event, await resolveCallbackKey(runtime.callbackKey));
    const sms = parseCallback(AtInboundSms, formBody(event));
    const inbound = { id: sms.id, from: sms.from, text: sms.text, receivedAt: sms.date };
    const command = parseOfficialCommand(sms.text);
    const outcome = command ? await handleOfficialSms(runtime.deps, inbound, command) : undefined;
    if (command && outcome && outcome.kind !== 'from_reporter') {
      logger.info('official command handled', {
        command: command.keyword, outcome: outcome.kind,
        ...('reason' in outcome ? { reason: outcome.reason } : {}),
        ...('reference' in outcome ? { reference: outcome.reference, officialId: outcome.officialId } : {}),
      });
      return text(200, 'OK');
    }
    const handled = await handleInboundSms(runtime.deps, inbound);
    logger.info('inbound sms handled', { outcome: handled.kind, ...('reference' in handled ? { reference: handled.reference, created: handled.created } : {}) });
    return text(200, 'OK');
  });
}
