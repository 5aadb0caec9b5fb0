import {
  DescribeStreamCommand, DynamoDBStreamsClient, GetRecordsCommand, GetShardIteratorCommand,
  type _Record as StreamRecord,
} from '@aws-sdk/client-dynamodb-streams';
import { DescribeTableCommand, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { DynamoDBBatchResponse, DynamoDBRecord, DynamoDBStreamEvent } from 'aws-lambda';
import { LOCAL_CREDENTIALS, LOCAL_REGION } from '../adapters/dynamo/local-client.js';

export interface PollerOptions {
  /** The consumer's name, for messages (`notifier`, `figures`). */
  name?: string;
  endpoint: string;
  db: DynamoDBClient;
  tableName: string;
  /** Called like Lambda calls the notifier: a batch in, batch item failures out. */
  deliver: (event: DynamoDBStreamEvent) => Promise<DynamoDBBatchResponse | void>;
  /** Same filter as the event source mapping in the CDK stack. */
  accept: (record: DynamoDBRecord) => boolean;
  intervalMs?: number;
  batchSize?: number;
  maxRetries?: number;
  onDeadLetter?: (record: DynamoDBRecord, attempts: number) => void;
}

/**
 * Feeds DynamoDB Local's stream to the notifier in Lambda's DynamoDBStreamEvent shape, with Lambda's
 * semantics for partial failures: the batch is retried from the first failed record (bounded), then
 * that record goes to the dead-letter callback and the rest flow on.
 */
export class StreamPoller {
  private readonly streams: DynamoDBStreamsClient;
  private readonly iterators = new Map<string, string | undefined>();
  /** The last sequence number read per shard: where a replaced iterator starts again. */
  private readonly lastSequence = new Map<string, string>();
  private readonly queue: Array<{ record: DynamoDBRecord; attempts: number }> = [];
  private running = false;
  private loop?: Promise<void>;
  private streamArn?: string;
  /** Resolves when everything read so far has been delivered (tests and benchmarks wait on it). */
  private idleWaiters: Array<() => void> = [];
  private lastActivity = Date.now();
  /**
   * Polls begun so far. settled() trusts only a poll begun after it was called: one that read the
   * stream just before a test's write, and ended 400 ms later on a starved machine, would otherwise
   * count as quiet without having seen that write.
   */
  private polls = 0;
  /** The batch being delivered now and since when (named when settled() gives up). */
  private inDelivery?: { records: DynamoDBRecord[]; since: number };

  constructor(private readonly options: PollerOptions) {
    this.streams = new DynamoDBStreamsClient({ endpoint: options.endpoint, region: LOCAL_REGION, credentials: LOCAL_CREDENTIALS });
  }

  async start(): Promise<void> {
    const table = await this.options.db.send(new DescribeTableCommand({ TableName: this.options.tableName }));
    this.streamArn = table.Table?.LatestStreamArn;
    if (!this.streamArn) throw new Error('Table has no stream');
    await this.refreshShards('LATEST');
    this.running = true;
    this.loop = this.run();
  }

  async stop(): Promise<void> {
    this.running = false;
    await this.loop;
    this.streams.destroy();
  }

  private async refreshShards(position: 'LATEST' | 'TRIM_HORIZON'): Promise<void> {
    const out = await this.streams.send(new DescribeStreamCommand({ StreamArn: this.streamArn }));
    for (const shard of out.StreamDescription?.Shards ?? []) {
      if (!shard.ShardId || this.iterators.has(shard.ShardId)) continue;
      const it = await this.streams.send(new GetShardIteratorCommand({
        StreamArn: this.streamArn, ShardId: shard.ShardId,
        // Shards found after start are new: read them from their beginning so nothing is missed.
        ShardIteratorType: shard.SequenceNumberRange?.EndingSequenceNumber && position === 'LATEST' ? 'LATEST' : position,
      }));
      this.iterators.set(shard.ShardId, it.ShardIterator);
    }
  }

  private async run(): Promise<void> {
    const interval = this.options.intervalMs ?? 50;
    let sinceRefresh = 0;
    while (this.running) {
      this.polls++;
      try {
        if (sinceRefresh++ > 20) { await this.refreshShards('TRIM_HORIZON'); sinceRefresh = 0; }
        for (const [shardId, iterator] of this.iterators) {
          if (!iterator) continue;
          const out = await this.readShard(shardId, iterator);
          if (!out) continue;
          this.iterators.set(shardId, out.NextShardIterator);
          for (const r of out.Records ?? []) {
            if (r.dynamodb?.SequenceNumber) this.lastSequence.set(shardId, r.dynamodb.SequenceNumber);
            const record = toLambdaRecord(r, this.streamArn!);
            if (this.options.accept(record)) this.queue.push({ record, attempts: 0 });
          }
          if (out.Records?.length) this.lastActivity = Date.now();
        }
        const delivering = this.queue.length > 0;
        await this.drain();
        // Delivering writes what the next poll reads (a case queues messages): quiet counts from its end.
        if (delivering) this.lastActivity = Date.now();
      } catch (error) {
        if (!this.running) break;
        process.stderr.write(`stream poller: ${(error as Error).name}\n`);
      }
      if (this.queue.length === 0) this.idleWaiters.splice(0).forEach((w) => w());
      await new Promise((r) => setTimeout(r, interval));
    }
  }

  /**
   * One GetRecords on a shard. An iterator DynamoDB Local no longer honours (TrimmedDataAccessException,
   * ExpiredIteratorException: seen when two test files share it on a loaded machine) is replaced, as
   * Lambda's event source mapping does, by one just after the last record read on that shard (or from
   * the trim horizon if none was read), so the poller goes on instead of retrying a dead iterator
   * forever; the consumers are idempotent, so a record read twice changes nothing.
   */
  private async readShard(shardId: string, iterator: string) {
    try {
      return await this.streams.send(new GetRecordsCommand({ ShardIterator: iterator, Limit: 100 }));
    } catch (error) {
      const name = (error as Error).name;
      if (name !== 'TrimmedDataAccessException' && name !== 'ExpiredIteratorException') throw error;
      process.stderr.write(`stream poller: ${name}, reading on from the last record seen\n`);
      const last = this.lastSequence.get(shardId);
      const fresh = await this.streams.send(new GetShardIteratorCommand({
        StreamArn: this.streamArn, ShardId: shardId,
        ...(last ? { ShardIteratorType: 'AFTER_SEQUENCE_NUMBER', SequenceNumber: last } : { ShardIteratorType: 'TRIM_HORIZON' }),
      })).catch(() => this.streams.send(new GetShardIteratorCommand({ StreamArn: this.streamArn, ShardId: shardId, ShardIteratorType: 'TRIM_HORIZON' })));
      this.iterators.set(shardId, fresh.ShardIterator);
      // Nothing was read on this shard: settled() must wait for a poll on the new iterator.
      this.lastActivity = Date.now();
      return undefined;
    }
  }

  private async drain(): Promise<void> {
    const batchSize = this.options.batchSize ?? 25;
    const maxRetries = this.options.maxRetries ?? 3;
    while (this.queue.length && this.running) {
      const batch = this.queue.slice(0, batchSize);
      let response: DynamoDBBatchResponse | void;
      this.inDelivery = { records: batch.map((b) => b.record), since: Date.now() };
      try {
        response = await this.options.deliver({ Records: batch.map((b) => b.record) });
      } catch {
        response = { batchItemFailures: [{ itemIdentifier: batch[0]!.record.dynamodb!.SequenceNumber! }] };
      } finally {
        this.inDelivery = undefined;
      }
      const failed = new Set((response?.batchItemFailures ?? []).map((f) => f.itemIdentifier));
      const firstFailed = batch.findIndex((b) => failed.has(b.record.dynamodb!.SequenceNumber!));
      if (firstFailed === -1) { this.queue.splice(0, batch.length); continue; }
      this.queue.splice(0, firstFailed);
      const head = this.queue[0]!;
      head.attempts++;
      if (head.attempts > maxRetries) {
        this.queue.shift();
        this.options.onDeadLetter?.(head.record, head.attempts);
        continue;
      }
      // Lambda retries from the failed record after a pause; so do we (and stop draining for now).
      await new Promise((r) => setTimeout(r, 200 * head.attempts));
      return;
    }
  }

  /**
   * Waits until the stream has gone quiet: nothing queued and no record read for `quietMs`.
   * Side effects come in hops (a case queues messages, which are then sent), so one empty poll is not
   * enough. Past `timeoutMs` it rejects, naming what was still pending: a test must not go on to
   * assert against half-finished work and fail somewhere else with a wrong value.
   */
  async settled(quietMs = 400, timeoutMs = 10_000): Promise<void> {
    const started = Date.now();
    const pollsBefore = this.polls;
    await new Promise<void>((resolve, reject) => {
      let waiter: (() => void) | undefined;
      const timer = setTimeout(() => {
        this.idleWaiters = this.idleWaiters.filter((w) => w !== waiter);
        reject(new Error(this.pendingReport(timeoutMs)));
      }, timeoutMs);
      const wait = () => {
        waiter = () => {
          const quiet = this.polls > pollsBefore && Date.now() - Math.max(this.lastActivity, started) >= quietMs && this.queue.length === 0;
          if (quiet) { clearTimeout(timer); resolve(); } else wait();
        };
        this.idleWaiters.push(waiter);
      };
      wait();
    });
  }

  /** What kept the stream from settling, by item keys (ids and item kinds, never an item's content). */
  private pendingReport(timeoutMs: number): string {
    const describe = (record: DynamoDBRecord, attempts?: number) => {
      const keys = record.dynamodb?.Keys as Record<string, { S?: string }> | undefined;
      return `${record.eventName} ${keys?.pk?.S ?? '?'}/${keys?.sk?.S ?? '?'}${attempts ? ` (${attempts} failed attempts)` : ''}`;
    };
    const parts: string[] = [];
    if (!this.running) parts.push('the poller is not running');
    if (this.inDelivery) parts.push(`a batch in delivery for ${Date.now() - this.inDelivery.since} ms: ${this.inDelivery.records.slice(0, 5).map((r) => describe(r)).join(', ')}`);
    if (this.queue.length) parts.push(`${this.queue.length} record(s) queued: ${this.queue.slice(0, 5).map((q) => describe(q.record, q.attempts)).join(', ')}${this.queue.length > 5 ? ', ...' : ''}`);
    if (!parts.length) parts.push(`records still arriving (last read ${Date.now() - this.lastActivity} ms ago)`);
    return `${this.options.name ?? 'stream'} consumer not settled after ${timeoutMs} ms: ${parts.join('; ')}`;
  }
}

function toLambdaRecord(r: StreamRecord, streamArn: string): DynamoDBRecord {
  const d = r.dynamodb!;
  return {
    eventID: r.eventID, eventName: r.eventName as DynamoDBRecord['eventName'], eventVersion: r.eventVersion,
    eventSource: 'aws:dynamodb', awsRegion: r.awsRegion, eventSourceARN: streamArn,
    dynamodb: {
      ApproximateCreationDateTime: d.ApproximateCreationDateTime ? Math.floor(d.ApproximateCreationDateTime.getTime() / 1000) : undefined,
      Keys: d.Keys as never, NewImage: d.NewImage as never, OldImage: d.OldImage as never,
      SequenceNumber: d.SequenceNumber, SizeBytes: d.SizeBytes, StreamViewType: d.StreamViewType as never,
    },
  };
}
