/** What a view showed: each kind of personal data is recorded separately. */
export type AccessedField = 'text' | 'contact' | 'nik' | 'worker_name' | 'agent_name' | 'figures' | 'case_list'
  /** The access log's own CSV (who read which case, NIK reasons): an audit's download. */
  | 'access_log';

export interface AccessEntry {
  at: string;
  officialId: string;
  /**
   * `viewed` (personal data shown), `nik_revealed` (with a reason), `denied` (a case one may not see),
   * `exported`, `printed` (a case summary printed for a meeting, lib/console/print.tsx); `reader_alert`: this official viewed the personal data of more cases within the window
   * than the setting allows (lib/use-cases/reader-watch.ts; `cases` says how many, `reference` is `-`).
   */
  action: 'viewed' | 'nik_revealed' | 'denied' | 'exported' | 'printed' | 'reader_alert';
  reference: string;
  fields: AccessedField[];
  /** Why the NIK was revealed, as the official typed it (the log itself is readable only by desk and BP3MI). */
  reason?: string;
  /** reader_alert: how many cases' personal data within the window. */
  cases?: number;
}
