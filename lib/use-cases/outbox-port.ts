import type { MessageStatus, OutboundMessage } from '../domain/message.js';

/** The outbox: outbound SMS and their sending state. */
export interface Outbox {
  getMessage(id: string): Promise<OutboundMessage | undefined>;
  /** Conditional on the current status, so two senders cannot both send. */
  updateMessage(id: string, from: MessageStatus[], patch: Partial<Pick<OutboundMessage, 'status' | 'attempts' | 'providerMessageId' | 'failureReason' | 'channel' | 'template' | 'deliveryDueAt'>>): Promise<boolean>;
  getMessageByProviderId(providerMessageId: string): Promise<OutboundMessage | undefined>;
  /**
   * Takes a pending message for sending (status `sending`, one more attempt), so two senders cannot
   * both send it; a claim older than `staleBefore` (a sender that died) may be taken over.
   */
  claimMessage(id: string, now: Date, staleBefore: Date): Promise<OutboundMessage | undefined>;
  pendingMessagesOlderThan(before: Date, limit?: number): Promise<OutboundMessage[]>;
  /** Sent messages whose `deliveryDueAt` is at or before `until` with no final status yet, oldest first. */
  undeliveredDueBy(until: Date, limit?: number): Promise<OutboundMessage[]>;
}

export type SendResult =
  | { ok: true; providerMessageId: string }
  | { ok: false; reason: string; retryable: boolean };

/** One SMS route (Africa's Talking for reporters, SNS for officials, the outbox locally). */
export interface SmsSender {
  send(message: { id: string; to: string; text: string }): Promise<SendResult>;
}

/**
 * A WhatsApp message as the Graph API takes it: free-form text, an approved template with its
 * parameters (`authentication`: Meta's one-time-code template with its copy-code button), or an
 * interactive list (inside the 24-hour window only). `rendered` is what the person reads.
 */
export type WhatsAppOutbound = { id: string; to: string; rendered: string } & (
  | { kind: 'text' }
  | { kind: 'template'; name: string; language: string; parameters: string[]; category?: 'authentication' }
  | { kind: 'list'; body: string; button: string; section: string; rows: Array<{ id: string; title: string }> }
);

/** The WhatsApp Cloud API (Graph API `/<phone-number-id>/messages`), or its local stand-in. */
export interface WhatsAppSender {
  send(message: WhatsAppOutbound): Promise<SendResult>;
}
