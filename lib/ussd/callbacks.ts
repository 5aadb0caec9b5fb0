import { z } from 'zod';
import { normalisePhone } from '../domain/phone.js';

const Phone = z.string().transform((raw, ctx) => {
  const phone = normalisePhone(raw);
  if (!phone) {
    ctx.addIssue({ code: 'custom', message: 'Not a phone number' });
    return z.NEVER;
  }
  return phone;
});

const SessionId = z.string().trim().min(1).max(200);

/** AT USSD callback (form-encoded). `text` is "" on the first request, then the inputs joined by `*`. */
export const AtUssdRequest = z.object({
  sessionId: SessionId,
  phoneNumber: Phone,
  text: z.string().default(''),
  serviceCode: z.string().max(64).optional(),
  networkCode: z.string().max(16).optional(),
});
export type AtUssdRequest = z.infer<typeof AtUssdRequest>;

/**
 * AT end-of-session notification. `input` is the session's `text` when it stopped; AT does not
 * promise it on every notification, so it is optional (without it there is nothing to resume).
 */
export const AtUssdSessionEnd = z.object({
  sessionId: SessionId,
  phoneNumber: Phone,
  status: z.enum(['Success', 'Incomplete', 'Failed']),
  input: z.string().optional(),
});
export type AtUssdSessionEnd = z.infer<typeof AtUssdSessionEnd>;

/** Names of the fields that failed (never their values: they include the phone number). */
export function invalidFields(error: z.ZodError): string[] {
  return [...new Set(error.issues.map((issue) => String(issue.path[0] ?? 'body')))];
}
