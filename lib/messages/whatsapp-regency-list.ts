import type { Language } from '../domain/categories.js';
import { REGENCY_CHOICES } from '../domain/places/choices.js';
import { askRegency } from './reporter.js';

/**
 * Issue 20's "Asal kabupaten/kota?" on WhatsApp: an interactive list (Graph `interactive` type
 * `list`) instead of the numbered text the SMS carries. One row per choice of the SMS list, in its
 * order; a row's id carries the number the SMS answer would be (`regency.3`), so a tapped row is
 * read exactly as the typed number (payload.ts contentOf -> withRegencyFromMessage).
 *
 * Meta's limits (Cloud API, interactive list messages): at most 10 rows in all, row titles and the
 * section title at most 24 characters, the button text at most 20, the body at most 4096.
 */
export const LIST_LIMITS = { rows: 10, rowTitle: 24, sectionTitle: 24, button: 20, body: 4096 } as const;

/** An interactive list message as the WhatsApp sender takes it (lib/use-cases/outbox-port.ts WhatsAppOutbound). */
export interface WhatsAppList {
  id: string;
  to: string;
  kind: 'list';
  body: string;
  button: string;
  section: string;
  rows: Array<{ id: string; title: string }>;
  rendered: string;
}

export const REGENCY_ROW = /^regency\.(\d{1,2})$/;

const TEXTS = {
  id: { question: 'Asal kabupaten/kota? Pilih dari daftar, atau balas nama atau nomornya.', button: 'Pilih kabupaten/kota', section: 'Kabupaten/kota NTB' },
  en: { question: 'Home regency/city? Choose from the list, or reply with the name or number.', button: 'Choose regency/city', section: 'NTB regencies/cities' },
} as const satisfies Record<Language, { question: string; button: string; section: string }>;

/**
 * The list form of a message that asks the regency: the message's own text with the SMS list
 * replaced by the short question, and the rows. Undefined when the text does not end with the
 * question (nothing to replace: the text goes as it is).
 */
export function regencyList(message: { id: string; to: string; text: string }): WhatsAppList | undefined {
  const language = (['id', 'en'] as const).find((l) => message.text.endsWith(askRegency(l)));
  if (!language) return undefined;
  const t = TEXTS[language];
  const body = `${message.text.slice(0, -askRegency(language).length)}${t.question}`;
  const rows = REGENCY_CHOICES.map(([, label], i) => ({ id: `regency.${i + 1}`, title: label }));
  return {
    id: message.id, to: message.to, kind: 'list', body, button: t.button, section: t.section, rows,
    rendered: `${body}\n${rows.map((r, i) => `${i + 1} ${r.title}`).join('\n')}`,
  };
}
