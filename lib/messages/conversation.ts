import type { Case } from '../domain/case.js';

/**
 * SMS texts to officials about a reporter's conversation, in Indonesian. Like alerts they carry the
 * reference only: never what the reporter wrote, nor the reporter's number (DOMAIN.md, law and safety).
 * The official reads the case itself through the officials' channel (INFO <ref> <PIN>).
 */
export const conversationTexts = {
  followUp: (c: Pick<Case, 'reference'>) =>
    `PMI NTB ${c.reference}: pelapor mengirim pesan tambahan. Balas INFO ${c.reference} PIN untuk rincian.`,
  reopened: (c: Pick<Case, 'reference'>) =>
    `PMI NTB ${c.reference}: pelapor menyatakan masalah BELUM selesai, kasus dibuka lagi. Balas INFO ${c.reference} PIN untuk rincian.`,
};
