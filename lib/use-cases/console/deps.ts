import type { Policy } from '../../config.js';
import type { AccessLog, CaseReader, PasskeyStore, SessionStore, SignInStore } from '../../ports.js';
import type { CaseStore, Cipher, Clock, Directory, Metrics, Reporters } from '../../ports.js';

/** What the console's use cases may be given: the shared aggregates and the console's own; each takes what it uses. */
export interface ConsoleDeps {
  cases: CaseStore;
  directory: Directory;
  reporters: Reporters;
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
