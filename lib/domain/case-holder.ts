import type { Case, Level } from './case.js';
import type { Language } from './categories.js';
import { isNtbRegency, REGENCIES, type NtbRegencyCode } from './regions.js';

/**
 * Who must act on a case, as one label everywhere (queue rows, case page, timeline, alerts): the
 * office that holds it, or the office it waits for. A case's `level` is where the ladder stands, not
 * who took it: the province desk may take a level-1 case, a regency officer may keep one the ladder
 * moved up. So "Kabupaten/kota" on a case the desk holds said the wrong thing to both.
 */
export type Office =
  | { level: 1; regency: NtbRegencyCode }
  | { level: 2 }
  | { level: 3 };

export type CaseHolder =
  | { state: 'held'; office: Office }
  | { state: 'waiting'; office: Office }
  /** A level-1 case whose home regency nobody knows yet: only the desk was alerted. */
  | { state: 'waiting_regency_unknown' }
  | { state: 'done' };

/** What the holder's record must say about them: their level and the regencies they cover. */
export interface HolderOfficial { level: Level; regencies: string[] }

/** The office an official acts for on a case: what an alert to them or a step by them should be labelled. */
export function officeOf(official: HolderOfficial, c: Pick<Case, 'homeRegency'>): Office {
  if (official.level === 2) return { level: 2 };
  if (official.level === 3) return { level: 3 };
  // A regency officer holds it for the case's regency when they cover it (the usual case), else for
  // their own first regency (a case handed to them from elsewhere).
  const regency = official.regencies.includes(c.homeRegency) ? c.homeRegency : official.regencies.find(isNtbRegency);
  return regency && isNtbRegency(regency) ? { level: 1, regency } : { level: 2 };
}

export function caseHolder(
  c: Pick<Case, 'status' | 'level' | 'homeRegency' | 'assignee'>,
  assignee?: HolderOfficial,
): CaseHolder {
  if (c.status === 'resolved' || c.status === 'closed') return { state: 'done' };
  if (c.assignee && assignee) return { state: 'held', office: officeOf(assignee, c) };
  if (c.level === 1) {
    return isNtbRegency(c.homeRegency) ? { state: 'waiting', office: { level: 1, regency: c.homeRegency } } : { state: 'waiting_regency_unknown' };
  }
  return { state: 'waiting', office: c.level === 2 ? { level: 2 } : { level: 3 } };
}

export function officeLabel(office: Office, language: Language): string {
  if (office.level === 1) return REGENCIES[office.regency];
  if (office.level === 2) return language === 'id' ? 'Desk provinsi' : 'Province desk';
  return 'BP3MI';
}

export function caseHolderLabel(holder: CaseHolder, language: Language): string {
  const id = language === 'id';
  switch (holder.state) {
    case 'held': return `${id ? 'Ditangani' : 'Handled by'} ${officeLabel(holder.office, language)}`;
    case 'waiting': return `${id ? 'Menunggu' : 'Waiting for'} ${officeLabel(holder.office, language)}`;
    case 'waiting_regency_unknown': return id ? 'Menunggu Desk: kabupaten belum diketahui' : 'Waiting for the desk: regency not known yet';
    case 'done': return id ? 'Tidak menunggu siapa pun' : 'Waiting for nobody';
  }
}
