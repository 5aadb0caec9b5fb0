import type { Language } from './categories.js';

/** What a reporter chose for their number: the reply language, and whether SMS stopped (BERHENTI). */
export interface ReporterPrefs {
  language?: Language;
  smsStopped?: boolean;
}
