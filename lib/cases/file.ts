import { type Case, caseEvent, type CaseEvent, type CategoryRead, type Channel, type Consent, type PlacesRead, type ReporterType } from '../domain/case.js';
import type { Category, Language } from '../domain/categories.js';
import { urgencyOf } from '../domain/categories.js';
import type { CountryCode, HomeRegency } from '../domain/regions.js';
import { nextCheckAt } from '../domain/sla.js';
import { askRegency, reporterTexts } from '../messages/reporter.js';
import { consentTexts } from '../messages/consent.js';
import { escapeFollowUpMarkers } from '../conversation/follow-up.js';
import type { OutboundMessage } from '../domain/message.js';
import type { Actor } from './plan.js';

/** What a new case is made of, whatever the channel (fileReport has parsed and checked it). */
export interface NewCaseFacts {
  id: string;
  reference: string;
  channel: Channel;
  reporterType: ReporterType;
  contact: string;
  category: Category;
  description: string;
  truncated: boolean;
  homeRegency: HomeRegency;
  country: CountryCode;
  nik?: string;
  workerName?: string;
  agentName?: string;
  /** What the reporter was told about their data, and when (UU 27/2022 Art. 22, 24: provable). */
  consent?: Consent;
  smsUpdates: boolean;
  language: Language;
  /** The reporter is sent the reference (see fileReport for when). */
  confirm: boolean;
  /** What was read from the reporter's words (SMS, WhatsApp: lib/domain/places), kept with the case. */
  placesRead?: PlacesRead;
  /** The category was read from the text (no list to choose from): from which words. */
  categoryRead?: CategoryRead;
  /** The text named no regency: the confirmation also asks "Asal kabupaten/kota?", once (issue 20). */
  askRegency?: boolean;
  /** The confirmation tells the consent texts (a number's first report by SMS or WhatsApp: fileReport). */
  tellConsent?: boolean;
}

/**
 * Filing: the first state of a case, its `reported` event and the reporter's confirmation. New at
 * the regency office (level 1) with its acknowledge deadline running; the officials' alert follows
 * from the stream once the case is stored. The reporter's text is stored with any follow-up marker
 * it contains neutralised, so it cannot pass for a follow-up (follow-up.ts).
 */
export function planFile(f: NewCaseFacts, x: Pick<Actor, 'at' | 'now' | 'policy'>, hotline: string): { case: Case; events: CaseEvent[]; messages: OutboundMessage[] } {
  const base = {
    id: f.id, reference: f.reference, category: f.category, urgency: urgencyOf(f.category),
    homeRegency: f.homeRegency, country: f.country, channel: f.channel,
    reporterType: f.reporterType, contact: f.contact, description: escapeFollowUpMarkers(f.description), smsUpdates: f.smsUpdates, language: f.language,
    status: 'new' as const, level: 1 as const, levelSince: x.at, createdAt: x.at, updatedAt: x.at, version: 1,
    ...(f.nik ? { nik: f.nik } : {}),
    ...(f.workerName ? { workerName: f.workerName } : {}),
    ...(f.agentName ? { agentName: f.agentName } : {}),
    ...(f.consent ? { consent: f.consent } : {}),
    ...(f.placesRead ? { placesRead: f.placesRead } : {}),
    ...(f.categoryRead ? { categoryRead: f.categoryRead } : {}),
    ...(f.askRegency && f.confirm ? { regencyAskedAt: x.at } : {}),
  };
  const c: Case = { ...base, nextCheckAt: nextCheckAt(base, x.policy, x.at, x.now) };
  // The question stays last (WhatsApp turns it into a list to tap), the consent right after the reference.
  const text = [
    reporterTexts.received(f.language, { reference: c.reference, hotline }),
    ...(f.tellConsent ? [consentTexts.firstReply(f.language, x.policy.retentionDaysAfterClose)] : []),
    ...(f.askRegency ? [askRegency(f.language)] : []),
  ].join(' ');
  return {
    case: c,
    events: [caseEvent('reported', x.at, 'reporter', { channel: f.channel, category: f.category, truncated: f.truncated })],
    messages: f.confirm
      ? [{
          id: `received.${c.id}`, audience: 'reporter', to: c.contact, caseId: c.id, purpose: 'received',
          text,
          // On WhatsApp the question is a list to tap (lib/messages/whatsapp-regency-list.ts); by SMS this text.
          ...(f.askRegency ? { asks: 'regency' as const } : {}),
          status: 'pending', attempts: 0, createdAt: x.at,
        }]
      : [],
  };
}
