import { BatchProcessor, EventType, processPartialResponse } from '@aws-lambda-powertools/batch';
import type { Context, DynamoDBRecord, DynamoDBStreamEvent } from 'aws-lambda';
import middy from '@middy/core';
import { reactToTableChange } from '../lib/use-cases/react-to-table-change.js';
import { logger } from '../lib/logger.js';
import { runtime } from '../lib/wiring.js';
import { updateAgentWatch } from '../lib/figures/agent-watch.js';
import { DynamoAgentsStore } from '../lib/adapters/dynamo/agents-store.js';

const processor = new BatchProcessor(EventType.DynamoDBStreams);
const agents = new DynamoAgentsStore(runtime.stores.table);

/**
 * The table stream drives every side effect. Each record succeeds or fails on its own (partial
 * batch response), so a poison record is retried, then goes to the failure queue, without
 * blocking the others.
 */
async function handleRecord(record: DynamoDBRecord): Promise<void> {
  const result = await reactToTableChange(runtime.deps, runtime.stores.cases, record);
  if (result.kind === 'message') logger.info('outbox message', { messageId: result.messageId, outcome: result.outcome });
  // The agent watch sends SMS, so it runs where the outbox is: here, after the case's own effects.
  if (result.kind === 'case') {
    const watch = await updateAgentWatch({ ...runtime.deps, agents }, record);
    if (watch === 'alerted') logger.info('agent alert queued');
  }
}

export const handler = middy<DynamoDBStreamEvent, unknown>().handler((event: DynamoDBStreamEvent, context: Context) =>
  processPartialResponse(event, handleRecord, processor, { context }),
);
