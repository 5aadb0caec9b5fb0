import { describe, expect, it } from 'vitest';
import { randomBytes } from 'node:crypto';
import { waitFor } from './support/system.js';
import { screenshot, useBrowserAndSystem, PHONE } from './support/browser.js';

interface OutboxEntry { route: string; to: string; message: string }
interface Row { month: string; regency: string; category: string; reports: number | '<5'; acknowledgedOnTime: number | '*'; resolved: number | '*' }

/** Minutes from now until three days into the next month in WITA (UTC+8): a month is published only after it has closed. */
function minutesIntoNextMonth(): number {
  const wita = new Date(Date.now() + 8 * 3600_000);
  const nextMonthStartUtc = Date.UTC(wita.getUTCFullYear(), wita.getUTCMonth() + 1, 1) - 8 * 3600_000;
  return Math.ceil((nextMonthStartUtc - Date.now()) / 60_000) + 3 * 24 * 60;
}

const fixture = useBrowserAndSystem();

let n = 0;
async function report(homeRegency: string, category: string, agentName?: string): Promise<string> {
  const res = await fetch(`${fixture.system.baseUrl}/reports`, {
    method: 'POST', headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      reporterType: 'family', contact: `+6281299900${String(++n).padStart(3, '0')}`, category, country: 'MY', homeRegency,
      description: 'Laporan percobaan untuk angka publik.', consent: true, token: randomBytes(18).toString('base64url'), ...(agentName ? { agentName } : {}),
    }),
  });
  expect(res.status).toBe(201);
  return ((await res.json()) as { reference: string }).reference;
}

async function officialSms(from: string, text: string): Promise<void> {
  const res = await fetch(`${fixture.system.baseUrl}/sms?key=${encodeURIComponent(fixture.system.callbackKey)}`, {
    method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ from, to: '1708', text, date: new Date().toISOString().slice(0, 19), id: `e2e-fig-${randomBytes(6).toString('hex')}` }).toString(),
  });
  expect(res.status).toBe(200);
}

const rows = async () => ((await (await fetch(`${fixture.system.baseUrl}/statistik.json`)).json()) as { rows: Row[] }).rows;

describe('figures as a new user finds them', () => {
  it('a dozen reports, some acknowledged, then a moved clock: /statistik on a 360-pixel phone shows counts, hides small ones, and the broker is flagged once', async () => {
    const timur = [];
    for (let i = 0; i < 6; i++) timur.push(await report('5203', 'unpaid_wages'));
    for (let i = 0; i < 3; i++) await report('5201', 'documents_held');
    for (const agent of ['PT. Maju Jaya', 'pt maju-jaya', 'Calo Maju Djaja']) await report('5202', 'trafficking', agent);
    for (const ref of timur.slice(0, 5)) await officialSms('+6281100005200', `TERIMA ${ref} 5200`);
    // The month is still open: nothing of it is published yet.
    expect((await rows()).find((r) => r.regency === '5203' && r.category === 'unpaid_wages')).toBeUndefined();
    await fetch(`${fixture.system.baseUrl}/dev/clock`, { method: 'POST', body: JSON.stringify({ advanceMinutes: minutesIntoNextMonth() }) });

    const published = await waitFor(async () => {
      const all = await rows();
      return all.find((r) => r.regency === '5203' && r.category === 'unpaid_wages' && r.reports === 6) ? all : undefined;
    }, 20_000);
    // 6 reports, 5 answered on time: "5" would tell that exactly one was late, so it is withheld.
    expect(published.find((r) => r.regency === '5203' && r.category === 'unpaid_wages')?.acknowledgedOnTime).toBe('*');
    for (const r of published) {
      expect(r.reports === '<5' || r.reports >= 5).toBe(true);
      for (const v of [r.acknowledgedOnTime, r.resolved]) expect(v === '*' || v >= 5).toBe(true);
    }
    expect(published.find((r) => r.regency === '5201' && r.category === 'documents_held')?.reports).toBe('<5');

    const page = await fixture.browser.newPage(PHONE);
    const response = await page.goto(`${fixture.system.baseUrl}/statistik`);
    expect(response?.status()).toBe(200);
    expect(response?.headers()['cache-control']).toMatch(/^public, max-age=300/);
    expect(await page.evaluate<number>('document.documentElement.scrollWidth')).toBeLessThanOrEqual(360);
    const cells = await page.locator('td').allTextContents();
    expect(cells).toContain('6');
    expect(cells).toContain('<5');
    for (const c of cells) if (/^\d+$/.test(c)) expect(Number(c)).toBeGreaterThanOrEqual(5);
    expect(await page.content()).not.toMatch(/Maju|PT\./);
    await page.screenshot({ path: screenshot('statistik-360'), fullPage: true });
    await page.getByRole('link', { name: 'English' }).click();
    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toContain('figures');
    await page.screenshot({ path: screenshot('statistik-en-360'), fullPage: true });

    const alerts = await waitFor(async () => {
      const out = (await (await fetch(`${fixture.system.baseUrl}/dev/outbox`)).json()) as OutboxEntry[];
      const found = out.filter((e) => e.message.includes('agen/calo'));
      return found.length >= 2 ? found : undefined;
    }, 15_000);
    expect(alerts.map((a) => a.to).sort()).toEqual(['+6281100005200', '+6281100005300']);
  });

  it("shows the province desk's dashboard in the console, readable at 360 pixels, each chart with its numbers", async () => {
    const page = await fixture.browser.newPage(PHONE);
    await page.goto(`${fixture.system.baseUrl}/console/sign-in`);
    await page.fill('#f-phone', '+6281100005200');
    await page.fill('#f-pin', '5200');
    await page.locator('#f-pin').press('Enter');
    await page.waitForSelector('#f-code');
    const code = await waitFor(async () => {
      const out = (await (await fetch(`${fixture.system.baseUrl}/dev/outbox`)).json()) as OutboxEntry[];
      return /(\d{6})/.exec(out.filter((e) => e.to === '+6281100005200' && /\d{6}/.test(e.message)).at(-1)?.message ?? '')?.[1];
    });
    await page.fill('#f-code', code);
    await page.locator('#f-code').press('Enter');
    await page.waitForSelector('#who');

    const response = await page.goto(`${fixture.system.baseUrl}/console/figures`);
    expect(response?.status()).toBe(200);
    expect(await page.evaluate<number>('document.documentElement.scrollWidth')).toBeLessThanOrEqual(360);
    expect(await page.locator('svg.chart').count()).toBe(5);
    const lombokTimur = page.getByRole('row', { name: /Lombok Timur/ }).first();
    await expect(lombokTimur.textContent()).resolves.toContain('100%');
    await page.screenshot({ path: screenshot('console-dashboard-360'), fullPage: true });

    await page.goto(`${fixture.system.baseUrl}/console/figures/agents`);
    // The name as last typed ("Calo Maju Djaja"), with the three cases.
    expect(await page.locator('main').textContent()).toMatch(/Maju/);
    expect(await page.locator('main a[href^="/console/cases/"]').count()).toBe(3);
    await page.screenshot({ path: screenshot('console-agents-360'), fullPage: true });
  });
});
