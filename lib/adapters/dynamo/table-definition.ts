import type { CreateTableCommandInput } from '@aws-sdk/client-dynamodb';

/**
 * The one table design, read by the CDK stack (infra/) and by the local runtime and tests, so the
 * table in AWS and on DynamoDB Local cannot drift apart.
 *
 * Items (pk / sk), grouped by the aggregate module that owns them; keys.ts builds every key:
 *   cases.ts
 *     CASE#<id> / CASE                 the case; gsi1 `CONTACT#<phone hash>` by creation time, gsi2 `DUE` by next check
 *     CASE#<id> / EV#<time>#<hex>      timeline events, append-only (conditional put)
 *     CASE#<id> / ONCE#<key>           a once-only effect of the case (alert per level, reminder, command...)
 *     ONCE / ONCE#<key>                a once-only effect without a case
 *     REF#<reference> / REF            reference -> case id; the conditional put makes references unique
 *     INTAKE#<channel>:<...> / INTAKE  a report's intake key -> case id; makes intake idempotent (TTL 30 days)
 *     INTAKE#in:<AT id> / INTAKE       an inbound SMS that changed a case (YA, TIDAK, follow-up): once table-wide
 *   outbox.ts
 *     MSG#<id> / MSG                   an outbound SMS; gsi2 `PENDING` by creation time while unsent
 *     PROVIDER#<gateway id> / PROVIDER gateway message id -> MSG id, for delivery reports
 *   directory.ts
 *     DIRECTORY / OFFICIAL#<id>        an official; gsi1 `OFFICIALPHONE#<phone>`
 *   reporters.ts
 *     PREF#<phone hash> / PREF         the reporter item: preferences (language, SMS stop) and this hour's counters
 *     RATE#<scope>#<hash>#<window> / RATE   fixed-window counters for what is not a reporter (IP, official); TTL
 *   ussd-drafts.ts
 *     USSD#<phone hash> / DRAFT        an interrupted USSD report, expires after 30 minutes (TTL)
 *   case-pages.ts (the console's reads of cases, and its notes)
 *     CASE#<id> / NOTE#<time>#<hex>    an official's internal note, text encrypted
 *     the case item also carries the queue keys: gsi3 `AREA#<regency>#<status>`, gsi4 `ALL#<status>`,
 *     gsi5 `ASSIGNEE#<official>#<status>`, each sorted by urgency, then by when the level got the case
 *   sessions.ts
 *     SESSION#<id hash> / SESSION      a console session; TTL at the idle or absolute limit
 *   sign-ins.ts
 *     SIGNIN#<id hash> / SIGNIN        a pending sign-in: SMS code (hashed, 5 tries) or passkey challenge; TTL 5 min
 *   passkeys.ts
 *     PASSKEY#<credential id> / PASSKEY  an official's passkey; gsi1 `OFFICIALPASSKEY#<official>`
 *   access-log.ts
 *     ACCESS#<day> / <time>#<hex>      who viewed which personal data of which case; append-only
 *   figures-store.ts (figures; keys in keys.ts)
 *     FIG#<yyyy-mm> / <regency>#<category>#<channel>#L<level>   counters of a month
 *     FIGOPEN / <yyyy-mm-dd>#<regency>  open cases by the day they were filed
 *     FIGCASE#<id> / FIGCASE           what one case contributes to the counters, with its case version
 *   agents-store.ts
 *     AGENT#<name hash> / CASE#<id>    a case naming an agency or broker (name only as the case's ciphertext)
 *     AGENTS / FLAG#<name hash>        an agent named in 3 or more cases within 12 months
 *   gsi6 (cases by month): CASE items carry gsi6pk `CASEMONTH#<yyyy-mm>` (WITA), gsi6sk `<createdAt>#<id>`,
 *     projecting only the non-personal facts figures are made of (rebuild and case-list export)
 */
/**
 * What the queue indexes carry besides their keys: what a queue row shows and filters on. No
 * personal field (encrypted or not) is copied into them, and small entries keep the queries cheap.
 */
export const QUEUE_INDEX_ATTRIBUTES = [
  'id', 'reference', 'category', 'urgency', 'status', 'level', 'homeRegency', 'country', 'channel', 'assignee', 'levelSince', 'createdAt',
] as const;

export const TABLE = {
  partitionKey: 'pk',
  sortKey: 'sk',
  ttlAttribute: 'expiresAt',
  byContactIndex: { name: 'gsi1', partitionKey: 'gsi1pk', sortKey: 'gsi1sk' },
  dueIndex: { name: 'gsi2', partitionKey: 'gsi2pk', sortKey: 'gsi2sk' },
  /** Console queue: open and closed cases by home regency and status. */
  areaIndex: { name: 'gsi3', partitionKey: 'gsi3pk', sortKey: 'gsi3sk', projected: QUEUE_INDEX_ATTRIBUTES },
  /** Console queue for the province desk and BP3MI: every case by status. */
  allIndex: { name: 'gsi4', partitionKey: 'gsi4pk', sortKey: 'gsi4sk', projected: QUEUE_INDEX_ATTRIBUTES },
  /** Console queue "my cases": by assignee and status. */
  assigneeIndex: { name: 'gsi5', partitionKey: 'gsi5pk', sortKey: 'gsi5sk', projected: QUEUE_INDEX_ATTRIBUTES },
  byMonthIndex: {
    name: 'gsi6', partitionKey: 'gsi6pk', sortKey: 'gsi6sk',
    projected: [
      'id', 'reference', 'category', 'urgency', 'homeRegency', 'country', 'channel', 'status', 'level', 'createdAt', 'updatedAt', 'version',
      'acknowledgedAt', 'resolvedAt', 'escalations', 'confirmedAt', 'reopenings', 'mergedInto', 'assignee',
    ],
  },
  streamView: 'NEW_AND_OLD_IMAGES',
} as const;

export const QUEUE_INDEXES = [TABLE.areaIndex, TABLE.allIndex, TABLE.assigneeIndex] as const;


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
      ...QUEUE_INDEXES.flatMap((i) => [i.partitionKey, i.sortKey]),
      TABLE.byMonthIndex.partitionKey, TABLE.byMonthIndex.sortKey,
    ].map((name) => ({ AttributeName: name, AttributeType: 'S' as const })),
    KeySchema: [
      { AttributeName: TABLE.partitionKey, KeyType: 'HASH' },
      { AttributeName: TABLE.sortKey, KeyType: 'RANGE' },
    ],
    GlobalSecondaryIndexes: [index(TABLE.byContactIndex), index(TABLE.dueIndex), ...QUEUE_INDEXES.map(index), index(TABLE.byMonthIndex)],
    StreamSpecification: { StreamEnabled: true, StreamViewType: TABLE.streamView },
  };
}
