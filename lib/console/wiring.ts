import type { Policy } from '../config.js';
import type { Clock } from '../clock.js';
import type { Metrics } from '../metrics.js';
import { DynamoAccessLog } from '../adapters/dynamo/access-log.js';
import { DynamoCaseReader } from '../adapters/dynamo/case-pages.js';
import { DynamoPasskeyStore } from '../adapters/dynamo/passkeys.js';
import { DynamoSessionStore } from '../adapters/dynamo/sessions.js';
import { DynamoSignInStore } from '../adapters/dynamo/sign-ins.js';
import type { DynamoStores } from '../adapters/dynamo/stores.js';
import type { ConsoleDeps } from '../use-cases/console/deps.js';
import { DynamoReads } from '../adapters/dynamo/reads.js';
import { watchedAccessLog } from '../use-cases/reader-watch.js';

/** The console's ports on the one table: used by functions/console.ts, the tests and the bench alike. */
export function consoleDeps(parts: { stores: DynamoStores; clock: Clock; policy: Policy; metrics?: Metrics }): ConsoleDeps {
  const { stores } = parts;
  const { cipher } = stores;
  return {
    cases: stores.cases, directory: stores.directory, reporters: stores.reporters, counters: stores.counters,
    clock: parts.clock, policy: parts.policy, cipher, ...(parts.metrics ? { metrics: parts.metrics } : {}),
    sessions: new DynamoSessionStore(stores.table), signIns: new DynamoSignInStore(stores.table), passkeys: new DynamoPasskeyStore(stores.table),
    // Every view goes through the reader watch (more than READER_ALERT_CASES cases an hour alerts BP3MI).
    accessLog: watchedAccessLog(new DynamoAccessLog(stores.table, cipher), {
      reads: new DynamoReads(stores.table), directory: stores.directory, cases: stores.cases, clock: parts.clock, policy: parts.policy,
    }),
    casePages: new DynamoCaseReader(stores.table, cipher, stores.cases),
  };
}
