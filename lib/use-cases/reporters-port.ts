import type { Language } from '../domain/categories.js';
import type { OutboundMessage } from '../domain/message.js';
import type { ReporterPrefs } from '../domain/reporter.js';

/** Counted per reporter per hour on the reporter item, except `confirmations` (per day). */
export type ReporterCounter = 'inbound' | 'statusLookups' | 'newCases' | 'replies' | 'confirmations';

/** What one read-and-count of a reporter's item returns: all a report or a STATUS needs to go on. */
export interface Reporter {
  prefs: ReporterPrefs;
  /** Counts in the current window, this request's own hits included. */
  counts: Record<ReporterCounter, number>;
  /** The gateway id was seen before: a redelivery, so nothing was counted this time. */
  duplicate: boolean;
  /** The number has itself written to the hotline (SMS or USSD), not only been typed into a form. */
  wrote: boolean;
  /** The reporter's cases by reference (case ids), for STATUS without a table-wide lookup. */
  casesByReference: Readonly<Record<string, string>>;
  /** The newest case, for "a second report within the hour is probably the same problem". */
  latest?: { caseId: string; reference: string; at: string; language: Language };
  /** The case whose first report had exactly the `text` given to touch, if any. */
  sameTextCaseId?: string;
  /** The item's revision: a new report's write can be made conditional on it (one at a time). */
  revision: number;
  /** Attribute names of windows gone by, removed by the next write of the item. */
  stale: readonly string[];
}

/** Reporters (by phone): their preferences and the counters that bound what one number can cost. */
export interface Reporters {
  /**
   * One request: counts `counters` (once per `gatewayId`: a redelivery counts nothing), marks that
   * the number wrote, and returns the reporter's state.
   */
  touch(phone: string, now: Date, hit: { counters?: ReporterCounter[]; gatewayId?: string; wrote?: boolean; text?: string; channel?: 'sms' | 'whatsapp' }): Promise<Reporter>;
  getPrefs(phone: string): Promise<ReporterPrefs>;
  setPrefs(phone: string, prefs: ReporterPrefs): Promise<void>;
  /**
   * Queues a reply to the reporter within the hourly reply budget, in one transaction with its
   * count; a redelivered SMS (same message id) queues and counts nothing.
   */
  queueReply(message: OutboundMessage, budget: { maxPerHour: number; now: Date }): Promise<'queued' | 'duplicate' | 'over_budget'>;
  /**
   * A carried-out erasure request (data-request-decide.ts): the number's item loses its links to
   * cases, its report texts, its language, its channel and consent record; only an opt-out
   * (`smsStopped`, BERHENTI) and the hourly counters stay. Idempotent.
   */
  forget(phone: string): Promise<void>;
}
