import { randomInt, timingSafeEqual } from 'node:crypto';
import type { Official } from '../../domain/official.js';
import type { ConsoleSession } from './sessions-port.js';
import { checkPin, NOBODY } from '../../officials/check-pin.js';
import type { ConsoleDeps } from './deps.js';
import { hashOpaqueId, newOpaqueId, startSession } from './sessions.js';

// The session's part (checked on every request) lives in sessions.ts; its names stay importable from here.
export { credentialStamp, endSession, hashOpaqueId, newOpaqueId, resolveSession, SESSION_ABSOLUTE_MS, SESSION_IDLE_MS, startSession } from './sessions.js';

export const CODE_LIFETIME_MS = 5 * 60_000;
export const CODE_TRIES = 5;
/** Sign-in attempts per hour: per phone number (guessing one official's PIN) and per source address (trying many). */
export const SIGN_IN_PER_PHONE_PER_HOUR = 10;
export const SIGN_IN_PER_ADDRESS_PER_HOUR = 30;

export const signInCodeText = (code: string) =>
  `Kode masuk konsol PMI NTB: ${code}. Berlaku 5 menit. Jangan berikan kepada siapa pun, termasuk petugas.`;

export type StartSignInOutcome =
  /** The same for a code sent and for an unknown phone, a wrong PIN or a locked official. */
  | { kind: 'code_requested'; challengeId: string }
  | { kind: 'rate_limited' };

/**
 * Step one: phone and PIN. A right PIN sends a 6-digit code by SMS to the official's registered
 * phone; anything else answers the same, so the page tells a stranger nothing about who is
 * registered:
 * - every path verifies one PIN at the production cost (the one check, lib/officials/check-pin.ts),
 *   so it takes as long whether the number is unknown, locked, over its hourly limit or wrong;
 * - every path stores a challenge, so step two answers a wrong code the same way (tries left, then
 *   "start again") whatever step one was; a challenge without a right PIN holds no code anyone can type.
 * Wrong PINs here count at the console's own door: five pause PIN sign-in for that official (and
 * tell them and the level above), but never lock their SMS commands (issue 19, finding 1).
 */
export async function startSignIn(
  deps: Pick<ConsoleDeps, 'cases' | 'directory' | 'counters' | 'clock' | 'signIns' | 'cipher'>,
  input: { phone: string; pin: string; sourceAddress: string },
): Promise<StartSignInOutcome> {
  const now = deps.clock.now();
  const challengeId = newOpaqueId();
  const idHash = hashOpaqueId(challengeId);
  if ((await deps.counters.countHit('console-signin-addr', input.sourceAddress, 3600, now)) > SIGN_IN_PER_ADDRESS_PER_HOUR) return { kind: 'rate_limited' };
  const overPhoneLimit = (await deps.counters.countHit('console-signin-phone', input.phone, 3600, now)) > SIGN_IN_PER_PHONE_PER_HOUR;
  const official = await deps.directory.getOfficialByPhone(input.phone);
  // A registered number costs the index query and a consistent read of the official; an unknown one
  // reads too (an id nobody has), so the two take as long.
  if (!official) await deps.directory.getOfficial(NOBODY);
  // Over the phone's hourly limit the PIN is checked as for an unknown number: it costs the same and counts nothing.
  const check = await checkPin(deps, overPhoneLimit ? undefined : official, { door: 'console', pin: input.pin, attemptId: `signin.${idHash.slice(0, 24)}` });
  const signedIn = check.ok && official ? official : undefined;

  const code = String(randomInt(0, 1_000_000)).padStart(6, '0');
  const at = now.toISOString();
  await deps.signIns.putChallenge({
    kind: 'code', idHash, officialId: signedIn?.id ?? '',
    // Without a right PIN the hashed secret is not a 6-digit code, so no code typed in step two matches it.
    codeHash: deps.cipher.lookupHash(`${idHash}:${signedIn ? code : `none.${newOpaqueId()}`}`), tries: 0,
    expiresAt: new Date(now.getTime() + CODE_LIFETIME_MS).toISOString(),
  });
  if (signedIn) {
    // Through the outbox like every SMS: the stream sends it on the officials' route (SNS).
    await deps.cases.recordOnce(undefined, {
      messages: [{
        id: `signin.${idHash.slice(0, 24)}`, audience: 'official', to: signedIn.phone, officialId: signedIn.id,
        purpose: 'console_sign_in_code', text: signInCodeText(code), status: 'pending', attempts: 0, createdAt: at,
      }],
    });
  }
  return { kind: 'code_requested', challengeId };
}

export type VerifyCodeOutcome =
  | { kind: 'signed_in'; sessionId: string; session: ConsoleSession; official: Official }
  | { kind: 'wrong_code'; triesLeft: number }
  /** Expired, used up, unknown, or the official was disabled meanwhile: start again. */
  | { kind: 'start_again' };

export async function verifySignInCode(
  deps: Pick<ConsoleDeps, 'clock' | 'signIns' | 'cipher' | 'sessions' | 'directory'>,
  input: { challengeId: string; code: string },
): Promise<VerifyCodeOutcome> {
  const now = deps.clock.now();
  const idHash = hashOpaqueId(input.challengeId);
  const challenge = await deps.signIns.getChallenge(idHash);
  if (!challenge || challenge.kind !== 'code' || Date.parse(challenge.expiresAt) <= now.getTime()) return { kind: 'start_again' };
  const tries = await deps.signIns.countTry(idHash, CODE_TRIES);
  if (tries === undefined) return { kind: 'start_again' };
  const given = Buffer.from(deps.cipher.lookupHash(`${idHash}:${input.code}`));
  const expected = Buffer.from(challenge.codeHash);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
    if (tries >= CODE_TRIES) await deps.signIns.deleteChallenge(idHash);
    return tries >= CODE_TRIES ? { kind: 'start_again' } : { kind: 'wrong_code', triesLeft: CODE_TRIES - tries };
  }
  await deps.signIns.deleteChallenge(idHash);
  const official = await deps.directory.getOfficial(challenge.officialId);
  if (!official || !official.active || official.locked) return { kind: 'start_again' };
  return { kind: 'signed_in', official, ...(await startSession(deps, official)) };
}

