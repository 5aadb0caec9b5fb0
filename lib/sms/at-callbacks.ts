import { z } from 'zod';
import { normalisePhone } from '../domain/phone.js';
import { ValidationError } from '../domain/errors.js';

/** AT's `date`: `2017-05-03T06:04:45Z` or `2017-05-03 06:04:45` (UTC). */
const AtDate = z.string().regex(/^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}:\d{2}(\.\d+)?Z?$/, 'Expected YYYY-MM-DD HH:MM:SS')
  .transform((raw, ctx) => {
    const iso = `${raw.replace(' ', 'T').replace(/Z?$/, '')}Z`;
    const t = Date.parse(iso);
    if (Number.isNaN(t)) {
      ctx.addIssue({ code: 'custom', message: 'Not a real date' });
      return z.NEVER;
    }
    return new Date(t).toISOString();
  });

const Phone = z.string().transform((raw, ctx) => {
  const phone = normalisePhone(raw);
  if (!phone) {
    ctx.addIssue({ code: 'custom', message: 'Not a phone number' });
    return z.NEVER;
  }
  return phone;
});

/** Incoming SMS callback (form-encoded). */
export const AtInboundSms = z.object({
  from: Phone,
  to: z.string().min(1).max(32),
  text: z.string().max(10_000),
  date: AtDate,
  id: z.string().min(1).max(128),
  linkId: z.string().max(128).optional(),
});
export type AtInboundSms = z.infer<typeof AtInboundSms>;

export const DELIVERY_STATUSES = ['Sent', 'Submitted', 'Buffered', 'Rejected', 'Success', 'Failed', 'Expired'] as const;

/** Delivery report callback (form-encoded). */
export const AtDeliveryReport = z.object({
  id: z.string().min(1).max(128),
  status: z.enum(DELIVERY_STATUSES),
  phoneNumber: z.string().max(32).optional(),
  networkCode: z.string().max(16).optional(),
  failureReason: z.string().max(128).optional(),
  retryCount: z.coerce.number().int().min(0).optional(),
});
export type AtDeliveryReport = z.infer<typeof AtDeliveryReport>;

/** Parses a callback once at the boundary; a bad one becomes a 400 that names each field. */
export function parseCallback<S extends z.ZodType>(schema: S, form: Record<string, string>): z.infer<S> {
  const parsed = schema.safeParse(form);
  if (parsed.success) return parsed.data;
  const fields: Record<string, string> = {};
  for (const issue of parsed.error.issues) {
    const name = String(issue.path[0] ?? 'body');
    fields[name] ??= issue.code === 'invalid_type' && form[name] === undefined ? 'Required' : issue.message;
  }
  throw new ValidationError(fields);
}
