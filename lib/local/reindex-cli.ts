/**
 * `npm run cases:reindex -- [--endpoint URL] [--table NAME] [--region R]`: gives cases stored before
 * the console's queue indexes and the cases-by-month index their entries (reindexCases). Run once
 * after deploying the console onto a table that already holds cases. One Scan of the table with the
 * operator's credentials (the functions cannot Scan); `--endpoint` talks to DynamoDB Local. Needs no
 * key: the entries come from non-personal attributes. Safe to run again: it writes only what is missing.
 */
import { parseArgs } from 'node:util';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { config } from '../config.js';
import { DynamoTable } from '../adapters/dynamo/table.js';
import { reindexCases } from '../adapters/dynamo/reindex-cases.js';
import { LOCAL_CREDENTIALS } from '../adapters/dynamo/local-client.js';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

const { values } = parseArgs({ options: { endpoint: { type: 'string' }, table: { type: 'string' }, region: { type: 'string' } } });
if (values.endpoint && !['127.0.0.1', 'localhost'].includes(new URL(values.endpoint).hostname)) {
  process.stderr.write('--endpoint is for DynamoDB Local on this machine\n');
  process.exit(2);
}
const cfg = config();
const db = new DynamoDBClient({ region: values.region ?? cfg.region, ...(values.endpoint ? { endpoint: values.endpoint, credentials: LOCAL_CREDENTIALS } : {}) });
const result = await reindexCases(new DynamoTable(db, values.table ?? cfg.tableName));
process.stdout.write(`Read ${result.cases} cases: ${result.updated} given their console queue and month index entries, ${result.changedMeanwhile} changed meanwhile (they carry them already).\n`);
db.destroy();
