import { createHash } from 'node:crypto';

/**
 * What the hotline keeps of a WhatsApp message id (wamid). A wamid is not random: Meta encodes the
 * other party's WhatsApp number in it (base64 of its digits), so a raw wamid in an item key, an
 * outbox id or a log line would be a phone number in plain sight. Every wamid is replaced at the door
 * (webhook messages and statuses, the Graph API's answer to a send) by this digest: deterministic, so
 * Meta's redeliveries and status callbacks still find what they refer to, and carrying no digits of
 * the number. 24 bytes of SHA-256, base64url: no two of a hotline's messages share one.
 */
export function wamidKey(wamid: string): string {
  return `wa.${createHash('sha256').update(wamid).digest('base64url').slice(0, 32)}`;
}
