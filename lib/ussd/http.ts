import type { Language } from '../domain/categories.js';
import { ClientError, ForbiddenError, PayloadTooLargeError } from '../domain/errors.js';
import { errorResponse, formBody, httpHandler, requireCallbackKey, resolveCallbackKey, text, type CallbackKey, type HttpEvent } from '../http/api.js';
import { parseCallback } from '../http/callback.js';
import { logger } from '../logger.js';
import { AtUssdRequest, AtUssdSessionEnd, firstProblem, invalidFields } from './callbacks.js';
import { failureScreen, handleUssdRequest, handleUssdSessionEnd, malformedScreen, tooLargeScreen, type UssdDeps } from './handle-ussd.js';

export interface UssdHandlerRuntime {
  deps: UssdDeps;
  callbackKey: CallbackKey;
}

/** Both AT routes share one function: the session callback and the end-of-session notification. */
export function isSessionEndEvent(event: HttpEvent): boolean {
  return event.routeKey === 'POST /ussd/events' || (event.rawPath ?? '').replace(/\/+$/, '').endsWith('/ussd/events');
}

const ussdText = (body: string) => text(200, body);

/**
 * The USSD Lambda's behaviour, built from a runtime so tests can give it DynamoDB Local ports
 * (functions/ussd.ts passes the real one). Every answer to the user is 200 `CON`/`END`: AT ends the
 * session with a bare network error on anything else. The one exception is a wrong callback key,
 * which is a misconfiguration to surface (403), not a person to guide.
 */
export function createUssdHandler(runtime: UssdHandlerRuntime) {
  const hotline = runtime.deps.policy.hotlinePhone;
  const fallbackLanguage: Language = 'id';
  return httpHandler('ussd', async (event) => {
    requireCallbackKey(event, await resolveCallbackKey(runtime.callbackKey));
    const form = formBody(event);
    if (isSessionEndEvent(event)) {
      // Nobody waits on a screen here: a bad notice is a 400 naming its fields, as for the SMS callbacks.
      const { sessionId, phoneNumber, status, input } = parseCallback(AtUssdSessionEnd, form);
      const outcome = await handleUssdSessionEnd(runtime.deps, { sessionId, phone: phoneNumber, status, ...(input !== undefined ? { input } : {}) });
      logger.info('ussd session ended', { status, outcome });
      return text(200, 'OK');
    }
    const parsed = AtUssdRequest.safeParse(form);
    if (!parsed.success) {
      // A client fault (the gateway's request), not ours: WARN, so that ERROR alarms mean our faults.
      logger.warn('ussd callback malformed', { fields: invalidFields(parsed.error) });
      return ussdText(malformedScreen(fallbackLanguage, hotline, firstProblem(parsed.error)));
    }
    const answer = await handleUssdRequest(runtime.deps, { sessionId: parsed.data.sessionId, phone: parsed.data.phoneNumber, text: parsed.data.text });
    logger.info('ussd step', { outcome: answer.outcome, ...(answer.reference ? { reference: answer.reference } : {}) });
    return ussdText(answer.body);
  }, (error, event) => {
    if (error instanceof ForbiddenError) return errorResponse(error, 'ussd');
    if (error instanceof ClientError) {
      if (isSessionEndEvent(event)) return errorResponse(error, 'ussd');
      logger.warn('ussd callback refused', { code: error.code });
      return ussdText(error instanceof PayloadTooLargeError ? tooLargeScreen(fallbackLanguage, hotline) : malformedScreen(fallbackLanguage, hotline));
    }
    logger.error('ussd handler failed', { errorName: error instanceof Error ? error.name : typeof error });
    return isSessionEndEvent(event) ? text(200, 'OK') : ussdText(failureScreen(fallbackLanguage, hotline));
  });
}
