import type { DynamoDBRecord } from 'aws-lambda';

/**
 * Items the notifier reacts to. The CDK event source mapping filters on the same keys, so Lambda is
 * not even invoked for timeline events, counters or drafts; the local poller applies this predicate.
 */
export const NOTIFIER_SORT_KEYS = ['CASE', 'MSG'] as const;

export function isNotifierRecord(record: DynamoDBRecord): boolean {
  const image = record.dynamodb?.NewImage ?? record.dynamodb?.OldImage;
  const sk = (image as { sk?: { S?: string } } | undefined)?.sk?.S;
  return record.eventName !== 'REMOVE' && (NOTIFIER_SORT_KEYS as readonly string[]).includes(sk ?? '');
}
