import type { Policy } from '../config.js';
import type { Case } from './case.js';

const MINUTE = 60_000;

/** When the case must be acknowledged (or resolved, once acknowledged) by the current level. */
export function deadlineOf(c: Pick<Case, 'status' | 'urgency' | 'createdAt'>, policy: Policy, since: string): Date | undefined {
  if (c.status === 'new') return new Date(Date.parse(since) + policy.slaMinutes.acknowledge[c.urgency] * MINUTE);
  if (c.status === 'acknowledged') return new Date(Date.parse(since) + policy.slaMinutes.resolve[c.urgency] * MINUTE);
  return undefined;
}

/**
 * The escalation job looks at a case twice per deadline: at half the time (reminder to the current
 * level) and at the deadline (the next level is alerted). `since` is when the current level got it.
 */
export function nextCheckAt(c: Pick<Case, 'status' | 'urgency' | 'createdAt'>, policy: Policy, since: string, now: Date): string | undefined {
  const deadline = deadlineOf(c, policy, since);
  if (!deadline) return undefined;
  const half = new Date((Date.parse(since) + deadline.getTime()) / 2);
  return (now < half ? half : deadline).toISOString();
}
