import { beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { waitFor } from './support/system.js';
import { screenshot, useBrowserAndSystem, PHONE } from './support/browser.js';

/**
 * The officials' console in Chromium at 360 pixels, on the system started as `npm start` starts it:
 * sign-in with the code from the outbox, the queue, a case worked from message to resolution, the
 * regency boundary, passkeys with Chromium's virtual authenticator, and the refusals.
 */
interface OutboxEntry { seq: number; route: string; to: string; message: string }

const DESK = { phone: '+6281100005200', pin: '5200' };
const LOMBOK_BARAT = { phone: '+6281100005001', pin: '0101' };
const BP3MI = { phone: '+6281100005300', pin: '5300' };
const REPORTER = '+60123459001';

const fixture = useBrowserAndSystem();
let urgent: string;
let normal: string;
let control: string;

const outbox = async (): Promise<OutboxEntry[]> => (await fetch(`${fixture.system.baseUrl}/dev/outbox`)).json() as Promise<OutboxEntry[]>;
const postSms = (id: string, from: string, text: string) => fetch(`${fixture.system.baseUrl}/sms?key=${encodeURIComponent(fixture.system.callbackKey)}`, {
  method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' },
  body: new URLSearchParams({ from, to: '1708', text, date: '2026-11-23 06:04:45', id }).toString(),
});
let tokens = 0;
async function fileWebReport(over: Record<string, unknown>): Promise<string> {
  const res = await fetch(`${fixture.system.baseUrl}/reports`, {
    method: 'POST', headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      reporterType: 'worker', contact: REPORTER, category: 'unpaid_wages', country: 'MY', homeRegency: '5203',
      description: 'Gaji belum dibayar.', consent: true, smsUpdates: true, token: `console-e2e-token-${String(++tokens).padStart(4, '0')}`, ...over,
    }),
  });
  expect(res.status).toBe(201);
  return ((await res.json()) as { reference: string }).reference;
}
const pageWidth = (page: Page) => page.evaluate<number>('document.documentElement.scrollWidth');
const pageBytes = (page: Page) => page.evaluate<number>('document.documentElement.outerHTML.length');

async function signIn(context: BrowserContext, base: string, who: { phone: string; pin: string }, shot?: string, existing?: Page): Promise<Page> {
  const page = existing ?? await context.newPage();
  await page.goto(`${base}/console`);
  await page.waitForURL(/\/console\/sign-in/);
  const before = (await outbox()).length;
  await page.getByLabel('Nomor HP terdaftar').fill(who.phone);
  await page.getByLabel('PIN').fill(who.pin);
  if (shot) await page.screenshot({ path: screenshot(`${shot}-sign-in`), fullPage: true });
  await page.getByRole('button', { name: 'Kirim kode' }).click();
  await page.waitForURL(/\/console\/sign-in\/code/);
  const sms = await waitFor(async () => (await outbox()).slice(before).find((e) => e.to === who.phone && e.message.includes('Kode masuk')), 15_000);
  expect(sms.route).toBe('sns');
  await page.getByLabel('Kode dari SMS').fill(/(\d{6})/.exec(sms.message)![1]!);
  await page.getByRole('button', { name: 'Masuk' }).click();
  await page.waitForURL(/\/console(\?|$)/);
  return page;
}

beforeAll(async () => {
  // A normal case first, then two urgent ones: the queue must put the urgent ones on top anyway.
  normal = await fileWebReport({ category: 'other', description: 'Pertanyaan tentang kontrak kerja.' });
  urgent = await fileWebReport({ category: 'violence_abuse', description: 'Saya dipukul majikan dan tidak boleh keluar rumah.' });
  control = await fileWebReport({ category: 'violence_abuse', contact: '+60123459002', description: 'Majikan mengancam saya setiap hari.' });
  // The worker writes again by SMS: a follow-up on the open case.
  expect((await postSms('console-e2e-1', REPORTER, 'Paspor saya juga ditahan agensi')).status).toBe(200);
});

describe('the console in a browser on a 360-pixel phone', () => {
  it('lets the province desk sign in with the code from the outbox, find the urgent case on top, and work it to resolved', async () => {
    const context = await fixture.browser.newContext(PHONE);
    let page = await signIn(context, fixture.system.baseUrl, DESK, 'console');
    const first = page.locator('#cases li').first();
    await expect.poll(async () => (await first.textContent()) ?? '').toContain(urgent);
    expect(await first.getAttribute('class')).toBe('card urgent');
    expect(await page.locator('#cases').textContent()).toContain(normal);
    expect(await pageWidth(page)).toBeLessThanOrEqual(360);
    expect(await pageBytes(page)).toBeLessThan(60 * 1024);
    await page.screenshot({ path: screenshot('console-queue-360'), fullPage: true });

    await first.locator('a.ref').click();
    await page.waitForURL(new RegExp(`/console/cases/${urgent}`));
    expect(await page.locator('#report-text').textContent()).toContain('Saya dipukul majikan');
    await waitFor(async () => ((await page.reload(), await page.locator('.follow-up').count()) > 0 ? true : undefined), 15_000);
    expect(await page.locator('.follow-up').first().textContent()).toContain('Paspor saya juga ditahan agensi');
    expect(await pageWidth(page)).toBeLessThanOrEqual(360);
    expect(await pageBytes(page)).toBeLessThan(60 * 1024);
    await page.screenshot({ path: screenshot('console-case-360'), fullPage: true });

    // A message to the reporter reaches their phone (the outbox, on the gateway route).
    await page.locator('#f-message').fill('Apakah Anda aman sekarang?');
    await page.locator('#form-message button').click();
    await page.locator('#notice').waitFor();
    const question = await waitFor(async () => (await outbox()).find((e) => e.to === REPORTER && e.message.includes('Apakah Anda aman sekarang?')), 15_000);
    expect(question.route).toBe('africastalking');
    expect(question.message).toContain(urgent);

    // The reporter answers by SMS; the answer appears on the case.
    expect((await postSms('console-e2e-2', REPORTER, 'Saya aman di rumah teman')).status).toBe(200);
    await waitFor(async () => ((await page.reload(), await page.locator('.follow-up', { hasText: 'Saya aman di rumah teman' }).count()) > 0 ? true : undefined), 15_000);
    await page.screenshot({ path: screenshot('console-answer-360'), fullPage: true });

    // Take the case: the reporter is told, and the acknowledge deadline gives way to the resolve deadline.
    await page.locator('#form-take button').click();
    await page.locator('#notice').waitFor();
    expect(await page.locator('#status').textContent()).toContain('Ditangani');
    expect(await page.locator('#contact').textContent()).toContain(REPORTER);
    await waitFor(async () => (await outbox()).find((e) => e.to === REPORTER && e.message.includes(`Laporan ${urgent} sedang ditangani`)), 15_000);

    // An hour passes: the untaken urgent case escalates, the taken one does not; the idle session is over.
    await fetch(`${fixture.system.baseUrl}/dev/clock`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ advanceMinutes: 61 }) });
    await page.reload();
    await page.waitForURL(/\/console\/sign-in\?ended=1/);
    expect(await page.locator('.notice').textContent()).toContain('Sesi berakhir');
    await page.screenshot({ path: screenshot('console-session-ended-360'), fullPage: true });
    await context.close();

    const again = await fixture.browser.newContext(PHONE);
    page = await signIn(again, fixture.system.baseUrl, DESK);
    await page.goto(`${fixture.system.baseUrl}/console/cases/${control}`);
    await waitFor(async () => ((await page.reload(), (await page.locator('#timeline').textContent())?.includes('Dinaikkan')) ? true : undefined), 20_000);
    await page.goto(`${fixture.system.baseUrl}/console/cases/${urgent}`);
    expect(await page.locator('#timeline').textContent()).not.toContain('Dinaikkan');

    // Resolving asks what was done: without it the form does not go (required), and the server refuses it too.
    await page.getByText('Tandai selesai').first().click();
    await page.locator('#f-outcome').fill('Korban sudah di rumah aman, majikan dilaporkan ke KBRI');
    await page.locator('#form-resolve button').click();
    await page.locator('#notice').waitFor();
    expect(await page.locator('#status').textContent()).toContain('Selesai');
    await waitFor(async () => (await outbox()).find((e) => e.to === REPORTER && e.message.includes('Balas YA atau TIDAK')), 15_000);
    await page.screenshot({ path: screenshot('console-resolved-360'), fullPage: true });
    await again.close();
  });

  it('answers a Lombok Barat officer asking for a Lombok Timur case exactly as a case that does not exist', async () => {
    const context = await fixture.browser.newContext(PHONE);
    const page = await signIn(context, fixture.system.baseUrl, LOMBOK_BARAT);
    const denied = await page.goto(`${fixture.system.baseUrl}/console/cases/${urgent}`);
    expect(denied?.status()).toBe(404);
    expect(await page.locator('h1').textContent()).toBe('Kasus tidak ditemukan.');
    expect(await page.content()).not.toContain('dipukul');
    await page.screenshot({ path: screenshot('console-not-found-360'), fullPage: true });
    await page.goto(`${fixture.system.baseUrl}/console?tab=all`);
    expect(await page.locator('#cases').textContent()).not.toContain(urgent);
    await context.close();
  });

  it('refuses a cross-site form post even from a signed-in browser, and changes nothing', async () => {
    const context = await fixture.browser.newContext(PHONE);
    const page = await signIn(context, fixture.system.baseUrl, DESK);
    const attacker = await context.newPage();
    await attacker.setContent(`<form method="post" action="${fixture.system.baseUrl}/console/cases/${normal}/take"><input name="version" value="1"><input name="seen" value="x"><button>go</button></form>`);
    const [response] = await Promise.all([
      attacker.waitForResponse((r) => r.url().includes(`/console/cases/${normal}/take`)),
      attacker.locator('button').click(),
    ]);
    expect(response.status()).toBe(403);
    await page.goto(`${fixture.system.baseUrl}/console/cases/${normal}`);
    expect(await page.locator('#status').textContent()).toContain('Baru');
    await context.close();
  });

  it('adds a passkey with the virtual authenticator and then signs in with it alone, without a code', async () => {
    // WebAuthn needs a domain as relying party: the console is opened on localhost, not 127.0.0.1.
    const base = fixture.system.baseUrl.replace('127.0.0.1', 'localhost');
    const context = await fixture.browser.newContext(PHONE);
    // The virtual authenticator belongs to one page (CDP target): that page does the whole ceremony.
    const authenticatorPage = await context.newPage();
    const cdp = await context.newCDPSession(authenticatorPage);
    await cdp.send('WebAuthn.enable');
    await cdp.send('WebAuthn.addVirtualAuthenticator', {
      options: { protocol: 'ctap2', transport: 'internal', hasResidentKey: true, hasUserVerification: true, isUserVerified: true, automaticPresenceSimulation: true },
    });
    const page = await signIn(context, base, BP3MI, undefined, authenticatorPage);
    await page.goto(`${base}/console/passkeys`);
    await page.locator('#passkey-add').click();
    await page.waitForURL(/added=1/);
    expect(await page.locator('#passkeys').textContent()).toContain('Passkey');
    await page.screenshot({ path: screenshot('console-passkey-added-360'), fullPage: true });

    await page.getByRole('button', { name: 'Keluar' }).click();
    await page.waitForURL(/\/console\/sign-in\?out=1/);
    const codesBefore = (await outbox()).filter((e) => e.to === BP3MI.phone && e.message.includes('Kode masuk')).length;
    await page.locator('#passkey-signin').click();
    await page.waitForURL(/\/console$/);
    expect(await page.locator('#who').textContent()).toContain('BP3MI');
    expect((await outbox()).filter((e) => e.to === BP3MI.phone && e.message.includes('Kode masuk')).length).toBe(codesBefore);
    await page.screenshot({ path: screenshot('console-passkey-signed-in-360'), fullPage: true });
    await context.close();
  });
});
