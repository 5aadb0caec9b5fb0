import type { Case, CaseEvent, CaseStatus, Channel, ErasureReason, Level } from './domain/case.js';
import type { Category, Language } from './domain/categories.js';
import type { OfficialEvent } from './domain/official-event.js';
import type { HomeRegency } from './domain/regions.js';

/**
 * Ports: what the use cases need from the outside world. Use cases take them as parameters
 * (`{ store, clock }`), so tests pass real adapters on DynamoDB Local or plain fakes.
 */
export interface Clock {
  now(): Date;
}

/**
 * Where a sealed value lives: its item's key and its field. The ciphertext is bound to it (AES-GCM
 * additional data), so a value copied to another item or field does not decrypt.
 */
export interface SealedPlace {
  pk: string;
  sk: string;
  field: string;
  /**
   * Whose key seals it (crypto-shredding, subject-keys.ts): `case:<id>`. Items of a case partition
   * get their case's key without saying so; an item elsewhere that holds a case's personal data
   * (an outbox message) names the case here.
   */
  subject?: string;
}

/** Field encryption at rest and keyed hashing for lookups (envelope encryption with KMS in AWS). */
export interface Cipher {
  encrypt(plain: string, place: SealedPlace): Promise<string>;
  /** Throws when the value was sealed for another place, or tampered with. */
  decrypt(sealed: string, place: SealedPlace): Promise<string>;
  /** Deterministic keyed hash (HMAC): lets us find a case by phone or NIK without storing them in clear. */
  lookupHash(value: string): string;
  /** Destroys a subject's key (`case:<id>`): every value sealed under it, in any copy, stops decrypting. */
  shred(subject: string, at: Date): Promise<void>;
}

export type MessageAudience = 'reporter' | 'official';
export type MessageStatus = 'pending' | 'sending' | 'sent' | 'failed' | 'delivered' | 'undelivered';

/** An outbound SMS in the outbox. Written in the same transaction as the change that causes it. */
export interface OutboundMessage {
  /** Deterministic where a duplicate must be impossible (e.g. `alert.<case>.<official>.L1`). */
  id: string;
  audience: MessageAudience;
  to: string;
  text: string;
  purpose: string;
  caseId?: string;
  officialId?: string;
  level?: Level;
  status: MessageStatus;
  attempts: number;
  createdAt: string;
  providerMessageId?: string;
  failureReason?: string;
}

export type SendResult =
  | { ok: true; providerMessageId: string }
  | { ok: false; reason: string; retryable: boolean };

/** One SMS route (Africa's Talking for reporters, SNS for officials, the outbox locally). */
export interface SmsSender {
  send(message: { id: string; to: string; text: string }): Promise<SendResult>;
}

export interface Official {
  id: string;
  name: string;
  phone: string;
  level: Level;
  /** NTB regency codes covered; level 2 and 3 cover all. */
  regencies: string[];
  /** When set, only these categories (e.g. a trafficking desk). */
  categories?: Category[];
  active: boolean;
  pinHash?: string;
  /** Wrong PINs in a row by SMS (commands, BUKA): five lock the official until BUKA or set-pin. */
  failedPins: number;
  locked: boolean;
  /**
   * The console's sign-in door counts apart (lib/officials/check-pin.ts): five wrong PINs there pause
   * PIN sign-in until `consoleLockedUntil` (ISO), longer each time (`consoleLocks` in a row), and never
   * lock the SMS commands, so a stranger on the web cannot take an official off the escalation ladder.
   */
  consoleFailedPins?: number;
  consoleLockedUntil?: string;
  consoleLocks?: number;
}

/** Where a PIN is typed: an SMS command (and BUKA), or the console's sign-in page. */
export type PinDoor = 'sms' | 'console';

export interface ReporterPrefs {
  language?: Language;
  smsStopped?: boolean;
}

/**
 * Where a report came in: the same intake twice files one case. SMS and USSD intakes are bound to
 * the phone (a gateway id reused by another phone is another report); a web token is not, and the
 * report's content is kept with it so a reused token with other content is refused, not swallowed.
 */
export interface Intake {
  channel: Channel;
  /** AT message id, USSD session id, or web form token. */
  gatewayId: string;
  /** The sending phone for SMS and USSD. */
  phone?: string;
  /** Canonical text of what was reported (hashed with the lookup key before it is stored). */
  content: string;
}

export interface NewCaseWrite {
  case: Case;
  intake: Intake;
  events: CaseEvent[];
  messages: OutboundMessage[];
  /** Links the case to its reporter's item in the same transaction (see Reporters.touch). */
  reporter: ReporterLink;
  /** Deletes the phone's USSD draft in the same transaction (a USSD report was just filed). */
  clearUssdDraft?: boolean;
}

export type CreateCaseResult =
  | { created: true; case: Case }
  /** The intake was filed before: the earlier case, and whether it was the same report. */
  | { created: false; caseId: string; sameContent: boolean };

export interface CaseUpdate {
  case: Case;
  expectedVersion: number;
  events?: CaseEvent[];
  messages?: OutboundMessage[];
  /** Once-keys of this case claimed in the same transaction: the whole update is skipped if any is taken. */
  onceKeys?: string[];
  /**
   * The gateway id of the inbound SMS this change answers, claimed table-wide in the same
   * transaction: a redelivered "YA" must not close a second case after closing the first.
   */
  inboundSmsId?: string;
  /** Reads of personal data the change shows (INFO by SMS), appended to the access log in the same transaction. */
  access?: AccessEntry[];
  /**
   * Another case the change depends on (a merge's target): the write happens only if that case is
   * still at `version`, and `events` go on its timeline in the same transaction.
   */
  related?: { caseId: string; version: number; events: CaseEvent[] };
}

/**
 * The cases aggregate: a case with its timeline, its reference, its intake keys and its once-keys.
 * Outbox messages caused by a change are written in the same transaction as the change.
 */
export interface CaseStore {
  /**
   * Files a case with its reference, intake key, events, messages and reporter link in one
   * transaction. Throws ReporterChangedError when the link expected a reporter revision that moved.
   */
  createCase(write: NewCaseWrite): Promise<CreateCaseResult>;
  /** An intake filed before, and whether `content` is what it filed. */
  findIntake(intake: Intake): Promise<{ caseId: string; sameContent: boolean } | undefined>;
  getCase(id: string): Promise<Case | undefined>;
  /** With `contact`, a case of another number is not read at all (answers undefined). */
  getCaseByReference(reference: string, options?: { contact?: string }): Promise<Case | undefined>;
  /** Newest first. */
  findCasesByContact(phone: string, limit?: number): Promise<Case[]>;
  /** Throws ConcurrentUpdateError when the version moved; returns false when a once-key was taken. */
  updateCase(update: CaseUpdate): Promise<boolean>;
  /** Appends events and outbox messages; with a once-key, returns false (and writes nothing) on repeat. */
  recordOnce(caseId: string | undefined, write: { onceKey?: string; events?: CaseEvent[]; messages?: OutboundMessage[]; access?: AccessEntry[] }): Promise<boolean>;
  timeline(caseId: string): Promise<CaseEvent[]>;
  /** Open cases whose nextCheckAt is at or before `until`, via the due index. */
  casesDueBy(until: Date, limit?: number): Promise<Case[]>;
  /** Ids of cases whose personal data is due for destruction: unfinished erasures, then cases closed at or before `closedBefore`. */
  casesToForget(closedBefore: Date, limit: number): Promise<string[]>;
  /**
   * Destroys a case's personal data (crypto-shredding its key), keeping its facts and timeline, with
   * the tombstone event; idempotent. With `onlyIfClosed`, an open case is left alone ('open').
   */
  erasePersonalData(caseId: string, erasure: { at: string; reason: ErasureReason; actor: string; request?: string; onlyIfClosed: boolean }): Promise<'erased' | 'open' | 'not_found'>;
}

/** The outbox: outbound SMS and their sending state. */
export interface Outbox {
  getMessage(id: string): Promise<OutboundMessage | undefined>;
  /** Conditional on the current status, so two senders cannot both send. */
  updateMessage(id: string, from: MessageStatus[], patch: Partial<Pick<OutboundMessage, 'status' | 'attempts' | 'providerMessageId' | 'failureReason'>>): Promise<boolean>;
  getMessageByProviderId(providerMessageId: string): Promise<OutboundMessage | undefined>;
  /**
   * Takes a pending message for sending (status `sending`, one more attempt), so two senders cannot
   * both send it; a claim older than `staleBefore` (a sender that died) may be taken over.
   */
  claimMessage(id: string, now: Date, staleBefore: Date): Promise<OutboundMessage | undefined>;
  pendingMessagesOlderThan(before: Date, limit?: number): Promise<OutboundMessage[]>;
}

/** The officials directory, with each official's wrong-PIN state. */
export interface Directory {
  listOfficials(): Promise<Official[]>;
  /** One official by id (consistent read). */
  getOfficial(id: string): Promise<Official | undefined>;
  putOfficial(official: Official): Promise<void>;
  getOfficialByPhone(phone: string): Promise<Official | undefined>;
  /**
   * Reserves one PIN check at a door before the PIN is verified: counts it as wrong up front,
   * atomically, and refuses once `max` are counted at that door, or the official is locked (by SMS),
   * inactive, or (console door) its console lock lasts beyond `now`. So however many attempts arrive
   * at once, at most `max` wrong PINs are ever checked at a door.
   */
  reservePinCheck(officialId: string, max: number, door?: PinDoor, now?: Date): Promise<{ reserved: true; failedPins: number } | { reserved: false }>;
  /**
   * A reserved check that was wrong and reached `max`: SMS door, the official is locked; console
   * door, PIN sign-in is paused until `until` and its count starts again (one more lock in a row).
   */
  lockOfficial(officialId: string, door?: PinDoor, until?: Date): Promise<void>;
  /** Gives a reserved check back (the SMS was a gateway redelivery, not a new guess). */
  releasePinCheck(officialId: string, door?: PinDoor): Promise<void>;
  /**
   * Clears the door's wrong-PIN count after a right PIN (console door: its locks in a row too),
   * unless the official was locked or disabled meanwhile.
   */
  clearPinFailures(officialId: string, door?: PinDoor): Promise<void>;
  /**
   * Unlocks a locked official (SMS lock, or a console lock lasting beyond `now`; counts back to zero)
   * with its audit events and messages in one transaction, claiming `onceKey`; false when the
   * once-key was taken or the official is not locked.
   */
  unlockOfficial(officialId: string, write: { onceKey: string; events: OfficialEvent[]; messages: OutboundMessage[] }, now?: Date): Promise<boolean>;
  /** Appends to an official's own audit trail (locks, unlocks) and queues messages; once per `onceKey`. */
  recordForOfficial(officialId: string, write: { onceKey?: string; events?: OfficialEvent[]; messages?: OutboundMessage[] }): Promise<boolean>;
  /** An official's audit trail, oldest first. */
  officialTimeline(officialId: string): Promise<OfficialEvent[]>;
}

/** Counted per reporter per hour on the reporter item, except `confirmations` (per day). */
export type ReporterCounter = 'inbound' | 'statusLookups' | 'newCases' | 'replies' | 'confirmations';

/** What one read-and-count of a reporter's item returns: all a report or a STATUS needs to go on. */
export interface Reporter {
  prefs: ReporterPrefs;
  /** Counts in the current window, this request's own hits included. */
  counts: Record<ReporterCounter, number>;
  /** The gateway id was seen before: a redelivery, so nothing was counted this time. */
  duplicate: boolean;
  /** The number has itself written to the hotline (SMS or USSD), not only been typed into a form. */
  wrote: boolean;
  /** The reporter's cases by reference (case ids), for STATUS without a table-wide lookup. */
  casesByReference: Readonly<Record<string, string>>;
  /** The newest case, for "a second report within the hour is probably the same problem". */
  latest?: { caseId: string; reference: string; at: string; language: Language };
  /** The case whose first report had exactly the `text` given to touch, if any. */
  sameTextCaseId?: string;
  /** The item's revision: a new report's write can be made conditional on it (one at a time). */
  revision: number;
  /** Attribute names of windows gone by, removed by the next write of the item. */
  stale: readonly string[];
}

/** The reporter side of a new case's transaction. */
export interface ReporterLink {
  phone: string;
  /** When set, the case is filed only if no other report of this reporter was filed since the touch. */
  expectedRevision?: number;
  /** The report's text, so a resend of it finds this case. */
  text?: string;
  /** Counted against the reporter's new cases this hour. */
  countNewCase?: boolean;
  stale?: readonly string[];
}

/** Reporters (by phone): their preferences and the counters that bound what one number can cost. */
export interface Reporters {
  /**
   * One request: counts `counters` (once per `gatewayId`: a redelivery counts nothing), marks that
   * the number wrote, and returns the reporter's state.
   */
  touch(phone: string, now: Date, hit: { counters?: ReporterCounter[]; gatewayId?: string; wrote?: boolean; text?: string }): Promise<Reporter>;
  getPrefs(phone: string): Promise<ReporterPrefs>;
  setPrefs(phone: string, prefs: ReporterPrefs): Promise<void>;
  /**
   * Queues a reply to the reporter within the hourly reply budget, in one transaction with its
   * count; a redelivered SMS (same message id) queues and counts nothing.
   */
  queueReply(message: OutboundMessage, budget: { maxPerHour: number; now: Date }): Promise<'queued' | 'duplicate' | 'over_budget'>;
  /** Adds one to a fixed-window counter for something that is not a reporter (an IP, an official). */
  countHit(scope: string, key: string, windowSeconds: number, now: Date): Promise<number>;
  /** Reads such a counter without counting. */
  peekCount(scope: string, key: string, windowSeconds: number, now: Date): Promise<number>;
}

export interface UssdDraft {
  text: string;
  language: Language;
}

/** Interrupted USSD reports, kept for a short while so the next dial can resume. */
export interface UssdDrafts {
  saveUssdDraft(phone: string, draft: UssdDraft, expiresAt: Date): Promise<void>;
  getUssdDraft(phone: string, now: Date): Promise<UssdDraft | undefined>;
  deleteUssdDraft(phone: string): Promise<void>;
}

export type MetricName = 'ReportFiled' | 'AlertSent' | 'AlertFailed' | 'AcknowledgedInTime' | 'AcknowledgedLate' | 'Escalated' | 'DeadLetter' | 'ReporterSmsSent' | 'SpendGuardTripped';
export interface Metrics { count(name: MetricName, value?: number, dimensions?: Record<string, string>): void; }

// ---- the console's aggregates: sessions, sign-in challenges, passkeys, the access log, case pages ----

export interface ConsoleSession {
  /** Hash of the opaque id in the cookie: the id itself is never stored. */
  idHash: string;
  officialId: string;
  /** Fingerprint of the official's credentials when the session began: a PIN reset or a disable ends it. */
  credentialStamp: string;
  csrfToken: string;
  createdAt: string;
  lastSeenAt: string;
  /** WebAuthn registration challenge while a passkey is being added. */
  passkeyChallenge?: string;
}

export interface SessionStore {
  createSession(session: ConsoleSession, expiresAt: Date): Promise<void>;
  getSession(idHash: string): Promise<ConsoleSession | undefined>;
  touchSession(idHash: string, lastSeenAt: string, expiresAt: Date): Promise<void>;
  setPasskeyChallenge(idHash: string, challenge: string | undefined): Promise<void>;
  deleteSession(idHash: string): Promise<void>;
}

export type SignInChallenge =
  | { kind: 'code'; idHash: string; officialId: string; codeHash: string; tries: number; expiresAt: string }
  | { kind: 'passkey'; idHash: string; challenge: string; expiresAt: string };

export interface SignInStore {
  putChallenge(challenge: SignInChallenge): Promise<void>;
  getChallenge(idHash: string): Promise<SignInChallenge | undefined>;
  /** Counts one try atomically; undefined when the tries are used up (or the challenge is gone). */
  countTry(idHash: string, maxTries: number): Promise<number | undefined>;
  deleteChallenge(idHash: string): Promise<void>;
}

export interface Passkey {
  credentialId: string;
  officialId: string;
  publicKey: string;
  counter: number;
  transports?: string[];
  createdAt: string;
  label: string;
  /** The official's credential stamp when the passkey was added: a PIN reset or a disable since makes it sign nobody in. */
  stamp?: string;
}

export interface PasskeyStore {
  putPasskey(passkey: Passkey): Promise<void>;
  getPasskey(credentialId: string): Promise<Passkey | undefined>;
  /** Every passkey of the official (at most MAX_PASSKEYS are ever added), oldest first. */
  passkeysOf(officialId: string): Promise<Passkey[]>;
  updateCounter(credentialId: string, counter: number): Promise<void>;
  /** Removes the passkey if it is that official's; false when there is no such passkey of theirs. */
  deletePasskey(credentialId: string, officialId: string): Promise<boolean>;
  /** Removes all of the official's passkeys (PIN reset, disable); how many there were. */
  removePasskeysOf(officialId: string): Promise<number>;
}

/** What a view showed: each kind of personal data is recorded separately. */
export type AccessedField = 'text' | 'contact' | 'nik' | 'worker_name' | 'agent_name' | 'figures' | 'case_list';

export interface AccessEntry {
  at: string;
  officialId: string;
  /** `viewed` (personal data shown), `nik_revealed` (with a reason), `denied` (a case one may not see). */
  action: 'viewed' | 'nik_revealed' | 'denied' | 'exported';
  reference: string;
  fields: AccessedField[];
  /** Why the NIK was revealed, as the official typed it (the log itself is readable only by desk and BP3MI). */
  reason?: string;
}

export interface AccessLog {
  append(entry: AccessEntry): Promise<void>;
  /** Newest first, one day (UTC) per page. */
  day(day: string, limit: number, cursor?: string): Promise<{ entries: AccessEntry[]; cursor?: string }>;
}

export interface Note {
  at: string;
  officialId: string;
  text: string;
}

/** A case with everything its page shows, read in one Query. */
export interface CaseFile {
  case: Case;
  events: CaseEvent[];
  notes: Note[];
}

export type QueueTab = 'mine' | 'unassigned' | 'overdue' | 'all';

export interface QueueFilter {
  regency?: HomeRegency;
  category?: Category;
  status?: CaseStatus;
  channel?: Channel;
  level?: Level;
  /** createdAt from / to (ISO). */
  from?: string;
  to?: string;
}

/** One partition of a queue index and an optional sort-key range. */
export interface QueuePartition {
  index: 'area' | 'all' | 'assignee';
  key: string;
  /** Inclusive upper bound on the sort key (overdue). */
  before?: string;
  /** Sort-key prefix (overdue per urgency). */
  prefix?: string;
}

export interface QueueRow {
  id: string;
  reference: string;
  category: Category;
  urgency: Case['urgency'];
  status: CaseStatus;
  level: Level;
  homeRegency: HomeRegency;
  country: Case['country'];
  channel: Channel;
  assignee?: string;
  levelSince: string;
  createdAt: string;
  sortKey: string;
}

export type QueueFilterExpr = QueueFilter & { unassignedOnly?: boolean; categories?: Category[] };

export interface CaseReader {
  caseFile(reference: string): Promise<CaseFile | undefined>;
  /** Up to `limit` rows of one partition in sort order, after the sort key `after`. */
  queueRows(partition: QueuePartition, filter: QueueFilterExpr, limit: number, after?: string): Promise<{ rows: QueueRow[]; more: boolean; lastRead?: string }>;
  /** Matching rows counted up to `cap` (a tab shows "cap+" beyond). */
  count(partition: QueuePartition, filter: QueueFilterExpr, cap: number): Promise<{ count: number; more: boolean }>;
  addNote(c: Case, note: Note, event: CaseEvent): Promise<void>;
}
