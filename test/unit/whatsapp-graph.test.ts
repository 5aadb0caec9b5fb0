import { describe, expect, it } from 'vitest';
import { GRAPH_API_VERSION, GraphWhatsAppSender } from '../../lib/adapters/whatsapp/graph.js';
import { whatsAppForm } from '../../lib/use-cases/channel-choice.js';
import { contentOf, WhatsAppWebhook, type WhatsAppMessage } from '../../lib/whatsapp/payload.js';
import { LIST_LIMITS } from '../../lib/messages/whatsapp-regency-list.js';
import { DEFAULT_WHATSAPP_POLICY } from '../../lib/messages/whatsapp-templates.js';
import { askRegency, reporterTexts } from '../../lib/messages/reporter.js';
import { consentTexts } from '../../lib/messages/consent.js';
import { countryOfPhone } from '../../lib/domain/regions.js';
import type { WhatsAppOutbound } from '../../lib/use-cases/outbox-port.js';
import { wamidKey } from '../../lib/domain/wamid.js';

/**
 * What the hotline would ask of Meta's Graph API, at the boundary: the fetch is the only stand-in,
 * and each test reads the URL, headers and JSON body it was given.
 */
async function sent(message: WhatsAppOutbound): Promise<{ url: string; headers: Record<string, string>; body: Record<string, unknown> }> {
  const calls: Array<{ url: string; init: RequestInit }> = [];
  const fetchStub = (async (url: string, init: RequestInit) => {
    calls.push({ url, init });
    return new Response(JSON.stringify({ messaging_product: 'whatsapp', messages: [{ id: 'wamid.HBgLNjAxMjM0NTY3ODkVAgARGBI' }] }), { status: 200 });
  }) as unknown as typeof fetch;
  const sender = new GraphWhatsAppSender(async () => ({ accessToken: 'EAAtoken', phoneNumberId: '106540352242922' }), fetchStub);
  // Kept as its digest: this wamid is base64 of the recipient's number (60123456789) among other bytes.
  expect(await sender.send(message)).toEqual({ ok: true, providerMessageId: wamidKey('wamid.HBgLNjAxMjM0NTY3ODkVAgARGBI') });
  expect(calls).toHaveLength(1);
  const { url, init } = calls[0]!;
  return { url, headers: init.headers as Record<string, string>, body: JSON.parse(String(init.body)) as Record<string, unknown> };
}

describe('a wamid, which carries the number of the other party', () => {
  const wamid = 'wamid.HBgLNjAxMjM0NTY3ODkVAgARGBI';
  it('is what Meta sends: base64 of bytes that spell the number out', () => {
    expect(Buffer.from(wamid.slice('wamid.'.length), 'base64').toString('latin1')).toContain('60123456789');
  });
  it('is kept only as a digest that holds no trace of the number, the same for the same wamid and apart for another', () => {
    const key = wamidKey(wamid);
    expect(key).toMatch(/^wa\.[A-Za-z0-9_-]{32}$/);
    expect(key).not.toContain(wamid.slice(6, 20));
    expect(Buffer.from(key.slice(3), 'base64url').toString('latin1')).not.toContain('6012345');
    expect(wamidKey(wamid)).toBe(key);
    expect(wamidKey(`${wamid}A`)).not.toBe(key);
  });
  it('is replaced by its digest when a webhook brings it, for a message and for a status', () => {
    const body = WhatsAppWebhook.parse({ object: 'whatsapp_business_account', entry: [{ changes: [{ value: {
      messages: [{ from: '60123456789', id: wamid, timestamp: '1765000000', type: 'text', text: { body: 'STATUS ABC-234' } }],
      statuses: [{ id: wamid, status: 'delivered' }],
    } }] }] });
    expect(body.entry[0]!.changes[0]!.value.messages![0]!.id).toBe(wamidKey(wamid));
    expect(body.entry[0]!.changes[0]!.value.statuses![0]!.id).toBe(wamidKey(wamid));
  });
});

const now = new Date('2026-12-06T02:00:00Z');
const inWindow = { kind: 'reporter' as const, prefs: { lastChannel: 'whatsapp' as const, whatsappAt: new Date(now.getTime() - 60_000).toISOString() } };

describe('a sender known only by a business-scoped user id (a WhatsApp username, no number)', () => {
  it('is answered by that id as `recipient`, never as a number in `to`', async () => {
    const request = await sent({ id: 'reply.1', to: 'MY.1502576394655843', kind: 'text', rendered: 'Laporan ABC-234 diterima.' });
    expect(request.url).toBe(`https://graph.facebook.com/${GRAPH_API_VERSION}/106540352242922/messages`);
    expect(request.headers.authorization).toBe('Bearer EAAtoken');
    expect(request.body).toEqual({
      messaging_product: 'whatsapp', recipient_type: 'individual', recipient: 'MY.1502576394655843',
      type: 'text', text: { preview_url: false, body: 'Laporan ABC-234 diterima.' },
    });
    expect((await sent({ id: 'reply.2', to: '+60123456789', kind: 'text', rendered: 'x' })).body).toMatchObject({ to: '60123456789' });
  });

  it('counts for the country its id names, as a calling code would', () => {
    expect(countryOfPhone('MY.1502576394655843')).toBe('MY');
    expect(countryOfPhone('SA.ENT.11815799212886844830')).toBe('SA');
    expect(countryOfPhone('GB.1502576394655843')).toBe('unknown');
    expect(countryOfPhone('+60123456789')).toBe('MY');
  });

  it('is taken from the webhook only in Meta\'s id format', () => {
    const body = (from_user_id: string) => ({
      object: 'whatsapp_business_account',
      entry: [{ changes: [{ value: { messages: [{ from_user_id, id: 'wamid.1', timestamp: '1764985485', type: 'text', text: { body: 'hi' } }] } }] }],
    });
    expect(WhatsAppWebhook.safeParse(body('MY.1502576394655843')).success).toBe(true);
    expect(WhatsAppWebhook.safeParse(body('US.ENT.11815799212886844830')).success).toBe(true);
    for (const bad of ['+60123456789', 'my.15025', 'MY.', 'MY.15-02', `MY.${'1'.repeat(129)}`]) expect(WhatsAppWebhook.safeParse(body(bad)).success).toBe(false);
  });
});

describe('the regency question on WhatsApp (issue 20)', () => {
  const received = (language: 'id' | 'en') => ({
    id: 'received.c1', to: '+60123456789', purpose: 'received', asks: 'regency' as const,
    // A number's first report: the consent texts sit between the reference and the question.
    text: `${reporterTexts.received(language, { reference: 'ABC-234', hotline: '+62 21 2924 4800' })} ${consentTexts.firstReply(language, 730)} ${askRegency(language)}`,
  });

  it('is an interactive list within Meta\'s limits, its rows the SMS list in order, sent inside the 24-hour window', async () => {
    const form = whatsAppForm(received('id'), inWindow, { now, policy: DEFAULT_WHATSAPP_POLICY });
    expect(form.kind).toBe('list');
    const request = await sent(form);
    expect(request.body).toMatchObject({ messaging_product: 'whatsapp', to: '60123456789', type: 'interactive' });
    const interactive = request.body.interactive as { type: string; body: { text: string }; action: { button: string; sections: Array<{ title: string; rows: Array<{ id: string; title: string }> }> } };
    expect(interactive.type).toBe('list');
    expect(interactive.body.text).toContain('ABC-234');
    expect(interactive.body.text).toContain(consentTexts.firstReply('id', 730));
    expect(interactive.body.text).toMatch(/Asal kabupaten\/kota\? Pilih dari daftar/);
    // The SMS list is not repeated in the body: the rows carry it.
    expect(interactive.body.text).not.toContain('1 Lombok Barat');
    const rows = interactive.action.sections.flatMap((s) => s.rows);
    expect(rows.map((r) => r.title)).toEqual(['Lombok Barat', 'Lombok Tengah', 'Lombok Timur', 'Sumbawa', 'Dompu', 'Kab Bima', 'Sumbawa Barat', 'Lombok Utara', 'Mataram', 'Kota Bima']);
    expect(rows.map((r) => r.id)).toEqual(rows.map((_, i) => `regency.${i + 1}`));
    expect(rows.length).toBeLessThanOrEqual(LIST_LIMITS.rows);
    for (const r of rows) expect(r.title.length).toBeLessThanOrEqual(LIST_LIMITS.rowTitle);
    for (const s of interactive.action.sections) expect(s.title.length).toBeLessThanOrEqual(LIST_LIMITS.sectionTitle);
    expect(interactive.action.button.length).toBeLessThanOrEqual(LIST_LIMITS.button);
    expect(interactive.body.text.length).toBeLessThanOrEqual(LIST_LIMITS.body);
    const english = whatsAppForm(received('en'), inWindow, { now, policy: DEFAULT_WHATSAPP_POLICY });
    expect(english).toMatchObject({ kind: 'list', button: 'Choose regency/city' });
  });

  it('goes as the update template outside the window (no list can be sent then), and by SMS the text stays the numbered list', () => {
    const late = { kind: 'reporter' as const, prefs: { lastChannel: 'whatsapp' as const, whatsappAt: new Date(now.getTime() - 25 * 3600_000).toISOString() } };
    expect(whatsAppForm(received('id'), late, { now, policy: DEFAULT_WHATSAPP_POLICY })).toMatchObject({ kind: 'template', name: 'hotline_update' });
    expect(received('id').text).toContain('Balas nama atau nomor: 1 Lombok Barat');
  });

  it('reads a tapped row as the number typed by SMS, whatever its title says', () => {
    const tapped = (id: string, title: string): WhatsAppMessage => ({
      from: '60123456789', id: 'wamid.1', timestamp: '1764985485', type: 'interactive', interactive: { type: 'list_reply', list_reply: { id, title } },
    });
    expect(contentOf(tapped('regency.3', 'Lombok Timur'))).toEqual({ kind: 'text', text: '3' });
    expect(contentOf(tapped('regency.10', 'Kota Bima'))).toEqual({ kind: 'text', text: '10' });
    expect(contentOf(tapped('other.3', 'BAHASA EN'))).toEqual({ kind: 'text', text: 'BAHASA EN' });
  });
});

describe('a console sign-in code to an official who takes WhatsApp', () => {
  it('goes as Meta\'s authentication template: the code in the body and in the copy-code button', async () => {
    const form = whatsAppForm(
      { id: 'signin.x', to: '+6281100005203', text: 'Kode masuk konsol PMI NTB: 042917. Berlaku 5 menit. Jangan berikan kepada siapa pun, termasuk petugas.', purpose: 'console_sign_in_code' },
      { kind: 'official', official: { whatsapp: true } }, { now, policy: DEFAULT_WHATSAPP_POLICY },
    );
    const request = await sent(form);
    expect(request.body).toEqual({
      messaging_product: 'whatsapp', recipient_type: 'individual', to: '6281100005203', type: 'template',
      template: {
        name: 'hotline_sign_in', language: { code: 'id' },
        components: [
          { type: 'body', parameters: [{ type: 'text', text: '042917' }] },
          { type: 'button', sub_type: 'url', index: '0', parameters: [{ type: 'text', text: '042917' }] },
        ],
      },
    });
    expect(form.rendered).toContain('042917');
  });

  it('leaves the utility templates without a button', async () => {
    const alert = whatsAppForm({ id: 'a', to: '+6281100005203', text: 'x', purpose: 'alert' }, { kind: 'official', official: { whatsapp: true } },
      { now, policy: DEFAULT_WHATSAPP_POLICY, case: { reference: 'ABC-234', status: 'new', language: 'id' } });
    const request = await sent(alert);
    expect((request.body.template as { components: unknown[] }).components).toEqual([{ type: 'body', parameters: [{ type: 'text', text: 'ABC-234' }, { type: 'text', text: 'diterima' }] }]);
  });
});
