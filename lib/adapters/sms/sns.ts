// Named imports, not the package namespace, so a bundle keeps only the command it sends. Only the
// functions that publish import this module (lib/composition/aws-sns.ts).
import { PublishCommand, type SNSClient } from '@aws-sdk/client-sns';
import type { SendResult, SmsSender } from '../../use-cases/outbox-port.js';
import type { CaseEventPublisher } from '../../use-cases/deps.js';

/** SNS errors that no retry can fix: the number or the request is wrong. */
const PERMANENT = new Set(['InvalidParameterException', 'InvalidParameterValueException', 'OptedOutException']);

/** Official alerts as direct SMS through SNS (Transactional: delivered even to DND numbers, higher priority). */
export class SnsSmsSender implements SmsSender {
  constructor(private readonly sns: SNSClient, private readonly senderId?: string) {}

  async send(message: { id: string; to: string; text: string }): Promise<SendResult> {
    try {
      const out = await this.sns.send(new PublishCommand({
        PhoneNumber: message.to,
        Message: message.text,
        MessageAttributes: {
          'AWS.SNS.SMS.SMSType': { DataType: 'String', StringValue: 'Transactional' },
          ...(this.senderId ? { 'AWS.SNS.SMS.SenderID': { DataType: 'String', StringValue: this.senderId } } : {}),
        },
      }));
      return { ok: true, providerMessageId: out.MessageId ?? `sns-${message.id}` };
    } catch (error) {
      const name = error instanceof Error ? error.name : 'unknown';
      return { ok: false, reason: name, retryable: !PERMANENT.has(name) };
    }
  }
}

/** Case events for other systems, filterable by subscribers on the message attributes. */
export class SnsCaseEventPublisher implements CaseEventPublisher {
  constructor(private readonly sns: SNSClient, private readonly topicArn: string) {}

  async publish(event: Parameters<CaseEventPublisher['publish']>[0]): Promise<void> {
    const attr = (value: string) => ({ DataType: 'String', StringValue: value });
    await this.sns.send(new PublishCommand({
      TopicArn: this.topicArn,
      Message: JSON.stringify(event),
      MessageAttributes: {
        event: attr(event.event), regency: attr(event.regency), category: attr(event.category), urgency: attr(event.urgency),
      },
    }));
  }
}
