import { createHash, randomBytes } from 'node:crypto';
import type { Official } from '../../domain/official.js';
import type { ConsoleSession } from './sessions-port.js';
import type { ConsoleDeps } from './deps.js';

/**
 * A console session: started by a sign-in (SMS code or passkey), checked on every signed-in request,
 * ended by signing out. Apart from the sign-in steps (sign-in.ts, passkeys.ts) because every request
 * checks a session and a cold start should not load the PIN check and the SMS texts with it.
 */
export const SESSION_IDLE_MS = 30 * 60_000;
export const SESSION_ABSOLUTE_MS = 12 * 3600_000;
/** A session's last-seen time is written at most this often: one write per minute, not per page. */
const TOUCH_EVERY_MS = 60_000;

/** Opaque ids (session, sign-in) are 256 random bits; only their SHA-256 is stored. */
export const newOpaqueId = () => randomBytes(32).toString('base64url');
export const hashOpaqueId = (id: string) => createHash('sha256').update(id).digest('base64url');

/**
 * Changes when the official's PIN is reset or the official is disabled or enabled: a session holding
 * an older stamp is over at once.
 */
export function credentialStamp(o: Pick<Official, 'pinHash' | 'active'>): string {
  return createHash('sha256').update(`${o.pinHash ?? ''}|${o.active ? 1 : 0}`).digest('base64url').slice(0, 22);
}

export async function startSession(
  deps: Pick<ConsoleDeps, 'clock' | 'sessions'>,
  official: Official,
): Promise<{ sessionId: string; session: ConsoleSession }> {
  const now = deps.clock.now();
  const sessionId = newOpaqueId();
  const at = now.toISOString();
  const session: ConsoleSession = {
    idHash: hashOpaqueId(sessionId), officialId: official.id, credentialStamp: credentialStamp(official),
    csrfToken: randomBytes(24).toString('base64url'), createdAt: at, lastSeenAt: at,
  };
  await deps.sessions.createSession(session, sessionExpiry(session, now));
  return { sessionId, session };
}

/** When the item may go (TTL): the earlier of the idle and the absolute limit. */
function sessionExpiry(s: Pick<ConsoleSession, 'createdAt'>, lastSeen: Date): Date {
  return new Date(Math.min(lastSeen.getTime() + SESSION_IDLE_MS, Date.parse(s.createdAt) + SESSION_ABSOLUTE_MS));
}

/**
 * The official behind a session cookie, or undefined: unknown, idle over 30 minutes, older than 12
 * hours (TTL deletion lags, so the times are checked here), or the official disabled, locked or
 * given a new PIN since.
 */
export async function resolveSession(
  deps: Pick<ConsoleDeps, 'clock' | 'sessions' | 'directory'>,
  sessionId: string,
): Promise<{ session: ConsoleSession; official: Official } | undefined> {
  if (sessionId.length < 32 || sessionId.length > 64) return undefined;
  const now = deps.clock.now();
  const idHash = hashOpaqueId(sessionId);
  const session = await deps.sessions.getSession(idHash);
  if (!session) return undefined;
  const idle = now.getTime() - Date.parse(session.lastSeenAt) > SESSION_IDLE_MS;
  const old = now.getTime() - Date.parse(session.createdAt) > SESSION_ABSOLUTE_MS;
  if (idle || old) {
    await deps.sessions.deleteSession(idHash);
    return undefined;
  }
  const official = await deps.directory.getOfficial(session.officialId);
  // BP3MI may end an official's sessions from the console (the reader alert): those begun before are over.
  const ended = official?.sessionsEndedAt !== undefined && session.createdAt <= official.sessionsEndedAt;
  if (!official || !official.active || official.locked || ended || credentialStamp(official) !== session.credentialStamp) {
    await deps.sessions.deleteSession(idHash);
    return undefined;
  }
  if (now.getTime() - Date.parse(session.lastSeenAt) > TOUCH_EVERY_MS) {
    await deps.sessions.touchSession(idHash, now.toISOString(), sessionExpiry(session, now));
  }
  return { session, official };
}

export async function endSession(deps: Pick<ConsoleDeps, 'sessions'>, sessionId: string): Promise<void> {
  await deps.sessions.deleteSession(hashOpaqueId(sessionId));
}
