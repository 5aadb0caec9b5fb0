import type { UssdDraft } from './menu.js';

/** Interrupted USSD reports, kept for a short while so the next dial can resume. */
export interface UssdDrafts {
  saveUssdDraft(phone: string, draft: UssdDraft, expiresAt: Date): Promise<void>;
  getUssdDraft(phone: string, now: Date): Promise<UssdDraft | undefined>;
  deleteUssdDraft(phone: string): Promise<void>;
}
