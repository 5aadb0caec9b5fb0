import type { Channel } from './case.js';
import type { Language } from './categories.js';

/** How a message to a person goes. */
export type MessageChannel = 'sms' | 'whatsapp';

/**
 * The channel rule's answer for an official (lib/whatsapp/channel-choice.ts applies it, and the
 * timeline records it beside each message): WhatsApp when the official takes alerts there. A
 * WhatsApp message that does not arrive goes again by SMS, with its own timeline event.
 */
export const officialChannel = (official: { whatsapp?: boolean }): MessageChannel => (official.whatsapp ? 'whatsapp' : 'sms');

/** The same for a reporter: the way the number last wrote. */
export const reporterChannel = (prefs: { lastChannel?: MessageChannel }): MessageChannel => (prefs.lastChannel === 'whatsapp' ? 'whatsapp' : 'sms');

/**
 * What a timeline event records of a message's channel: WhatsApp only, so an event by SMS (every
 * event from before WhatsApp, and the usual case) reads as it always did.
 */
export const channelDetail = (channel: MessageChannel): { channel?: 'whatsapp' } => (channel === 'whatsapp' ? { channel } : {});

/** Channels in plain words, for officials' pages and figures. */
export const CHANNEL_LABELS: Record<Channel, Record<Language, string>> = {
  sms: { id: 'SMS', en: 'SMS' },
  ussd: { id: 'USSD', en: 'USSD' },
  web: { id: 'Formulir web', en: 'Web form' },
  whatsapp: { id: 'WhatsApp', en: 'WhatsApp' },
};
