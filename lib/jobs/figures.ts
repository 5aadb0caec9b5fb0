import { BatchProcessor, EventType, processPartialResponse } from '@aws-lambda-powertools/batch';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import type { Context, DynamoDBRecord, DynamoDBStreamEvent } from 'aws-lambda';
import middy from '@middy/core';
import { updateFiguresFromRecord, type FiguresDeps } from '../figures/update-figures.js';
import { logger } from '../logger.js';

/**
 * The figures consumer: every case created or changed moves the counters. Its own event source
 * mapping on the table stream, so figures never hold up an alert and an alert failure never holds
 * up figures. Each record succeeds or fails on its own (partial batch response).
 */
export function createFiguresHandler(deps: FiguresDeps) {
  const processor = new BatchProcessor(EventType.DynamoDBStreams);
  const handleRecord = async (record: DynamoDBRecord): Promise<void> => { await updateFiguresFromRecord(deps, record); };
  return middy<DynamoDBStreamEvent, unknown>()
    .use(injectLambdaContext(logger, { resetKeys: true }))
    .handler((event: DynamoDBStreamEvent, context: Context) => processPartialResponse(event, handleRecord, processor, { context }));
}
