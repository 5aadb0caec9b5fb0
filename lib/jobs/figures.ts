import { BatchProcessor, EventType, processPartialResponse } from '@aws-lambda-powertools/batch';
import type { Context, DynamoDBRecord, DynamoDBStreamEvent } from 'aws-lambda';
import middy from '@middy/core';
import { caseFactsOfRecord } from '../adapters/dynamo/stream-images.js';
import { updateFigures, type FiguresDeps } from '../figures/update-figures.js';
import { injectLambdaContext, logger } from '../logger.js';

/**
 * One table change, as the stream delivers it: the non-personal facts of a case created or changed
 * are read from the new image (nothing is decrypted) and move the figures; anything else is ignored.
 */
export async function updateFiguresFromRecord(deps: FiguresDeps, record: DynamoDBRecord): Promise<'applied' | 'stale' | 'ignored'> {
  const facts = caseFactsOfRecord(record);
  return facts ? updateFigures(deps, facts) : 'ignored';
}

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
