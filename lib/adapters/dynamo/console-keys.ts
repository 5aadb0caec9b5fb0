import type { Case, CaseStatus } from '../../domain/case.js';
import type { Urgency } from '../../domain/categories.js';
import type { HomeRegency } from '../../domain/regions.js';
import { levelSinceOf } from '../../domain/sla.js';
import { TABLE } from './table-definition.js';

/**
 * Every key the console's aggregates use (sessions, sign-in challenges, passkeys, the access log,
 * notes and the queue indexes), in one place. To be folded into the store's `keys` module.
 */
export const URGENCY_RANK: Record<Urgency, string> = { urgent: '0', high: '1', normal: '2' };

export const consoleKeys = {
  session: (idHash: string) => ({ pk: `SESSION#${idHash}`, sk: 'SESSION' }),
  signIn: (idHash: string) => ({ pk: `SIGNIN#${idHash}`, sk: 'SIGNIN' }),
  passkey: (credentialId: string) => ({ pk: `PASSKEY#${credentialId}`, sk: 'PASSKEY' }),
  passkeysOf: (officialId: string) => `OFFICIALPASSKEY#${officialId}`,
  official: (officialId: string) => ({ pk: 'DIRECTORY', sk: `OFFICIAL#${officialId}` }),
  accessDay: (day: string) => `ACCESS#${day}`,
  casePartition: (caseId: string) => `CASE#${caseId}`,
  noteSortPrefix: 'NOTE#',
  eventSortPrefix: 'EV#',
  /** Case, events and notes sort between these: one Query reads a case page. */
  casePageRange: { from: 'CASE', to: 'NOTE#\uffff' },
  area: (regency: HomeRegency | string, status: CaseStatus) => `AREA#${regency}#${status}`,
  all: (status: CaseStatus) => `ALL#${status}`,
  assignee: (officialId: string, status: CaseStatus) => `ASSIGNEE#${officialId}#${status}`,
  /**
   * Urgency first, then when the current level got the case: within one status partition the
   * deadline is that time plus a constant, so this order is deadline order.
   */
  queueSort: (c: Pick<Case, 'urgency' | 'levelSince' | 'createdAt' | 'id'>) => `${URGENCY_RANK[c.urgency]}#${levelSinceOf(c)}#${c.id}`,
  queueSortPrefix: (urgency: Urgency) => `${URGENCY_RANK[urgency]}#`,
};

/** The queue index attributes a case item carries (written by the case codec). */
export function queueIndexAttributes(c: Case): Record<string, string> {
  const sort = consoleKeys.queueSort(c);
  return {
    [TABLE.areaIndex.partitionKey]: consoleKeys.area(c.homeRegency, c.status),
    [TABLE.areaIndex.sortKey]: sort,
    [TABLE.allIndex.partitionKey]: consoleKeys.all(c.status),
    [TABLE.allIndex.sortKey]: sort,
    ...(c.assignee ? {
      [TABLE.assigneeIndex.partitionKey]: consoleKeys.assignee(c.assignee, c.status),
      [TABLE.assigneeIndex.sortKey]: sort,
    } : {}),
  };
}
