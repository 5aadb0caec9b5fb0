import { describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { PHONE, screenshot, useBrowserAndSystem } from './support/browser.js';
import { expectAccessibleAt360, signInWithSmsCode } from './support/console.js';

/**
 * Papers for a meeting (issue 23, item 10) in Chromium at 360 px: the printable case summary on the
 * screen and as print media (only the summary and the RAHASIA line), and the access log with its
 * filters; axe-core finds no serious or critical violation on either. Screenshots in test-results.
 */
const DESK = { phone: '+6281100005200', pin: '5200' };
const fixture = useBrowserAndSystem();


async function file(token: string): Promise<string> {
  const res = await fetch(`${fixture.system.baseUrl}/reports`, {
    method: 'POST', headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      reporterType: 'family', contact: '+6281234500888', category: 'unpaid_wages', country: 'MY', homeRegency: '5203', workerName: 'Siti Aminah',
      description: 'Gaji anak saya belum dibayar tiga bulan. Majikan di Johor tidak mau bicara dengan agensi.', consent: true, smsUpdates: true, token,
    }),
  });
  expect(res.status).toBe(201);
  return ((await res.json()) as { reference: string }).reference;
}

const signIn = (context: BrowserContext) => signInWithSmsCode(context, fixture.system.baseUrl, DESK);
const check = (page: Page, name: string) => expectAccessibleAt360(page, `papers-${name}`);

describe('papers for a meeting at 360 px (issue 23, item 10)', () => {
  it('prints a case summary: on screen with a print button, on paper only the summary and the RAHASIA line', async () => {
    const reference = await file('papers-e2e-token-000001');
    const context = await fixture.browser.newContext(PHONE);
    const page = await signIn(context);
    await page.goto(`${fixture.system.baseUrl}/console/cases/${reference}`);
    await page.locator('#form-take button').click();
    await page.locator('#you-hold').waitFor();
    await page.locator('summary', { hasText: 'Tambah catatan' }).click();
    await page.locator('#f-note').fill('Sudah telepon agensi; menunggu jawaban majikan.');
    await page.locator('#form-note button').click();
    await page.locator('#notice').waitFor();

    await page.locator('#print-summary').click();
    await page.waitForURL(new RegExp(`/console/print/${reference}$`));
    await page.locator('#print-now').waitFor({ state: 'visible' });
    await check(page, 'print-screen');
    expect(await page.locator('form, textarea, select, input:not([type=hidden])').evaluateAll((els) => els.filter((e) => e.closest('main')).length)).toBe(0);
    await expect.poll(() => page.locator('#timeline li').count()).toBeGreaterThan(2);

    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('header').isVisible()).toBe(false);
    expect(await page.locator('#print-now').isVisible()).toBe(false);
    // On paper: RAHASIA at the top and the end with who printed it, and in the bottom margin of every page (the stylesheet's @page box).
    for (const id of ['#rahasia-top', '#rahasia']) {
      expect(await page.locator(id).isVisible()).toBe(true);
      expect(await page.locator(id).textContent()).toMatch(/^RAHASIA · Berisi data pribadi/);
    }
    const css = await (await context.request.get(`${fixture.system.baseUrl}/console/static/console.css`)).text();
    expect(css).toMatch(/@page\{[^}]*@bottom-center\{content:"RAHASIA /);
    await page.screenshot({ path: screenshot('papers-print-media-360'), fullPage: true });
    const pdf = await page.pdf({ format: 'A4', path: screenshot('papers-print').replace(/\.png$/, '.pdf') });
    expect(pdf.byteLength).toBeGreaterThan(1000);

    // The access log shows the printout, filtered to this case, in words; the CSV link carries the filters.
    await page.emulateMedia({ media: 'screen' });
    await page.goto(`${fixture.system.baseUrl}/console/access-log`);
    await page.getByLabel('Kode kasus').fill(reference.toLowerCase());
    await page.getByLabel('Jenis').selectOption({ label: 'dicetak' });
    await page.getByRole('button', { name: 'Tampilkan' }).click();
    await page.waitForURL(/kind=printed/);
    const rows = await page.locator('#access-log tbody tr').allTextContents();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toContain('dicetak: isi laporan, nama pekerja, nomor pelapor');
    expect(rows[0]).toContain(reference);
    await check(page, 'access-log-filtered');
    expect(await page.locator('#access-log-csv').getAttribute('href')).toContain(`ref=${reference}&kind=printed`);
    const csv = await (await context.request.get(`${fixture.system.baseUrl}${await page.locator('#access-log-csv').getAttribute('href')}`)).text();
    expect(csv).toContain(`,dicetak,"isi laporan, nama pekerja, nomor pelapor",${reference},`);
    await context.close();
  });
});
