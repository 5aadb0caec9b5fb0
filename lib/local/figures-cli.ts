/**
 * `npm run figures:rebuild -- [--from YYYY-MM] [--to YYYY-MM] [--endpoint URL] [--table NAME] [--region R]`:
 * recounts the figures from the cases, month by month through the cases-by-month index (one Query
 * per month, never a Scan), and replaces the counters. `--endpoint` talks to DynamoDB Local; without
 * it, AWS credentials from the environment. Needs no key: figures read no personal field.
 * Pause the figures consumer (disable its event source mapping) while it runs.
 */
import { parseArgs } from 'node:util';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { config } from '../config.js';
import { DynamoTable } from '../adapters/dynamo/table.js';
import { DynamoFiguresStore } from '../adapters/dynamo/figures-store.js';
import { monthOf } from '../figures/contribution.js';
import { rebuildFigures } from '../figures/update-figures.js';
import { LOCAL_CREDENTIALS } from '../adapters/dynamo/local-client.js';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

const { values } = parseArgs({
  options: {
    from: { type: 'string', default: '2025-09' }, // the hotline was announced in September 2025
    to: { type: 'string' }, endpoint: { type: 'string' }, table: { type: 'string' }, region: { type: 'string' },
  },
});
const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;
const to = values.to ?? monthOf(new Date().toISOString());
if (!MONTH.test(values.from!) || !MONTH.test(to) || values.from! > to) {
  process.stderr.write('Usage: npm run figures:rebuild -- [--from YYYY-MM] [--to YYYY-MM] [--endpoint http://127.0.0.1:PORT] [--table NAME]\n');
  process.exit(2);
}
const cfg = config();
if (values.endpoint && !['127.0.0.1', 'localhost'].includes(new URL(values.endpoint).hostname)) {
  process.stderr.write('--endpoint is for DynamoDB Local on this machine\n');
  process.exit(2);
}
const db = new DynamoDBClient({ region: values.region ?? cfg.region, ...(values.endpoint ? { endpoint: values.endpoint, credentials: LOCAL_CREDENTIALS } : {}) });
const result = await rebuildFigures({ figures: new DynamoFiguresStore(new DynamoTable(db, values.table ?? cfg.tableName)), policy: cfg.policy }, values.from!, to);
process.stdout.write(`Rebuilt figures of ${result.months} months from ${result.cases} cases (${values.from} to ${to}).\n`);
db.destroy();
