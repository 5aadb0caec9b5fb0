import type { Deps } from './deps.js';

export type RetentionDeps = Pick<Deps, 'cases' | 'clock' | 'policy'>;

export interface RetentionRun {
  erased: number;
  /** Cases reopened since they were listed: left alone, they are open again. */
  reopened: number;
  /** Case ids and error class only: tried again next run (their index entry stays). */
  failed: Array<{ caseId: string; errorName: string }>;
}

const DAY_MS = 24 * 60 * 60_000;

/**
 * The retention period, carried out by the scheduled job: the personal data of every case that
 * stopped being open more than `retentionDaysAfterClose` days ago is destroyed (crypto-shredded),
 * its facts and timeline kept. Open cases are never touched (the store checks it in the same
 * conditional write). One bounded batch per run: the next run, 5 minutes later, takes the next;
 * an erasure that died half-way is finished first. DynamoDB TTL is not used: it may lag two days.
 */
export async function forgetExpiredCases(deps: RetentionDeps, options: { limit?: number } = {}): Promise<RetentionRun> {
  const limit = options.limit ?? 25;
  const now = deps.clock.now();
  const closedBefore = new Date(now.getTime() - deps.policy.retentionDaysAfterClose * DAY_MS);
  const run: RetentionRun = { erased: 0, reopened: 0, failed: [] };
  for (const caseId of await deps.cases.casesToForget(closedBefore, limit)) {
    try {
      const outcome = await deps.cases.erasePersonalData(caseId, { at: now.toISOString(), reason: 'retention', actor: 'system', onlyIfClosed: true });
      if (outcome === 'erased') run.erased++;
      else if (outcome === 'open') run.reopened++;
    } catch (error) {
      run.failed.push({ caseId, errorName: error instanceof Error ? error.name : 'unknown' });
    }
  }
  return run;
}
