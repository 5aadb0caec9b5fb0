import { GetItemCommand } from '@aws-sdk/client-dynamodb';
import type { BenchSystem } from './system.js';
import { median, percentile } from './stats.js';

/**
 * The DynamoDB floor: one GetItem round trip to DynamoDB Local on loopback (a key that is not there),
 * measured right before a measurement that waits on DynamoDB, on the bench's own client. Handler
 * latencies are judged as multiples of it: DynamoDB Local (one Java process) and node share the two
 * cores with whatever else runs, so a slow minute slows the floor and the measurement alike, while a
 * real regression (more requests, more work per request) moves only the measurement.
 */
export async function dynamoFloor(sys: BenchSystem, samples = 60): Promise<{ medianMs: number; p95Ms: number; samples: number[] }> {
  const times: number[] = [];
  for (let i = 0; i < samples; i++) {
    const t0 = performance.now();
    await sys.db.send(new GetItemCommand({ TableName: sys.tableName, Key: { pk: { S: `FLOOR#${i}` }, sk: { S: 'FLOOR' } } }));
    times.push(performance.now() - t0);
  }
  // The first few round trips warm the connection; the median is past them.
  return { medianMs: median(times), p95Ms: percentile(times, 95), samples: times };
}
