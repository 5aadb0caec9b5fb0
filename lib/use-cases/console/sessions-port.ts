/** A console session (the cookie's hashed id) and what it carries. */
export interface ConsoleSession {
  /** Hash of the opaque id in the cookie: the id itself is never stored. */
  idHash: string;
  officialId: string;
  /** Fingerprint of the official's credentials when the session began: a PIN reset or a disable ends it. */
  credentialStamp: string;
  csrfToken: string;
  createdAt: string;
  lastSeenAt: string;
  /** WebAuthn registration challenge while a passkey is being added. */
  passkeyChallenge?: string;
}

export interface SessionStore {
  createSession(session: ConsoleSession, expiresAt: Date): Promise<void>;
  getSession(idHash: string): Promise<ConsoleSession | undefined>;
  touchSession(idHash: string, lastSeenAt: string, expiresAt: Date): Promise<void>;
  setPasskeyChallenge(idHash: string, challenge: string | undefined): Promise<void>;
  deleteSession(idHash: string): Promise<void>;
}

export type SignInChallenge =
  | { kind: 'code'; idHash: string; officialId: string; codeHash: string; tries: number; expiresAt: string }
  | { kind: 'passkey'; idHash: string; challenge: string; expiresAt: string };

export interface SignInStore {
  putChallenge(challenge: SignInChallenge): Promise<void>;
  getChallenge(idHash: string): Promise<SignInChallenge | undefined>;
  /** Counts one try atomically; undefined when the tries are used up (or the challenge is gone). */
  countTry(idHash: string, maxTries: number): Promise<number | undefined>;
  deleteChallenge(idHash: string): Promise<void>;
}
