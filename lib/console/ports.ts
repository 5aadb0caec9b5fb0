import type { Case, CaseEvent, CaseStatus, Channel, Level } from '../domain/case.js';
import type { Category } from '../domain/categories.js';
import type { HomeRegency } from '../domain/regions.js';

/**
 * Ports of the console's aggregates: one per aggregate, so a use case receives only what it uses.
 * (To be folded into lib/ports.ts with the store's per-aggregate ports.)
 */

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
}

export interface PasskeyStore {
  putPasskey(passkey: Passkey): Promise<void>;
  getPasskey(credentialId: string): Promise<Passkey | undefined>;
  passkeysOf(officialId: string): Promise<Passkey[]>;
  updateCounter(credentialId: string, counter: number): Promise<void>;
}

/** What a view showed: each kind of personal data is recorded separately. */
export type AccessedField = 'text' | 'contact' | 'nik' | 'worker_name' | 'agent_name' | 'figures' | 'case_list';

export interface AccessEntry {
  at: string;
  officialId: string;
  /** `viewed` (personal data shown), `nik_revealed` (with a reason), `denied` (a case one may not see), `exported` (a CSV export; `reference` names the export). */
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
  queueRows(partition: QueuePartition, filter: QueueFilterExpr, limit: number, after?: string): Promise<{ rows: QueueRow[]; more: boolean }>;
  /** Matching rows counted up to `cap` (a tab shows "cap+" beyond). */
  count(partition: QueuePartition, filter: QueueFilterExpr, cap: number): Promise<{ count: number; more: boolean }>;
  addNote(c: Case, note: Note, event: CaseEvent): Promise<void>;
}
