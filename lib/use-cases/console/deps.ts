import type { Policy } from '../../config.js';
import type { AccessLog } from '../../cases/access-log-port.js';
import type { CaseStore } from '../../cases/port.js';
import type { Cipher } from '../../cipher.js';
import type { Clock } from '../../clock.js';
import type { Metrics } from '../../metrics.js';
import type { PasskeyStore } from '../../officials/passkeys-port.js';
import type { Directory } from '../../officials/port.js';
import type { CaseReader } from './case-pages-port.js';
import type { SessionStore, SignInStore } from './sessions-port.js';
import type { Reporters } from '../reporters-port.js';
import type { RateCounter } from '../../rate-counter.js';

/** What the console's use cases may be given: the shared aggregates and the console's own; each takes what it uses. */
export interface ConsoleDeps {
  cases: CaseStore;
  directory: Directory;
  reporters: Reporters;
  counters: RateCounter;
  clock: Clock;
  policy: Policy;
  /** Operators' counts (AcknowledgedInTime/Late on a take). */
  metrics?: Metrics;
  cipher: Pick<Cipher, 'lookupHash'>;
  sessions: SessionStore;
  signIns: SignInStore;
  passkeys: PasskeyStore;
  accessLog: AccessLog;
  /** The console's reads: case pages and the queue. */
  casePages: CaseReader;
}
