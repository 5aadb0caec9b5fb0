import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GetItemCommand, ScanCommand } from '@aws-sdk/client-dynamodb';
import { localDynamoClient } from '../../lib/adapters/dynamo/local-client.js';
import { hashPin, LOCAL_PIN_PARAMS } from '../../lib/officials/pin.js';
import { hashOpaqueId, SIGN_IN_PER_ADDRESS_PER_HOUR, SIGN_IN_PER_PHONE_PER_HOUR } from '../../lib/use-cases/console/sign-in.js';
import { ConsoleClient, createConsoleTestSystem, latestSignInCode, type ConsoleTestSystem } from '../support/console.js';

/** Sign-in, sessions and write protection of the console, through the Hono app on DynamoDB Local. */
let system: ConsoleTestSystem;
beforeAll(async () => { system = await createConsoleTestSystem(); });
afterAll(async () => { await system.drop(); });

const DESK = { phone: '+6281100005200', pin: '5200', id: 'prov-ntb' };
const LOMBOK_BARAT = { phone: '+6281100005001', pin: '0101', id: 'kab-5201' };
let addresses = 0;
const client = () => new ConsoleClient(system, `198.51.100.${++addresses}`);

async function signInCodes(phone: string): Promise<number> {
  const pending = await system.store.pendingMessagesOlderThan(new Date(Date.now() + 365 * 86400_000), 500);
  return pending.filter((m) => m.purpose === 'console_sign_in_code' && m.to === phone).length;
}

describe('signing in to the console', () => {
  it('signs in with phone, PIN and the 6-digit code sent by SMS, and sets an HttpOnly SameSite=Strict session cookie', async () => {
    const browser = client();
    const first = await browser.post('/console/sign-in', { phone: '0811 0000 5200', pin: DESK.pin });
    expect(first.status).toBe(303);
    expect(first.headers.get('location')).toBe('/console/sign-in/code');
    const code = await latestSignInCode(system, DESK.phone);
    expect(code).toMatch(/^\d{6}$/);
    const done = await browser.post('/console/sign-in/code', { code: code! });
    expect(done.status).toBe(303);
    expect(done.headers.get('location')).toBe('/console');
    const cookie = done.headers.getSetCookie().find((c) => c.startsWith('pmi-session='))!;
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Strict/);
    const queue = await browser.get('/console');
    expect(queue.status).toBe(200);
    expect(await queue.text()).toContain('Desk Disnakertrans NTB');
  });

  it('answers an unknown phone, a wrong PIN and a locked official exactly as a right PIN, and sends a code only for the right one', async () => {
    await system.stores.directory.putOfficial({ ...(await system.console.directory.getOfficial('kab-5205'))!, locked: true });
    const before = await signInCodes('+6281100005005');
    const attempts = [
      { phone: '+6281100009999', pin: '1234' },
      { phone: LOMBOK_BARAT.phone, pin: '9999' },
      { phone: '+6281100005005', pin: '0505' },
      { phone: '+6281100005002', pin: '0202' },
    ];
    const answers = [];
    for (const attempt of attempts) {
      const res = await client().post('/console/sign-in', attempt);
      answers.push({ status: res.status, location: res.headers.get('location'), cookies: res.headers.getSetCookie().map((c) => c.split('=')[0]), body: await res.text() });
    }
    expect(new Set(answers.map((a) => JSON.stringify(a))).size).toBe(1);
    expect(await signInCodes('+6281100009999')).toBe(0);
    expect(await signInCodes(LOMBOK_BARAT.phone)).toBe(0);
    expect(await signInCodes('+6281100005005')).toBe(before);
    expect(await signInCodes('+6281100005002')).toBe(1);
    // The wrong PIN counts at the console's own door, never towards the SMS commands' lock (issue 19, finding 1).
    expect(await system.console.directory.getOfficial(LOMBOK_BARAT.id)).toMatchObject({ consoleFailedPins: 1, failedPins: 0 });
  });

  it('refuses a code after five wrong tries even when the right code follows, and a code older than five minutes', async () => {
    const browser = client();
    await browser.post('/console/sign-in', { phone: '+6281100005003', pin: '0303' });
    const code = (await latestSignInCode(system, '+6281100005003'))!;
    const wrong = code === '000000' ? '111111' : '000000';
    for (let i = 1; i <= 4; i++) {
      const res = await browser.post('/console/sign-in/code', { code: wrong });
      expect(res.status).toBe(400);
      expect(await res.text()).toContain(`percobaan: ${5 - i}`);
    }
    expect((await browser.post('/console/sign-in/code', { code: wrong })).status).toBe(400);
    const late = await browser.post('/console/sign-in/code', { code });
    expect(late.status).toBe(400);
    expect((await browser.get('/console')).status).toBe(303);

    const slow = client();
    await slow.post('/console/sign-in', { phone: '+6281100005004', pin: '0404' });
    const slowCode = (await latestSignInCode(system, '+6281100005004'))!;
    system.clock.advance(6);
    expect((await slow.post('/console/sign-in/code', { code: slowCode })).status).toBe(400);
    expect((await slow.get('/console')).status).toBe(303);
  });

  it('stops sending codes to a phone after its hourly attempts, and refuses a source address over its own limit', async () => {
    const phone = '+6281100005006';
    for (let i = 0; i < SIGN_IN_PER_PHONE_PER_HOUR; i++) await client().post('/console/sign-in', { phone, pin: '9999' });
    await system.stores.directory.clearPinFailures('kab-5206');
    const { consoleLockedUntil: _pause, ...official } = (await system.console.directory.getOfficial('kab-5206'))!;
    await system.stores.directory.putOfficial({ ...official, failedPins: 0, consoleFailedPins: 0, locked: false });
    const before = await signInCodes(phone);
    const res = await client().post('/console/sign-in', { phone, pin: '0606' });
    expect(res.status).toBe(303);
    expect(await signInCodes(phone)).toBe(before);

    const one = client();
    let last: Response | undefined;
    for (let i = 0; i <= SIGN_IN_PER_ADDRESS_PER_HOUR; i++) last = await one.post('/console/sign-in', { phone: `+62811000090${String(i).padStart(2, '0')}`, pin: '1234' });
    expect(last!.status).toBe(429);
    // Each unknown number costs one PIN verification at the production scrypt cost (as a registered one does).
  }, 180_000);

  it('speaks Bahasa Indonesia by default and English once switched, and remembers the choice', async () => {
    const browser = client();
    expect(await (await browser.get('/console/sign-in')).text()).toContain('Kirim kode');
    const english = await (await browser.get('/console/sign-in?lang=en')).text();
    expect(english).toContain('Send code');
    expect(english).toContain('<html lang="en">');
    expect(await (await browser.get('/console/sign-in')).text()).toContain('Send code');
  });

  it('names the field when the phone or the PIN is malformed', async () => {
    const bad = await client().post('/console/sign-in', { phone: '12', pin: '5200' });
    expect(bad.status).toBe(400);
    expect(await bad.text()).toContain('phone');
    const badPin = await client().post('/console/sign-in', { phone: DESK.phone, pin: 'abc' });
    expect(badPin.status).toBe(400);
    expect(await badPin.text()).toContain('pin');
  });
});

describe('console sessions', () => {
  it('stores only the hash of the session id, with a TTL', async () => {
    const browser = client();
    await browser.signIn('+6281100005007', '0707');
    const id = browser.cookie('pmi-session')!;
    const db = localDynamoClient(system.endpoint);
    const item = await db.send(new GetItemCommand({ TableName: system.tableName, Key: { pk: { S: `SESSION#${hashOpaqueId(id)}` }, sk: { S: 'SESSION' } } }));
    expect(item.Item?.officialId?.S).toBe('kab-5207');
    expect(Number(item.Item?.expiresAt?.N)).toBeGreaterThan(Date.now() / 1000);
    const all = await db.send(new ScanCommand({ TableName: system.tableName }));
    expect(JSON.stringify(all.Items)).not.toContain(id);
  });

  it('ends a session idle for more than 30 minutes, and any session after 12 hours however active', { timeout: 120_000 }, async () => {
    const idle = client();
    await idle.signIn('+6281100005008', '0808');
    system.clock.advance(29);
    expect((await idle.get('/console')).status).toBe(200);
    system.clock.advance(31);
    const over = await idle.get('/console');
    expect(over.status).toBe(303);
    expect(over.headers.get('location')).toContain('/console/sign-in');

    const busy = client();
    await busy.signIn('+6281100005008', '0808');
    for (let hour = 0; hour < 12 * 3; hour++) {
      system.clock.advance(20);
      const res = await busy.get('/console');
      if (hour < 12 * 3 - 1) expect(res.status, `after ${(hour + 1) * 20} minutes`).toBe(200);
      else expect(res.status).toBe(303);
    }
    system.clock.advance(1);
    expect((await busy.get('/console')).status).toBe(303);
  });

  it('ends every session of an official at once when the official is disabled or the PIN is reset', async () => {
    const official = (await system.console.directory.getOfficial('kab-5271'))!;
    const a = client();
    const b = client();
    await a.signIn('+6281100005009', '7171');
    await b.signIn('+6281100005009', '7171');
    expect((await a.get('/console')).status).toBe(200);
    await system.stores.directory.putOfficial({ ...official, pinHash: await hashPin('1357', LOCAL_PIN_PARAMS) });
    expect((await a.get('/console')).status).toBe(303);
    expect((await b.get('/console')).status).toBe(303);

    const c = client();
    await c.signIn('+6281100005009', '1357');
    expect((await c.get('/console')).status).toBe(200);
    await system.stores.directory.putOfficial({ ...(await system.console.directory.getOfficial('kab-5271'))!, active: false });
    expect((await c.get('/console')).status).toBe(303);
  });

  it('signs out: the old cookie no longer opens anything', async () => {
    const browser = client();
    await browser.signIn('+6281100005010', '7272');
    const id = browser.cookie('pmi-session')!;
    const out = await browser.post('/console/sign-out', { csrf: await browser.csrf() });
    expect(out.status).toBe(303);
    const replay = client();
    replay.setCookie('pmi-session', id);
    expect((await replay.get('/console')).status).toBe(303);
  });
});

describe('console writes and headers', () => {
  it('refuses a write from another origin or without the session token, and changes nothing', async () => {
    const browser = client();
    await browser.signIn(DESK.phone, DESK.pin);
    const csrf = await browser.csrf();
    const crossSite = await browser.post('/console/sign-out', { csrf }, { origin: 'https://evil.example', 'sec-fetch-site': 'cross-site' });
    expect(crossSite.status).toBe(403);
    const noOrigin = await browser.request('POST', '/console/sign-out', { csrf }, { origin: '' });
    expect(noOrigin.status).toBe(403);
    const noToken = await browser.post('/console/sign-out', { csrf: 'x'.repeat(csrf.length) });
    expect(noToken.status).toBe(403);
    // Still signed in: none of the refused requests signed out.
    expect((await browser.get('/console')).status).toBe(200);
  });

  it('sends a CSP without inline script that forbids framing on every page', async () => {
    for (const path of ['/console/sign-in', '/console/sign-in/code']) {
      const res = await client().get(path);
      const csp = res.headers.get('content-security-policy') ?? '';
      expect(csp).toContain("frame-ancestors 'none'");
      expect(csp).toContain("script-src 'self'");
      expect(csp).not.toContain('unsafe-inline');
      expect(res.headers.get('x-frame-options')).toBe('DENY');
      expect(await res.text()).not.toMatch(/<script>|style=|<style/);
    }
  });
});
