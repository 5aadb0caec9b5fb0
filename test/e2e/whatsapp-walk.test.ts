import { describe, expect, it } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { waitFor } from './support/system.js';
import { screenshot, useBrowserAndSystem, PHONE } from './support/browser.js';

/**
 * Issue 21 "tried as a new user would", in Chromium at 360 pixels on the system as `npm start` runs
 * it (demo officials on WhatsApp): a worker with a Malaysian number reports by WhatsApp in the phone
 * simulator (a webhook signed in the page as Meta signs it), the Lombok Timur officer gets the alert
 * on WhatsApp, a failed status sends it again by SMS, the officer takes the case from WhatsApp, the
 * worker sees the reference and the taken message, and the console's case page says which channel
 * every message went by.
 */
interface OutboxEntry { seq: number; route: string; to: string; message: string; template?: string; providerMessageId: string }

const WORKER = '+60123458021';
const LOMBOK_TIMUR = { id: 'kab-5203', phone: '+6281100005003', pin: '0303', name: 'Petugas Disnaker Lombok Timur' };
const REFERENCE = /\b[2-9A-Z]{3}-[2-9A-Z]{3}\b/;

const fixture = useBrowserAndSystem({ DEMO_OFFICIALS_WHATSAPP: 'true' });
const outbox = async (): Promise<OutboxEntry[]> => (await fetch(`${fixture.system.baseUrl}/dev/outbox`)).json() as Promise<OutboxEntry[]>;
const pageWidth = (page: Page) => page.evaluate<number>('document.documentElement.scrollWidth');
const textOf = async (l: Locator) => (await l.textContent()) ?? '';
/** The walk's case, for the console's look at it. */
let reference = '';

describe('a WhatsApp report walked in the phone simulator on a 360-pixel phone', () => {
  it('reaches the Lombok Timur officer on WhatsApp, is taken from WhatsApp, and the worker sees both', async () => {
    const page = await fixture.browser.newPage(PHONE);
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`${fixture.system.baseUrl}/dev/phone?mode=whatsapp`);
    const officer = page.locator(`#official-${LOMBOK_TIMUR.id}`);
    await officer.waitFor();
    expect(await textOf(officer.locator('small'))).toContain('alerts by WhatsApp');
    // WhatsApp mode: the chat is shown, the USSD keypad is not.
    expect(await page.locator('#wa-chat').isVisible()).toBe(true);
    expect(await page.locator('#keys').isVisible()).toBe(false);
    expect(await pageWidth(page)).toBeLessThanOrEqual(360);
    await page.screenshot({ path: screenshot('whatsapp-walk-0-simulator') });

    // The worker in Malaysia writes to the hotline's WhatsApp number.
    await page.locator('#me').fill(WORKER);
    await page.locator('#wa-text').fill('LAPOR gaji saya tidak dibayar 3 bulan, saya dari Lotim');
    await page.locator('#wa-send').click();
    await expect.poll(() => textOf(page.locator('#wa-state')), { timeout: 15_000 }).toBe('sent');
    const reply = page.locator('#wa-chat .msg:not(.mine)', { hasText: REFERENCE });
    await reply.waitFor({ timeout: 20_000 });
    reference = REFERENCE.exec(await textOf(reply))![0];
    // The reply went the way the worker wrote: WhatsApp, free text inside the 24-hour window.
    const toWorker = await waitFor(async () => (await outbox()).find((e) => e.to === WORKER && e.message.includes(reference)));
    expect(toWorker.route).toBe('whatsapp');
    expect(toWorker.template).toBeUndefined();
    expect(await textOf(page.locator('#inbox'))).toBe('');

    // The Lombok Timur officer's alert arrives on WhatsApp, as the alert template, and no SMS with it.
    const alert = officer.locator('.chat .msg', { hasText: reference });
    await alert.waitFor({ timeout: 20_000 });
    expect(await textOf(alert)).toContain('template hotline_alert');
    const alertEntry = (await outbox()).find((e) => e.to === LOMBOK_TIMUR.phone && e.message.includes(reference))!;
    expect(alertEntry.route).toBe('whatsapp');
    expect(alertEntry.template).toBe('hotline_alert');
    expect(await textOf(officer.locator('.inbox'))).not.toContain(reference);
    // The phone a message arrived on opens; the others stay closed, so the walk is not buried on a small screen.
    expect(await officer.getAttribute('open')).not.toBeNull();
    expect(await page.locator('#official-kab-5201').getAttribute('open')).toBeNull();
    expect(await pageWidth(page)).toBeLessThanOrEqual(360);
    await page.screenshot({ path: screenshot('whatsapp-walk-1-reported'), fullPage: false });
    await officer.scrollIntoViewIfNeeded();
    await officer.screenshot({ path: screenshot('whatsapp-walk-2-officer-alert') });

    // Meta says the alert failed: the same alert comes by SMS to the same officer.
    await alert.getByRole('button', { name: 'failed' }).click();
    const smsCopy = officer.locator('.inbox .msg', { hasText: reference });
    await smsCopy.waitFor({ timeout: 20_000 });
    expect(await textOf(smsCopy)).toContain('via sns');

    // The officer takes the case from WhatsApp, with the PIN.
    await officer.getByLabel(`Reply from ${LOMBOK_TIMUR.name}`).fill(`TERIMA ${reference} ${LOMBOK_TIMUR.pin}`);
    await officer.getByRole('button', { name: `Send by WhatsApp from ${LOMBOK_TIMUR.name}` }).click();
    await expect.poll(() => textOf(officer.locator('.state').last()), { timeout: 15_000 }).toBe('sent');
    const confirmed = officer.locator('.chat .msg:not(.mine)', { hasText: 'tercatat Anda tangani' });
    await confirmed.waitFor({ timeout: 20_000 });
    await officer.screenshot({ path: screenshot('whatsapp-walk-3-officer-took') });

    // The worker sees both on WhatsApp: the reference, then that an officer handles it.
    const taken = page.locator('#wa-chat .msg:not(.mine)', { hasText: 'ditangani' });
    await taken.waitFor({ timeout: 20_000 });
    expect(await textOf(taken)).toContain(reference);
    expect(await page.locator('#wa-chat .msg:not(.mine)').count()).toBeGreaterThanOrEqual(2);
    const toWorkerNow = (await outbox()).filter((e) => e.to === WORKER);
    expect(toWorkerNow.every((e) => e.route === 'whatsapp')).toBe(true);
    await page.locator('#reporter').scrollIntoViewIfNeeded();
    await page.locator('#reporter').screenshot({ path: screenshot('whatsapp-walk-4-worker-sees-both') });
    expect(await pageWidth(page)).toBeLessThanOrEqual(360);
    await page.screenshot({ path: screenshot('whatsapp-walk-5-full'), fullPage: true });
    expect(errors).toEqual([]);
    await page.close();
  });

  it('shows the officer, in the console, which channel every message of the case went by', async () => {
    expect(reference).not.toBe('');
    const page = await fixture.browser.newPage(PHONE);
    await page.goto(`${fixture.system.baseUrl}/console`);
    await page.waitForURL(/\/console\/sign-in/);
    const before = (await outbox()).length;
    await page.getByLabel('Nomor HP terdaftar').fill(LOMBOK_TIMUR.phone);
    await page.getByLabel('PIN').fill(LOMBOK_TIMUR.pin);
    await page.getByRole('button', { name: 'Kirim kode' }).click();
    await page.waitForURL(/\/console\/sign-in\/code/);
    // An officer on WhatsApp gets the sign-in code there, as the sign-in template.
    const code = await waitFor(async () => (await outbox()).slice(before).find((e) => e.to === LOMBOK_TIMUR.phone && e.template === 'hotline_sign_in'), 15_000);
    expect(code.route).toBe('whatsapp');
    await page.getByLabel('Kode dari SMS atau WhatsApp').fill(/(\d{6})/.exec(code.message)![1]!);
    await page.getByRole('button', { name: 'Masuk' }).click();
    await page.waitForURL(/\/console(\?|$)/);
    // WhatsApp is a channel of the queue's filter: the case is listed under it, not under SMS.
    await page.goto(`${fixture.system.baseUrl}/console?tab=all&channel=whatsapp`);
    expect(await textOf(page.locator('#cases'))).toContain(reference);
    await page.goto(`${fixture.system.baseUrl}/console?tab=all&channel=sms`);
    expect(await textOf(page.locator('body'))).not.toContain(reference);
    await page.goto(`${fixture.system.baseUrl}/console/cases/${reference}`);
    const timeline = await textOf(page.locator('#timeline'));
    expect(timeline).toContain('Laporan masuk lewat WhatsApp');
    expect(timeline).toContain(`Peringatan WhatsApp ke ${LOMBOK_TIMUR.name}`);
    expect(timeline).toContain('dikirim lagi lewat SMS');
    expect(timeline).toMatch(/Ditangani di tingkat [^\n]*\(lewat WhatsApp\)/);
    expect(timeline).toContain('Pelapor diberi kabar lewat WhatsApp');
    expect(await pageWidth(page)).toBeLessThanOrEqual(360);
    await page.screenshot({ path: screenshot('whatsapp-walk-6-console-case'), fullPage: true });
    await page.close();
  });
});
