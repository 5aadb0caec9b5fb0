import type { CreateTableCommandInput } from '@aws-sdk/client-dynamodb';

/**
 * The one table design, read by the CDK stack (infra/) and by the local runtime and tests, so the
 * table in AWS and on DynamoDB Local cannot drift apart.
 *
 * Items (pk / sk):
 *   CASE#<id> / CASE             the case; gsi1 by reporter contact hash, gsi2 `DUE` by next check time
 *   CASE#<id> / EV#<time>#<n>    timeline events, append-only (conditional put)
 *   CASE#<id> / ONCE#<key>       marks a once-only effect (alert per recipient and level, reminder...)
 *   REF#<ref> / REF              reference -> case id; conditional put makes references unique
 *   INTAKE#<channel>#<id> / INTAKE   gateway delivery id -> case id; makes intake idempotent
 *   INTAKE#in:<AT id> / INTAKE       an inbound SMS that changed a case (YA, TIDAK, follow-up): once table-wide
 *   MSG#<id> / MSG               an outbound SMS (the outbox); gsi2 `PENDING` while unsent
 *   PROVIDER#<messageId> / PROVIDER  gateway message id -> MSG id, for delivery reports
 *   OFFICIAL#<id> / OFFICIAL     directory entry; gsi1 by phone
 *   PREF#<phone hash> / PREF     reporter preferences (language, SMS stop)
 *   RATE#<scope>#<key>#<window> / RATE   fixed-window counters, expire by TTL
 *   USSD#<phone hash> / DRAFT    an interrupted USSD report, expires after 30 minutes
 *   FIG#<yyyy-mm> / <regency>#<category>#<channel>#L<level>   figure counters of a month (figures-keys.ts)
 *   FIGOPEN / <yyyy-mm-dd>#<regency>   open cases by the day they were filed
 *   FIGCASE#<id> / FIGCASE       what one case contributes to the counters, with its case version
 *   AGENT#<name hash> / CASE#<id>     a case naming an agency or broker; AGENT#<hash> / STATE its alert state
 * gsi3 (cases by month): CASE items carry gsi3pk `CASEMONTH#<yyyy-mm>`, gsi3sk `<createdAt>#<id>`,
 * projecting only the non-personal facts figures are made of (rebuild and case-list export).
 */
export const TABLE = {
  partitionKey: 'pk',
  sortKey: 'sk',
  ttlAttribute: 'expiresAt',
  byContactIndex: { name: 'gsi1', partitionKey: 'gsi1pk', sortKey: 'gsi1sk' },
  dueIndex: { name: 'gsi2', partitionKey: 'gsi2pk', sortKey: 'gsi2sk' },
  byMonthIndex: {
    name: 'gsi3', partitionKey: 'gsi3pk', sortKey: 'gsi3sk',
    projected: [
      'id', 'reference', 'category', 'urgency', 'homeRegency', 'country', 'channel', 'status', 'level', 'createdAt', 'updatedAt', 'version',
      'acknowledgedAt', 'resolvedAt', 'escalations', 'confirmedAt', 'reopenings', 'mergedInto', 'assignee',
    ],
  },
  streamView: 'NEW_AND_OLD_IMAGES',
} as const;

export function createTableInput(tableName: string): CreateTableCommandInput {
  const index = (i: { name: string; partitionKey: string; sortKey: string; projected?: readonly string[] }) => ({
    IndexName: i.name,
    KeySchema: [
      { AttributeName: i.partitionKey, KeyType: 'HASH' as const },
      { AttributeName: i.sortKey, KeyType: 'RANGE' as const },
    ],
    Projection: i.projected
      ? { ProjectionType: 'INCLUDE' as const, NonKeyAttributes: [...i.projected] }
      : { ProjectionType: 'ALL' as const },
  });
  return {
    TableName: tableName,
    BillingMode: 'PAY_PER_REQUEST',
    AttributeDefinitions: [
      TABLE.partitionKey, TABLE.sortKey,
      TABLE.byContactIndex.partitionKey, TABLE.byContactIndex.sortKey,
      TABLE.dueIndex.partitionKey, TABLE.dueIndex.sortKey,
      TABLE.byMonthIndex.partitionKey, TABLE.byMonthIndex.sortKey,
    ].map((name) => ({ AttributeName: name, AttributeType: 'S' as const })),
    KeySchema: [
      { AttributeName: TABLE.partitionKey, KeyType: 'HASH' },
      { AttributeName: TABLE.sortKey, KeyType: 'RANGE' },
    ],
    GlobalSecondaryIndexes: [index(TABLE.byContactIndex), index(TABLE.dueIndex), index(TABLE.byMonthIndex)],
    StreamSpecification: { StreamEnabled: true, StreamViewType: TABLE.streamView },
  };
}
