import type {
  AuthenticationResponseJSON, PublicKeyCredentialCreationOptionsJSON, PublicKeyCredentialRequestOptionsJSON, RegistrationResponseJSON,
} from '@simplewebauthn/server';
import type { Official } from '../../domain/official.js';
import type { Passkey } from '../../officials/passkeys-port.js';
import type { ConsoleSession } from './sessions-port.js';
import { CODE_LIFETIME_MS, credentialStamp, hashOpaqueId, newOpaqueId, startSession } from './sign-in.js';
import type { ConsoleDeps } from './deps.js';

/**
 * @simplewebauthn/server (with its ASN.1 and X.509 parsers, a fifth of the console's bundle) is loaded
 * on the first passkey request, not at the console's cold start: most console requests never touch a
 * passkey, and evaluating it at init cost the console ~10 ms of every cold start (`npm run bench`).
 */
const webauthn = () => import('@simplewebauthn/server');

/** An official has at most this many passkeys: a stolen session cannot plant an unbounded number. */
export const MAX_PASSKEYS = 10;
/** Anonymous passkey sign-in starts per source address and hour: each stores a challenge for five minutes. */
export const PASSKEY_OPTIONS_PER_ADDRESS_PER_HOUR = 30;

/**
 * Passkeys (WebAuthn, verified by @simplewebauthn/server): an official who signed in with PIN and
 * SMS code may add one, and from then on sign in with it alone. The SMS code stays the fallback.
 * Discoverable credentials, so signing in needs no phone number typed first.
 *
 * A passkey is bound to the official's credentials as they were when it was added (the session's
 * credential stamp: PIN hash and active flag): after a PIN reset or a disable it signs nobody in,
 * even before `npm run officials -- set-pin|disable` has removed it. User verification (the
 * device's PIN or biometrics) is required at creation and at every sign-in: a passkey alone, on a
 * device left unlocked, is not enough.
 */
export interface RelyingParty {
  name: string;
  /** The console's host name (WebAuthn: an IP address is not a valid RP ID; locally use localhost). */
  id: string;
  origin: string;
}

export const passkeyAddedText = (at: string) =>
  `Konsol PMI NTB: passkey baru ditambahkan ke akun Anda (${at} UTC). Bukan Anda? Minta reset PIN ke admin; reset PIN menghapus semua passkey.`;
export const passkeyRemovedText = (at: string) =>
  `Konsol PMI NTB: sebuah passkey dihapus dari akun Anda (${at} UTC). Bukan Anda? Minta reset PIN ke admin.`;

export type RegistrationOptionsOutcome = { kind: 'options'; options: PublicKeyCredentialCreationOptionsJSON } | { kind: 'too_many' };

export async function passkeyRegistrationOptions(
  deps: Pick<ConsoleDeps, 'passkeys' | 'sessions'>,
  rp: RelyingParty,
  official: Official,
  session: ConsoleSession,
): Promise<RegistrationOptionsOutcome> {
  const existing = await deps.passkeys.passkeysOf(official.id);
  if (existing.length >= MAX_PASSKEYS) return { kind: 'too_many' };
  const { generateRegistrationOptions } = await webauthn();
  const options = await generateRegistrationOptions({
    rpName: rp.name, rpID: rp.id, userName: official.id, userDisplayName: official.name,
    userID: new TextEncoder().encode(official.id), attestationType: 'none',
    excludeCredentials: existing.map((p) => ({ id: p.credentialId, ...(p.transports ? { transports: p.transports as never } : {}) })),
    authenticatorSelection: { residentKey: 'required', userVerification: 'required' },
  });
  await deps.sessions.setPasskeyChallenge(session.idHash, options.challenge);
  return { kind: 'options', options };
}

/** Adds the passkey and tells the official by SMS (through the outbox), so a passkey planted from a stolen session does not go unnoticed. */
export async function addPasskey(
  deps: Pick<ConsoleDeps, 'passkeys' | 'sessions' | 'clock' | 'cases'>,
  rp: RelyingParty,
  official: Official,
  session: ConsoleSession,
  response: RegistrationResponseJSON,
): Promise<boolean> {
  if (!session.passkeyChallenge) return false;
  await deps.sessions.setPasskeyChallenge(session.idHash, undefined);
  if ((await deps.passkeys.passkeysOf(official.id)).length >= MAX_PASSKEYS) return false;
  const { verifyRegistrationResponse } = await webauthn();
  const verification = await verifyRegistrationResponse({
    response, expectedChallenge: session.passkeyChallenge, expectedOrigin: rp.origin, expectedRPID: rp.id, requireUserVerification: true,
  }).catch(() => undefined);
  if (!verification?.verified) return false;
  const { credential } = verification.registrationInfo;
  const at = deps.clock.now().toISOString();
  await deps.passkeys.putPasskey({
    credentialId: credential.id, officialId: official.id, publicKey: Buffer.from(credential.publicKey).toString('base64url'),
    counter: credential.counter, createdAt: at, label: `Passkey ${at.slice(0, 10)}`, stamp: credentialStamp(official),
    ...(credential.transports ? { transports: credential.transports } : {}),
  });
  await tellOfficial(deps, official, `passkey-added.${hashOpaqueId(credential.id).slice(0, 24)}`, 'console_passkey_added', passkeyAddedText(at.slice(0, 16).replace('T', ' ')), at);
  return true;
}

export type PasskeyListOutcome = { kind: 'listed'; owner: Official; passkeys: Passkey[] } | { kind: 'not_found' };

/** Whose passkeys an official may list and remove: their own; BP3MI (level 3) anyone's. */
export const canManagePasskeysOf = (actor: Official, ownerId: string) => actor.id === ownerId || actor.level === 3;

export async function listPasskeys(
  deps: Pick<ConsoleDeps, 'passkeys' | 'directory'>,
  actor: Official,
  ownerId: string,
): Promise<PasskeyListOutcome> {
  // Someone else's list answers as an unknown official: the page tells a regency officer nothing about ids.
  if (!canManagePasskeysOf(actor, ownerId)) return { kind: 'not_found' };
  const owner = ownerId === actor.id ? actor : await deps.directory.getOfficial(ownerId);
  if (!owner) return { kind: 'not_found' };
  return { kind: 'listed', owner, passkeys: await deps.passkeys.passkeysOf(owner.id) };
}

export type PasskeyRemoval = { kind: 'removed'; owner: Official } | { kind: 'not_found' };

/** Removes one passkey of the owner (the official themself, or BP3MI for anyone) and tells the owner by SMS. */
export async function removePasskey(
  deps: Pick<ConsoleDeps, 'passkeys' | 'directory' | 'clock' | 'cases'>,
  actor: Official,
  ownerId: string,
  credentialId: string,
): Promise<PasskeyRemoval> {
  if (!canManagePasskeysOf(actor, ownerId) || credentialId.length === 0 || credentialId.length > 1024) return { kind: 'not_found' };
  const owner = ownerId === actor.id ? actor : await deps.directory.getOfficial(ownerId);
  if (!owner) return { kind: 'not_found' };
  // Conditional on the owner: a credential id of another official's passkey removes nothing.
  if (!(await deps.passkeys.deletePasskey(credentialId, owner.id))) return { kind: 'not_found' };
  const at = deps.clock.now().toISOString();
  await tellOfficial(deps, owner, `passkey-removed.${hashOpaqueId(credentialId).slice(0, 24)}`, 'console_passkey_removed', passkeyRemovedText(at.slice(0, 16).replace('T', ' ')), at);
  return { kind: 'removed', owner };
}

async function tellOfficial(deps: Pick<ConsoleDeps, 'cases'>, official: Official, id: string, purpose: string, text: string, at: string): Promise<void> {
  // Through the outbox like every SMS: the stream sends it on the officials' route (SNS). The id is
  // derived from the credential, so a retried request queues one SMS.
  await deps.cases.recordOnce(undefined, {
    messages: [{ id, audience: 'official', to: official.phone, officialId: official.id, purpose, text, status: 'pending', attempts: 0, createdAt: at }],
  });
}

export type PasskeySignInOptions = { kind: 'options'; challengeId: string; options: PublicKeyCredentialRequestOptionsJSON } | { kind: 'rate_limited' };

/**
 * Anyone may start a passkey sign-in, and each start stores a challenge (five minutes, then TTL):
 * bounded per source address, as the PIN sign-in is, so one client cannot fill the table.
 */
export async function passkeySignInOptions(
  deps: Pick<ConsoleDeps, 'signIns' | 'clock' | 'counters'>,
  rp: RelyingParty,
  sourceAddress: string,
): Promise<PasskeySignInOptions> {
  const now = deps.clock.now();
  if ((await deps.counters.countHit('console-passkey-addr', sourceAddress, 3600, now)) > PASSKEY_OPTIONS_PER_ADDRESS_PER_HOUR) return { kind: 'rate_limited' };
  const { generateAuthenticationOptions } = await webauthn();
  const options = await generateAuthenticationOptions({ rpID: rp.id, userVerification: 'required' });
  const challengeId = newOpaqueId();
  await deps.signIns.putChallenge({
    kind: 'passkey', idHash: hashOpaqueId(challengeId), challenge: options.challenge,
    expiresAt: new Date(now.getTime() + CODE_LIFETIME_MS).toISOString(),
  });
  return { kind: 'options', challengeId, options };
}

export type PasskeySignIn = { kind: 'signed_in'; sessionId: string; official: Official } | { kind: 'refused' };

/**
 * A disabled or locked official's passkey signs nobody in, like their PIN; nor does a passkey added
 * before the official's PIN was last reset (or added before passkeys carried a stamp).
 */
export async function signInWithPasskey(
  deps: Pick<ConsoleDeps, 'signIns' | 'passkeys' | 'directory' | 'sessions' | 'clock'>,
  rp: RelyingParty,
  challengeId: string,
  response: AuthenticationResponseJSON,
): Promise<PasskeySignIn> {
  const idHash = hashOpaqueId(challengeId);
  const challenge = await deps.signIns.getChallenge(idHash);
  if (!challenge || challenge.kind !== 'passkey' || Date.parse(challenge.expiresAt) <= deps.clock.now().getTime()) return { kind: 'refused' };
  // One use per challenge, whatever the outcome.
  await deps.signIns.deleteChallenge(idHash);
  const passkey = typeof response?.id === 'string' && response.id.length <= 1024 ? await deps.passkeys.getPasskey(response.id) : undefined;
  if (!passkey) return { kind: 'refused' };
  const { verifyAuthenticationResponse } = await webauthn();
  const verification = await verifyAuthenticationResponse({
    response, expectedChallenge: challenge.challenge, expectedOrigin: rp.origin, expectedRPID: rp.id, requireUserVerification: true,
    credential: {
      id: passkey.credentialId, publicKey: new Uint8Array(Buffer.from(passkey.publicKey, 'base64url')), counter: passkey.counter,
      ...(passkey.transports ? { transports: passkey.transports as never } : {}),
    },
  }).catch(() => undefined);
  if (!verification?.verified) return { kind: 'refused' };
  await deps.passkeys.updateCounter(passkey.credentialId, verification.authenticationInfo.newCounter);
  const official = await deps.directory.getOfficial(passkey.officialId);
  if (!official || !official.active || official.locked) return { kind: 'refused' };
  if (passkey.stamp !== credentialStamp(official)) return { kind: 'refused' };
  const { sessionId } = await startSession(deps, official);
  return { kind: 'signed_in', sessionId, official };
}
