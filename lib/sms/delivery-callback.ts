import * as z from '../zod.js';
import { ValidationError } from '../domain/errors.js';

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
