import type { DynamoDBRecord } from 'aws-lambda';
import { SK } from './keys.js';

/**
 * Changes the notifier reacts to: a case created or changed, and an outbox message created (its
 * later status updates need nothing). The CDK event source mapping filters on the same rules, so
 * Lambda is not even invoked for timeline events, counters, drafts or message status changes; the
 * local poller applies this predicate.
 */
export const NOTIFIER_EVENTS = {
  [SK.case]: ['INSERT', 'MODIFY'],
  [SK.message]: ['INSERT'],
} as const satisfies Record<string, ReadonlyArray<'INSERT' | 'MODIFY'>>;

export function isNotifierRecord(record: DynamoDBRecord): boolean {
  const sk = (record.dynamodb?.Keys as { sk?: { S?: string } } | undefined)?.sk?.S;
  const events: readonly string[] | undefined = sk ? NOTIFIER_EVENTS[sk as keyof typeof NOTIFIER_EVENTS] : undefined;
  return events !== undefined && record.eventName !== undefined && events.includes(record.eventName);
}

/**
 * Records the figures consumer reads: case items created or changed. The CDK event source mapping
 * filters on the same rule; the local poller applies this predicate.
 */
export const FIGURES_EVENTS = { CASE: ['INSERT', 'MODIFY'] } as const;

export function isFiguresRecord(record: DynamoDBRecord): boolean {
  const sk = (record.dynamodb?.Keys as { sk?: { S?: string } } | undefined)?.sk?.S;
  return sk === SK.case && (record.eventName === 'INSERT' || record.eventName === 'MODIFY');
}
