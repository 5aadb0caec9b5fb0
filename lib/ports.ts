import type { Case, CaseEvent, Level } from './domain/case.js';
import type { Category, Language } from './domain/categories.js';

/**
 * Ports: what the use cases need from the outside world. Use cases take them as parameters
 * (`{ store, clock }`), so tests pass real adapters on DynamoDB Local or plain fakes.
 */
export interface Clock {
  now(): Date;
}

/** Field encryption at rest and keyed hashing for lookups (envelope encryption with KMS in AWS). */
export interface Cipher {
  encrypt(plain: string): Promise<string>;
  decrypt(sealed: string): Promise<string>;
  /** Deterministic keyed hash (HMAC): lets us find a case by phone or NIK without storing them in clear. */
  lookupHash(value: string): string;
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
  failedPins: number;
  locked: boolean;
}

export interface ReporterPrefs {
  language?: Language;
  smsStopped?: boolean;
}

export interface NewCaseWrite {
  case: Case;
  /** `sms:<AT id>`, `ussd:<sessionId>`, `web:<token>`: the same key twice files one case. */
  intakeKey: string;
  events: CaseEvent[];
  messages: OutboundMessage[];
}

export type CreateCaseResult = { created: true; case: Case } | { created: false; caseId: string };

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
}

/**
 * The cases aggregate: a case with its timeline, its reference, its intake keys and its once-keys.
 * Outbox messages caused by a change are written in the same transaction as the change.
 */
export interface CaseStore {
  createCase(write: NewCaseWrite): Promise<CreateCaseResult>;
  getCase(id: string): Promise<Case | undefined>;
  getCaseByReference(reference: string): Promise<Case | undefined>;
  /** Newest first. */
  findCasesByContact(phone: string, limit?: number): Promise<Case[]>;
  /** Throws ConcurrentUpdateError when the version moved; returns false when a once-key was taken. */
  updateCase(update: CaseUpdate): Promise<boolean>;
  /** Appends events and outbox messages; with a once-key, returns false (and writes nothing) on repeat. */
  recordOnce(caseId: string | undefined, write: { onceKey?: string; events?: CaseEvent[]; messages?: OutboundMessage[] }): Promise<boolean>;
  timeline(caseId: string): Promise<CaseEvent[]>;
  /** Open cases whose nextCheckAt is at or before `until`, via the due index. */
  casesDueBy(until: Date, limit?: number): Promise<Case[]>;
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
  /** Counts a wrong PIN atomically (parallel guesses cannot lose counts) and locks at `max`. */
  recordPinFailure(officialId: string, max: number): Promise<{ failedPins: number; locked: boolean }>;
  /** Clears the wrong-PIN count after a right PIN, unless the official was locked or disabled meanwhile. */
  clearPinFailures(officialId: string): Promise<void>;
}

/** Reporters (by phone): their preferences and the counters that bound what one number can cost. */
export interface Reporters {
  getPrefs(phone: string): Promise<ReporterPrefs>;
  setPrefs(phone: string, prefs: ReporterPrefs): Promise<void>;
  /** Adds one to a fixed-window counter and returns the new count. */
  countHit(scope: string, key: string, windowSeconds: number, now: Date): Promise<number>;
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
