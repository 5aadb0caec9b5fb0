import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { handleInboundSms } from '../../lib/use-cases/handle-inbound-sms.js';
import { ConsoleClient, createConsoleTestSystem, type ConsoleTestSystem } from '../support/console.js';

/**
 * A category read from an SMS is recorded with the words it was read from, and the console shows it
 * as "dibaca dari teks" until an official confirms or corrects it (issue 23, item 1).
 */
let system: ConsoleTestSystem;
let desk: ConsoleClient;
beforeAll(async () => {
  system = await createConsoleTestSystem();
  desk = new ConsoleClient(system, '192.0.2.41');
  await desk.signIn('+6281100005200', '5200');
}, 120_000);
afterAll(async () => { await system.drop(); });

let seq = 0;
async function smsReport(from: string, text: string) {
  const out = await handleInboundSms(system.deps, { id: `ATcat${++seq}${Date.now()}`, from, text, receivedAt: system.clock.now().toISOString() });
  return (await system.store.getCaseByReference((out as { reference: string }).reference))!;
}
async function page(reference: string) {
  const html = await (await desk.get(`/console/cases/${reference}`)).text();
  const hidden = (name: string) => new RegExp(`name="${name}" value="([^"]*)"`).exec(html)?.[1] ?? '';
  return { html, csrf: hidden('csrf'), version: hidden('version'), seen: hidden('seen') };
}
const post = async (reference: string, action: string, fields: Record<string, string> = {}) => {
  const p = await page(reference);
  return desk.post(`/console/cases/${reference}/${action}`, { csrf: p.csrf, version: p.version, seen: p.seen, ...fields });
};

describe('a category read from the text', () => {
  it('is stored with its words, sealed, and shown until an official confirms it', async () => {
    const c = await smsReport('+60123987101', 'LAPOR saya ditahan polisi di Kuala Lumpur karena permit mati');
    expect(c.category).toBe('detained_deported');
    expect(c.categoryRead).toEqual({ category: 'detained_deported', words: ['ditahan polisi'] });
    // The words are the reporter's: not on the timeline.
    expect(JSON.stringify(await system.store.timeline(c.id))).not.toContain('ditahan polisi');

    const before = await page(c.reference);
    expect(before.html).toContain('dibaca dari teks: “ditahan polisi”');
    expect(before.html).toContain('id="form-confirm-category"');

    expect((await post(c.reference, 'confirm_category')).status).toBe(303);
    const after = (await system.store.getCase(c.id))!;
    expect(after.categoryRead?.settled).toMatchObject({ how: 'confirmed', by: 'prov-ntb' });
    expect(after.category).toBe('detained_deported');
    const html = (await page(c.reference)).html;
    expect(html).not.toContain('id="category-read"');
    expect(html).not.toContain('id="form-confirm-category"');
    expect((await system.store.timeline(c.id)).filter((e) => e.type === 'category_confirmed')).toEqual([
      expect.objectContaining({ actor: 'official:prov-ntb', detail: { via: 'console', category: 'detained_deported' } }),
    ]);
  });

  it('is no longer shown once an official corrects the category', async () => {
    const c = await smsReport('+60123987102', 'LAPOR suami saya meninggal dunia di Sabah, tolong dipulangkan');
    expect(c.categoryRead).toEqual({ category: 'death', words: ['meninggal dunia'] });
    expect((await post(c.reference, 'correct', { category: 'wants_to_go_home' })).status).toBe(303);
    const after = (await system.store.getCase(c.id))!;
    expect(after).toMatchObject({ category: 'wants_to_go_home', categoryRead: { category: 'death', settled: { how: 'corrected', by: 'prov-ntb' } } });
    expect((await page(c.reference)).html).not.toContain('id="category-read"');
    // Confirming a reading that was corrected changes nothing.
    expect((await system.store.getCase(c.id))!.version).toBe(after.version);
  });
});
