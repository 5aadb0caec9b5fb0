import type { AccessedField } from '../domain/access.js';
import { type Case, type CaseEvent, dataRequestDeadline, isDataRequest, type RefusalGround } from '../domain/case.js';
import type { Official } from '../domain/official.js';
import { normaliseReference } from '../domain/reference.js';
import { changeCase } from '../cases/change-case.js';
import { planDecideDataRequest, planRecordExport, type DataRequestDecision } from '../cases/data-request-plans.js';
import { actorOf, type ActionContext, type NotApplied } from '../cases/plan.js';
import type { AccessLog } from '../cases/access-log-port.js';
import type { CaseStore } from '../cases/port.js';
import type { Directory } from '../officials/port.js';
import type { Reporters } from './reporters-port.js';
import type { Clock } from '../clock.js';
import type { Policy } from '../config.js';

export interface DataRequestDeskDeps {
  cases: CaseStore;
  directory: Pick<Directory, 'listOfficials'>;
  accessLog: AccessLog;
  /** The number's reporter item (preferences, links to its cases): cut down by a carried-out erasure. */
  reporters: Pick<Reporters, 'forget'>;
  clock: Clock;
  policy: Policy;
}

/** The province desk (2) and BP3MI (3) decide data requests; a regency officer sees none. */
export const mayDecideRequests = (o: Pick<Official, 'level' | 'active'>) => o.active && o.level >= 2;

/** How many of a number's cases a request reaches: every case the contact index has for it. */
const MAX_CASES_PER_NUMBER = 200;

/** A request as its console page shows it: the request, and the number's cases as facts (no personal field). */
export interface RequestView {
  request: Case;
  deadline: Date;
  events: CaseEvent[];
  /** The number's complaints (references and facts only), before a decision; after it, those it touched. */
  cases: Case[];
}

export type RequestLookup = { kind: 'found'; view: RequestView } | { kind: 'not_found' };

/** The number's complaints (not its data requests), newest first. Erased ones are out of the index already. */
async function casesOf(deps: Pick<DataRequestDeskDeps, 'cases'>, request: Case): Promise<Case[]> {
  if (request.erased) return [];
  return (await deps.cases.findCasesByContact(request.contact, MAX_CASES_PER_NUMBER)).filter((c) => !isDataRequest(c));
}

async function requestOf(deps: Pick<DataRequestDeskDeps, 'cases'>, official: Official, rawReference: string): Promise<Case | undefined> {
  if (!mayDecideRequests(official)) return undefined;
  const reference = normaliseReference(rawReference);
  const c = reference ? await deps.cases.getCaseByReference(reference) : undefined;
  return c && isDataRequest(c) ? c : undefined;
}

/**
 * A request's page: the request with its deadline and timeline, and the number's cases by reference
 * and facts. Nothing personal is shown (not even the number), so nothing is access-logged here; the
 * copy (exportData) is.
 */
export async function openRequest(deps: Pick<DataRequestDeskDeps, 'cases'>, official: Official, rawReference: string): Promise<RequestLookup> {
  const request = await requestOf(deps, official, rawReference);
  if (!request) return { kind: 'not_found' };
  const decided = request.dataRequest?.decision;
  const cases = decided
    ? (await Promise.all(decided.cases.map((ref) => deps.cases.getCaseByReference(ref)))).filter((c): c is Case => c !== undefined)
    : await casesOf(deps, request);
  return { kind: 'found', view: { request, deadline: dataRequestDeadline(request), events: await deps.cases.timeline(request.id), cases } };
}

export type DeskDecision = { outcome: 'carried_out' } | { outcome: 'refused'; ground: RefusalGround } | { outcome: 'corrected'; case: string };

export type DecideOutcome =
  | { kind: 'done'; reference: string; erased: number }
  | { kind: 'not_applied'; reason: NotApplied }
  | { kind: 'invalid'; fields: Record<string, string> }
  | { kind: 'not_found' };

/**
 * The desk's decision, written by changeCase through the request's plan (data-request-plans.ts):
 * the request closes with who decided, when and why, and the reporter is told. A carried-out
 * erasure then destroys the personal data of every case of the number (the crypto-shredding of
 * DynamoCaseStore.erasePersonalData: fields stripped, key destroyed, a tombstone on each case's
 * timeline naming the official and the request), and last the request's own (the number).
 * Idempotent: posting it again finishes an erasure a failure left half-done, and decides nothing twice.
 */
export async function decideDataRequest(deps: DataRequestDeskDeps, official: Official, rawReference: string, decision: DeskDecision): Promise<DecideOutcome> {
  const request = await requestOf(deps, official, rawReference);
  if (!request) return { kind: 'not_found' };
  const earlier = request.dataRequest?.decision;
  if (earlier) {
    if (earlier.outcome === decision.outcome && earlier.outcome === 'carried_out') {
      return { kind: 'done', reference: request.reference, erased: await finishErasure(deps, request) };
    }
    return { kind: 'not_applied', reason: 'already_decided' };
  }
  const cases = decision.outcome === 'refused' ? [] : await casesOf(deps, request);
  let planned: DataRequestDecision;
  if (decision.outcome === 'corrected') {
    const corrected = normaliseReference(decision.case);
    if (!corrected || !cases.some((c) => c.reference === corrected)) return { kind: 'invalid', fields: { case: "Name one of this number's cases" } };
    planned = { outcome: 'corrected', cases: [corrected] };
  } else if (decision.outcome === 'refused') {
    planned = { outcome: 'refused', ground: decision.ground };
  } else {
    planned = { outcome: 'carried_out', cases: cases.map((c) => c.reference) };
  }
  const now = deps.clock.now();
  const x: ActionContext = { official, actor: actorOf(official), at: now.toISOString(), now, policy: deps.policy, via: 'console' };
  const outcome = await changeCase(deps, request, (current) => planDecideDataRequest(current, x, planned), { at: x.at });
  if (outcome.kind === 'vanished') return { kind: 'not_found' };
  if (outcome.kind === 'not_applied') return { kind: 'not_applied', reason: outcome.reason };
  if (outcome.kind !== 'changed') return { kind: 'not_applied', reason: 'already_decided' };
  const erased = outcome.after.dataRequest?.type === 'erasure' && planned.outcome === 'carried_out' ? await finishErasure(deps, outcome.after) : 0;
  return { kind: 'done', reference: request.reference, erased };
}

/**
 * Erases every case the decision names, then the request's own number. Each erasure is idempotent
 * (an erased case is only finished), so a second run after a failure completes the first.
 */
async function finishErasure(deps: Pick<DataRequestDeskDeps, 'cases' | 'reporters'>, request: Case): Promise<number> {
  const decision = request.dataRequest?.decision;
  if (!decision || decision.outcome !== 'carried_out' || request.dataRequest?.type !== 'erasure') return 0;
  const erasure = { at: decision.at, reason: 'request' as const, actor: `official:${decision.by}`, request: request.reference, onlyIfClosed: false };
  let erased = 0;
  for (const reference of decision.cases) {
    const c = await deps.cases.getCaseByReference(reference);
    if (c && await deps.cases.erasePersonalData(c.id, erasure) === 'erased') erased++;
  }
  // The number's preferences and links to its cases (README: Requests, "What the number keeps"):
  // only a BERHENTI stays. Done while the request still holds the number; a rerun does it again.
  if (!request.erased) await deps.reporters.forget(request.contact);
  // Last, the request's own personal data (the number that asked): its decision and timeline stay as proof (Art. 14).
  await deps.cases.erasePersonalData(request.id, erasure);
  return erased;
}

/** One case in a copy of the data: what the hotline holds about the number (Art. 7, 32). */
export interface ExportedCase {
  reference: string;
  createdAt: string;
  channel: string;
  category: string;
  status: string;
  homeRegency: string;
  country: string;
  reporterType: string;
  contact: string;
  description: string;
  nik?: string;
  workerName?: string;
  agentName?: string;
  consent?: Case['consent'];
  erased?: Case['erased'];
  events: Array<{ at: string; type: string }>;
}

export interface DataExport {
  request: string;
  generatedAt: string;
  generatedBy: string;
  cases: ExportedCase[];
}

export type ExportOutcome = { kind: 'export'; data: DataExport; request: Case } | { kind: 'not_applied'; reason: NotApplied } | { kind: 'not_found' };

/**
 * A copy of what the hotline holds about the number of an access request (DATA), for the desk to
 * hand over in person or through the NGO that asked: never by SMS. Producing it is access-logged
 * per case with every personal field it shows, and recorded on the request's timeline. Console
 * notes are left out: they are the officials' working notes and may name other people (Art. 33);
 * the desk reads the copy before handing it over.
 */
export async function exportData(deps: DataRequestDeskDeps, official: Official, rawReference: string, format: 'html' | 'json'): Promise<ExportOutcome> {
  const request = await requestOf(deps, official, rawReference);
  if (!request) return { kind: 'not_found' };
  const now = deps.clock.now();
  const at = now.toISOString();
  const x: ActionContext = { official, actor: actorOf(official), at, now, policy: deps.policy, via: 'console' };
  const cases = await casesOf(deps, request);
  const recorded = await changeCase(deps, request, (current) => planRecordExport(current, x, format, cases.length), { at });
  if (recorded.kind === 'not_applied') return { kind: 'not_applied', reason: recorded.reason };
  if (recorded.kind === 'vanished') return { kind: 'not_found' };
  const exported: ExportedCase[] = [];
  for (const c of cases) {
    const fields: AccessedField[] = ['text', 'contact', ...(c.nik ? ['nik' as const] : []), ...(c.workerName ? ['worker_name' as const] : []), ...(c.agentName ? ['agent_name' as const] : [])];
    await deps.accessLog.append({ at, officialId: official.id, action: 'exported', reference: c.reference, fields });
    exported.push({
      reference: c.reference, createdAt: c.createdAt, channel: c.channel, category: c.category, status: c.status,
      homeRegency: c.homeRegency, country: c.country, reporterType: c.reporterType, contact: c.contact, description: c.description,
      ...(c.nik ? { nik: c.nik } : {}), ...(c.workerName ? { workerName: c.workerName } : {}), ...(c.agentName ? { agentName: c.agentName } : {}),
      ...(c.consent ? { consent: c.consent } : {}),
      events: (await deps.cases.timeline(c.id)).map((e) => ({ at: e.at, type: e.type })),
    });
  }
  return { kind: 'export', request, data: { request: request.reference, generatedAt: at, generatedBy: official.id, cases: exported } };
}
