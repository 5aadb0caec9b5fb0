import type { Level } from './case.js';

export type MessageAudience = 'reporter' | 'official';
export type MessageStatus = 'pending' | 'sending' | 'sent' | 'failed' | 'delivered' | 'undelivered';

/** An outbound SMS in the outbox. Written in the same transaction as the change that causes it. */
export interface OutboundMessage {
  /** Deterministic where a duplicate must be impossible (e.g. `alert.<case>.<official>.L1`). */
  id: string;
  audience: MessageAudience;
  to: string;
  text: string;
  purpose: string;
  caseId?: string;
  officialId?: string;
  level?: Level;
  status: MessageStatus;
  attempts: number;
  createdAt: string;
  providerMessageId?: string;
  failureReason?: string;
  /**
   * How it went (set when sent, by the rule in lib/use-cases/channel-choice.ts), or, when queued with
   * `sms`, how it must go: the SMS copy of an official's WhatsApp alert that was not delivered.
   */
  channel?: 'sms' | 'whatsapp';
  /** The WhatsApp template it went as, outside the 24-hour window (its text is in `text`). */
  template?: string;
  /** The message asks a question WhatsApp can offer as a list to tap (the regency question, issue 20). */
  asks?: 'regency';
  /**
   * An official's WhatsApp alert or reminder: when it must have been delivered by. Past it without a
   * `delivered` or `read` status, the same text goes by SMS (lib/whatsapp/delivery-fallback.ts).
   */
  deliveryDueAt?: string;
}

/** Official messages that go as the alert template: they are not answers to anything the official wrote. */
const OFFICIAL_ALERT_PURPOSES = new Set(['alert', 'reminder', 'overdue', 'agent_alert']);

/** An alert or reminder to an official: on WhatsApp the alert template, and its delivery is watched. */
export const isOfficialAlert = (message: Pick<OutboundMessage, 'audience' | 'purpose'>): boolean =>
  message.audience === 'official' && OFFICIAL_ALERT_PURPOSES.has(message.purpose);

/** Minutes an official's WhatsApp alert may go undelivered before it goes by SMS (WHATSAPP_FALLBACK_MINUTES). */
export const DEFAULT_WHATSAPP_FALLBACK_MINUTES = 10;

/**
 * When an official's WhatsApp alert or reminder sent at `sentAt` must have been delivered by;
 * undefined for every other message (a `failed` status still sends those by SMS).
 */
export function deliveryDueAt(message: Pick<OutboundMessage, 'audience' | 'purpose'>, sentAt: Date, fallbackMinutes = DEFAULT_WHATSAPP_FALLBACK_MINUTES): string | undefined {
  return isOfficialAlert(message) ? new Date(sentAt.getTime() + fallbackMinutes * 60_000).toISOString() : undefined;
}
