import type { Policy } from '../../config.js';
import type { AccessLog, CaseReader, OfficialLookup, PasskeyStore, SessionStore, SignInStore } from '../../console/ports.js';
import type { Cipher, Clock, HotlineStore } from '../../ports.js';

/** What the console's use cases may be given; each takes only the parts it needs. */
export interface ConsoleDeps {
  store: HotlineStore;
  clock: Clock;
  policy: Policy;
  cipher: Pick<Cipher, 'lookupHash'>;
  sessions: SessionStore;
  signIns: SignInStore;
  passkeys: PasskeyStore;
  accessLog: AccessLog;
  cases: CaseReader;
  officials: OfficialLookup;
}
