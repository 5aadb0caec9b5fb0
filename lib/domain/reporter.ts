import type { Language } from './categories.js';

/** What a reporter chose for their number: the reply language, and whether SMS stopped (BERHENTI). */
export interface ReporterPrefs {
  language?: Language;
  smsStopped?: boolean;
  /** How the reporter last wrote: messages to them go back that way (lib/use-cases/channel-choice.ts). */
  lastChannel?: 'sms' | 'whatsapp';
  /** When the reporter last wrote by WhatsApp: free-form text only within 24 hours of it. */
  whatsappAt?: string;
  /**
   * The version of the consent texts (lib/messages/consent.ts) the number was told in the reply to
   * a report by SMS or WhatsApp: a later report under the same version is not told again.
   */
  consentVersion?: string;
}
