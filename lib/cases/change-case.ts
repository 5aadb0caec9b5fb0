import type { Case } from '../domain/case.js';
import { withMilestones } from '../domain/milestones.js';
import type { CaseStore } from './port.js';
import type { Clock } from '../clock.js';
import type { Directory } from '../officials/port.js';
import { alertWrite } from './alerts.js';
import type { CasePlan, NotApplied, PlanResult } from './plan.js';
import { retryOnConflict } from './retry-on-conflict.js';

export interface ChangeCaseDeps {
  cases: Pick<CaseStore, 'getCase' | 'updateCase' | 'recordOnce'>;
  /** Read only for a plan that alerts (a door whose plans never alert need not have it). */
  directory?: Pick<Directory, 'listOfficials'>;
  clock: Clock;
}

export interface ChangeOptions {
  /** Claimed with the write: the same request (a gateway redelivery) changes nothing twice. */
  onceKey?: string;
  /** The gateway id of the inbound SMS this change answers, claimed table-wide (see CaseUpdate). */
  inboundSmsId?: string;
  /**
   * 1: write only on the version read, and throw ConcurrentUpdateError when it moved (a console
   * form shows what changed instead). Default: re-read and decide again, up to MAX_UPDATE_ATTEMPTS.
   */
  attempts?: number;
  /** The time the plan was made for (its events' `at`), so milestones carry the same instant. */
  at?: string;
}

export type ChangeOutcome =
  /** Written: `after` is the case as stored now (the case as read, for a plan that only records). */
  | { kind: 'changed'; before: Case; after: Case; plan: CasePlan }
  | { kind: 'not_applied'; before: Case; reason: NotApplied }
  /** The once-key (or inbound SMS id) was claimed before: this request was handled already. */
  | { kind: 'duplicate'; before: Case }
  /** The case is gone (never, short of an operator deleting it). */
  | { kind: 'vanished' };

/**
 * The one writer of a case's change. `decide` is the plan for the case as read (plans.ts and its
 * siblings, wrapped by the door); it runs again on a fresh read when another writer got there first.
 * The plan is written in one transaction, conditional on the version read: the next case with its
 * milestones (milestones.ts), its timeline events, its outbox messages, the alerts it names
 * (resolved to officials by alerts.ts, so a hand-over or an escalation and its alerts commit
 * together), its access-log entries and the other case it depends on. A plan with no next case only
 * records (events, messages) under the once-key.
 */
export async function changeCase(
  deps: ChangeCaseDeps,
  start: Case,
  decide: (c: Case) => PlanResult | Promise<PlanResult>,
  options: ChangeOptions = {},
): Promise<ChangeOutcome> {
  return retryOnConflict<Case, ChangeOutcome>({
    first: start,
    reload: () => deps.cases.getCase(start.id),
    vanished: () => ({ kind: 'vanished' }),
    ...(options.attempts ? { attempts: options.attempts } : {}),
  }, async (before) => {
    const decided = await decide(before);
    if (!decided.applies) return { kind: 'not_applied', before, reason: decided.reason };
    const { plan } = decided;
    const at = options.at ?? deps.clock.now().toISOString();
    const subject = plan.case ?? before;
    if (plan.alerts.length > 0 && !deps.directory) throw new Error('A plan that alerts needs the directory');
    const officials = plan.alerts.length > 0 ? await deps.directory!.listOfficials() : [];
    const alerts = plan.alerts.map((order) => alertWrite(subject, order, officials, at));
    const events = [...plan.events, ...alerts.flatMap((a) => a.events)];
    const messages = [...plan.messages, ...alerts.flatMap((a) => a.messages)];
    if (!plan.case) {
      const first = await deps.cases.recordOnce(before.id, {
        ...(options.onceKey ? { onceKey: options.onceKey } : {}), events, messages, ...(plan.access ? { access: plan.access } : {}),
        ...(plan.notes?.length ? { notes: plan.notes } : {}),
      });
      return first ? { kind: 'changed', before, after: before, plan } : { kind: 'duplicate', before };
    }
    const after = withMilestones(before, plan.case, at);
    const first = await deps.cases.updateCase({
      case: after, expectedVersion: before.version, events, messages,
      ...(options.onceKey ? { onceKeys: [options.onceKey] } : {}),
      ...(options.inboundSmsId ? { inboundSmsId: options.inboundSmsId } : {}),
      ...(plan.access ? { access: plan.access } : {}),
      ...(plan.related ? { related: plan.related } : {}),
      ...(plan.notes?.length ? { notes: plan.notes } : {}),
    });
    return first ? { kind: 'changed', before, after, plan } : { kind: 'duplicate', before };
  });
}
