import { DESCRIPTION_LIMIT, cleanText } from '../domain/case.js';

/*
 * What the page (pages.ts) and the submission (submit-report.ts) agree on about the form. Apart from
 * the submission so that showing the form does not load the report use case and the phone-number
 * parser: the web function loads those with the first POST (lib/web/http.ts).
 */

/** Long enough to say what happened; shorter text gives an official nothing to act on. */
export const MIN_DESCRIPTION = 10;
/** The text box's maxlength, the JSON API's and storage's limit: one number (lib/domain/case.ts). */
export const MAX_DESCRIPTION = DESCRIPTION_LIMIT;

export type DescriptionProblem = 'empty' | 'short' | 'long';

/** What is wrong with a description, if anything; the API message and the page's text both come from this. */
export function descriptionProblem(raw: string): DescriptionProblem | undefined {
  const text = cleanText(raw);
  if (text === '') return 'empty';
  if (text.length > MAX_DESCRIPTION) return 'long';
  if (text.length < MIN_DESCRIPTION) return 'short';
  return undefined;
}

/** Web field names, in the order the form shows them: errors are listed and focused in this order. */
export const WEB_FIELDS = [
  'reporterType', 'workerName', 'agentName', 'contact', 'category', 'country', 'homeRegency', 'nik', 'description', 'smsUpdates', 'consent', 'token',
] as const;
export type WebField = (typeof WEB_FIELDS)[number];


/** The API's message for a landline with SMS updates on; the page shows its own words for it. */
export const LANDLINE_PROBLEM = 'A landline cannot receive SMS: give a mobile number, or set smsUpdates to false';

/**
 * An Indonesian fixed line (E.164): every Indonesian mobile number starts +628. Asked for SMS updates,
 * it would silently never get one, so the form says so before filing. Foreign numbers are not judged:
 * the shipped phone metadata has no number types, and a wrong refusal would cost a report.
 */
export function isIndonesianLandline(e164: string): boolean {
  return /^\+62[1-79]/.test(e164);
}
