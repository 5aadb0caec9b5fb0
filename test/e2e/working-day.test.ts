import { describe, expect, it } from 'vitest';
import type { BrowserContext, Locator, Page } from 'playwright-core';
import { waitFor } from './support/system.js';
import { screenshot, useBrowserAndSystem, PHONE } from './support/browser.js';
import { signInWithSmsCode } from './support/console.js';

/**
 * Issue 23 "tried as a new user would", on the system as `npm start` runs it, in Chromium at 360 pixels:
 * the province desk works ten cases on a phone from alert to close, and a regency officer works ten
 * cases by SMS from the simulator's basic phone. Neither reads the README: every step is taken from
 * what the screens and the messages themselves say (the alert's "Balas: TERIMA …", the answer's
 * "Bila tuntas: SELESAI …", the console's buttons by their Indonesian names).
 */
interface OutboxEntry { seq: number; route: string; to: string; message: string }

const DESK = { phone: '+6281100005200', pin: '5200' };
const LOMBOK_TIMUR = { id: 'kab-5203', phone: '+6281100005003', pin: '0303', name: 'Petugas Disnaker Lombok Timur' };
const CASES = 10;
/** Ten cases of several steps each on a shared two-core machine: minutes, not the default two. */
const WALK_TIMEOUT_MS = 360_000;
const REFERENCE = /\b[2-9A-Z]{3}-[2-9A-Z]{3}\b/;

const fixture = useBrowserAndSystem();
const outbox = async (): Promise<OutboxEntry[]> => (await fetch(`${fixture.system.baseUrl}/dev/outbox`)).json() as Promise<OutboxEntry[]>;
const pageWidth = (page: Page) => page.evaluate<number>('document.documentElement.scrollWidth');
const textOf = async (l: Locator) => (await l.textContent()) ?? '';
let sent = 0;
const postSms = (from: string, text: string) => fetch(`${fixture.system.baseUrl}/sms?key=${encodeURIComponent(fixture.system.callbackKey)}`, {
  method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' },
  body: new URLSearchParams({ from, to: '1708', text, date: '2026-12-06 08:00:00', id: `working-day-${++sent}` }).toString(),
});

/** Ten workers abroad report by SMS; returns each reference with the worker's number, in filing order. */
async function tenReports(prefix: string, text: string): Promise<Array<{ reference: string; worker: string }>> {
  const filed: Array<{ reference: string; worker: string }> = [];
  for (let i = 0; i < CASES; i++) {
    const worker = `+6012${prefix}${String(i).padStart(5, '0')}`;
    expect((await postSms(worker, text)).status).toBe(200);
    const reply = await waitFor(async () => (await outbox()).find((e) => e.to === worker && REFERENCE.test(e.message)), 20_000);
    filed.push({ reference: REFERENCE.exec(reply.message)![0], worker });
  }
  return filed;
}

const signIn = (context: BrowserContext, who: { phone: string; pin: string }) => signInWithSmsCode(context, fixture.system.baseUrl, who);

describe("the hotline center's working day, walked as a new official would", () => {
  it('lets the province desk work ten cases on a 360-pixel phone from alert to close', async () => {
    // Reports that name no regency: the desk is the one alerted, and holds them until someone routes them.
    const filed = await tenReports('37', 'LAPOR majikan tidak bayar gaji dan paspor ditahan');
    for (const { reference } of filed) {
      const alert = await waitFor(async () => (await outbox()).find((e) => e.to === DESK.phone && e.message.includes(reference)), 20_000);
      expect(alert.message).toContain(`TERIMA ${reference}`);
      expect(alert.message).not.toMatch(/\+60|majikan|paspor/);
    }

    const context = await fixture.browser.newContext(PHONE);
    const page = await signIn(context, DESK);
    for (const [i, { reference, worker }] of filed.entries()) {
      // The alert names the case: the desk finds it in the queue and opens it with one tap.
      await page.goto(`${fixture.system.baseUrl}/console`);
      const card = page.locator('#cases li', { hasText: reference });
      await expect.poll(() => card.count(), { timeout: 15_000 }).toBe(1);
      expect(await pageWidth(page)).toBeLessThanOrEqual(360);
      if (i === 0) await page.screenshot({ path: screenshot('working-day-desk-queue'), fullPage: true });
      await card.locator('a.ref').click();
      await page.waitForURL(new RegExp(`/console/cases/${reference}`));

      // On a case nobody took, taking it is the main action; closing is not offered yet.
      const take = page.getByRole('button', { name: 'Ambil kasus' });
      expect(await take.isVisible()).toBe(true);
      expect(await page.locator('#form-resolve').count()).toBe(0);
      await take.click();
      await page.locator('#notice').waitFor();
      expect(await textOf(page.locator('#status'))).toContain('Ditangani');
      await waitFor(async () => (await outbox()).find((e) => e.to === worker && e.message.includes(`Laporan ${reference} sedang ditangani`)), 15_000);

      // Closing asks what was done, then the worker is asked to confirm.
      await page.getByText('Tandai selesai').first().click();
      await page.locator('#f-outcome').fill(`Agen dihubungi, gaji dibayar (kasus ${i + 1})`);
      await page.locator('#form-resolve button').click();
      await page.locator('#notice').waitFor();
      expect(await textOf(page.locator('#status'))).toContain('Selesai');
      expect(await pageWidth(page)).toBeLessThanOrEqual(360);
      if (i === 0) await page.screenshot({ path: screenshot('working-day-desk-resolved'), fullPage: true });
      // The timeline names whom the alert went to: the desk, not "Kabupaten/kota" (issue 23 item 3).
      expect(await textOf(page.locator('#timeline'))).toContain('(Desk provinsi, kasus baru)');
      await waitFor(async () => (await outbox()).find((e) => e.to === worker && e.message.includes(reference) && e.message.includes('Balas YA atau TIDAK')), 15_000);
    }
    // None of the ten is left waiting in the desk's open queue.
    await page.goto(`${fixture.system.baseUrl}/console`);
    const queue = await textOf(page.locator('main'));
    for (const { reference } of filed) expect(queue).not.toContain(reference);
    await context.close();
  }, WALK_TIMEOUT_MS);

  it("lets a regency officer work ten cases by SMS from the simulator's basic phone", async () => {
    const filed = await tenReports('38', 'LAPOR gaji tidak dibayar 3 bulan, saya dari Lotim');
    const page = await fixture.browser.newPage(PHONE);
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`${fixture.system.baseUrl}/dev/phone`);
    const officer = page.locator(`#official-${LOMBOK_TIMUR.id}`);
    await officer.waitFor();
    const inbox = officer.locator('.inbox');
    const send = async (text: string) => {
      await officer.getByLabel(`Reply from ${LOMBOK_TIMUR.name}`).fill(text);
      await officer.getByRole('button', { name: `Send by SMS from ${LOMBOK_TIMUR.name}` }).click();
    };
    /** The officer's phone shows a message about the case containing `words`; returns its text. */
    const received = async (reference: string, words: string) => {
      const msg = inbox.locator('.msg', { hasText: reference }).filter({ hasText: words });
      await expect.poll(() => msg.count(), { timeout: 20_000 }).toBeGreaterThan(0);
      return textOf(msg.last());
    };

    for (const [i, { reference, worker }] of filed.entries()) {
      // The alert says what to answer; the officer types it with the PIN.
      const alert = await received(reference, 'Balas:');
      const take = /Balas: (TERIMA \S+) <PIN Anda>/.exec(alert)?.[1];
      expect(take).toBe(`TERIMA ${reference}`);
      await officer.scrollIntoViewIfNeeded();
      if (i === 0) await officer.screenshot({ path: screenshot('working-day-officer-alert') });
      await send(`${take} ${LOMBOK_TIMUR.pin}`);

      // The answer says how to close it; the officer closes it with what was done.
      const taken = await received(reference, 'Bila tuntas');
      const close = /Bila tuntas: (SELESAI \S+) PIN catatan/.exec(taken)?.[1];
      expect(close).toBe(`SELESAI ${reference}`);
      await send(`${close} ${LOMBOK_TIMUR.pin} Majikan membayar gaji, dicek lewat KBRI`);
      await waitFor(async () => (await outbox()).find((e) => e.to === worker && e.message.includes(reference) && e.message.includes('Balas YA atau TIDAK')), 20_000);
      if (i === 0) await officer.screenshot({ path: screenshot('working-day-officer-closed') });
    }
    expect(await pageWidth(page)).toBeLessThanOrEqual(360);
    // Every command was answered, and none was refused.
    expect(await textOf(inbox)).not.toMatch(/PIN salah|tidak dikenali|belum diubah/);
    expect(errors).toEqual([]);
  }, WALK_TIMEOUT_MS);
});
