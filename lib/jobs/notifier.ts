import { BatchProcessor, EventType, processPartialResponse } from '@aws-lambda-powertools/batch';
import type { Context, DynamoDBRecord, DynamoDBStreamEvent } from 'aws-lambda';
import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import middy from '@middy/core';
import { agentLinkChangeOfRecord } from '../adapters/dynamo/stream-images.js';
import type { Case } from '../domain/case.js';
import { reactToTableChange, type TableChange } from '../use-cases/react-to-table-change.js';
import { injectLambdaContext, logger } from '../logger.js';
import { updateAgentWatch, type AgentLinkChange, type AgentsPort } from '../figures/agent-watch.js';
import type { Deps } from '../use-cases/deps.js';

type Image = Record<string, AttributeValue>;

/** Turns a stream image back into a case (the case store, which owns the item format and the decryption). */
export interface StreamDecoder {
  decodeStreamImage(image: Image): Record<string, unknown>;
  decodeCase(item: Record<string, unknown>): Promise<Case>;
  /** What a changed item is, by its key: a case, an outbox message, or something the notifier ignores. */
  itemKind(image: Image): 'case' | 'message' | undefined;
}

export interface NotifierRuntime {
  deps: Parameters<typeof reactToTableChange>[0] & Pick<Deps, 'cases' | 'directory' | 'clock'>;
  /** Cases naming one agency or broker (issue 14); the watch sends SMS, so it runs here where the outbox is. */
  agents?: AgentsPort;
  decoder: StreamDecoder;
}

/** A stream record read once: the change the use cases take, and for a case what it means for the agent watch. */
export async function readTableChange(decoder: StreamDecoder, record: DynamoDBRecord): Promise<(TableChange & { agent?: AgentLinkChange }) | undefined> {
  const newImage = record.dynamodb?.NewImage as Image | undefined;
  const oldImage = record.dynamodb?.OldImage as Image | undefined;
  if (!newImage || record.eventName === 'REMOVE') return undefined;
  const kind = decoder.itemKind(newImage);
  if (kind === 'case') {
    const after = await decoder.decodeCase(decoder.decodeStreamImage(newImage));
    const before = oldImage ? await decoder.decodeCase(decoder.decodeStreamImage(oldImage)) : undefined;
    const agent = agentLinkChangeOfRecord(record);
    return { kind: 'case', after, ...(before ? { before } : {}), ...(agent ? { agent } : {}) };
  }
  if (kind === 'message' && record.eventName === 'INSERT' && newImage.id?.S) return { kind: 'message', id: newImage.id.S };
  return undefined;
}

/**
 * What the notifier does with one record: a new or changed case queues its alerts and reporter
 * updates, then the agent watch; a new outbox message is sent. Throws to have the record retried.
 */
export async function notifyTableChange(runtime: NotifierRuntime, record: DynamoDBRecord): Promise<void> {
  const change = await readTableChange(runtime.decoder, record);
  if (!change) return;
  const result = await reactToTableChange(runtime.deps, change);
  if (result.kind === 'message') logger.info('outbox message', { messageId: result.messageId, outcome: result.outcome });
  if (change.kind === 'case' && change.agent && runtime.agents) {
    const watch = await updateAgentWatch({ ...runtime.deps, agents: runtime.agents }, change.agent);
    if (watch === 'alerted') logger.info('agent alert queued');
  }
}

/**
 * The parts of one reply (an INFO's text SMS: `<id>.t1`, `<id>.t2`...) leave in the order they were
 * written when the stream hands them over in one batch; every other record runs in parallel. The
 * parts are numbered too ("1/3"), as nothing orders SMS across shards or networks.
 */
function inOrder(chains: Map<string, Promise<unknown>>, record: DynamoDBRecord, handle: (r: DynamoDBRecord) => Promise<void>): Promise<void> {
  const id = record.eventName === 'INSERT' ? (record.dynamodb?.NewImage as Record<string, { S?: string }> | undefined)?.id?.S : undefined;
  if (!id?.startsWith('official-reply.')) return handle(record);
  const key = id.replace(/\.t\d+$/, '');
  const previous = chains.get(key) ?? Promise.resolve();
  const run = previous.catch(() => undefined).then(() => handle(record));
  chains.set(key, run);
  return run;
}

/**
 * The table stream drives every side effect. Each record succeeds or fails on its own (partial
 * batch response), so a poison record is retried, then goes to the failure queue, without
 * blocking the others.
 */
export function createNotifierHandler(runtime: NotifierRuntime) {
  const processor = new BatchProcessor(EventType.DynamoDBStreams);
  const handleRecord = (record: DynamoDBRecord): Promise<void> => notifyTableChange(runtime, record);
  return middy<DynamoDBStreamEvent, unknown>()
    .use(injectLambdaContext(logger, { resetKeys: true }))
    .handler((event: DynamoDBStreamEvent, context: Context) => {
      const chains = new Map<string, Promise<unknown>>();
      return processPartialResponse(event, (record: DynamoDBRecord) => inOrder(chains, record, handleRecord), processor, { context });
    });
}
