import type { CaseStatus } from '../domain/case.js';
import type { Language } from '../domain/categories.js';
import type { WhatsAppPolicy } from '../config.js';
import { DEFAULT_WHATSAPP_FALLBACK_MINUTES } from '../domain/message.js';

/**
 * The WhatsApp templates the hotline uses outside the 24-hour customer-service window, with the text
 * submitted to Meta (README "WhatsApp" lists them): utility category, in Indonesian and English.
 * Their parameters are a reference and a neutral status (or a sign-in code), never a name, a number
 * or what anyone wrote: a worker's phone may be read by the employer.
 */
export const TEMPLATE_TEXTS = {
  update: {
    id: 'Hotline PMI NTB: ada kabar untuk laporan {{1}} (status: {{2}}). Balas pesan ini atau kirim STATUS {{1}} untuk rinciannya.',
    en: 'PMI NTB hotline: there is news about report {{1}} (status: {{2}}). Reply to this message or send STATUS {{1}} for details.',
  },
  alert: {
    id: 'Hotline PMI NTB: laporan {{1}} perlu tindakan Anda (status: {{2}}). Balas TERIMA {{1}} PIN untuk menanganinya.',
    en: 'PMI NTB hotline: report {{1}} needs your action (status: {{2}}). Reply TERIMA {{1}} PIN to take it.',
  },
  /**
   * Category *Authentication*, not utility: Meta requires one-time codes to go this way and fixes the
   * words (preset text, security disclaimer, expiry footer of 5 minutes, a copy-code button); this is
   * that preset as the outbox records it (Meta's own Indonesian wording may differ slightly).
   */
  signIn: {
    id: '{{1}} adalah kode verifikasi Anda. Demi keamanan, jangan bagikan kode ini. Kode ini kedaluwarsa dalam 5 menit.',
    en: '{{1}} is your verification code. For your security, do not share this code. This code expires in 5 minutes.',
  },
} as const satisfies Record<keyof WhatsAppPolicy['templates'], Record<Language, string>>;

/** Meta's language codes for the two languages the hotline writes in. */
export const TEMPLATE_LANGUAGE: Record<Language, string> = { id: 'id', en: 'en' };

/** A status a bystander may read: it says how far the report is, nothing about it. */
export const NEUTRAL_STATUS: Record<CaseStatus, Record<Language, string>> = {
  new: { id: 'diterima', en: 'received' },
  acknowledged: { id: 'sedang ditangani', en: 'being handled' },
  resolved: { id: 'selesai ditangani', en: 'resolved' },
  closed: { id: 'ditutup', en: 'closed' },
};

export const DEFAULT_WHATSAPP_POLICY: WhatsAppPolicy = {
  templates: { update: 'hotline_update', alert: 'hotline_alert', signIn: 'hotline_sign_in' },
  fallbackMinutes: DEFAULT_WHATSAPP_FALLBACK_MINUTES,
};

/** The text a template shows, parameters filled in: what the outbox records as sent. */
export function renderTemplate(kind: keyof typeof TEMPLATE_TEXTS, language: Language, parameters: readonly string[]): string {
  return TEMPLATE_TEXTS[kind][language].replace(/\{\{(\d)\}\}/g, (_, n: string) => parameters[Number(n) - 1] ?? '');
}
