/**
 * `npm start`: the whole system on this machine. DynamoDB Local (in memory, or on disk with
 * `--persist`), the table from the shared definition, the demo directory, the functions' handlers
 * made by the same factories as in AWS (lib/composition/local.ts) behind a local HTTP server, the
 * stream fed to the notifier, the scheduler on an interval.
 */
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { startDynamoLocal, ensureTable, LocalPrerequisiteError, type RunningDynamo } from './dynamo-local.js';
import { localDynamoClient } from '../adapters/dynamo/local-client.js';
import { ConfigurationError, parseConfig } from '../config.js';
import { composeLocal } from '../composition/local.js';
import { configureLogger, logger } from '../logger.js';
import { seedDemoDirectory } from './seed.js';
import { startLocalServer } from './server.js';
import { devRoutes } from './dev-routes.js';
import { extraDevRoutes } from './dev-pages.js';
import { httpRoutes, startSchedules, startStreamConsumers } from './triggers.js';
import { figuresDevRoutes } from './figures-dev.js';

/** A problem the person running `npm start` must fix: said in plain words, exit 1, no stack trace. */
function stopWith(error: unknown): never {
  if (error instanceof ConfigurationError || error instanceof LocalPrerequisiteError) {
    process.stderr.write(`npm start: ${error.message}\n`);
    process.exit(1);
  }
  throw error;
}

// The AWS SDK warns that its 2027 releases will need Node 22; Lambda runs Node 22 already, and
// locally the warning would only bury the start banner.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
const persist = process.argv.includes('--persist');
// Check the settings before starting Java, so that a bad one is named at once.
try { parseConfig({ ...process.env, STAGE: 'local' }); } catch (error) { stopWith(error); }
let dynamo: RunningDynamo;
try {
  dynamo = await startDynamoLocal(persist ? { dbPath: (mkdirSync('.data', { recursive: true }), resolve('.data')) } : {});
} catch (error) {
  stopWith(error);
}
// The environment as a Lambda would get it from CDK, plus what only this entry point knows: the
// stage, and the DynamoDB Local it just started. Read once; a bad value stops the start here.
const cfg = parseConfig({ ...process.env, STAGE: 'local', DYNAMODB_ENDPOINT: dynamo.endpoint });
configureLogger(cfg);
const system = await composeLocal(cfg);

// The stream poller's own client, as Lambda's event source mapping is not the functions' client.
const db = localDynamoClient(dynamo.endpoint);
await ensureTable(db, cfg.tableName);
await seedDemoDirectory(system.stores.directory, { whatsapp: cfg.local.demoOfficialsWhatsApp });

let ready = false;
// Every function's routes, stream mapping and schedule come from its manifest entry, as in the stack.
const server = await startLocalServer(cfg.port, {
  ...httpRoutes(system),
  dev: { ...devRoutes(system, { ready: () => ready }), ...extraDevRoutes(system), ...figuresDevRoutes(system, system.figures) },
});
const address = server.address();
const port = typeof address === 'object' && address ? address.port : cfg.port;

// Each stream consumer reads the table stream on its own, as its own event source mapping does in AWS.
const consumers = await startStreamConsumers(system, {
  endpoint: dynamo.endpoint, db, tableName: cfg.tableName,
  onDeadLetter: (name, record) => {
    system.metrics.count('DeadLetter');
    logger.error('stream record sent to dead-letter list', { consumer: name, keys: record.dynamodb?.Keys?.sk?.S });
  },
});
// In AWS an EventBridge rule runs the escalator every 5 minutes; locally every 5 seconds, so that
// `POST /dev/clock` makes deadlines pass within a demo.
const stopSchedules = startSchedules(system, (name, error) => logger.error('scheduled run failed', { function: name, errorName: error.name }));

ready = true;
const base = `http://127.0.0.1:${port}`;
// The console by host name: WebAuthn refuses an IP address as relying party, so passkeys need localhost.
const consoleBase = `http://localhost:${port}`;
const key = encodeURIComponent(system.callbackKey);
process.stdout.write(`
PMI hotline running locally (${persist ? 'data kept in .data/' : 'in memory'})
  Web form           ${base}/
  Phone simulator    ${base}/dev/phone
  AT SMS callback    POST ${base}/sms?key=${key}
  AT delivery        POST ${base}/sms/delivery?key=${key}
  AT USSD callback   POST ${base}/ussd?key=${key}
  WhatsApp webhook   GET|POST ${base}/whatsapp  (local demo app secret ${cfg.local.whatsappAppSecret}, verify token ${cfg.local.whatsappVerifyToken})
  Officials console   ${consoleBase}/console  (figures: ${consoleBase}/console/figures)
  Public figures     ${base}/statistik  (JSON: ${base}/statistik.json)
  Figures dashboard  ${base}/dev/dashboard  (local preview of the officials' view)
  Outbox (all SMS)   ${base}/dev/outbox
  Demo officials     ${base}/dev/officials
  Health             ${base}/healthz
  DynamoDB Local     ${dynamo.endpoint}  (npm run officials -- list --endpoint ${dynamo.endpoint})
Ctrl-C stops everything.
`);

let stopping = false;
async function shutdown(): Promise<void> {
  if (stopping) return;
  stopping = true;
  stopSchedules();
  server.close();
  server.closeAllConnections();
  await consumers.stop().catch(() => undefined);
  await dynamo.stop();
  process.exit(0);
}
process.on('SIGINT', () => void shutdown());
process.on('SIGTERM', () => void shutdown());
