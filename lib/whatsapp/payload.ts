import * as z from '../zod.js';
import { REGENCY_ROW } from '../messages/whatsapp-regency-list.js';
import { BSUID } from '../domain/whatsapp-user.js';
import { wamidKey } from '../domain/wamid.js';

/**
 * Meta's WhatsApp Cloud API webhook body (`object: whatsapp_business_account`), as far as the
 * hotline reads it. Meta adds fields and message types over time: unknown fields are ignored and an
 * unknown message type still parses (it is answered as "send text"), so a new type never makes Meta
 * retry a webhook we can never accept. What the hotline needs to act (ids, who wrote) is required.
 */
const id = z.string().check(z.minLength(1), z.maxLength(256));
/** A wamid, kept only as its digest (lib/domain/wamid.ts): the raw id carries the number. */
const wamid = z.pipe(id, z.transform(wamidKey));

/** Meta's ids and numbers are short; text bodies are bounded by the body limit (MAX_BODY_BYTES). */
const shortText = z.string().check(z.maxLength(1024));
const media = z.object({
  id: z.optional(id),
  mime_type: z.optional(shortText),
  caption: z.optional(z.string()),
  filename: z.optional(shortText),
  /** Audio only: a voice note recorded in WhatsApp rather than an audio file. */
  voice: z.optional(z.boolean()),
});

export const WhatsAppMessage = z.object({
  /** The sender's number without "+" (absent for a user known only by their username's BSUID). */
  from: z.optional(z.string().check(z.regex(/^\d{6,16}$/, 'Expected digits of a phone number'))),
  /** Business-scoped user id (usernames, 2026): `CC.alphanumeric`, or `CC.ENT.alphanumeric` (a parent BSUID). */
  from_user_id: z.optional(z.string().check(z.regex(BSUID, 'Expected a business-scoped user id (CC.digits)'))),
  /** wamid (as its digest): what a redelivery repeats, and what the hotline's idempotency is keyed on. */
  id: wamid,
  timestamp: z.string().check(z.regex(/^\d{1,12}$/, 'Expected seconds since 1970')),
  type: z.string().check(z.minLength(1), z.maxLength(64)),
  /** Present when the message was written in a group the business number is in. */
  group_id: z.optional(id),
  text: z.optional(z.object({ body: z.string() })),
  image: z.optional(media),
  video: z.optional(media),
  document: z.optional(media),
  audio: z.optional(media),
  sticker: z.optional(media),
  location: z.optional(z.object({
    latitude: z.optional(z.number()), longitude: z.optional(z.number()),
    name: z.optional(shortText), address: z.optional(shortText),
  })),
  /** A quick-reply button of a template the hotline sent. */
  button: z.optional(z.object({ text: z.optional(shortText), payload: z.optional(shortText) })),
  interactive: z.optional(z.object({
    type: z.optional(shortText),
    button_reply: z.optional(z.object({ id: z.optional(shortText), title: shortText })),
    list_reply: z.optional(z.object({ id: z.optional(shortText), title: shortText, description: z.optional(shortText) })),
  })),
});
export type WhatsAppMessage = z.infer<typeof WhatsAppMessage>;

export const WhatsAppContact = z.object({
  wa_id: z.optional(z.string().check(z.maxLength(32))),
  user_id: z.optional(z.string().check(z.regex(BSUID, 'Expected a business-scoped user id (CC.digits)'))),
  profile: z.optional(z.object({ name: z.optional(shortText) })),
});

export const WHATSAPP_STATUSES = ['sent', 'delivered', 'read', 'failed', 'deleted', 'warning'] as const;

export const WhatsAppStatus = z.object({
  /** The wamid the Graph API returned when the hotline sent the message (as its digest). */
  id: wamid,
  status: z.enum(WHATSAPP_STATUSES),
  timestamp: z.optional(z.string()),
  recipient_id: z.optional(z.string().check(z.maxLength(256))),
  errors: z.optional(z.array(z.object({
    code: z.number(),
    title: z.optional(shortText),
    message: z.optional(shortText),
    error_data: z.optional(z.object({ details: z.optional(shortText) })),
  }))),
});
export type WhatsAppStatus = z.infer<typeof WhatsAppStatus>;

export const WhatsAppWebhook = z.object({
  object: z.literal('whatsapp_business_account'),
  entry: z.array(z.object({
    id: z.optional(z.string()),
    changes: z.array(z.object({
      field: z.optional(z.string()),
      value: z.object({
        messaging_product: z.optional(z.string()),
        metadata: z.optional(z.object({ phone_number_id: z.optional(z.string()), display_phone_number: z.optional(z.string()) })),
        contacts: z.optional(z.array(WhatsAppContact)),
        messages: z.optional(z.array(WhatsAppMessage)),
        statuses: z.optional(z.array(WhatsAppStatus)),
      }),
    })),
  })),
});
export type WhatsAppWebhook = z.infer<typeof WhatsAppWebhook>;

/** What the hotline reads a message as: its words, or what kind of thing came instead of words. */
export type MessageContent =
  | { kind: 'text'; text: string }
  | { kind: 'not_text'; what: NotText };
export type NotText = 'voice' | 'audio' | 'location' | 'sticker' | 'media' | 'other';

/**
 * Text is read as an SMS would be: a text body, a caption on an image/video/document, the title of
 * a button or list row the person tapped. A voice note, a location, a sticker or media without a
 * caption have no words: the person is asked to write instead.
 */
export function contentOf(message: WhatsAppMessage): MessageContent {
  const words = (value: string | undefined): MessageContent | undefined =>
    value !== undefined && value.trim() !== '' ? { kind: 'text', text: value } : undefined;
  switch (message.type) {
    case 'text': return words(message.text?.body) ?? { kind: 'not_text', what: 'other' };
    case 'image': return words(message.image?.caption) ?? { kind: 'not_text', what: 'media' };
    case 'video': return words(message.video?.caption) ?? { kind: 'not_text', what: 'media' };
    case 'document': return words(message.document?.caption) ?? { kind: 'not_text', what: 'media' };
    case 'audio': return { kind: 'not_text', what: message.audio?.voice ? 'voice' : 'audio' };
    case 'sticker': return { kind: 'not_text', what: 'sticker' };
    case 'location': return { kind: 'not_text', what: 'location' };
    case 'button': return words(message.button?.text ?? message.button?.payload) ?? { kind: 'not_text', what: 'other' };
    case 'interactive': {
      // A row of the regency list is the number the SMS answer would be (lib/messages/whatsapp-regency-list.ts): read the same way.
      const row = REGENCY_ROW.exec(message.interactive?.list_reply?.id ?? '');
      if (row) return { kind: 'text', text: row[1]! };
      return words(message.interactive?.button_reply?.title ?? message.interactive?.list_reply?.title) ?? { kind: 'not_text', what: 'other' };
    }
    default: return { kind: 'not_text', what: 'other' };
  }
}

/**
 * Who wrote: the E.164 number when WhatsApp shares it, else the business-scoped user id (a user with a
 * username whose number Meta withholds). The id is then the sender's key everywhere a number would be:
 * their reports, STATUS, limits, replies (lib/use-cases/channel-choice.ts isWhatsAppOnly).
 */
export function senderOf(message: WhatsAppMessage, contacts: ReadonlyArray<z.infer<typeof WhatsAppContact>>): { phone: string } | { userId: string } | undefined {
  if (message.from) return { phone: `+${message.from}` };
  const userId = message.from_user_id ?? (contacts.length === 1 ? contacts[0]!.user_id : undefined);
  return userId ? { userId } : undefined;
}
