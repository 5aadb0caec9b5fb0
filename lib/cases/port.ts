import type { Case, CaseEvent, Channel, ErasureReason } from '../domain/case.js';
import type { AccessEntry } from '../domain/access.js';
import type { OutboundMessage } from '../domain/message.js';

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
  /** Links the case to its reporter's item in the same transaction (see Reporters.touch); a data request is not linked. */
  reporter?: ReporterLink;
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
  /** Officials' notes written with the change (a resolution's outcome note), each sealed like a console note. */
  notes?: CaseNote[];
}

/** An official's note on a case (the console's internal notes, a resolution's outcome): its text is sealed. */
export interface CaseNote {
  at: string;
  officialId: string;
  text: string;
  /** A question sent to the reporter (console message or TANYA), kept sealed so the case reads as one conversation. */
  kind?: 'question';
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
  /** Whether a reference was ever handed out for a case: one read of its reference item, no case read, nothing decrypted. */
  referenceExists(reference: string): Promise<boolean>;
  /** Newest first. */
  findCasesByContact(phone: string, limit?: number): Promise<Case[]>;
  /** Throws ConcurrentUpdateError when the version moved; returns false when a once-key was taken. */
  updateCase(update: CaseUpdate): Promise<boolean>;
  /** Appends events and outbox messages; with a once-key, returns false (and writes nothing) on repeat. */
  recordOnce(caseId: string | undefined, write: { onceKey?: string; events?: CaseEvent[]; messages?: OutboundMessage[]; access?: AccessEntry[]; notes?: CaseNote[] }): Promise<boolean>;
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

/** The reporter side of a new case's transaction. */
export interface ReporterLink {
  phone: string;
  /** When set, the case is filed only if no other report of this reporter was filed since the touch. */
  expectedRevision?: number;
  /** The report's text, so a resend of it finds this case. */
  text?: string;
  /** Counted against the reporter's new cases this hour. */
  countNewCase?: boolean;
  /** This case's reply tells the consent texts of this version: the reporter item records it. */
  consentTold?: string;
  stale?: readonly string[];
}
