import * as z from '../zod.js';
import { normalisePhone } from './phone.js';
import { isWhatsAppUserId } from './whatsapp-user.js';

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
