import {
  type Case, caseEvent, type CaseEvent, type Channel, dataRequestDeadline, type DataRequestOutcome, type DataRequestType,
  isDataRequest, type RefusalGround,
} from '../domain/case.js';
import type { Language } from '../domain/categories.js';
import type { CountryCode } from '../domain/regions.js';
import { nextCheckAt } from '../domain/sla.js';
import { dataRequestTexts } from '../messages/data-request.js';
import type { OutboundMessage } from '../domain/message.js';
import { type ActionContext, type Actor, no, ok, type PlanResult } from './plan.js';

/**
 * Data requests (UU 27/2022): HAPUS/DELETE/ERASE (erasure, Art. 8, 43-44) and DATA (a copy, Art. 7,
 * 32), sent by SMS or WhatsApp. A request is a case of its own kind: a reference, the province desk
 * alerted at once (level 2, since it concerns every case of a number whatever their regency), the
 * escalation ladder to BP3MI on `SLA_DATA_REQUEST_MINUTES` per level, and the law's 3x24 hours as
 * its deadline. A message alone never erases anything: the desk decides in the console, and only
 * then does anything change (lib/use-cases/data-request.ts carries the decision out).
 */

export interface DataRequestFacts {
  id: string;
  reference: string;
  type: DataRequestType;
  channel: Channel;
  contact: string;
  language: Language;
  country: CountryCode;
}

/** A new data request: the case, its first event, and the neutral reply saying it is received and by when. */
export function planDataRequest(f: DataRequestFacts, x: Pick<Actor, 'at' | 'now' | 'policy'>): { case: Case; events: CaseEvent[]; messages: OutboundMessage[] } {
  const base: Case = {
    id: f.id, reference: f.reference, kind: 'data_request', dataRequest: { type: f.type },
    // Not a complaint: no category or regency of its own. The desk sees every regency's cases.
    category: 'other', urgency: 'high', homeRegency: 'unknown', country: f.country, channel: f.channel,
    reporterType: 'worker', contact: f.contact, description: '', smsUpdates: true, language: f.language,
    status: 'new', level: 2, levelSince: x.at, createdAt: x.at, updatedAt: x.at, version: 1,
  };
  const due = nextCheckAt(base, x.policy, x.at, x.now);
  const c: Case = { ...base, ...(due ? { nextCheckAt: due } : {}) };
  return {
    case: c,
    events: [caseEvent('data_request_received', x.at, 'reporter', { type: f.type, channel: f.channel })],
    messages: [{
      id: `received.${c.id}`, audience: 'reporter', to: c.contact, caseId: c.id, purpose: 'data_request_received',
      text: dataRequestTexts.received(f.language, c.reference, dataRequestDeadline(c)), status: 'pending', attempts: 0, createdAt: x.at,
    }],
  };
}

export type DataRequestDecision =
  | { outcome: 'carried_out'; cases: string[] }
  | { outcome: 'refused'; ground: RefusalGround }
  | { outcome: 'corrected'; cases: string[] };

/**
 * The desk's (or BP3MI's) decision on a data request: the request closes with the decision recorded
 * (who, when, what, on which cases), its timeline says so, and the reporter is told the outcome in a
 * neutral SMS. Only the province desk and BP3MI decide (level 2 and up); a request is decided once.
 * `cases`: the references of the number's cases the decision touched (erased, exported, corrected).
 *
 * The outcome SMS of a carried-out erasure is not bound to the request's key: the request's own
 * personal data (the number) is erased right after it, and a message sealed under that key could
 * no longer be sent (README: Requests).
 */
export function planDecideDataRequest(c: Case, x: ActionContext, decision: DataRequestDecision): PlanResult {
  if (!isDataRequest(c) || !c.dataRequest) return no('not_a_request');
  if (c.dataRequest.decision) return no('already_decided');
  if (x.official.level < 2) return no('taken');
  const cases = decision.outcome === 'refused' ? [] : decision.cases;
  const { nextCheckAt: _done, ...rest } = c;
  const next: Case = {
    ...rest, status: 'closed', assignee: x.official.id, updatedAt: x.at, resolvedAt: x.at,
    dataRequest: {
      ...c.dataRequest,
      decision: { outcome: decision.outcome, at: x.at, by: x.official.id, cases, ...(decision.outcome === 'refused' ? { ground: decision.ground } : {}) },
    },
  };
  const type = c.dataRequest.type;
  const erasing = type === 'erasure' && decision.outcome === 'carried_out';
  const message: OutboundMessage = {
    id: `decided.${c.id}`, audience: 'reporter', to: c.contact, ...(erasing ? {} : { caseId: c.id }), purpose: 'data_request_outcome',
    text: dataRequestTexts.outcome(c.language, c.reference, type, decision.outcome as DataRequestOutcome, decision.outcome === 'refused' ? decision.ground : undefined),
    status: 'pending', attempts: 0, createdAt: x.at,
  };
  return ok({
    case: next,
    events: [caseEvent('data_request_decided', x.at, x.actor, {
      type, outcome: decision.outcome, cases: cases.length, ...(decision.outcome === 'refused' ? { ground: decision.ground } : {}),
    })],
    messages: [message],
  });
}

/** A copy was produced (HTML or JSON) for the desk to hand over: on the request's timeline, beside the access log. */
export function planRecordExport(c: Case, x: ActionContext, format: 'html' | 'json', cases: number): PlanResult {
  if (!isDataRequest(c) || c.dataRequest?.type !== 'access') return no('not_a_request');
  if (c.dataRequest.decision?.outcome === 'refused') return no('already_decided');
  return ok({ events: [caseEvent('data_exported', x.at, x.actor, { format, cases })] });
}
