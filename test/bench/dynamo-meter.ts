import { AsyncLocalStorage } from 'node:async_hooks';
import { performance } from 'node:perf_hooks';
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';

export interface DynamoCall {
  label: string;
  command: string;
  start: number;
  end: number;
  /** Read or write units as DynamoDB reported them in ConsumedCapacity (TOTAL). */
  readUnits: number;
  writeUnits: number;
  /** False when the response carried no ConsumedCapacity (then the units above are 0, not guessed). */
  reported: boolean;
  failed: boolean;
}

export interface Scope {
  label: string;
  calls: DynamoCall[];
}

/** Commands that accept ReturnConsumedCapacity; control-plane calls (DescribeTable...) do not. */
const CAPACITY_COMMANDS = new Set([
  'GetItemCommand', 'PutItemCommand', 'UpdateItemCommand', 'DeleteItemCommand', 'QueryCommand', 'ScanCommand',
  'BatchGetItemCommand', 'BatchWriteItemCommand', 'TransactGetItemsCommand', 'TransactWriteItemsCommand',
]);
const READ_COMMANDS = new Set(['GetItemCommand', 'QueryCommand', 'ScanCommand', 'BatchGetItemCommand', 'TransactGetItemsCommand']);

interface Capacity { CapacityUnits?: number; ReadCapacityUnits?: number; WriteCapacityUnits?: number }

/**
 * Counts what the code under test really asks of DynamoDB: every command, its time as the SDK sees
 * it (serialisation, HTTP, retries) and the capacity DynamoDB says it consumed. Calls are attributed
 * to the operation running them through AsyncLocalStorage, so a stream poller running alongside
 * does not leak its calls into a request's figures.
 */
export class DynamoMeter {
  readonly calls: DynamoCall[] = [];
  private readonly scope = new AsyncLocalStorage<Scope>();

  attach(client: DynamoDBClient): void {
    client.middlewareStack.add(
      (next, context) => async (args) => {
        const command = context.commandName ?? 'unknown';
        const input = args.input as Record<string, unknown>;
        if (CAPACITY_COMMANDS.has(command)) input.ReturnConsumedCapacity = 'TOTAL';
        const start = performance.now();
        let failed = false;
        let capacity: Capacity | Capacity[] | undefined;
        try {
          const result = await next(args);
          capacity = (result.output as { ConsumedCapacity?: Capacity | Capacity[] }).ConsumedCapacity;
          return result;
        } catch (error) {
          failed = true;
          // A cancelled transaction still consumed capacity; the SDK puts it on the error when returned.
          capacity = (error as { ConsumedCapacity?: Capacity[] }).ConsumedCapacity;
          throw error;
        } finally {
          const end = performance.now();
          const list = capacity === undefined ? [] : Array.isArray(capacity) ? capacity : [capacity];
          const units = list.reduce((a, c) => a + (c.CapacityUnits ?? (c.ReadCapacityUnits ?? 0) + (c.WriteCapacityUnits ?? 0)), 0);
          const read = READ_COMMANDS.has(command);
          const scope = this.scope.getStore();
          const call: DynamoCall = {
            label: scope?.label ?? 'other', command: command.replace(/Command$/, ''), start, end,
            readUnits: read ? units : 0, writeUnits: read ? 0 : units, reported: capacity !== undefined, failed,
          };
          this.calls.push(call);
          scope?.calls.push(call);
        }
      },
      { step: 'initialize', name: 'benchDynamoMeter', override: true },
    );
  }

  /** Runs `fn` as one invocation of `label`; returns its wall time and the DynamoDB calls it made. */
  async measure<T>(label: string, fn: () => Promise<T>): Promise<{ result: T; wallMs: number; calls: DynamoCall[] }> {
    const scope: Scope = { label, calls: [] };
    const start = performance.now();
    const result = await this.scope.run(scope, fn);
    return { result, wallMs: performance.now() - start, calls: scope.calls };
  }
}
