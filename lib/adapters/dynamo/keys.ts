import type { Case, CaseStatus } from '../../domain/case.js';
import type { Urgency } from '../../domain/categories.js';
import { levelSinceOf } from '../../domain/sla.js';
import { TABLE } from './table-definition.js';

/**
 * Every partition, sort and index key of the table, and nothing else: the aggregate modules build
 * their keys here, so a key's spelling lives in one place (see table-definition.ts for the map).
 * Phone numbers and NIKs never appear in a key: callers pass their keyed hash.
 */
export interface ItemKey {
  pk: string;
  sk: string;
}

/** Sort keys that say what an item is; the stream filter and the CDK event filter match on them. */
export const SK = {
  case: 'CASE',
  message: 'MSG',
  reference: 'REF',
  intake: 'INTAKE',
  provider: 'PROVIDER',
  reporter: 'PREF',
  rate: 'RATE',
  ussdDraft: 'DRAFT',
} as const;

const EVENT_PREFIX = 'EV#';
const DUE = 'DUE';
const PENDING = 'PENDING';
const RETAIN = 'RETAIN';
const SHRED = 'SHRED';
const DELIVERY_DUE = 'WADELIVERY';
const ONCE_PREFIX = 'ONCE#';
const OFFICIAL_PREFIX = 'OFFICIAL#';
const NOTE_PREFIX = 'NOTE#';
const UNREAD_PREFIX = 'UNREAD#';

export const keys = {
  // ---- cases: the case, its timeline, its once-keys, its reference and its intake keys ----------
  case: (caseId: string): ItemKey => ({ pk: `CASE#${caseId}`, sk: SK.case }),
  casePartition: (caseId: string): string => `CASE#${caseId}`,
  /** `unique` keeps two events written in the same millisecond apart. */
  event: (caseId: string, at: string, unique: string): ItemKey => ({ pk: `CASE#${caseId}`, sk: `${EVENT_PREFIX}${at}#${unique}` }),
  eventPrefix: EVENT_PREFIX,
  /** A once-only effect of a case (alert per level, reminder...), or table-wide without a case. */
  once: (caseId: string | undefined, onceKey: string): ItemKey => ({ pk: caseId ? `CASE#${caseId}` : 'ONCE', sk: `${ONCE_PREFIX}${onceKey}` }),
  reference: (reference: string): ItemKey => ({ pk: `REF#${reference}`, sk: SK.reference }),
  /**
   * A report's intake: `<channel>:<gateway id>`. When a second phone reuses a gateway id, its report
   * takes the key qualified by its phone hash (see cases.ts).
   */
  intake: (channel: string, gatewayId: string, phoneHash?: string): ItemKey => ({
    pk: `INTAKE#${channel}:${gatewayId}${phoneHash ? `:${phoneHash}` : ''}`, sk: SK.intake,
  }),
  /** An inbound SMS that changed a case (YA, TIDAK, a follow-up): once table-wide. */
  inboundSms: (gatewayId: string): ItemKey => ({ pk: `INTAKE#in:${gatewayId}`, sk: SK.intake }),

  // ---- outbox ------------------------------------------------------------------------------------
  message: (messageId: string): ItemKey => ({ pk: `MSG#${messageId}`, sk: SK.message }),
  providerMessage: (providerMessageId: string): ItemKey => ({ pk: `PROVIDER#${providerMessageId}`, sk: SK.provider }),

  // ---- directory ---------------------------------------------------------------------------------
  directoryPartition: 'DIRECTORY',
  official: (officialId: string): ItemKey => ({ pk: 'DIRECTORY', sk: `${OFFICIAL_PREFIX}${officialId}` }),
  officialPrefix: OFFICIAL_PREFIX,
  /** An official's own audit trail (locks, unlocks) and its once-keys: a partition per official. */
  officialTrailPartition: (officialId: string): string => `OFFICIAL#${officialId}`,
  officialEvent: (officialId: string, at: string, unique: string): ItemKey => ({ pk: `OFFICIAL#${officialId}`, sk: `${EVENT_PREFIX}${at}#${unique}` }),
  officialOnce: (officialId: string, onceKey: string): ItemKey => ({ pk: `OFFICIAL#${officialId}`, sk: `${ONCE_PREFIX}${onceKey}` }),
  /** An official's read state: a case the reporter wrote on since the official last opened it ("Pesan baru"). */
  officialUnread: (officialId: string, caseId: string): ItemKey => ({ pk: `OFFICIAL#${officialId}`, sk: `${UNREAD_PREFIX}${caseId}` }),
  officialUnreadPrefix: 'UNREAD#',

  // ---- reporters: preferences and counters -------------------------------------------------------
  /** The reporter item (preferences; kept on the `PREF#` key so existing preferences stay found). */
  reporter: (phoneHash: string): ItemKey => ({ pk: `PREF#${phoneHash}`, sk: SK.reporter }),
  /** A fixed-window counter for anything that is not a reporter (an IP, an official, the whole hotline). */
  rate: (scope: string, keyHash: string, window: number): ItemKey => ({ pk: `RATE#${scope}#${keyHash}#${window}`, sk: SK.rate }),

  // ---- USSD drafts -------------------------------------------------------------------------------
  ussdDraft: (phoneHash: string): ItemKey => ({ pk: `USSD#${phoneHash}`, sk: SK.ussdDraft }),

  // ---- console: notes, sessions, sign-in challenges, passkeys, access log --------------------------
  note: (caseId: string, at: string, unique: string): ItemKey => ({ pk: `CASE#${caseId}`, sk: `${NOTE_PREFIX}${at}#${unique}` }),
  notePrefix: NOTE_PREFIX,
  /** The case item, its events and its notes sort between these: one Query reads a case page. */
  casePageRange: { from: SK.case, to: `${NOTE_PREFIX}\uffff` },
  session: (idHash: string): ItemKey => ({ pk: `SESSION#${idHash}`, sk: 'SESSION' }),
  signIn: (idHash: string): ItemKey => ({ pk: `SIGNIN#${idHash}`, sk: 'SIGNIN' }),
  passkey: (credentialId: string): ItemKey => ({ pk: `PASSKEY#${credentialId}`, sk: 'PASSKEY' }),
  accessLogEntry: (at: string, unique: string): ItemKey => ({ pk: `ACCESS#${at.slice(0, 10)}`, sk: `${at}#${unique}` }),
  accessLogDay: (day: string): string => `ACCESS#${day}`,
  /** The reader watch: one item per view of a case's personal data by an official (TTL), to count cases per window. */
  officialRead: (officialId: string, at: string, reference: string): ItemKey => ({ pk: `READS#${officialId}`, sk: `${at}#${reference}` }),
  officialReadsPartition: (officialId: string): string => `READS#${officialId}`,

  // ---- figures: counters per cell, and per case the contribution last applied --------------------
  /** Counters of one month: sort key `<regency>#<category>#<channel>#L<level>`. */
  figuresMonthPartition: (month: string): string => `FIG#${month}`,
  figuresMonthCell: (month: string, regency: string, category: string, channel: string, level: number): ItemKey =>
    ({ pk: `FIG#${month}`, sk: `${regency}#${category}#${channel}#L${level}` }),
  /** Open cases by the day they were filed: sort key `<yyyy-mm-dd>#<regency>`. */
  figuresOpenPartition: 'FIGOPEN',
  figuresOpenCell: (day: string, regency: string): ItemKey => ({ pk: 'FIGOPEN', sk: `${day}#${regency}` }),
  caseContribution: (caseId: string): ItemKey => ({ pk: `FIGCASE#${caseId}`, sk: 'FIGCASE' }),
  /**
   * The month x regency roll-ups of every month in one partition, sort key `<yyyy-mm>#<regency>`: the
   * public page and the dashboard read a year of them with one Query (a sort-key range).
   */
  figuresRollUpPartition: 'FIGR',
  figuresRollUpCell: (month: string, regency: string): ItemKey => ({ pk: 'FIGR', sk: `${month}#${regency}` }),
  /** Roll-ups of a month as written before the month x regency ones (no longer written): `R#<regency>#<category>` and `C#<regency>#<channel>`. */
  figuresSummaryPartition: (month: string): string => `FIGS#${month}`,
  figuresSummaryCell: (month: string, regency: string, category: string): ItemKey => ({ pk: `FIGS#${month}`, sk: `R#${regency}#${category}` }),
  figuresChannelCell: (month: string, regency: string, channel: string): ItemKey => ({ pk: `FIGS#${month}`, sk: `C#${regency}#${channel}` }),

  // ---- agents (P3MI / brokers) named in cases, by the keyed hash of the normalised name ------------
  agentPartition: (agentHash: string): string => `AGENT#${agentHash}`,
  agentCase: (agentHash: string, caseId: string): ItemKey => ({ pk: `AGENT#${agentHash}`, sk: `CASE#${caseId}` }),
  agentCasePrefix: 'CASE#',
  flaggedAgentsPartition: 'AGENTS',
  flaggedAgent: (agentHash: string): ItemKey => ({ pk: 'AGENTS', sk: `FLAG#${agentHash}` }),
} as const;

export const URGENCY_RANK: Record<Urgency, string> = { urgent: '0', high: '1', normal: '2' };

/** The console's queue partitions (gsi3 area, gsi4 all, gsi5 assignee) and their common sort key. */
export const queueKeys = {
  area: (regency: string, status: CaseStatus) => `AREA#${regency}#${status}`,
  all: (status: CaseStatus) => `ALL#${status}`,
  assignee: (officialId: string, status: CaseStatus) => `ASSIGNEE#${officialId}#${status}`,
  /** Data requests (HAPUS, DATA) have a partition of their own on the all index: their own console tab, in no complaint tab. */
  requests: (status: CaseStatus) => `REQUESTS#${status}`,
  /**
   * Urgency first, then when the current level got the case: within one status partition the
   * deadline is that time plus a constant, so this order is deadline order.
   */
  sort: (c: Pick<Case, 'urgency' | 'levelSince' | 'createdAt' | 'id'>) => `${URGENCY_RANK[c.urgency]}#${levelSinceOf(c)}#${c.id}`,
  sortPrefix: (urgency: Urgency) => `${URGENCY_RANK[urgency]}#`,
} as const;

/** Values of the two secondary indexes (attribute names in TABLE). */
export const indexKeys = {
  /** gsi1: a reporter's cases by contact hash, newest first. */
  contact: (contactHash: string, createdAt: string) => ({
    [TABLE.byContactIndex.partitionKey]: `CONTACT#${contactHash}`, [TABLE.byContactIndex.sortKey]: createdAt,
  }),
  contactPartition: (contactHash: string): string => `CONTACT#${contactHash}`,
  /** gsi1: an official by phone number (officials' numbers are not secret to the system). */
  officialPhone: (phone: string, officialId: string) => ({
    [TABLE.byContactIndex.partitionKey]: `OFFICIALPHONE#${phone}`, [TABLE.byContactIndex.sortKey]: officialId,
  }),
  officialPhonePartition: (phone: string): string => `OFFICIALPHONE#${phone}`,
  /** gsi2: open cases by next check time. */
  due: (nextCheckAt: string) => ({ [TABLE.dueIndex.partitionKey]: DUE, [TABLE.dueIndex.sortKey]: nextCheckAt }),
  duePartition: DUE,
  /** gsi2: outbox messages not yet sent, by creation time. */
  pending: (createdAt: string) => ({ [TABLE.dueIndex.partitionKey]: PENDING, [TABLE.dueIndex.sortKey]: createdAt }),
  pendingPartition: PENDING,
  /** gsi2: officials' WhatsApp alerts sent and not yet reported delivered, by when they must be. */
  deliveryDue: (dueAt: string) => ({ [TABLE.dueIndex.partitionKey]: DELIVERY_DUE, [TABLE.dueIndex.sortKey]: dueAt }),
  deliveryDuePartition: DELIVERY_DUE,
  /** gsi2: cases no longer open, by when they stopped being open: the retention job's queue. */
  retention: (closedAt: string) => ({ [TABLE.dueIndex.partitionKey]: RETAIN, [TABLE.dueIndex.sortKey]: closedAt }),
  retentionPartition: RETAIN,
  /** gsi2: an erasure written but not yet finished (notes deleted, key destroyed): finished by the next run. */
  shredPending: (erasedAt: string) => ({ [TABLE.dueIndex.partitionKey]: SHRED, [TABLE.dueIndex.sortKey]: erasedAt }),
  shredPendingPartition: SHRED,
  /** gsi1: an official's passkeys. */
  officialPasskeys: (officialId: string, createdAt: string) => ({
    [TABLE.byContactIndex.partitionKey]: `OFFICIALPASSKEY#${officialId}`, [TABLE.byContactIndex.sortKey]: createdAt,
  }),
  officialPasskeysPartition: (officialId: string): string => `OFFICIALPASSKEY#${officialId}`,
  /** gsi3-5: the console's queue entries of a case. */
  queue: (c: Case): Record<string, string> => {
    const sort = queueKeys.sort(c);
    if (c.kind === 'data_request') return { [TABLE.allIndex.partitionKey]: queueKeys.requests(c.status), [TABLE.allIndex.sortKey]: sort };
    return {
      [TABLE.areaIndex.partitionKey]: queueKeys.area(c.homeRegency, c.status), [TABLE.areaIndex.sortKey]: sort,
      [TABLE.allIndex.partitionKey]: queueKeys.all(c.status), [TABLE.allIndex.sortKey]: sort,
      ...(c.assignee ? { [TABLE.assigneeIndex.partitionKey]: queueKeys.assignee(c.assignee, c.status), [TABLE.assigneeIndex.sortKey]: sort } : {}),
    };
  },

  /** gsi3: cases by the month (WITA) they were filed, for the figures rebuild and the case-list export. */
  caseMonth: (month: string, createdAt: string, caseId: string) => ({
    [TABLE.byMonthIndex.partitionKey]: `CASEMONTH#${month}`, [TABLE.byMonthIndex.sortKey]: `${createdAt}#${caseId}`,
  }),
  caseMonthPartition: (month: string): string => `CASEMONTH#${month}`,
} as const;
