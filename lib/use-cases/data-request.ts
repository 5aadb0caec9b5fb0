import type { Channel, DataRequestType } from '../domain/case.js';
import type { Language } from '../domain/categories.js';
import { countryOfPhone } from '../domain/regions.js';
import { newCaseId, newReference } from '../domain/reference.js';
import { ReferenceTakenError } from '../domain/errors.js';
import { planDataRequest } from '../cases/data-request-plans.js';
import type { Deps } from './deps.js';

export type OpenDataRequestDeps = Pick<Deps, 'cases' | 'counters' | 'clock' | 'policy'>;

export interface DataRequestMessage {
  /** The gateway's message id (AT id, WhatsApp wamid): a redelivery finds the request it opened. */
  id: string;
  from: string;
  channel: Channel;
  language: Language;
}

export type OpenedDataRequest =
  | { kind: 'data_request'; reference: string; created: boolean }
  /** More than DATA_REQUESTS_PER_DAY from one number: nothing is opened (the desk already has its requests). */
  | { kind: 'rate_limited' };

/**
 * Requests one number may open a day. Each alerts the desk by SMS; a person needs one or two (an
 * erasure, a copy), and a hostile sender must not make the desk's phone ring all day.
 */
export const DATA_REQUESTS_PER_DAY = 3;

/**
 * HAPUS / DELETE / ERASE or DATA from a text channel (SMS, WhatsApp: the one conversation,
 * handle-inbound-sms.ts) opens a data request: its own kind of case, with a reference, the desk
 * alerted by the stream, the escalation ladder, and a neutral reply saying it is received and by
 * when (data-request-plans.ts). Nothing is erased or sent here: the desk decides in the console.
 * Idempotent on the gateway id (the intake key), like a report.
 */
export async function openDataRequest(deps: OpenDataRequestDeps, message: DataRequestMessage, type: DataRequestType): Promise<OpenedDataRequest> {
  const intake = { channel: message.channel, gatewayId: `request:${message.id}`, phone: message.from, content: `data-request:${type}` };
  const earlier = await deps.cases.findIntake(intake);
  if (earlier) {
    const c = await deps.cases.getCase(earlier.caseId);
    if (c) return { kind: 'data_request', reference: c.reference, created: false };
  }
  const now = deps.clock.now();
  if (await deps.counters.countHit('data-request', message.from, 24 * 3600, now) > DATA_REQUESTS_PER_DAY) return { kind: 'rate_limited' };
  const at = now.toISOString();
  for (let attempt = 1; ; attempt++) {
    const planned = planDataRequest({
      id: newCaseId(), reference: newReference(), type, channel: message.channel, contact: message.from,
      language: message.language, country: countryOfPhone(message.from),
    }, { at, now, policy: deps.policy });
    try {
      // No reporter link: a request is not the number's latest case, so the conversation never adds a message to it.
      const result = await deps.cases.createCase({ case: planned.case, intake, events: planned.events, messages: planned.messages });
      if (result.created) return { kind: 'data_request', reference: result.case.reference, created: true };
      const existing = await deps.cases.getCase(result.caseId);
      if (!existing) throw new Error('Intake key points at a missing case');
      return { kind: 'data_request', reference: existing.reference, created: false };
    } catch (error) {
      if (error instanceof ReferenceTakenError && attempt < 5) continue;
      throw error;
    }
  }
}
