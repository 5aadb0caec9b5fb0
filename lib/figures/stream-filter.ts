import type { DynamoDBRecord } from 'aws-lambda';

/**
 * Records the figures consumer reads: case items created or changed. The CDK event source mapping
 * filters on the same rule; the local poller applies this predicate.
 */
export const FIGURES_EVENTS = { CASE: ['INSERT', 'MODIFY'] } as const;

export function isFiguresRecord(record: DynamoDBRecord): boolean {
  const sk = (record.dynamodb?.Keys as { sk?: { S?: string } } | undefined)?.sk?.S;
  return sk === 'CASE' && (record.eventName === 'INSERT' || record.eventName === 'MODIFY');
}
