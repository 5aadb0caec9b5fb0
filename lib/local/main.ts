/**
 * `npm start`: the whole system on this machine. DynamoDB Local (in memory, or on disk with
 * `--persist`), the table from the shared definition, the demo directory, the same handler modules
 * as in AWS behind a local HTTP server, the stream fed to the notifier, the scheduler on an interval.
 */
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { localDynamoClient, startDynamoLocal, ensureTable } from './dynamo-local.js';
import { provideEnvironment } from '../config.js';

// The AWS SDK warns that its 2027 releases will need Node 22; Lambda runs Node 22 already, and
// locally the warning would only bury the start banner.
provideEnvironment({ AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' });
const persist = process.argv.includes('--persist');
const dynamo = await startDynamoLocal(persist ? { dbPath: (mkdirSync('.data', { recursive: true }), resolve('.data')) } : {});
// The config module reads the environment once, on first use: set what the local stage needs first.
provideEnvironment({ STAGE: 'local' });
provideEnvironment({ DYNAMODB_ENDPOINT: dynamo.endpoint }, { override: true });

const { runtime } = await import('../wiring.js');
const { seedDemoDirectory } = await import('./seed.js');
const { startLocalServer } = await import('./server.js');
const { devRoutes } = await import('./dev-routes.js');
const { extraDevRoutes } = await import('./dev-pages.js');
const { figuresDevRoutes } = await import('./figures-dev.js');
const { isFiguresRecord } = await import('../figures/stream-filter.js');
const { StreamPoller } = await import('./stream-poller.js');
const { isNotifierRecord } = await import('../adapters/dynamo/stream-filter.js');
const { localContext } = await import('./lambda-shim.js');
const { logger } = await import('../logger.js');
const [smsInbound, smsDelivery, ussd, web, notifier, escalator, consoleFn, figures] = await Promise.all([
  import('../../functions/sms-inbound.js'), import('../../functions/sms-delivery.js'), import('../../functions/ussd.js'),
  import('../../functions/web.js'), import('../../functions/notifier.js'), import('../../functions/escalator.js'),
  import('../../functions/console.js'), import('../../functions/figures.js'),
]);

const cfg = runtime.config;
const db = localDynamoClient(dynamo.endpoint);
await ensureTable(db, cfg.tableName);
await seedDemoDirectory(runtime.stores.directory);

let ready = false;
const route = (name: string, handler: unknown) => ({ name, handler: handler as never });
const server = await startLocalServer(cfg.port, {
  lambda: {
    'POST /sms': route('sms-inbound', smsInbound.handler),
    'POST /sms/delivery': route('sms-delivery', smsDelivery.handler),
    'POST /ussd': route('ussd', ussd.handler),
    'POST /ussd/events': route('ussd', ussd.handler),
    'GET /': route('web', web.handler),
    'POST /reports': route('web', web.handler),
    'GET /reports/done': route('web', web.handler),
    'GET /statistik': route('web', web.handler),
    'GET /statistik.json': route('web', web.handler),
  },
  lambdaPrefixes: { '/console': route('console', consoleFn.handler) },
  dev: { ...devRoutes(runtime, { ready: () => ready }), ...extraDevRoutes(runtime), ...figuresDevRoutes(runtime) },
});
const address = server.address();
const port = typeof address === 'object' && address ? address.port : cfg.port;

const deadLetters: unknown[] = [];
const poller = new StreamPoller({
  endpoint: dynamo.endpoint, db, tableName: cfg.tableName, accept: isNotifierRecord,
  deliver: (event) => (notifier.handler as unknown as (e: unknown, c: unknown) => Promise<never>)(event, localContext('notifier', 60_000)),
  onDeadLetter: (record) => {
    deadLetters.push(record.dynamodb?.Keys);
    logger.error('stream record sent to dead-letter list', { keys: record.dynamodb?.Keys?.sk?.S });
  },
});
await poller.start();
// The figures consumer reads the same stream on its own, as its own event source mapping does in AWS.
const figuresPoller = new StreamPoller({
  endpoint: dynamo.endpoint, db, tableName: cfg.tableName, accept: isFiguresRecord,
  deliver: (event) => (figures.handler as unknown as (e: unknown, c: unknown) => Promise<never>)(event, localContext('figures', 60_000)),
  onDeadLetter: (record) => logger.error('figures stream record sent to dead-letter list', { keys: record.dynamodb?.Keys?.sk?.S }),
});
await figuresPoller.start();

// In AWS an EventBridge rule runs the escalator every 5 minutes; locally every 5 seconds, so that
// `POST /dev/clock` makes deadlines pass within a demo.
const scheduler = setInterval(() => {
  (escalator.handler as unknown as (e: unknown, c: unknown) => Promise<unknown>)({}, localContext('escalator', 120_000))
    .catch((error: Error) => logger.error('scheduled run failed', { errorName: error.name }));
}, 5_000);

ready = true;
const base = `http://127.0.0.1:${port}`;
const key = encodeURIComponent(runtime.callbackKey);
process.stdout.write(`
PMI hotline running locally (${persist ? 'data kept in .data/' : 'in memory'})
  Web form           ${base}/
  Officials' console http://localhost:${port}/console  (sign in with a demo official: phone and PIN at /dev/officials, code in the outbox)
  Phone simulator    ${base}/dev/phone
  AT SMS callback    POST ${base}/sms?key=${key}
  AT delivery        POST ${base}/sms/delivery?key=${key}
  AT USSD callback   POST ${base}/ussd?key=${key}
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
  clearInterval(scheduler);
  server.close();
  server.closeAllConnections();
  await poller.stop().catch(() => undefined);
  await figuresPoller.stop().catch(() => undefined);
  await dynamo.stop();
  process.exit(0);
}
process.on('SIGINT', () => void shutdown());
process.on('SIGTERM', () => void shutdown());
