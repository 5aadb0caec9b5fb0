import * as z from '../zod.js';
import { PhoneNumber } from '../domain/phone.js';
import { ValidationError } from '../domain/errors.js';

/** AT's `date`: `2017-05-03T06:04:45Z` or `2017-05-03 06:04:45` (UTC). */
const AtDate = z.pipe(
  z.string().check(z.regex(/^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}:\d{2}(\.\d+)?Z?$/, 'Expected YYYY-MM-DD HH:MM:SS')),
  z.transform((raw: string, ctx) => {
    const iso = `${raw.replace(' ', 'T').replace(/Z?$/, '')}Z`;
    const t = Date.parse(iso);
    if (Number.isNaN(t)) {
      // zod/mini's transform context has no addIssue: the issue goes on the payload directly.
      ctx.issues.push({ code: 'custom', message: 'Not a real date', input: raw });
      return z.NEVER;
    }
    return new Date(t).toISOString();
  }),
);

/** Incoming SMS callback (form-encoded). */
export const AtInboundSms = z.object({
  from: PhoneNumber,
  to: z.string().check(z.minLength(1), z.maxLength(32)),
  text: z.string().check(z.maxLength(10_000)),
  date: AtDate,
  id: z.string().check(z.minLength(1), z.maxLength(128)),
  linkId: z.optional(z.string().check(z.maxLength(128))),
});
export type AtInboundSms = z.infer<typeof AtInboundSms>;

export const DELIVERY_STATUSES = ['Sent', 'Submitted', 'Buffered', 'Rejected', 'Success', 'Failed', 'Expired'] as const;

/** Delivery report callback (form-encoded). */
export const AtDeliveryReport = z.object({
  id: z.string().check(z.minLength(1), z.maxLength(128)),
  status: z.enum(DELIVERY_STATUSES),
  phoneNumber: z.optional(z.string().check(z.maxLength(32))),
  networkCode: z.optional(z.string().check(z.maxLength(16))),
  failureReason: z.optional(z.string().check(z.maxLength(128))),
  retryCount: z.optional(z.coerce.number().check(z.int(), z.gte(0))),
});
export type AtDeliveryReport = z.infer<typeof AtDeliveryReport>;

/** Parses a callback once at the boundary; a bad one becomes a 400 that names each field. */
export function parseCallback<S extends z.ZodMiniType>(schema: S, form: Record<string, string>): z.infer<S> {
  const parsed = schema.safeParse(form);
  if (parsed.success) return parsed.data;
  const fields: Record<string, string> = {};
  for (const issue of parsed.error.issues) {
    const name = String(issue.path[0] ?? 'body');
    fields[name] ??= issue.code === 'invalid_type' && form[name] === undefined ? 'Required' : issue.message;
  }
  throw new ValidationError(fields);
}
