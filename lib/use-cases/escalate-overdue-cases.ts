import { withMilestones } from '../domain/milestones.js';
import { type Case, type CaseEvent, type CaseEventDetails, caseEvent, isOpen } from '../domain/case.js';
import { retryOnConflict } from './retry-on-conflict.js';
import { recipientsFor } from '../domain/routing.js';
import { levelSinceOf, nextBreachCheckAt, nextCheckAt, slaStep } from '../domain/sla.js';
import { officialTexts } from '../messages/official.js';
import type { Official, OutboundMessage } from '../ports.js';
import { alertOfficials } from './alert-officials.js';
import type { Deps } from './deps.js';

export type EscalationDeps = Pick<Deps, 'cases' | 'directory' | 'clock' | 'policy' | 'metrics'>;

export type CheckResult = 'reminded' | 'escalated' | 'breached' | 'rescheduled' | 'cleared';

export interface EscalationRun {
  reminded: number;
  escalated: number;
  breached: number;
  rescheduled: number;
  cleared: number;
  /** Checks that failed (case id and error class only); those cases stay due and are tried again next run. */
  failed: Array<{ caseId: string; errorName: string }>;
}

const MAX_ROUNDS = 20;

/**
 * The scheduled SLA job. Finds the cases whose next check is due through the due index (never a
 * scan), and for each: at half the time reminds the current level, past the deadline hands the case
 * to the next level (regency office, province desk, BP3MI) and alerts it, and past BP3MI's deadline
 * reminds BP3MI once per period. Each step moves `nextCheckAt` forward in the same conditional write
 * as its timeline event and reminder SMS, so overlapping runs cannot act twice.
 */
export async function escalateOverdueCases(
  deps: EscalationDeps,
  options: { limit?: number } = {},
): Promise<EscalationRun> {
  const limit = options.limit ?? 100;
  const now = deps.clock.now();
  const run: EscalationRun = { reminded: 0, escalated: 0, breached: 0, rescheduled: 0, cleared: 0, failed: [] };
  const seen = new Set<string>();
  let officials: Official[] | undefined;
  const directory = async () => (officials ??= await deps.directory.listOfficials());

  for (let round = 0; round < MAX_ROUNDS; round++) {
    const page = await deps.cases.casesDueBy(now, limit);
    const due = page.filter((c) => !seen.has(c.id));
    for (const c of due) {
      seen.add(c.id);
      try {
        run[await checkCase(deps, c, now, directory)]++;
      } catch (error) {
        run.failed.push({ caseId: c.id, errorName: error instanceof Error ? error.name : 'unknown' });
      }
    }
    // A full page may hide more due cases behind it; the ones handled have moved out of the window.
    if (page.length < limit || due.length === 0) break;
  }
  return run;
}

async function checkCase(
  deps: EscalationDeps,
  first: Case,
  now: Date,
  directory: () => Promise<Official[]>,
): Promise<CheckResult> {
  const at = now.toISOString();
  return retryOnConflict<Case, CheckResult>({
    first,
    reload: () => deps.cases.getCase(first.id),
    vanished: () => 'cleared',
  }, async (c) => {
    const write = async (next: Case, events: CaseEvent[], messages: OutboundMessage[] = []) =>
      deps.cases.updateCase({ case: withMilestones(c, next, at), expectedVersion: c.version, events, messages });
    if (!isOpen(c)) {
      const { nextCheckAt: _gone, ...rest } = c;
      await write(rest, []);
      return 'cleared';
    }
    const step = slaStep(c, deps.policy, now);
    switch (step.kind) {
      case 'none': {
        // Due early (a shorter SLA was configured meanwhile, or the index lagged): just set the right time.
        const next = nextCheckAt(c, deps.policy, levelSinceOf(c), now);
        await write({ ...c, ...(next ? { nextCheckAt: next } : {}) }, []);
        return 'rescheduled';
      }
      case 'remind': {
        const recipients = reminderRecipients(c, await directory());
        const stamp = `L${c.level}.${c.status}.${step.deadline.getTime().toString(36)}`;
        const messages = recipients.map((o) => officialMessage(c, o, `reminder.${c.id}.${o.id}.${stamp}`, 'reminder', officialTexts.reminder(c, step.deadline), at));
        const events = perRecipient(recipients, at, 'reminder', { level: c.level, status: c.status, deadline: step.deadline.toISOString() });
        await write({ ...c, nextCheckAt: step.deadline.toISOString() }, events, messages);
        return 'reminded';
      }
      case 'escalate': {
        const escalated: Case = { ...c, level: step.to, levelSince: at, updatedAt: at };
        escalated.nextCheckAt = nextCheckAt(escalated, deps.policy, at, now);
        // Alert before moving the case: if this run dies in between, the next run finds the case
        // still due and alerts again, which the alert's once-key turns into a no-op.
        await alertOfficials(deps, escalated, step.to, 'escalation');
        await write(escalated, [caseEvent('escalated', at, 'system', {
          from: step.from, to: step.to, status: c.status, reason: c.status === 'new' ? 'not_acknowledged' : 'not_resolved', deadline: step.deadline.toISOString(),
        })]);
        deps.metrics?.count('Escalated');
        return 'escalated';
      }
      case 'breached': {
        const recipients = recipientsFor(c, 3, await directory());
        const stamp = `${c.status}.${step.deadline.getTime().toString(36)}.${step.periods}`;
        const messages = recipients.map((o) => officialMessage(c, o, `overdue.${c.id}.${o.id}.${stamp}`, 'overdue', officialTexts.overdue(c, step.deadline), at));
        const events = perRecipient(recipients, at, 'sla_breached', { level: 3, status: c.status, periods: step.periods, deadline: step.deadline.toISOString() });
        const next = nextBreachCheckAt(c, deps.policy, step.deadline, step.periods);
        await write({ ...c, ...(next ? { nextCheckAt: next } : {}) }, events, messages);
        return 'breached';
      }
    }
  });
}

/** The official who took the case is reminded to finish it; an unheld case reminds its whole level. */
function reminderRecipients(c: Case, officials: Official[]): Official[] {
  if (c.status === 'acknowledged' && c.assignee) {
    const assignee = officials.find((o) => o.id === c.assignee && o.active);
    if (assignee) return [assignee];
  }
  return recipientsFor(c, c.level, officials);
}

function officialMessage(c: Case, o: Official, id: string, purpose: string, text: string, at: string): OutboundMessage {
  return { id, audience: 'official', to: o.phone, caseId: c.id, officialId: o.id, level: c.level, purpose, text, status: 'pending', attempts: 0, createdAt: at };
}

/** One event per official told (or one naming nobody, so a gap in the directory shows on the timeline). */
function perRecipient<K extends 'reminder' | 'sla_breached'>(
  recipients: Official[], at: string, type: K, detail: Omit<CaseEventDetails[K], 'official'>,
): CaseEvent[] {
  const ids = recipients.length === 0 ? ['none'] : recipients.map((o) => o.id);
  return ids.map((official) => caseEvent(type, at, 'system', { ...detail, official } as CaseEventDetails[K]));
}
