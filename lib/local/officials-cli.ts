/**
 * `npm run officials -- add|list|disable|enable|set-pin ...`: manages the officials directory with the
 * same store the system uses. `--endpoint` talks to DynamoDB Local (the local demo keys); without it,
 * AWS credentials from the environment, the table from --table, and the KMS key and lookup-key secret
 * from the flags or the deployed configuration.
 */
import { parseArgs } from 'node:util';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { config } from '../config.js';
import { localStores } from '../composition/local.js';
import { awsStores } from '../composition/aws-stores.js';
import { CLI_OPTIONS, CliError, runOfficialsCommand, USAGE } from '../officials/cli.js';
import { LOCAL_CREDENTIALS } from '../adapters/dynamo/local-client.js';
import { DynamoPasskeyStore } from '../adapters/dynamo/passkeys.js';

// Operators run this on Node 20 too; the SDK's notice about its 2027 Node 22 requirement is noise here.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

async function readStdinLine(): Promise<string> {
  let data = '';
  for await (const chunk of process.stdin) {
    data += String(chunk);
    if (data.includes('\n')) break;
  }
  return data.split('\n')[0] ?? '';
}

async function buildStore(values: { endpoint?: string; table?: string; region?: string; 'kms-key'?: string; 'lookup-secret'?: string }) {
  const cfg = config();
  const region = values.region ?? cfg.region;
  const tableName = values.table ?? cfg.tableName;
  if (values.endpoint) {
    const host = new URL(values.endpoint).hostname;
    if (host !== '127.0.0.1' && host !== 'localhost') throw new CliError('--endpoint is for DynamoDB Local on this machine');
    const db = new DynamoDBClient({ endpoint: values.endpoint, region, credentials: LOCAL_CREDENTIALS });
    const { stores } = localStores({ ...cfg, tableName }, db);
    return { directory: stores.directory, passkeys: new DynamoPasskeyStore(stores.table) };
  }
  const kmsKey = values['kms-key'] ?? cfg.kmsKeyArn;
  const lookupSecret = values['lookup-secret'] ?? cfg.lookupKeySecretArn;
  if (!values.table || !kmsKey || !lookupSecret) throw new CliError('For AWS give --table, --kms-key and --lookup-secret (or use --endpoint for DynamoDB Local)');
  // The same store the functions build in AWS (lib/composition/aws-stores.ts).
  const stores = await awsStores({ region, tableName, kmsKeyArn: kmsKey, lookupKeySecretArn: lookupSecret });
  return { directory: stores.directory, passkeys: new DynamoPasskeyStore(stores.table) };
}

try {
  const argv = process.argv.slice(2);
  const { values } = parseArgs({ args: argv, options: CLI_OPTIONS, allowPositionals: true, strict: true });
  if (values.help || argv.length === 0) {
    process.stdout.write(`${USAGE}\n`);
  } else {
    const { directory, passkeys } = await buildStore(values);
    await runOfficialsCommand(directory, argv, { out: (line) => process.stdout.write(`${line}\n`), readPin: readStdinLine }, undefined, passkeys);
  }
} catch (error) {
  // Only our own messages and the error's class: an SDK error may echo request details.
  process.stderr.write(`${error instanceof CliError || (error instanceof TypeError && 'code' in error) ? error.message : `Failed: ${(error as Error).name}`}\n`);
  process.exitCode = 1;
}
