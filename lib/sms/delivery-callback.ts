import * as z from '../zod.js';

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

export { parseCallback } from '../http/callback.js';
