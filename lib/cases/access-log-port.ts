import type { AccessEntry } from '../domain/access.js';

/** The access log: every view of personal data, by whom and why (readable by the desk and BP3MI). */
export interface AccessLog {
  append(entry: AccessEntry): Promise<void>;
  /** Newest first, one day (UTC) per page. */
  day(day: string, limit: number, cursor?: string): Promise<{ entries: AccessEntry[]; cursor?: string }>;
}
