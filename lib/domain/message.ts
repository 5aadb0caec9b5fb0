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
}
