import type { AlertReason, Case, CaseEvent, Door, Level } from '../domain/case.js';
import type { Policy } from '../config.js';
import type { AccessEntry } from '../domain/access.js';
import type { OutboundMessage } from '../domain/message.js';
import type { Official } from '../domain/official.js';
import type { CaseNote } from './port.js';
import type { EscalationFacts } from '../messages/official.js';

/**
 * The case's life in one room. Every transition of a case (file, follow-up, acknowledge, resolve,
 * confirm, reopen, escalate, remind, hand over, correct, merge, refer, record agent) is a pure plan:
 * given the case as read, who acts and when, it returns the next case with what the change owes
 * (timeline events, outbox messages, alerts to officials, access-log entries), or why it does not
 * apply. One writer (`changeCase`, change-case.ts) writes any plan; the doors (reporter SMS,
 * official SMS, console, escalator) only parse, authorise, choose a plan and present the outcome.
 */
export type NotApplied = 'not_open' | 'taken' | 'already_assigned' | 'no_question' | 'reporter_no_sms' | 'not_closed'
  | 'same_level' | 'unchanged' | 'same_case' | 'already_merged' | 'too_many_questions'
  /** Undo merge: the case is not merged (any more), or the day to undo it has passed. */
  | 'not_merged' | 'undo_expired'
  /** A complaint's action on a data request (or the reverse), and a data request decided before. */
  | 'data_request' | 'not_a_request' | 'already_decided';

/**
 * Officials a plan alerts, by ladder level: `recipientsFor` (lib/domain/routing.ts) decides who
 * that is, and alerts.ts turns it into messages and timeline events written with the change.
 * `round` keeps a later round at the same level apart from the first (its message ids).
 */
export interface AlertOrder {
  level: Level;
  reason: AlertReason;
  round?: string;
  /** An escalation says so, with who did not act in how long (lib/messages/official.ts). */
  escalation?: EscalationFacts;
  /** Officials not to alert: whoever made the change themselves (a correction, a hand-over). */
  except?: string[];
}

/** Another case the change depends on: written only if it is still at `version` (a merge's target). */
export interface RelatedCase {
  caseId: string;
  version: number;
  events: CaseEvent[];
}

export interface CasePlan {
  /** The next case; absent when the plan only records (a question relayed to a held case, a refusal). */
  case?: Case;
  events: CaseEvent[];
  messages: OutboundMessage[];
  alerts: AlertOrder[];
  /** Reads of personal data this plan shows (INFO by SMS), in the access log with the write. */
  access?: AccessEntry[];
  related?: RelatedCase;
  /** Officials' notes written with the change (a resolution's outcome note), sealed like the console's notes. */
  notes?: CaseNote[];
}

export type PlanResult = { applies: true; plan: CasePlan } | { applies: false; reason: NotApplied };

export const ok = (plan: Partial<CasePlan> & Pick<CasePlan, 'events'>): PlanResult =>
  ({ applies: true, plan: { messages: [], alerts: [], ...plan } });
export const no = (reason: NotApplied): PlanResult => ({ applies: false, reason });

/** Who acts and when: every plan is a function of the case and this. */
export interface Actor {
  /** `reporter`, `system`, or `official:<id>` as the timeline shows it. */
  actor: string;
  at: string;
  now: Date;
  policy: Policy;
}

export interface ActionContext extends Actor {
  official: Official;
  /** Which door: on every event, so the timeline says how the official acted. */
  via: Door;
  /** The SMS keyword (TERIMA, SELESAI, TANYA) when the official acted by SMS. */
  command?: string;
}

export const actorOf = (o: Pick<Official, 'id'>) => `official:${o.id}`;
export const isOpenStatus = (c: Pick<Case, 'status'>) => c.status === 'new' || c.status === 'acknowledged';
