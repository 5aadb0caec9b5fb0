import * as z from '../zod.js';
import { Category, Language, Urgency } from './categories.js';
import { CountryCode, HomeRegency } from './regions.js';

export const CHANNELS = ['sms', 'ussd', 'web'] as const;
export const Channel = z.enum(CHANNELS);
export type Channel = z.infer<typeof Channel>;

export const REPORTER_TYPES = ['worker', 'family', 'organisation'] as const;
export const ReporterType = z.enum(REPORTER_TYPES);
export type ReporterType = z.infer<typeof ReporterType>;

export const CASE_STATUSES = ['new', 'acknowledged', 'resolved', 'closed'] as const;
export const CaseStatus = z.enum(CASE_STATUSES);
export type CaseStatus = z.infer<typeof CaseStatus>;

/** Escalation ladder: 1 regency office, 2 province desk (Disnakertrans NTB), 3 BP3MI. */
export type Level = 1 | 2 | 3;

export interface CaseEvent {
  at: string;
  /** `reporter`, `system`, or `official:<id>`: never a phone number. */
  actor: string;
  type: string;
  /** Non-personal details only (levels, official ids, statuses, reasons). */
  detail?: Record<string, string | number | boolean>;
}

/** A case as the domain sees it, with personal fields in clear; the store encrypts them. */
export interface Case {
  id: string;
  reference: string;
  category: Category;
  urgency: Urgency;
  homeRegency: HomeRegency;
  country: CountryCode;
  channel: Channel;
  reporterType: ReporterType;
  /** E.164 number of whoever reported; the only number the hotline ever sends reporter SMS to. */
  contact: string;
  nik?: string;
  workerName?: string;
  description: string;
  smsUpdates: boolean;
  language: Language;
  status: CaseStatus;
  level: Level;
  assignee?: string;
  /** When the current level got the case (or, once acknowledged, when it was acknowledged): SLA clocks start here. */
  levelSince?: string;
  createdAt: string;
  updatedAt: string;
  /** Optimistic-concurrency counter: every update is conditional on it. */
  version: number;
  /** Next time the escalation job must look at the case; absent once it is resolved or closed. */
  nextCheckAt?: string;
  /** Agency (P3MI) or broker the report names, as typed: business or personal data, encrypted, never published. */
  agentName?: string;
  /** Milestones (see milestones.ts): first response, latest resolution, escalations, reporter's YA, TIDAK count. */
  acknowledgedAt?: string;
  resolvedAt?: string;
  escalations?: number;
  confirmedAt?: string;
  reopenings?: number;
  /** Reference of the case this one was merged into: a duplicate counts once, in the case it joined. */
  mergedInto?: string;
}

export const OPEN_STATUSES: ReadonlySet<CaseStatus> = new Set(['new', 'acknowledged']);

export function isOpen(c: Pick<Case, 'status'>): boolean {
  return OPEN_STATUSES.has(c.status);
}

/** Maximum description kept; longer text is truncated with a marker, never rejected silently. */
export const DESCRIPTION_LIMIT = 1000;

export function truncateDescription(text: string): { text: string; truncated: boolean } {
  const trimmed = text.trim();
  if (trimmed.length <= DESCRIPTION_LIMIT) return { text: trimmed, truncated: false };
  return { text: `${trimmed.slice(0, DESCRIPTION_LIMIT - 1)}…`, truncated: true };
}

