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

// The delivery report and the parsing helper live in delivery-callback.ts, which the delivery
// function imports alone: it has no phone number to parse, so its bundle has no phone metadata.
export { AtDeliveryReport, DELIVERY_STATUSES, parseCallback } from './delivery-callback.js';
