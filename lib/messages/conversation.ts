import type { Case } from '../domain/case.js';

/**
 * SMS texts to officials about a reporter's conversation, in Indonesian. Like alerts they carry the
 * reference only: never what the reporter wrote, nor the reporter's number (DOMAIN.md, law and safety).
 * The official who holds the case reads the text itself with INFO <ref> <PIN>, PIN-checked and recorded.
 */
const readHint = (reference: string, holder: boolean) =>
  holder ? `Balas: INFO ${reference} <PIN Anda> untuk membaca isinya.` : `Balas: TERIMA ${reference} <PIN Anda> untuk menangani dan membaca isinya.`;

export const conversationTexts = {
  /** `holder`: the recipient holds the case, so INFO shows them the text; others must take it first. */
  followUp: (c: Pick<Case, 'reference'>, holder = true) =>
    `PMI NTB ${c.reference}: pelapor mengirim pesan tambahan. ${readHint(c.reference, holder)}`,
  reopened: (c: Pick<Case, 'reference'>, holder = true) =>
    `PMI NTB ${c.reference}: pelapor menyatakan masalah BELUM selesai, kasus dibuka lagi. ${readHint(c.reference, holder)}`,
};
