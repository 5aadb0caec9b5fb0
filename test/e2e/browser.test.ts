import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { waitFor } from './support/system.js';
import { screenshot, useBrowserAndSystem, PHONE } from './support/browser.js';

interface OutboxEntry { seq: number; route: string; to: string; message: string }
interface CaseEvent { event: string; reference: string }

const REFERENCE = /[2-9A-Z]{3}-[2-9A-Z]{3}/;

const fixture = useBrowserAndSystem();

const getJson = async <T>(path: string): Promise<T> => (await fetch(`${fixture.system.baseUrl}${path}`)).json() as Promise<T>;
const outbox = () => getJson<OutboxEntry[]>('/dev/outbox');
const events = () => getJson<CaseEvent[]>('/dev/events');
/** Playwright's evaluate with a string keeps DOM types out of a Node-only tsconfig. */
const focusedId = (page: Page) => page.evaluate<string>('document.activeElement ? document.activeElement.id : ""');

async function openForm(path = '/'): Promise<Page> {
  const page = await fixture.browser.newPage(PHONE);
  const response = await page.goto(`${fixture.system.baseUrl}${path}`);
  expect(response?.status()).toBe(200);
  return page;
}

describe('the web form in a browser on a 360-pixel phone', () => {
  it('files a family report and shows the reference, which also reaches the family by SMS and an official by alert', async () => {
    const page = await openForm();
    // Readable on a small phone: nothing wider than the screen, so no sideways scrolling.
    expect(await page.evaluate<number>('document.documentElement.scrollWidth')).toBeLessThanOrEqual(360);
    await page.screenshot({ path: screenshot('web-form-360'), fullPage: true });

    await page.getByLabel('Keluarga pekerja').check();
    await page.getByLabel('Nama pekerja').fill('Siti Aminah');
    await page.getByLabel('Nomor HP yang bisa dihubungi').fill('0812 3456 7001');
    await page.getByLabel('Masalahnya tentang apa?').selectOption('unpaid_wages');
    await page.getByLabel('Negara tempat pekerja berada').selectOption('MY');
    await page.getByLabel('Kabupaten/kota asal pekerja').selectOption('5203');
    await page.getByLabel('NIK pekerja').fill('5203014107900001');
    await page.getByLabel('Apa yang terjadi?').fill('Gaji belum dibayar tiga bulan di kebun sawit di Sabah.');
    await page.getByLabel('Saya mengerti dan setuju').check();
    await page.getByRole('button', { name: 'Kirim laporan' }).click();

    await page.waitForURL(/\/reports\/done\?/);
    const reference = (await page.locator('#reference').textContent())?.trim() ?? '';
    expect(reference).toMatch(new RegExp(`^${REFERENCE.source}$`));
    await page.screenshot({ path: screenshot('web-done-360'), fullPage: true });

    const sms = await waitFor(async () => (await outbox()).find((e) => e.to === '+6281234567001'));
    expect(sms.message).toContain(reference);
    const alert = await waitFor(async () => (await outbox()).find((e) => e.route === 'sns' && e.message.includes(reference)));
    expect(alert.message).not.toContain('Siti');
    await waitFor(async () => (await events()).find((e) => e.event === 'case_created' && e.reference === reference));
    await page.close();
  });

  it('shows three errors next to a missing story, a bad phone and an impossible NIK, focuses the first, and stores nothing', async () => {
    const before = (await events()).length;
    const sentBefore = (await outbox()).length;
    const page = await openForm();
    await page.getByLabel('Keluarga pekerja').check();
    await page.getByLabel('Nomor HP yang bisa dihubungi').fill('12345');
    await page.getByLabel('Masalahnya tentang apa?').selectOption('documents_held');
    await page.getByLabel('Negara tempat pekerja berada').selectOption('SA');
    await page.getByLabel('Kabupaten/kota asal pekerja').selectOption('5203');
    await page.getByLabel('NIK pekerja').fill('5203019913900001');
    await page.getByLabel('Saya mengerti dan setuju').check();
    const [response] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith('/reports') && r.request().method() === 'POST'),
      page.getByRole('button', { name: 'Kirim laporan' }).click(),
    ]);
    expect(response.status()).toBe(400);
    await page.locator('.sum').waitFor();
    await page.screenshot({ path: screenshot('web-errors-360'), fullPage: true });

    expect(await page.locator('p.err').count()).toBe(3);
    expect(await page.locator('#e-contact').textContent()).toContain('Nomor HP tidak valid');
    expect(await page.locator('#e-nik').textContent()).toContain('Tanggal lahir di NIK tidak mungkin');
    expect(await page.locator('#e-description').textContent()).toContain('Ceritakan apa yang terjadi');
    for (const field of ['contact', 'nik', 'description']) {
      const input = page.locator(`#f-${field}`);
      expect(await input.getAttribute('aria-invalid')).toBe('true');
      expect(await input.getAttribute('aria-describedby')).toContain(`e-${field}`);
    }
    expect(await focusedId(page)).toBe('f-contact');
    // What was typed is still there, so only the mistakes need fixing.
    expect(await page.locator('#f-contact').inputValue()).toBe('12345');
    expect(await page.locator('#f-category').inputValue()).toBe('documents_held');
    expect(await page.locator('#f-consent').isChecked()).toBe(true);

    // A good report after the bad one is a barrier: once its case event is out, a stored bad one would be too.
    const sentinel = await fetch(`${fixture.system.baseUrl}/reports`, {
      method: 'POST', headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        reporterType: 'organisation', contact: '+60123457002', category: 'other', country: 'MY', homeRegency: 'unknown',
        description: 'Barrier report for the browser test.', consent: true, smsUpdates: false, token: 'browser-test-barrier-0001',
      }),
    });
    expect(sentinel.status).toBe(201);
    const { reference } = (await sentinel.json()) as { reference: string };
    await waitFor(async () => (await events()).find((e) => e.reference === reference));
    const after = await events();
    expect(after.slice(before).map((e) => e.reference)).toEqual([reference]);
    expect((await outbox()).slice(sentBefore).every((e) => e.message.includes(reference))).toBe(true);
    await page.close();
  });
});

describe('the phone simulator', () => {
  async function waitForUssdAnswer(page: Page): Promise<string> {
    await page.waitForFunction('document.getElementById("ussd-state").textContent.indexOf("waiting") === -1');
    return (await page.locator('#ussd-state').textContent()) ?? '';
  }

  it('walks a USSD report by pressing 1 on every screen, ends with a reference, and shows the SMS and the alert on the phones', async () => {
    const page = await fixture.browser.newPage({ viewport: { width: 1280, height: 900 } });
    await page.goto(`${fixture.system.baseUrl}/dev/phone`);
    await page.locator('.officials .phone').first().waitFor();
    await page.locator('#me').fill('+6281234567003');
    await page.locator('#entry').fill('*123#');
    await page.locator('#call').click();

    let state = await waitForUssdAnswer(page);
    const screens: string[] = [];
    for (let step = 0; step < 15 && state.startsWith('CON'); step++) {
      screens.push((await page.locator('#screen').textContent()) ?? '');
      await page.locator('#keys button[data-key="1"]').click();
      await page.locator('#call').click();
      state = await waitForUssdAnswer(page);
    }
    const last = (await page.locator('#screen').textContent()) ?? '';
    await page.screenshot({ path: screenshot('phone-ussd'), fullPage: true });
    expect(state, `screens seen:\n${screens.join('\n---\n')}\n---\n${last}`).toMatch(/^END: session over/);
    const reference = REFERENCE.exec(last)?.[0];
    expect(reference, last).toBeDefined();

    await page.locator('#inbox .msg', { hasText: reference! }).waitFor({ timeout: 15_000 });
    await page.locator('.officials .msg', { hasText: reference! }).first().waitFor({ timeout: 15_000 });
    await page.screenshot({ path: screenshot('phone-ussd-alerts'), fullPage: true });
    await page.close();
  });

  it('sends an SMS report as the typed number and shows the reply with a reference on that phone', async () => {
    const page = await fixture.browser.newPage({ viewport: { width: 1280, height: 900 } });
    await page.goto(`${fixture.system.baseUrl}/dev/phone`);
    await page.locator('.officials .phone').first().waitFor();
    await page.locator('#me').fill('+60123457004');
    await page.locator('#sms-text').fill('LAPOR paspor saya ditahan majikan');
    await page.locator('#sms-send').click();
    await page.waitForFunction('document.getElementById("sms-state").textContent !== ""');
    expect(await page.locator('#sms-state').textContent()).toBe('sent');

    const reply = page.locator('#inbox .msg', { hasText: REFERENCE });
    await reply.waitFor({ timeout: 15_000 });
    const entry = await waitFor(async () => (await outbox()).find((e) => e.to === '+60123457004'));
    expect(await reply.textContent()).toContain(REFERENCE.exec(entry.message)![0]);
    await page.close();
  });
});
