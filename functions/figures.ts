import { BatchProcessor, EventType, processPartialResponse } from '@aws-lambda-powertools/batch';
import type { Context, DynamoDBRecord, DynamoDBStreamEvent } from 'aws-lambda';
import middy from '@middy/core';
import { updateFiguresFromRecord } from '../lib/figures/update-figures.js';
import { figuresRuntime } from '../lib/figures/runtime.js';

const processor = new BatchProcessor(EventType.DynamoDBStreams);

/**
 * The figures consumer: every case created or changed moves the counters.
 * Its own event source mapping on the table stream, so figures never hold up an alert and an alert
 * failure never holds up figures. Each record succeeds or fails on its own (partial batch response).
 */
async function handleRecord(record: DynamoDBRecord): Promise<void> {
  const deps = figuresRuntime();
  await updateFiguresFromRecord(deps, record);
}

export const handler = middy<DynamoDBStreamEvent, unknown>().handler((event: DynamoDBStreamEvent, context: Context) =>
  processPartialResponse(event, handleRecord, processor, { context }),
);
