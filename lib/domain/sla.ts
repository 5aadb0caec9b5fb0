import type { Case, Level } from './case.js';
import type { Urgency } from './categories.js';

/** The deadlines, in minutes per urgency (the `SLA_*` settings, read by lib/config.ts into its Policy). */
export interface SlaPolicy {
  /** `dataRequest`: per ladder level, for a data request (SLA_DATA_REQUEST_MINUTES). */
  slaMinutes: { acknowledge: Record<Urgency, number>; resolve: Record<Urgency, number>; dataRequest: number };
}

const MINUTE = 60_000;

type SlaCase = Pick<Case, 'status' | 'urgency' | 'createdAt' | 'kind'>;

/** Minutes the current level has: to acknowledge a new case, or to resolve an acknowledged one. */
export function slaMinutes(c: Pick<Case, 'status' | 'urgency' | 'kind'>, policy: SlaPolicy): number | undefined {
  // A data request's deadline is the law's 3x24 h: each level gets its share, then the next is alerted.
  if (c.kind === 'data_request') return c.status === 'new' || c.status === 'acknowledged' ? policy.slaMinutes.dataRequest : undefined;
  if (c.status === 'new') return policy.slaMinutes.acknowledge[c.urgency];
  if (c.status === 'acknowledged') return policy.slaMinutes.resolve[c.urgency];
  return undefined;
}

/** When the case must be acknowledged (or resolved, once acknowledged) by the current level. */
export function deadlineOf(c: SlaCase, policy: SlaPolicy, since: string): Date | undefined {
  const minutes = slaMinutes(c, policy);
  return minutes === undefined ? undefined : new Date(Date.parse(since) + minutes * MINUTE);
}

/**
 * The escalation job looks at a case twice per deadline: at half the time (reminder to the current
 * level) and at the deadline (the next level is alerted). `since` is when the current level got it.
 */
export function nextCheckAt(c: SlaCase, policy: SlaPolicy, since: string, now: Date): string | undefined {
  const deadline = deadlineOf(c, policy, since);
  if (!deadline) return undefined;
  const half = new Date((Date.parse(since) + deadline.getTime()) / 2);
  return (now < half ? half : deadline).toISOString();
}

/** When the current level got the case; older cases written before `levelSince` existed use createdAt. */
export function levelSinceOf(c: Pick<Case, 'levelSince' | 'createdAt'>): string {
  return c.levelSince ?? c.createdAt;
}

export type SlaStep =
  | { kind: 'none' }
  /** Before the deadline, past half the time: remind the current level. */
  | { kind: 'remind'; deadline: Date }
  /** Past the deadline below the top: the next level gets the case and a full period of its own. */
  | { kind: 'escalate'; from: Level; to: Level; deadline: Date }
  /** Past the deadline at BP3MI: nobody above, so BP3MI is reminded once per period until someone acts. */
  | { kind: 'breached'; deadline: Date; periods: number };

/** What the escalation job must do for a case now. Pure: the schedule is unit-tested without a table. */
export function slaStep(c: Pick<Case, 'status' | 'urgency' | 'createdAt' | 'level' | 'levelSince' | 'kind'>, policy: SlaPolicy, now: Date): SlaStep {
  const since = levelSinceOf(c);
  const minutes = slaMinutes(c, policy);
  const deadline = deadlineOf(c, policy, since);
  if (minutes === undefined || !deadline) return { kind: 'none' };
  const half = new Date((Date.parse(since) + deadline.getTime()) / 2);
  if (now < half) return { kind: 'none' };
  if (now < deadline) return { kind: 'remind', deadline };
  if (c.level < 3) return { kind: 'escalate', from: c.level, to: (c.level + 1) as Level, deadline };
  const periods = Math.floor((now.getTime() - deadline.getTime()) / (minutes * MINUTE)) + 1;
  return { kind: 'breached', deadline, periods };
}

/** After a breach at the top level, the next look is one more full period after the last one. */
export function nextBreachCheckAt(c: Pick<Case, 'status' | 'urgency' | 'kind'>, policy: SlaPolicy, deadline: Date, periods: number): string | undefined {
  const minutes = slaMinutes(c, policy);
  return minutes === undefined ? undefined : new Date(deadline.getTime() + periods * minutes * MINUTE).toISOString();
}
