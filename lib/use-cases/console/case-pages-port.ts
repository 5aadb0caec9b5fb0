import type { Case, CaseEvent, CaseStatus, Channel, Level } from '../../domain/case.js';
import type { Category } from '../../domain/categories.js';
import type { HomeRegency } from '../../domain/regions.js';

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
