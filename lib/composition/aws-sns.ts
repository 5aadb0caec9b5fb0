import { SNSClient } from '@aws-sdk/client-sns';
import type { Config } from '../config.js';
import { SnsCaseEventPublisher, SnsSmsSender } from '../adapters/sms/sns.js';
import type { SmsSender } from '../use-cases/outbox-port.js';
import type { CaseEventPublisher } from '../use-cases/deps.js';

/** Officials' alerts as SMS and case events for other systems, on one SNS client. */
export function snsPorts(cfg: Pick<Config, 'region' | 'snsSenderId' | 'eventsTopicArn'>): { official: SmsSender; events?: CaseEventPublisher } {
  const sns = new SNSClient({ region: cfg.region });
  return {
    official: new SnsSmsSender(sns, cfg.snsSenderId),
    ...(cfg.eventsTopicArn ? { events: new SnsCaseEventPublisher(sns, cfg.eventsTopicArn) } : {}),
  };
}
