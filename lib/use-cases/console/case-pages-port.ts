import type { Case, CaseEvent, CaseStatus, Channel, Level } from '../../domain/case.js';
import type { Category, Urgency } from '../../domain/categories.js';
import type { HomeRegency } from '../../domain/regions.js';

export interface Note {
  at: string;
  officialId: string;
  text: string;
  /** A question sent to the reporter: shown in the conversation, not among the internal notes. */
  kind?: 'question';
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

/**
 * One slice of the queue in the console's words: the cases of one status that one official holds,
 * or of one regency, or of every regency; for the overdue tab, only those of one urgency that
 * reached their level before a time. Rows of a slice come urgent first, then oldest at their level;
 * the store reads each slice in one go (its keys and indexes are the store's own business).
 */
export interface QueueSlice {
  status: CaseStatus;
  /** An official's own cases (by id), a regency's (its code), or every regency's. */
  of: { holder: string } | { regency: string } | 'everywhere'
    /** Data requests (HAPUS, DATA): their own tab, in no complaint slice. */
    | 'data_requests';
  overdue?: { urgency: Urgency; levelSinceBefore: string };
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

/** One read of a queue page: rows of a slice (`queueRows`) or a slice's count (`count`). */
export type QueueRead =
  | { kind: 'rows'; slice: QueueSlice; filter: QueueFilterExpr; limit: number; after?: string; countUpTo?: number }
  | { kind: 'count'; slice: QueueSlice; filter: QueueFilterExpr; cap: number };
export type QueueRowsResult = Awaited<ReturnType<CaseReader['queueRows']>>;
export type QueueCountResult = Awaited<ReturnType<CaseReader['count']>>;
/** What `queueReads` answers for each read, in the order asked. */
export type QueueReadResult<R extends QueueRead = QueueRead> = R extends { kind: 'rows' } ? QueueRowsResult : QueueCountResult;

export interface CaseReader {
  caseFile(reference: string): Promise<CaseFile | undefined>;
  /**
   * Up to `limit` rows of one slice in its order, after the row whose `sortKey` is `after`. With
   * `countUpTo` (at least `limit`) and no `after`, also the slice's matching rows counted as
   * `count(slice, filter, countUpTo)` counts them, from the same read: a tab's page and its count need one Query, not two.
   */
  queueRows(slice: QueueSlice, filter: QueueFilterExpr, limit: number, after?: string, countUpTo?: number): Promise<{ rows: QueueRow[]; more: boolean; lastRead?: string; count?: { count: number; more: boolean } }>;
  /** The queue rows of these cases (the "Pesan baru" tab), in no particular order; a case no longer there is left out. */
  queueRowsOf(caseIds: readonly string[]): Promise<QueueRow[]>;
  /** Matching rows counted up to `cap` (a tab shows "cap+" beyond). */
  count(slice: QueueSlice, filter: QueueFilterExpr, cap: number): Promise<{ count: number; more: boolean }>;
  /**
   * Every read of one queue page at once, each answered exactly as `queueRows` or `count` answers it
   * alone; the store may answer several from one read of its own (slices it keeps in one place).
   */
  queueReads(reads: readonly QueueRead[]): Promise<QueueReadResult[]>;
  addNote(c: Case, note: Note, event: CaseEvent): Promise<void>;
}

/** One read of `queueReads` made alone, by `queueRows` or `count`. */
export function readAlone(reader: Pick<CaseReader, 'queueRows' | 'count'>, r: QueueRead): Promise<QueueReadResult> {
  return r.kind === 'rows' ? reader.queueRows(r.slice, r.filter, r.limit, r.after, r.countUpTo) : reader.count(r.slice, r.filter, r.cap);
}

/** `queueReads` as each read made alone: for a reader with nothing to share between reads. */
export function eachReadAlone(reader: Pick<CaseReader, 'queueRows' | 'count'>, reads: readonly QueueRead[]): Promise<QueueReadResult[]> {
  return Promise.all(reads.map((r) => readAlone(reader, r)));
}
