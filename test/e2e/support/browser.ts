import { existsSync, mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import { chromium, type Browser } from 'playwright-core';
import { startLocalSystem, type LocalSystem } from './system.js';

/** CI installs Chromium from the distribution (apt-get install chromium); no browser download works here. */
export const CHROMIUM = '/usr/bin/chromium';
/** Ignored by git: screenshots for people to look at after a run. */
export const SCREENSHOTS = resolve('test-results');

/** Fails (never skips) without Chromium: a skipped browser test would hide a broken form. */
export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`Chromium not found at ${CHROMIUM}: the browser tests need it. Install it with: apt-get update && apt-get install -y chromium`);
  }
  mkdirSync(SCREENSHOTS, { recursive: true });
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

export const screenshot = (name: string) => resolve(SCREENSHOTS, `${name}.png`);

/** A cheap Android phone, 360 CSS pixels wide: every browser test looks at the pages as a worker or an official would. */
export const PHONE = { viewport: { width: 360, height: 640 }, isMobile: true, hasTouch: true };

/**
 * For a test file: Chromium and the system as `npm start` runs it, started before the file's tests
 * (Chromium first: without it the run fails fast with its install hint, before a server starts)
 * and stopped after them, with `env` added to the system's environment (e.g. officials on WhatsApp).
 * Read `browser` and `system` inside tests and hooks.
 */
export function useBrowserAndSystem(env: Record<string, string> = {}): { readonly browser: Browser; readonly system: LocalSystem } {
  let browser: Browser | undefined;
  let system: LocalSystem | undefined;
  beforeAll(async () => {
    browser = await launchChromium();
    system = await startLocalSystem(env);
  });
  afterAll(async () => {
    await browser?.close();
    await system?.stop();
  });
  return {
    get browser() { return browser!; },
    get system() { return system!; },
  };
}
