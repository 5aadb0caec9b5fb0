import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PublicKeyCredentialCreationOptionsJSON, PublicKeyCredentialRequestOptionsJSON } from '@simplewebauthn/server';
import { runOfficialsCommand } from '../../lib/officials/cli.js';
import { LOCAL_PIN_PARAMS } from '../../lib/officials/pin.js';
import { MAX_PASSKEYS, PASSKEY_OPTIONS_PER_ADDRESS_PER_HOUR } from '../../lib/use-cases/console/passkeys.js';
import { ConsoleClient, createConsoleTestSystem, ORIGIN, type ConsoleTestSystem } from '../support/console.js';
import { SoftAuthenticator } from '../support/soft-authenticator.js';

/**
 * Passkeys tried as an attacker with a stolen session would: one planted, then the remedy (PIN
 * reset, disable) applied; assertions without user verification; other officials' passkeys.
 */
let system: ConsoleTestSystem;
beforeAll(async () => { system = await createConsoleTestSystem(); });
afterAll(async () => { await system.drop(); });

let addresses = 0;
const client = () => new ConsoleClient(system, `203.0.113.${++addresses}`);
const quiet = { out: () => undefined, readPin: async () => '' };

async function smsTo(phone: string, purpose: string) {
  const pending = await system.store.pendingMessagesOlderThan(new Date(Date.now() + 365 * 86400_000), 1000);
  return pending.filter((m) => m.to === phone && m.purpose === purpose);
}

/** Signs in with PIN and code, then adds a passkey with the software authenticator. */
async function plant(who: { phone: string; pin: string }, options: { userVerified?: boolean } = {}) {
  const browser = client();
  await browser.signIn(who.phone, who.pin);
  const csrf = await browser.csrf();
  const authenticator = new SoftAuthenticator(ORIGIN);
  const creation = await browser.postJson('/console/passkeys/options', {}, csrf);
  expect(creation.status).toBe(200);
  const added = await browser.postJson('/console/passkeys', authenticator.register(await creation.json() as PublicKeyCredentialCreationOptionsJSON, options), csrf);
  return { browser, csrf, authenticator, added };
}

async function passkeySignIn(authenticator: SoftAuthenticator, options: { userVerified?: boolean; credentialId?: string } = {}) {
  const browser = client();
  const start = await browser.postJson('/console/sign-in/passkey/options', {});
  expect(start.status).toBe(200);
  const res = await browser.postJson('/console/sign-in/passkey', authenticator.assert(await start.json() as PublicKeyCredentialRequestOptionsJSON, options));
  return { browser, res };
}

describe('console passkeys', () => {
  it('requires user verification to add a passkey and to sign in with one', async () => {
    const who = { phone: '+6281100005004', pin: '0404' };
    const refused = await plant(who, { userVerified: false });
    expect(refused.added.status).toBe(400);
    expect(await system.console.passkeys.passkeysOf('kab-5204')).toHaveLength(0);

    const { authenticator, added } = await plant(who);
    expect(added.status).toBe(200);
    expect((await passkeySignIn(authenticator, { userVerified: false })).res.status).toBe(400);
    const ok = await passkeySignIn(authenticator);
    expect(ok.res.status).toBe(200);
    expect((await ok.browser.get('/console')).status).toBe(200);
  });

  it('tells the official by SMS when a passkey is added to their account, with no code or key in it', async () => {
    const who = { phone: '+6281100005006', pin: '0606' };
    expect(await smsTo(who.phone, 'console_passkey_added')).toHaveLength(0);
    const { added } = await plant(who);
    expect(added.status).toBe(200);
    const sms = await smsTo(who.phone, 'console_passkey_added');
    expect(sms).toHaveLength(1);
    expect(sms[0]!.text).toMatch(/passkey baru/);
    expect(sms[0]!.text).toMatch(/reset PIN/);
  });

  it('makes a passkey planted from a stolen session useless after set-pin, and removes it', async () => {
    const who = { phone: '+6281100005007', pin: '0707', id: 'kab-5207' };
    const { authenticator } = await plant(who);
    expect((await passkeySignIn(authenticator)).res.status).toBe(200);

    const out: string[] = [];
    await runOfficialsCommand(system.stores.directory, ['set-pin', '--id', who.id, '--pin', '7777'], { ...quiet, out: (l) => out.push(l) }, LOCAL_PIN_PARAMS, system.console.passkeys);
    expect(out.join('\n')).toMatch(/1 passkey\(s\) removed/);
    expect(await system.console.passkeys.passkeysOf(who.id)).toHaveLength(0);
    expect((await passkeySignIn(authenticator)).res.status).toBe(400);
  });

  it('refuses a passkey added before a PIN reset even when the reset did not remove it (another door, a failed removal)', async () => {
    const who = { phone: '+6281100005008', pin: '0808', id: 'kab-5208' };
    const { authenticator } = await plant(who);
    // The directory alone, as a tool without the passkey store would reset it.
    await runOfficialsCommand(system.stores.directory, ['set-pin', '--id', who.id, '--pin', '8888'], quiet, LOCAL_PIN_PARAMS);
    expect(await system.console.passkeys.passkeysOf(who.id)).toHaveLength(1);
    expect((await passkeySignIn(authenticator)).res.status).toBe(400);
  });

  it('removes the passkeys of a disabled official, so enabling the account again does not bring them back', async () => {
    const who = { phone: '+6281100005010', pin: '7272', id: 'kab-5272' };
    const { authenticator } = await plant(who);
    await runOfficialsCommand(system.stores.directory, ['disable', '--id', who.id], quiet, LOCAL_PIN_PARAMS, system.console.passkeys);
    await runOfficialsCommand(system.stores.directory, ['enable', '--id', who.id], quiet, LOCAL_PIN_PARAMS, system.console.passkeys);
    expect(await system.console.passkeys.passkeysOf(who.id)).toHaveLength(0);
    expect((await passkeySignIn(authenticator)).res.status).toBe(400);
  });

  it('lets an official list and remove their own passkeys, telling them by SMS, and the removed passkey signs nobody in', async () => {
    const who = { phone: '+6281100005009', pin: '7171', id: 'kab-5271' };
    const { browser, csrf, authenticator } = await plant(who);
    const page = await (await browser.get('/console/passkeys')).text();
    expect(page).toContain(`value="${authenticator.id}"`);
    const removed = await browser.post('/console/passkeys/remove', { csrf, official: who.id, credential: authenticator.id });
    expect(removed.status).toBe(303);
    expect(await system.console.passkeys.passkeysOf(who.id)).toHaveLength(0);
    expect(await smsTo(who.phone, 'console_passkey_removed')).toHaveLength(1);
    expect((await passkeySignIn(authenticator)).res.status).toBe(400);
  });

  it('lets BP3MI list and remove anyone\'s passkey, and a regency officer or the desk no one else\'s', async () => {
    const owner = { phone: '+6281100005005', pin: '0505', id: 'kab-5205' };
    const { authenticator } = await plant(owner);
    const regency = client();
    await regency.signIn('+6281100005001', '0101');
    const desk = client();
    await desk.signIn('+6281100005200', '5200');
    for (const other of [regency, desk]) {
      const csrf = await other.csrf();
      expect((await other.get(`/console/passkeys?official=${owner.id}`)).status).toBe(404);
      // Own id with someone else's credential, or their id: nothing removed either way.
      expect((await other.post('/console/passkeys/remove', { csrf, official: owner.id, credential: authenticator.id })).status).toBe(404);
      expect((await other.post('/console/passkeys/remove', { csrf, official: other === desk ? 'prov-ntb' : 'kab-5201', credential: authenticator.id })).status).toBe(404);
    }
    expect(await system.console.passkeys.passkeysOf(owner.id)).toHaveLength(1);

    const bp3mi = client();
    await bp3mi.signIn('+6281100005300', '5300');
    const list = await bp3mi.get(`/console/passkeys?official=${owner.id}`);
    expect(list.status).toBe(200);
    expect(await list.text()).toContain(`value="${authenticator.id}"`);
    const csrf = await bp3mi.csrf();
    const removed = await bp3mi.post('/console/passkeys/remove', { csrf, official: owner.id, credential: authenticator.id });
    expect(removed.status).toBe(303);
    expect(removed.headers.get('location')).toBe(`/console/passkeys?official=${owner.id}&removed=1`);
    expect(await system.console.passkeys.passkeysOf(owner.id)).toHaveLength(0);
    expect((await smsTo(owner.phone, 'console_passkey_removed')).length).toBeGreaterThanOrEqual(1);
  });

  it('refuses to remove a passkey without the session\'s CSRF token or from another origin', async () => {
    const who = { phone: '+6281100005003', pin: '0303', id: 'kab-5203' };
    const { browser, authenticator } = await plant(who);
    expect((await browser.post('/console/passkeys/remove', { csrf: 'x'.repeat(32), official: who.id, credential: authenticator.id })).status).toBe(403);
    expect((await browser.post('/console/passkeys/remove', { csrf: await browser.csrf(), official: who.id, credential: authenticator.id }, { origin: 'https://evil.example' })).status).toBe(403);
    expect(await system.console.passkeys.passkeysOf(who.id)).toHaveLength(1);
  });

  it(`stops at ${MAX_PASSKEYS} passkeys per official`, async () => {
    const who = { phone: '+6281100005002', pin: '0202', id: 'kab-5202' };
    const browser = client();
    await browser.signIn(who.phone, who.pin);
    const csrf = await browser.csrf();
    for (let i = 0; i < MAX_PASSKEYS; i++) {
      const creation = await browser.postJson('/console/passkeys/options', {}, csrf);
      expect(creation.status).toBe(200);
      expect((await browser.postJson('/console/passkeys', new SoftAuthenticator(ORIGIN).register(await creation.json() as PublicKeyCredentialCreationOptionsJSON), csrf)).status).toBe(200);
    }
    expect((await browser.postJson('/console/passkeys/options', {}, csrf)).status).toBe(409);
    expect(await system.console.passkeys.passkeysOf(who.id)).toHaveLength(MAX_PASSKEYS);
  });

  it(`bounds anonymous passkey sign-in starts per source address (${PASSKEY_OPTIONS_PER_ADDRESS_PER_HOUR} an hour), each of which stores a challenge`, async () => {
    const stranger = client();
    const statuses: number[] = [];
    for (let i = 0; i < PASSKEY_OPTIONS_PER_ADDRESS_PER_HOUR + 3; i++) statuses.push((await stranger.postJson('/console/sign-in/passkey/options', {})).status);
    expect(statuses.slice(0, PASSKEY_OPTIONS_PER_ADDRESS_PER_HOUR).every((s) => s === 200)).toBe(true);
    expect(statuses.slice(PASSKEY_OPTIONS_PER_ADDRESS_PER_HOUR).every((s) => s === 429)).toBe(true);
    expect((await client().postJson('/console/sign-in/passkey/options', {})).status).toBe(200);
  });
});
