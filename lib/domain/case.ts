import * as z from '../zod.js';
import { Category, Language, Urgency } from './categories.js';
import { CountryCode, HomeRegency } from './regions.js';
import type { PlaceMention } from './places/read-places.js';

export const CHANNELS = ['sms', 'ussd', 'web', 'whatsapp'] as const;
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

/** Why officials were alerted: a new case, an escalation, or an alert below that was not delivered. */
export type AlertReason = 'new_case' | 'escalation' | 'undelivered' | 'handed_over' | 'rerouted';

/**
 * What each timeline event records, by event type. Details are non-personal only (levels, official
 * ids, statuses, reasons, lengths): never a phone number, a name or the reporter's words.
 */
/** Why a case's personal data was destroyed: the retention period ran out, or an erasure request was carried out. */
export type ErasureReason = 'retention' | 'request';

/**
 * Where the reporter was given the consent information (lib/messages/consent.ts): the web form, the
 * USSD screen, the reply with this case's reference (`first_reply`), or the reply of an earlier report
 * of the same number under the same version of the text (`earlier_reply`); `none`: cases filed by SMS
 * before the first reply carried it.
 */
export type ConsentNotice = 'form' | 'ussd_screen' | 'first_reply' | 'earlier_reply' | 'none';

/** The consent information a case was filed under: channel, time and the version of the text. */
export interface Consent {
  channel: Channel;
  at: string;
  version: string;
  notice: ConsentNotice;
}

/**
 * A data request (UU 27/2022): HAPUS/DELETE/ERASE asks for erasure (Art. 8, 43-44), DATA for a copy
 * (Art. 7, 32). It is a case of its own kind: a reference, a 3x24-hour deadline, the desk alerted and
 * BP3MI after it; the desk decides in the console (lib/cases/data-request-plans.ts).
 */
export type DataRequestType = 'erasure' | 'access';

/** Why the desk may refuse: danger to the worker or others (Art. 33), a pending legal case (Art. 44), law enforcement (Art. 15). */
export const REFUSAL_GROUNDS = ['art33_danger', 'art44_legal_case', 'art15_law_enforcement'] as const;
export type RefusalGround = typeof REFUSAL_GROUNDS[number];

/** carried_out: erased, or the copy produced; refused with a ground; corrected: fulfilled by the console's correction. */
export type DataRequestOutcome = 'carried_out' | 'refused' | 'corrected';

export interface DataRequest {
  type: DataRequestType;
  /** The desk's decision: who, when, what, on which of the number's cases (references, not personal data). */
  decision?: { outcome: DataRequestOutcome; at: string; by: string; ground?: RefusalGround; cases: string[] };
}


/** Which door an official acted through: a command by SMS or WhatsApp, or the console. */
export type Door = 'sms' | 'whatsapp' | 'console';

/**
 * How a message the event stands for went out, by the channel rule (lib/domain/channels.ts):
 * recorded only when WhatsApp (`channelDetail`), so an event without it was an SMS.
 */
type SentBy = { channel?: 'sms' | 'whatsapp' };

export interface CaseEventDetails {
  reported: { channel: Channel; category: Category; truncated: boolean };
  /** `block`: the follow-up's number in the description; `askedNewProblem`: the reporter was asked whether it is a new problem (BARU). */
  follow_up: { channel: 'sms' | 'whatsapp'; length: number; truncated: boolean; stored: boolean; block: number; askedNewProblem?: boolean };
  /** BARU moved follow-up `block` out into the case with reference `to`. */
  follow_up_moved: { block: number; to: string };
  /** A WhatsApp message without words (a voice note, a location, a sticker, media without a caption): kept on the case, answered with what to send. */
  message_not_text: { channel: 'whatsapp'; kind: 'voice' | 'audio' | 'location' | 'sticker' | 'media' | 'other' };
  /** An official's WhatsApp message was not delivered (failed, or not in time): the same message went by SMS. */
  sent_by_sms_instead: { official: string; purpose: string; reason: 'failed' | 'not_delivered_in_time' };
  reporter_confirmed: { answer: 'solved' };
  /** By the reporter's TIDAK (no `via`) or by an official in the console. */
  reopened: { from: 'resolved' | 'closed'; to: CaseStatus; via?: Door };
  official_command_refused: { command: string; reason: string; locked?: boolean };
  official_command_not_applied: { command: string; reason: string; status: CaseStatus };
  /** `command`: the SMS keyword when taken by SMS. */
  acknowledged: { command?: string; via?: Door; level: Level; takenFrom?: string };
  resolved: { command?: string; via?: Door; note: boolean; noteLength: number };
  /** `textShown`: the report text went out (holder only); `page`/`parts`: which page, in how many SMS. */
  info_viewed: { command: string; contactShown: boolean; textShown?: boolean; page?: number; parts?: number };
  /** The reporter's answer to a TANYA went, with its text, to the official who asked. */
  answer_relayed: { official: string; length: number } & SentBy;
  question_relayed: { command?: string; via?: Door; official: string; length?: number } & SentBy;
  /** The console's internal note: its text is kept encrypted apart from the timeline; here only its length. */
  note_added: { via: Door; length: number };
  /**
   * The home regency, unknown until then, was read from a reporter's message (lib/domain/places):
   * `text` a follow-up naming it, `answer` the reply to "Asal kabupaten/kota?". Codes only: the words
   * it was read from are in the case's sealed `placesRead`.
   */
  regency_read: { from: 'text' | 'answer'; homeRegencyFrom: string; homeRegencyTo: string };
  /** An official said the category read from the text is right (issue 23, item 1); the words stay sealed on the case. */
  category_confirmed: { via: Door; category: Category };
  corrected: {
    via: Door; categoryFrom?: string; categoryTo?: string; urgencyFrom?: string; urgencyTo?: string;
    homeRegencyFrom?: string; homeRegencyTo?: string;
  };
  handed_over: { via: Door; from: Level; to: Level };
  /** Referred to an LTSA service or another province's desk (REFERRAL_TARGETS). */
  referred: { via: Door; to: string };
  /** This case was a duplicate, merged into the case with reference `into`. */
  merged: { via: Door; into: string };
  merged_from: { via: Door; from: string };
  /** A merge undone (within a day): this case is its own again; `actor` says who undid it. */
  merge_undone: { via: Door; into: string; mergedAt: string };
  merge_undone_from: { via: Door; from: string };
  /** An official recorded (or changed) the agency or broker the worker named; the name itself is never on the timeline. */
  agent_recorded: { via: Door; changed: boolean };
  escalated: { from: Level; to: Level; status: CaseStatus; reason: 'not_acknowledged' | 'not_resolved'; deadline: string };
  reminder: { level: Level; status: CaseStatus; deadline: string; official: string } & SentBy;
  sla_breached: { level: Level; status: CaseStatus; periods: number; deadline: string; official: string } & SentBy;
  alert: { official: string; level: Level; reason: AlertReason } & SentBy;
  alert_no_recipient: { official: 'none'; level: Level; reason: AlertReason };
  reporter_notified: { notice: string } & SentBy;
  follow_up_notice: { official: string } & SentBy;
  reopened_notice: { official: string } & SentBy;
  /**
   * The case's personal data was destroyed (crypto-shredded): by the retention period, or by an
   * erasure request the desk carried out (`request`: its reference; `actor` says who decided).
   */
  personal_data_erased: { reason: ErasureReason; request?: string };
  /** A data request was received (HAPUS / DATA) through a text channel. */
  data_request_received: { type: DataRequestType; channel: Channel };
  /** The desk decided a data request: on the request's own timeline; `cases`: how many of the number's cases it touched. */
  data_request_decided: { type: DataRequestType; outcome: DataRequestOutcome; ground?: RefusalGround; cases: number };
  /** A copy of the number's data (DATA request) was produced in the console, as HTML or JSON (also in the access log). */
  data_exported: { format: 'html' | 'json'; cases: number };
}
export type CaseEventType = keyof CaseEventDetails;

/** One timeline entry; `type` decides the shape of `detail`. */
export type CaseEvent = {
  [K in CaseEventType]: {
    at: string;
    /** `reporter`, `system`, or `official:<id>`: never a phone number. */
    actor: string;
    type: K;
    detail: CaseEventDetails[K];
  };
}[CaseEventType];

export type CaseEventOf<K extends CaseEventType> = Extract<CaseEvent, { type: K }>;

/** Builds a typed event: `detail` must match `type`, so a misspelt key does not compile. */
export function caseEvent<K extends CaseEventType>(type: K, at: string, actor: string, detail: CaseEventDetails[K]): CaseEventOf<K> {
  return { at, actor, type, detail } as CaseEventOf<K>;
}

/** The events of one type, typed as such. */
export function eventsOf<K extends CaseEventType>(timeline: readonly CaseEvent[], type: K): CaseEventOf<K>[] {
  return timeline.filter((e): e is CaseEventOf<K> => e.type === type);
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
  /**
   * Personal data destroyed: contact, NIK, names, text and notes are gone (`contact` and
   * `description` are empty strings); the facts, the milestones and the timeline remain.
   */
  consent?: Consent;
  erased?: {
    at: string;
    reason: ErasureReason;
    /** The agent watch's keyed hash of the agent named, kept so its counters (statistics, Art. 15) stay as they were. */
    agentHash?: string;
  };
  /**
   * What the hotline read from the reporter's words where nobody chose from a list (SMS, WhatsApp):
   * the regency (from the report or a follow-up, or the answer to "Asal kabupaten/kota?") and the
   * country, with the words it read them from. The reporter's words: sealed like the description.
   */
  placesRead?: PlacesRead;
  /**
   * The category was read from the reporter's words (lib/domain/categories.ts readCategory), not
   * chosen from a list: which category and from which words, shown to officials as "dibaca dari
   * teks" until one confirms it or corrects the category (`settled`). Sealed like the text.
   */
  categoryRead?: CategoryRead;
  /** When the reply with the reference asked "Asal kabupaten/kota?": the hotline asks once, never again. */
  regencyAskedAt?: string;
  /**
   * `data_request`: not a complaint but a request about the number's data (HAPUS, DATA). It has its
   * own console tab and counts in no figure; absent: a complaint.
   */
  kind?: 'data_request';
  dataRequest?: DataRequest;
}

export const isDataRequest = (c: Pick<Case, 'kind'>): boolean => c.kind === 'data_request';

/** The legal deadline of a data request: 3x24 hours from its receipt (Art. 14 and the articles of each right). */
export const DATA_REQUEST_HOURS = 72;
export function dataRequestDeadline(c: Pick<Case, 'createdAt'>): Date {
  return new Date(Date.parse(c.createdAt) + DATA_REQUEST_HOURS * 3600_000);
}

export interface CategoryRead {
  category: Category;
  words: string[];
  /** An official confirmed the reading or corrected the category: no longer shown as read from text. */
  settled?: { how: 'confirmed' | 'corrected'; by: string; at: string };
}

/** The reading an official has still to confirm or correct, if any. */
export function unsettledCategoryRead(c: Pick<Case, 'category' | 'categoryRead'>): CategoryRead | undefined {
  const read = c.categoryRead;
  return read && !read.settled && read.category === c.category ? read : undefined;
}

export interface PlacesRead {
  regency?: { code: HomeRegency; from: 'text' | 'answer'; mentions: PlaceMention[] };
  country?: { code: CountryCode; mentions: PlaceMention[] };
}

/**
 * When a case stopped being open, for its retention period: its latest resolution or confirmation,
 * else (a duplicate closed by merging) its last change.
 */
export function closedAtOf(c: Pick<Case, 'resolvedAt' | 'confirmedAt' | 'updatedAt'>): string {
  const marks = [c.resolvedAt, c.confirmedAt].filter((x): x is string => x !== undefined).sort();
  return marks.at(-1) ?? c.updatedAt;
}

export const OPEN_STATUSES: ReadonlySet<CaseStatus> = new Set(['new', 'acknowledged']);

export function isOpen(c: Pick<Case, 'status'>): boolean {
  return OPEN_STATUSES.has(c.status);
}

/**
 * The one description limit, in characters: the web form's text box, the JSON API and storage
 * (fileReport) all hold to it. The web refuses longer text naming the limit; SMS, where the
 * reporter cannot edit, cuts it and tells the reporter (never silently).
 */
export const DESCRIPTION_LIMIT = 1000;

/**
 * Report text as stored: invisible format characters (zero-width spaces, joiners, BOM) and control
 * characters other than line breaks and tabs removed, trimmed. Text of only such characters is empty.
 */
export function cleanText(text: string): string {
  // new RegExp, not a literal: V8 parses a \p{..} literal at every cold start, used or not (see normaliseSms).
  // Line breaks first: a lone \r (an old phone's line break) is a control character the next step drops.
  return text.replace(/\r\n?/g, '\n').replace(new RegExp('\\p{Cf}', 'gu'), '').replace(new RegExp('[^\\P{Cc}\\n\\t]', 'gu'), '').trim();
}

export function truncateDescription(text: string): { text: string; truncated: boolean } {
  const trimmed = cleanText(text);
  if (trimmed.length <= DESCRIPTION_LIMIT) return { text: trimmed, truncated: false };
  return { text: `${trimmed.slice(0, DESCRIPTION_LIMIT - 1)}…`, truncated: true };
}

