import * as z from '../zod.js';
import { PhoneNumber } from '../domain/phone.js';

const SessionId = z.string().check(z.trim(), z.minLength(1), z.maxLength(200));

/** AT USSD callback (form-encoded). `text` is "" on the first request, then the inputs joined by `*`. */
export const AtUssdRequest = z.object({
  sessionId: SessionId,
  phoneNumber: PhoneNumber,
  text: z._default(z.string(), ''),
  serviceCode: z.optional(z.string().check(z.maxLength(64))),
  networkCode: z.optional(z.string().check(z.maxLength(16))),
});
export type AtUssdRequest = z.infer<typeof AtUssdRequest>;

/**
 * AT end-of-session notification. `input` is the session's `text` when it stopped; AT does not
 * promise it on every notification, so it is optional (without it there is nothing to resume).
 */
export const AtUssdSessionEnd = z.object({
  sessionId: SessionId,
  phoneNumber: PhoneNumber,
  status: z.enum(['Success', 'Incomplete', 'Failed']),
  input: z.optional(z.string()),
});
export type AtUssdSessionEnd = z.infer<typeof AtUssdSessionEnd>;

/**
 * The first field that failed and how, for the screen: the phone number first (the person's own
 * problem), else the first missing or over-long field of the network's request.
 */
export function firstProblem(error: z.core.$ZodError): { field: string; problem: 'missing' | 'too_long' } | undefined {
  const issues = error.issues.map((issue) => ({ field: String(issue.path[0] ?? 'body'), code: issue.code, input: (issue as { input?: unknown }).input }));
  const phone = issues.find((i) => i.field === 'phoneNumber');
  const first = phone ?? issues[0];
  if (!first) return undefined;
  return { field: first.field, problem: first.code === 'too_big' ? 'too_long' : 'missing' };
}

/** Names of the fields that failed (never their values: they include the phone number). */
export function invalidFields(error: z.core.$ZodError): string[] {
  return [...new Set(error.issues.map((issue) => String(issue.path[0] ?? 'body')))];
}
