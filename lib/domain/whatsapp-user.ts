import * as z from '../zod.js';
import { normalisePhone } from './phone.js';

/**
 * A WhatsApp business-scoped user id (BSUID): the ISO country of the user's number, a period, up to
 * 128 alphanumerics (`MY.1502576394655843`; a parent BSUID has `ENT.` in between). Meta gives it in
 * place of the number for users with a username (2026). The hotline keys such a sender on it as it
 * would on a number: their reports, STATUS, limits and replies (WhatsApp only: no SMS reaches it).
 */
export const BSUID = /^[A-Z]{2}\.(?:ENT\.)?[A-Za-z0-9]{1,128}$/;

export const isWhatsAppUserId = (contact: string): boolean => BSUID.test(contact);

/** A WhatsApp reporter's contact: a phone number (parsed to E.164), or a business-scoped user id as it is. */
export const WhatsAppContactId = z.pipe(z.string(), z.transform((raw: string, ctx) => {
  if (isWhatsAppUserId(raw)) return raw;
  const phone = normalisePhone(raw);
  if (!phone) {
    ctx.issues.push({ code: 'custom', message: 'Not a valid phone number or WhatsApp user id', input: raw });
    return z.NEVER;
  }
  return phone;
}));
