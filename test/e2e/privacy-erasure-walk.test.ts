import { describe, expect, it } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { waitFor } from './support/system.js';
import { screenshot, useBrowserAndSystem, PHONE } from './support/browser.js';

/**
 * Issue 22 "tried as a new user would", in Chromium at 360 pixels on the system as `npm start` runs
 * it: a worker abroad reports by SMS in the phone simulator (the reply tells who keeps the data and
 * that HAPUS deletes it), sends HAPUS, the province desk finds the request in the console's
 * *Permintaan data* tab with its 3x24-hour deadline, carries it out, and the case page then shows
 * only the facts. Screenshots in test-results/privacy-walk-*.png.
 */
interface OutboxEntry { seq: number; route: string; to: string; message: string }

const WORKER = '+60123458091';
const DESK = { phone: '+6281100005200', pin: '5200' };
const REFERENCE = /\b[2-9A-Z]{3}-[2-9A-Z]{3}\b/;
const REPORT = 'LAPOR majikan tahan paspor dan gaji 3 bulan tidak dibayar, saya dari Lotim';

const fixture = useBrowserAndSystem();
const outbox = async (): Promise<OutboxEntry[]> => (await fetch(`${fixture.system.baseUrl}/dev/outbox`)).json() as Promise<OutboxEntry[]>;
const pageWidth = (page: Page) => page.evaluate<number>('document.documentElement.scrollWidth');
const textOf = async (l: Locator) => (await l.textContent()) ?? '';

async function sendSms(page: Page, text: string): Promise<void> {
  await page.locator('#sms-text').fill(text);
  await page.locator('#sms-send').click();
  await expect.poll(() => textOf(page.locator('#sms-state')), { timeout: 15_000 }).toBe('sent');
}

describe('a worker asks for erasure by SMS, and the desk carries it out, on a 360-pixel phone', () => {
  it('walks from HAPUS in the simulator to a case page that shows only the facts', async () => {
    const phone = await fixture.browser.newPage(PHONE);
    const errors: string[] = [];
    phone.on('pageerror', (e) => errors.push(e.message));
    await phone.goto(`${fixture.system.baseUrl}/dev/phone`);
    await phone.locator('#me').fill(WORKER);

    // The report: the reply gives the reference and, this number's first report, the consent texts.
    await sendSms(phone, REPORT);
    const reply = phone.locator('#inbox .msg', { hasText: 'Data dijaga Disnakertrans NTB' });
    await reply.waitFor({ timeout: 20_000 });
    const caseReference = REFERENCE.exec(await textOf(reply))![0];
    expect(await textOf(reply)).toContain('Minta hapus: kirim HAPUS');
    expect(await pageWidth(phone)).toBeLessThanOrEqual(360);
    await phone.locator('#reporter').screenshot({ path: screenshot('privacy-walk-1-report-reply') });

    // HAPUS: a neutral answer with the request's reference and its deadline; nothing is erased yet.
    await sendSms(phone, 'HAPUS');
    const received = phone.locator('#inbox .msg', { hasText: 'Permintaan' });
    await received.waitFor({ timeout: 20_000 });
    const receivedText = await textOf(received);
    expect(receivedText).toMatch(/Permintaan [2-9A-Z]{3}-[2-9A-Z]{3} diterima dan dijawab paling lambat \d\d\/\d\d \d\d:\d\d WITA\./);
    expect(receivedText).not.toMatch(/hapus|paspor/i);
    const requestReference = /Permintaan ([2-9A-Z]{3}-[2-9A-Z]{3})/.exec(receivedText)![1]!;
    await phone.locator('#reporter').screenshot({ path: screenshot('privacy-walk-2-hapus-answered') });

    // The province desk signs in on its phone.
    const desk = await fixture.browser.newPage(PHONE);
    desk.on('pageerror', (e) => errors.push(e.message));
    await desk.goto(`${fixture.system.baseUrl}/console`);
    await desk.waitForURL(/\/console\/sign-in/);
    const before = (await outbox()).length;
    await desk.getByLabel('Nomor HP terdaftar').fill(DESK.phone);
    await desk.getByLabel('PIN').fill(DESK.pin);
    await desk.getByRole('button', { name: 'Kirim kode' }).click();
    await desk.waitForURL(/\/console\/sign-in\/code/);
    const code = await waitFor(async () => (await outbox()).slice(before).find((e) => e.to === DESK.phone && e.message.includes('Kode masuk')), 15_000);
    await desk.getByLabel(/Kode dari SMS/).fill(/(\d{6})/.exec(code.message)![1]!);
    await desk.getByRole('button', { name: 'Masuk' }).click();
    await desk.waitForURL(/\/console(\?|$)/);

    // The request is in its own tab, with the law's deadline and the time left.
    await desk.locator('#tab-requests').click();
    await desk.waitForURL(/\/console\/requests/);
    const listed = desk.locator('#requests-open li', { hasText: requestReference });
    await listed.waitFor();
    expect(await textOf(listed)).toMatch(/Batas 3x24 jam \d\d\/\d\d \d\d:\d\d WITA \((71|72) jam \d+ mnt lagi\)/);
    expect(await pageWidth(desk)).toBeLessThanOrEqual(360);
    await desk.screenshot({ path: screenshot('privacy-walk-3-desk-requests'), fullPage: true });

    // The request's page: the number's case by reference and facts, never the number or the report.
    await listed.locator('a.ref').click();
    await desk.waitForURL(new RegExp(`/console/requests/${requestReference}`));
    // Under its label 'Batas 3x24 jam', the date and the time left, said once.
    expect(await textOf(desk.locator('#request-deadline'))).toMatch(/^\d\d\/\d\d \d\d:\d\d WITA \((71|72) jam \d+ mnt lagi\)$/);
    expect(await textOf(desk.locator('#request-cases'))).toContain(caseReference);
    expect(await textOf(desk.locator('body'))).not.toContain(WORKER);
    expect(await textOf(desk.locator('body'))).not.toContain('paspor');
    await desk.screenshot({ path: screenshot('privacy-walk-4-request-page'), fullPage: true });

    // Carried out, after ticking that no ground to refuse applies.
    await desk.locator('#f-confirm').check();
    await desk.locator('#form-carry-out button').click();
    await desk.locator('#notice').waitFor();
    expect(await textOf(desk.locator('#notice'))).toContain('Keputusan tersimpan');
    expect(await textOf(desk.locator('#decision'))).toContain('Dilaksanakan');
    await desk.screenshot({ path: screenshot('privacy-walk-5-carried-out'), fullPage: true });

    // The case page now shows only the facts.
    await desk.goto(`${fixture.system.baseUrl}/console/cases/${caseReference}`);
    const page = await textOf(desk.locator('body'));
    expect(page).toContain(caseReference);
    expect(page).toContain('dihapus atas permintaan pemilik data');
    expect(page).toContain('Lombok Timur');
    expect(page).not.toContain('paspor');
    expect(page).not.toContain(WORKER);
    expect(page).not.toContain('458091');
    expect(await pageWidth(desk)).toBeLessThanOrEqual(360);
    await desk.screenshot({ path: screenshot('privacy-walk-6-case-facts-only'), fullPage: true });

    // The worker is told the outcome, neutrally.
    const done = phone.locator('#inbox .msg', { hasText: `Permintaan ${requestReference} sudah dilaksanakan` });
    await done.waitFor({ timeout: 20_000 });
    await phone.locator('#reporter').screenshot({ path: screenshot('privacy-walk-7-worker-told') });
    expect(errors).toEqual([]);
    await desk.close();
    await phone.close();
  });
});
