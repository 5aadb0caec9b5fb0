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
 *
 * Console (see console-keys.ts):
 *   CASE#<id> / NOTE#<time>#<n>  internal note of an official, text encrypted
 *   The case item also carries the queue keys: gsi3 `AREA#<regency>#<status>`, gsi4 `ALL#<status>`,
 *   gsi5 `ASSIGNEE#<official>#<status>`, each sorted by urgency then by when the level got it, so the
 *   console's queue is a few Queries per page whatever the number of cases.
 *   SESSION#<id hash> / SESSION  console session, expires by TTL (idle 30 min, absolute 12 h)
 *   SIGNIN#<id hash> / SIGNIN    pending sign-in: SMS code (hashed, 5 tries) or passkey challenge, 5 min
 *   PASSKEY#<credential id> / PASSKEY  an official's passkey; gsi1 `OFFICIALPASSKEY#<official>`
 *   ACCESS#<day> / <time>#<n>    access log: who viewed which personal data of which case, append-only
 */
export const TABLE = {
  partitionKey: 'pk',
  sortKey: 'sk',
  ttlAttribute: 'expiresAt',
  byContactIndex: { name: 'gsi1', partitionKey: 'gsi1pk', sortKey: 'gsi1sk' },
  dueIndex: { name: 'gsi2', partitionKey: 'gsi2pk', sortKey: 'gsi2sk' },
  /** Console queue: open and closed cases by home regency and status. */
  areaIndex: { name: 'gsi3', partitionKey: 'gsi3pk', sortKey: 'gsi3sk' },
  /** Console queue for the province desk and BP3MI: every case by status. */
  allIndex: { name: 'gsi4', partitionKey: 'gsi4pk', sortKey: 'gsi4sk' },
  /** Console queue "my cases": by assignee and status. */
  assigneeIndex: { name: 'gsi5', partitionKey: 'gsi5pk', sortKey: 'gsi5sk' },
  streamView: 'NEW_AND_OLD_IMAGES',
} as const;

export const QUEUE_INDEXES = [TABLE.areaIndex, TABLE.allIndex, TABLE.assigneeIndex] as const;

export function createTableInput(tableName: string): CreateTableCommandInput {
  const index = (i: { name: string; partitionKey: string; sortKey: string }) => ({
    IndexName: i.name,
    KeySchema: [
      { AttributeName: i.partitionKey, KeyType: 'HASH' as const },
      { AttributeName: i.sortKey, KeyType: 'RANGE' as const },
    ],
    Projection: { ProjectionType: 'ALL' as const },
  });
  return {
    TableName: tableName,
    BillingMode: 'PAY_PER_REQUEST',
    AttributeDefinitions: [
      TABLE.partitionKey, TABLE.sortKey,
      TABLE.byContactIndex.partitionKey, TABLE.byContactIndex.sortKey,
      TABLE.dueIndex.partitionKey, TABLE.dueIndex.sortKey,
      ...QUEUE_INDEXES.flatMap((i) => [i.partitionKey, i.sortKey]),
    ].map((name) => ({ AttributeName: name, AttributeType: 'S' as const })),
    KeySchema: [
      { AttributeName: TABLE.partitionKey, KeyType: 'HASH' },
      { AttributeName: TABLE.sortKey, KeyType: 'RANGE' },
    ],
    GlobalSecondaryIndexes: [index(TABLE.byContactIndex), index(TABLE.dueIndex), ...QUEUE_INDEXES.map(index)],
    StreamSpecification: { StreamEnabled: true, StreamViewType: TABLE.streamView },
  };
}
