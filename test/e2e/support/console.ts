import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { expect } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { waitFor } from './system.js';
import { screenshot } from './browser.js';

/** What the e2e tests read of the local outbox (`GET /dev/outbox`). */
export interface OutboxEntry { seq: number; route: string; to: string; message: string; template?: string; providerMessageId: string }
export const readOutbox = async (baseUrl: string): Promise<OutboxEntry[]> => (await fetch(`${baseUrl}/dev/outbox`)).json() as Promise<OutboxEntry[]>;

/**
 * Signs an official in to the console as a person would: phone and PIN, then the six-digit code from
 * the SMS that lands in the outbox. Returns the queue page.
 */
export async function signInWithSmsCode(context: BrowserContext, baseUrl: string, who: { phone: string; pin: string }): Promise<Page> {
  const page = await context.newPage();
  await page.goto(`${baseUrl}/console`);
  await page.waitForURL(/\/console\/sign-in/);
  const before = (await readOutbox(baseUrl)).length;
  await page.getByLabel('Nomor HP terdaftar').fill(who.phone);
  await page.getByLabel('PIN').fill(who.pin);
  await page.getByRole('button', { name: 'Kirim kode' }).click();
  await page.waitForURL(/\/console\/sign-in\/code/);
  const sms = await waitFor(async () => (await readOutbox(baseUrl)).slice(before).find((e) => e.to === who.phone && e.message.includes('Kode masuk')), 15_000);
  await page.getByLabel('Kode dari SMS').fill(/(\d{6})/.exec(sms.message)![1]!);
  await page.getByRole('button', { name: 'Masuk' }).click();
  await page.waitForURL(/\/console(\?|$)/);
  return page;
}

const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
interface Violation { id: string; impact: string; help: string; nodes: Array<{ target: string[] }> }

/** axe (WCAG 2.1 A/AA) finds no serious or critical violation, the page does not scroll sideways at 360 px; a screenshot is kept as `<name>-360.png`. */
export async function expectAccessibleAt360(page: Page, name: string): Promise<void> {
  // The CSP forbids inline scripts: axe is evaluated through the DevTools protocol instead.
  if ((await page.evaluate('typeof window.axe')) === 'undefined') await page.evaluate(AXE_SOURCE);
  const violations = await page.evaluate<Violation[]>(`axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } })
    .then((r) => r.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => ({ target: n.target })) })))`);
  const serious = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(serious.map((v) => `${v.id} (${v.impact}): ${v.help} at ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(', ')}`), name).toEqual([]);
  expect(await page.evaluate<number>('document.documentElement.scrollWidth'), `${name} scrolls sideways`).toBeLessThanOrEqual(360);
  await page.screenshot({ path: screenshot(`${name}-360`), fullPage: true });
}
