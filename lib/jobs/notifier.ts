import { BatchProcessor, EventType, processPartialResponse } from '@aws-lambda-powertools/batch';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import type { Context, DynamoDBRecord, DynamoDBStreamEvent } from 'aws-lambda';
import middy from '@middy/core';
import { reactToTableChange, type StreamDecoder } from '../use-cases/react-to-table-change.js';
import { logger } from '../logger.js';
import { updateAgentWatch, type AgentsPort } from '../figures/agent-watch.js';
import type { Deps } from '../use-cases/deps.js';

export interface NotifierRuntime {
  deps: Parameters<typeof reactToTableChange>[0] & Pick<Deps, 'cases' | 'directory' | 'clock'>;
  /** Cases naming one agency or broker (issue 14); the watch sends SMS, so it runs here where the outbox is. */
  agents?: AgentsPort;
  /** Turns stream images into cases: the store, which owns the item format. */
  decoder: StreamDecoder;
}

/**
 * The table stream drives every side effect. Each record succeeds or fails on its own (partial
 * batch response), so a poison record is retried, then goes to the failure queue, without
 * blocking the others.
 */
export function createNotifierHandler(runtime: NotifierRuntime) {
  const processor = new BatchProcessor(EventType.DynamoDBStreams);
  async function handleRecord(record: DynamoDBRecord): Promise<void> {
    const result = await reactToTableChange(runtime.deps, runtime.decoder, record);
    if (result.kind === 'message') logger.info('outbox message', { messageId: result.messageId, outcome: result.outcome });
    if (result.kind === 'case' && runtime.agents) {
      const watch = await updateAgentWatch({ ...runtime.deps, agents: runtime.agents }, record);
      if (watch === 'alerted') logger.info('agent alert queued');
    }
  }
  return middy<DynamoDBStreamEvent, unknown>()
    .use(injectLambdaContext(logger, { resetKeys: true }))
    .handler((event: DynamoDBStreamEvent, context: Context) => processPartialResponse(event, handleRecord, processor, { context }));
}
