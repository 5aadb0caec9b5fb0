import type {
  AuthenticationResponseJSON, PublicKeyCredentialCreationOptionsJSON, PublicKeyCredentialRequestOptionsJSON, RegistrationResponseJSON,
} from '@simplewebauthn/server';
import type { Official } from '../../ports.js';
import type { ConsoleSession } from '../../ports.js';
import { CODE_LIFETIME_MS, hashOpaqueId, newOpaqueId, startSession } from './sign-in.js';
import type { ConsoleDeps } from './deps.js';

/**
 * @simplewebauthn/server (with its ASN.1 and X.509 parsers, a fifth of the console's bundle) is loaded
 * on the first passkey request, not at the console's cold start: most console requests never touch a
 * passkey, and evaluating it at init cost the console ~10 ms of every cold start (`npm run bench`).
 */
const webauthn = () => import('@simplewebauthn/server');

/**
 * Passkeys (WebAuthn, verified by @simplewebauthn/server): an official who signed in with PIN and
 * SMS code may add one, and from then on sign in with it alone. The SMS code stays the fallback.
 * Discoverable credentials, so signing in needs no phone number typed first.
 */
export interface RelyingParty {
  name: string;
  /** The console's host name (WebAuthn: an IP address is not a valid RP ID; locally use localhost). */
  id: string;
  origin: string;
}

export async function passkeyRegistrationOptions(
  deps: Pick<ConsoleDeps, 'passkeys' | 'sessions'>,
  rp: RelyingParty,
  official: Official,
  session: ConsoleSession,
): Promise<PublicKeyCredentialCreationOptionsJSON> {
  const existing = await deps.passkeys.passkeysOf(official.id);
  const { generateRegistrationOptions } = await webauthn();
  const options = await generateRegistrationOptions({
    rpName: rp.name, rpID: rp.id, userName: official.id, userDisplayName: official.name,
    userID: new TextEncoder().encode(official.id), attestationType: 'none',
    excludeCredentials: existing.map((p) => ({ id: p.credentialId, ...(p.transports ? { transports: p.transports } : {}) })),
    authenticatorSelection: { residentKey: 'required', userVerification: 'preferred' },
  });
  await deps.sessions.setPasskeyChallenge(session.idHash, options.challenge);
  return options;
}

export async function addPasskey(
  deps: Pick<ConsoleDeps, 'passkeys' | 'sessions' | 'clock'>,
  rp: RelyingParty,
  official: Official,
  session: ConsoleSession,
  response: RegistrationResponseJSON,
): Promise<boolean> {
  if (!session.passkeyChallenge) return false;
  await deps.sessions.setPasskeyChallenge(session.idHash, undefined);
  const { verifyRegistrationResponse } = await webauthn();
  const verification = await verifyRegistrationResponse({
    response, expectedChallenge: session.passkeyChallenge, expectedOrigin: rp.origin, expectedRPID: rp.id, requireUserVerification: false,
  }).catch(() => undefined);
  if (!verification?.verified) return false;
  const { credential } = verification.registrationInfo;
  const at = deps.clock.now().toISOString();
  await deps.passkeys.putPasskey({
    credentialId: credential.id, officialId: official.id, publicKey: Buffer.from(credential.publicKey).toString('base64url'),
    counter: credential.counter, createdAt: at, label: `Passkey ${at.slice(0, 10)}`,
    ...(credential.transports ? { transports: credential.transports } : {}),
  });
  return true;
}

export async function passkeySignInOptions(
  deps: Pick<ConsoleDeps, 'signIns' | 'clock'>,
  rp: RelyingParty,
): Promise<{ challengeId: string; options: PublicKeyCredentialRequestOptionsJSON }> {
  const { generateAuthenticationOptions } = await webauthn();
  const options = await generateAuthenticationOptions({ rpID: rp.id, userVerification: 'preferred' });
  const challengeId = newOpaqueId();
  await deps.signIns.putChallenge({
    kind: 'passkey', idHash: hashOpaqueId(challengeId), challenge: options.challenge,
    expiresAt: new Date(deps.clock.now().getTime() + CODE_LIFETIME_MS).toISOString(),
  });
  return { challengeId, options };
}

export type PasskeySignIn = { kind: 'signed_in'; sessionId: string; official: Official } | { kind: 'refused' };

/** A disabled or locked official's passkey signs nobody in, like their PIN. */
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
  const passkey = typeof response?.id === 'string' ? await deps.passkeys.getPasskey(response.id) : undefined;
  if (!passkey) return { kind: 'refused' };
  const { verifyAuthenticationResponse } = await webauthn();
  const verification = await verifyAuthenticationResponse({
    response, expectedChallenge: challenge.challenge, expectedOrigin: rp.origin, expectedRPID: rp.id, requireUserVerification: false,
    credential: {
      id: passkey.credentialId, publicKey: new Uint8Array(Buffer.from(passkey.publicKey, 'base64url')), counter: passkey.counter,
      ...(passkey.transports ? { transports: passkey.transports as never } : {}),
    },
  }).catch(() => undefined);
  if (!verification?.verified) return { kind: 'refused' };
  await deps.passkeys.updateCounter(passkey.credentialId, verification.authenticationInfo.newCounter);
  const official = await deps.directory.getOfficial(passkey.officialId);
  if (!official || !official.active || official.locked) return { kind: 'refused' };
  const { sessionId } = await startSession(deps, official);
  return { kind: 'signed_in', sessionId, official };
}
