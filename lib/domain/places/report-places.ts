import type { Case, CaseEventOf, PlacesRead } from '../case.js';
import { caseEvent, isOpen } from '../case.js';
import { countryOfPhone, type CountryCode, type HomeRegency } from '../regions.js';
import { readPlaces, readRegencyAnswer } from './read-places.js';

/**
 * Where a conversation (SMS, WhatsApp) uses the place reader: the report's regency and country when
 * it is filed, and the regency from a later message while it is still unknown. USSD and the web form
 * ask from a list instead, and never come here.
 */

export interface ReportPlaces {
  homeRegency: HomeRegency;
  country: CountryCode;
  /** Absent when the text named nothing: the case then records nothing as read. */
  placesRead?: PlacesRead;
}

/**
 * A new report: the regency its text names, and the country, which wins over the SIM's calling code
 * (a worker on a Malaysian SIM writing "saya di Riyadh" is in Saudi Arabia).
 */
export function placesOfReport(text: string, phone: string): ReportPlaces {
  const read = readPlaces(text);
  const placesRead: PlacesRead = {
    ...(read.regency.regency !== 'unknown' ? { regency: { code: read.regency.regency, from: 'text' as const, mentions: read.regency.mentions } } : {}),
    ...(read.country.country !== 'unknown' ? { country: { code: read.country.country, mentions: read.country.mentions } } : {}),
  };
  return {
    homeRegency: read.regency.regency,
    country: read.country.country !== 'unknown' ? read.country.country : countryOfPhone(phone),
    ...(placesRead.regency || placesRead.country ? { placesRead } : {}),
  };
}

/** Answers of a few words are answers to the question ("lotim", "3", "Lombok Timur"); longer ones are messages. */
const ANSWER_WORDS = 4;

/**
 * A reporter's message on an open conversational case whose regency is unknown: the case with the
 * regency the message names and the event saying so, or undefined when it names none (or two, or an
 * ambiguous one). After the question a number of its list or a bare name counts; before, or in a
 * longer message, only what the reader takes from any report text.
 */
export function withRegencyFromReporter(c: Case, text: string, at: string): { case: Case; event: CaseEventOf<'regency_read'> } | undefined {
  if (c.homeRegency !== 'unknown' || !isOpen(c) || c.mergedInto || c.channel === 'ussd' || c.channel === 'web') return undefined;
  const read = c.regencyAskedAt ? readRegencyAnswer(text) : readPlaces(text).regency;
  if (read.regency === 'unknown') return undefined;
  const from = c.regencyAskedAt && text.trim().split(/\s+/).length <= ANSWER_WORDS ? 'answer' as const : 'text' as const;
  return {
    case: { ...c, homeRegency: read.regency, placesRead: { ...c.placesRead, regency: { code: read.regency, from, mentions: read.mentions } }, updatedAt: at },
    event: caseEvent('regency_read', at, 'reporter', { from, homeRegencyFrom: c.homeRegency, homeRegencyTo: read.regency }),
  };
}
