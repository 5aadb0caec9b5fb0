import { type Case, isOpen } from '../domain/case.js';
import { slaStep } from '../domain/sla.js';
import { changeCase } from '../cases/change-case.js';
import { type CheckResult, planSlaCheck } from '../cases/escalation-plans.js';
import type { Official } from '../domain/official.js';
import type { Deps } from './deps.js';

export type EscalationDeps = Pick<Deps, 'cases' | 'directory' | 'clock' | 'policy' | 'metrics'>;

export type { CheckResult };

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
 * The scheduled SLA job, a door like the others: finds the cases whose next check is due through the
 * due index (never a scan) and writes for each the plan lib/cases/escalation-plans.ts chooses
 * (remind, escalate with its alerts, remind BP3MI past its deadline, or just reschedule). Each moves
 * `nextCheckAt` forward in the same conditional write as its events, reminders and alerts, so
 * overlapping runs cannot act twice and a run that dies leaves the case due, untouched.
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
  let result = 'cleared' as CheckResult;
  const x = { actor: 'system', at, now, policy: deps.policy };
  const outcome = await changeCase(deps, first, async (c) => {
    // Reminders name their recipients in the plan; the directory is read only when one is due.
    const step = isOpen(c) ? slaStep(c, deps.policy, now).kind : 'none';
    const check = planSlaCheck(c, x, step === 'remind' || step === 'breached' ? await directory() : []);
    result = check.result;
    return check.plan;
  }, { at });
  if (outcome.kind === 'vanished') return 'cleared';
  if (outcome.kind === 'changed' && result === 'escalated') deps.metrics?.count('Escalated');
  return result;
}
