/**
 * A WhatsApp business-scoped user id (BSUID): the ISO country of the user's number, a period, up to
 * 128 alphanumerics (`MY.1502576394655843`; a parent BSUID has `ENT.` in between). Meta gives it in
 * place of the number for users with a username (2026). The hotline keys such a sender on it as it
 * would on a number: their reports, STATUS, limits and replies (WhatsApp only: no SMS reaches it).
 *
 * No phone parser here: the channel rule (notifier, escalator) only asks whether a contact is such an
 * id, and must not load the phone metadata for it; the schema that parses either is in whatsapp-contact.ts.
 */
export const BSUID = /^[A-Z]{2}\.(?:ENT\.)?[A-Za-z0-9]{1,128}$/;

export const isWhatsAppUserId = (contact: string): boolean => BSUID.test(contact);
