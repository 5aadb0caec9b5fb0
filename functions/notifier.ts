import { BatchProcessor, EventType, processPartialResponse } from '@aws-lambda-powertools/batch';
import type { Context, DynamoDBRecord, DynamoDBStreamEvent } from 'aws-lambda';
import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import middy from '@middy/core';
import { onCaseChanged } from '../lib/use-cases/case-changed.js';
import { deliverMessage } from '../lib/use-cases/deliver-message.js';
import { logger } from '../lib/logger.js';
import { runtime } from '../lib/wiring.js';

const processor = new BatchProcessor(EventType.DynamoDBStreams);

type Image = Record<string, AttributeValue> | undefined;

/**
 * The table stream drives every side effect: a new or changed case alerts officials and reporters
 * (by writing outbox messages), a new outbox message is sent. Each record succeeds or fails on its
 * own (partial batch response), so a poison record goes to the failure queue without blocking others.
 */
async function handleRecord(record: DynamoDBRecord): Promise<void> {
  const newImage = record.dynamodb?.NewImage as Image;
  const oldImage = record.dynamodb?.OldImage as Image;
  const sk = (newImage ?? oldImage)?.sk?.S;
  if (!newImage || record.eventName === 'REMOVE') return;

  if (sk === 'CASE') {
    const after = await runtime.store.decodeCase(runtime.store.decodeStreamImage(newImage));
    const before = oldImage ? await runtime.store.decodeCase(runtime.store.decodeStreamImage(oldImage)) : undefined;
    await onCaseChanged(runtime.deps, before, after);
    return;
  }
  if (sk === 'MSG' && record.eventName === 'INSERT') {
    const id = newImage.id?.S;
    if (!id) return;
    const outcome = await deliverMessage(runtime.deps, id);
    logger.info('outbox message', { messageId: id, outcome });
  }
}

export const handler = middy<DynamoDBStreamEvent, unknown>().handler((event: DynamoDBStreamEvent, context: Context) =>
  processPartialResponse(event, handleRecord, processor, { context }),
);
