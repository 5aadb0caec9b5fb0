import type { DynamoDBRecord } from 'aws-lambda';
import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import type { Case } from '../domain/case.js';
import { onCaseChanged } from './case-changed.js';
import { deliverMessage } from './deliver-message.js';
import type { Deps } from './deps.js';

type Image = Record<string, AttributeValue> | undefined;

/** Turns a stream image back into a case (the store owns the item format and the decryption). */
export interface StreamDecoder {
  decodeStreamImage(image: Record<string, AttributeValue>): Record<string, unknown>;
  decodeCase(item: Record<string, unknown>): Promise<Case>;
  /** What a changed item is, by its key: a case, an outbox message, or something the notifier ignores. */
  itemKind(image: Record<string, AttributeValue>): 'case' | 'message' | undefined;
}

/**
 * One committed table change, as the stream delivers it: a new or changed case queues alerts and
 * reporter updates (as outbox messages), a new outbox message is sent. Throws to have the record retried.
 */
export async function reactToTableChange(
  deps: Pick<Deps, 'cases' | 'outbox' | 'directory' | 'reporters' | 'counters' | 'clock' | 'senders' | 'events' | 'policy' | 'metrics'>,
  decoder: StreamDecoder,
  record: DynamoDBRecord,
): Promise<{ kind: 'case' | 'message' | 'ignored'; outcome?: string; messageId?: string }> {
  const newImage = record.dynamodb?.NewImage as Image;
  const oldImage = record.dynamodb?.OldImage as Image;
  if (!newImage || record.eventName === 'REMOVE') return { kind: 'ignored' };
  const kind = decoder.itemKind(newImage);
  if (kind === 'case') {
    const after = await decoder.decodeCase(decoder.decodeStreamImage(newImage));
    const before = oldImage ? await decoder.decodeCase(decoder.decodeStreamImage(oldImage)) : undefined;
    await onCaseChanged(deps, before, after);
    return { kind: 'case' };
  }
  if (kind === 'message' && record.eventName === 'INSERT' && newImage.id?.S) {
    const outcome = await deliverMessage(deps, newImage.id.S);
    return { kind: 'message', outcome, messageId: newImage.id.S };
  }
  return { kind: 'ignored' };
}
