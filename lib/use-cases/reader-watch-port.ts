/**
 * What the reader watch keeps (lib/use-cases/reader-watch.ts): each view of a case's personal data by
 * an official, long enough to count the distinct cases of the last window. References only.
 */
export interface ReadsStore {
  /** Records one view and returns the distinct references this official viewed since `since` (this one included). */
  recordRead(officialId: string, reference: string, at: Date, since: Date): Promise<number>;
}
