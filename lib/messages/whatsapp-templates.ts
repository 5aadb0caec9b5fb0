import type { CaseStatus } from '../domain/case.js';
import type { Language } from '../domain/categories.js';
import type { WhatsAppPolicy } from '../config.js';

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
  signIn: {
    id: 'Kode masuk konsol Hotline PMI NTB: {{1}}. Jangan berikan kode ini kepada siapa pun.',
    en: 'PMI NTB hotline console sign-in code: {{1}}. Do not share this code with anyone.',
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
  fallbackMinutes: 10,
};

/** The text a template shows, parameters filled in: what the outbox records as sent. */
export function renderTemplate(kind: keyof typeof TEMPLATE_TEXTS, language: Language, parameters: readonly string[]): string {
  return TEMPLATE_TEXTS[kind][language].replace(/\{\{(\d)\}\}/g, (_, n: string) => parameters[Number(n) - 1] ?? '');
}
