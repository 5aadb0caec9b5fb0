import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { checkSignature, signBody, verifyTokenMatches } from '../../lib/whatsapp/signature.js';
import { contentOf, senderOf, WhatsAppWebhook, type WhatsAppMessage } from '../../lib/whatsapp/payload.js';
import { chooseChannel, whatsAppForm } from '../../lib/use-cases/channel-choice.js';
import { DEFAULT_WHATSAPP_POLICY } from '../../lib/messages/whatsapp-templates.js';

const SECRET = 'an-app-secret-of-some-length';

describe('the X-Hub-Signature-256 check', () => {
  it('accepts exactly the body Meta signed with the app secret', () => {
    fc.assert(fc.property(fc.uint8Array({ maxLength: 2048 }), fc.string({ minLength: 1, maxLength: 64 }), (bytes, secret) => {
      const body = Buffer.from(bytes);
      expect(checkSignature(body, signBody(body, secret), secret)).toBe('valid');
      expect(checkSignature(body, signBody(body, secret).toUpperCase().replace('SHA256=', 'sha256='), secret)).toBe('valid');
    }));
  });

  it('refuses a body changed in any one byte after signing', () => {
    fc.assert(fc.property(fc.uint8Array({ minLength: 1, maxLength: 1024 }), fc.nat(), fc.integer({ min: 1, max: 255 }), (bytes, at, flip) => {
      const body = Buffer.from(bytes);
      const header = signBody(body, SECRET);
      const tampered = Buffer.from(body);
      tampered[at % tampered.length]! ^= flip;
      expect(checkSignature(tampered, header, SECRET)).toBe('invalid');
    }));
  });

  it('refuses a signature made with another secret, and any header that is not sha256=<64 hex>', () => {
    fc.assert(fc.property(fc.string({ maxLength: 256 }), fc.string({ minLength: 1, maxLength: 64 }), (text, other) => {
      fc.pre(other !== SECRET);
      const body = Buffer.from(text);
      expect(checkSignature(body, signBody(body, other), SECRET)).toBe('invalid');
    }));
    const body = Buffer.from('{}');
    for (const header of ['sha1=abc', 'sha256=', `sha256=${'0'.repeat(63)}`, `sha256=${'g'.repeat(64)}`, signBody(body, SECRET).slice(7)]) {
      expect(checkSignature(body, header, SECRET)).toBe('invalid');
    }
    expect(checkSignature(body, undefined, SECRET)).toBe('missing');
    expect(checkSignature(body, '', SECRET)).toBe('missing');
    expect(checkSignature(body, signBody(body, ''), '')).toBe('invalid');
  });
});

describe('the verify token', () => {
  it('matches only itself, and an unset token matches nothing', () => {
    fc.assert(fc.property(fc.string({ minLength: 1, maxLength: 64 }), fc.string({ maxLength: 64 }), (token, other) => {
      expect(verifyTokenMatches(token, token)).toBe(true);
      expect(verifyTokenMatches(other, token)).toBe(other === token);
    }));
    expect(verifyTokenMatches(undefined, 'token-token-token')).toBe(false);
    expect(verifyTokenMatches('', '')).toBe(false);
  });
});

const message = (m: Partial<WhatsAppMessage> & Pick<WhatsAppMessage, 'type'>): WhatsAppMessage => ({ id: 'wamid.1', timestamp: '1764985485', from: '60123456789', ...m });

describe('what a WhatsApp message says', () => {
  it('is its text, a media caption, or the title of a tapped button or list row', () => {
    expect(contentOf(message({ type: 'text', text: { body: 'LAPOR gaji' } }))).toEqual({ kind: 'text', text: 'LAPOR gaji' });
    for (const type of ['image', 'video', 'document'] as const) {
      expect(contentOf(message({ type, [type]: { id: '1', caption: 'STATUS ABC-234' } }))).toEqual({ kind: 'text', text: 'STATUS ABC-234' });
      expect(contentOf(message({ type, [type]: { id: '1' } }))).toEqual({ kind: 'not_text', what: 'media' });
    }
    expect(contentOf(message({ type: 'interactive', interactive: { type: 'button_reply', button_reply: { id: 'ya', title: 'YA' } } }))).toEqual({ kind: 'text', text: 'YA' });
    expect(contentOf(message({ type: 'interactive', interactive: { type: 'list_reply', list_reply: { id: 'en', title: 'BAHASA EN' } } }))).toEqual({ kind: 'text', text: 'BAHASA EN' });
    expect(contentOf(message({ type: 'button', button: { text: 'STATUS', payload: 'status' } }))).toEqual({ kind: 'text', text: 'STATUS' });
  });

  it('is nothing to read for a voice note, audio, a sticker, a location, a blank text or a type not known yet', () => {
    expect(contentOf(message({ type: 'audio', audio: { id: '1', voice: true } }))).toEqual({ kind: 'not_text', what: 'voice' });
    expect(contentOf(message({ type: 'audio', audio: { id: '1' } }))).toEqual({ kind: 'not_text', what: 'audio' });
    expect(contentOf(message({ type: 'sticker', sticker: { id: '1' } }))).toEqual({ kind: 'not_text', what: 'sticker' });
    expect(contentOf(message({ type: 'location', location: { latitude: 1, longitude: 2 } }))).toEqual({ kind: 'not_text', what: 'location' });
    expect(contentOf(message({ type: 'text', text: { body: '   ' } }))).toEqual({ kind: 'not_text', what: 'other' });
    expect(contentOf(message({ type: 'reaction' }))).toEqual({ kind: 'not_text', what: 'other' });
  });

  it('comes from the number WhatsApp shares, else from the business-scoped user id', () => {
    expect(senderOf(message({ type: 'text' }), [])).toEqual({ phone: '+60123456789' });
    const { from: _, ...noPhone } = message({ type: 'text' });
    expect(senderOf({ ...noPhone, from_user_id: 'MY.1502576394655843' }, [])).toEqual({ userId: 'MY.1502576394655843' });
    expect(senderOf(noPhone, [{ user_id: 'MY.77' }])).toEqual({ userId: 'MY.77' });
    expect(senderOf(noPhone, [])).toBeUndefined();
  });
});

describe('the webhook schema', () => {
  const valid = {
    object: 'whatsapp_business_account',
    entry: [{ id: '1', changes: [{ field: 'messages', value: {
      messaging_product: 'whatsapp', metadata: { phone_number_id: '2' },
      contacts: [{ wa_id: '60123456789', user_id: 'MY.1', profile: { name: 'S' } }],
      messages: [{ from: '60123456789', id: 'wamid.1', timestamp: '1764985485', type: 'text', text: { body: 'hi' }, new_field: 1 }],
      statuses: [{ id: 'wamid.2', status: 'failed', recipient_id: '6281', errors: [{ code: 131026, title: 'x' }] }],
    } }] }],
  };

  it('takes Meta\'s payloads, ignoring fields it does not know', () => {
    expect(WhatsAppWebhook.safeParse(valid).success).toBe(true);
  });

  it('refuses another object, a message without its id or timestamp, an unknown status and a non-numeric sender', () => {
    const variant = (patch: (v: typeof valid.entry[0]['changes'][0]['value']) => void, object = valid.object) => {
      const copy = structuredClone(valid);
      copy.object = object;
      patch(copy.entry[0]!.changes[0]!.value);
      return WhatsAppWebhook.safeParse(copy).success;
    };
    expect(variant(() => undefined, 'page')).toBe(false);
    expect(variant((v) => { delete (v.messages[0] as Partial<typeof v.messages[0]>).id; })).toBe(false);
    expect(variant((v) => { delete (v.messages[0] as Partial<typeof v.messages[0]>).timestamp; })).toBe(false);
    expect(variant((v) => { v.statuses[0]!.status = 'lost'; })).toBe(false);
    expect(variant((v) => { v.messages[0]!.from = '+60 12'; })).toBe(false);
  });
});

describe('the channel rule', () => {
  const now = new Date('2026-12-06T02:00:00Z');
  it('answers a reporter the way they last wrote, and officials by WhatsApp only when they take it', () => {
    const msg = { to: '+60123456789' };
    expect(chooseChannel(msg, { kind: 'reporter', prefs: { lastChannel: 'whatsapp' } }, true)).toBe('whatsapp');
    expect(chooseChannel(msg, { kind: 'reporter', prefs: { lastChannel: 'sms' } }, true)).toBe('sms');
    expect(chooseChannel(msg, { kind: 'reporter', prefs: {} }, true)).toBe('sms');
    expect(chooseChannel(msg, { kind: 'official', official: { whatsapp: true } }, true)).toBe('whatsapp');
    expect(chooseChannel(msg, { kind: 'official', official: {} }, true)).toBe('sms');
    expect(chooseChannel({ ...msg, channel: 'sms' }, { kind: 'official', official: { whatsapp: true } }, true)).toBe('sms');
    expect(chooseChannel(msg, { kind: 'official', official: { whatsapp: true } }, false)).toBe('sms');
  });

  it('sends free text inside the 24-hour window and the update template with reference and neutral status after it', () => {
    const message = { id: 'm', to: '+60123456789', text: 'Laporan ABC-234 sedang ditangani petugas.', purpose: 'notice_acknowledged' };
    const c = { reference: 'ABC-234', status: 'acknowledged' as const, language: 'id' as const };
    const inside = whatsAppForm(message, { kind: 'reporter', prefs: { whatsappAt: new Date(now.getTime() - 23 * 3600_000).toISOString() } }, { now, policy: DEFAULT_WHATSAPP_POLICY, case: c });
    expect(inside).toMatchObject({ kind: 'text', rendered: message.text });
    const after = whatsAppForm(message, { kind: 'reporter', prefs: { whatsappAt: new Date(now.getTime() - 25 * 3600_000).toISOString() } }, { now, policy: DEFAULT_WHATSAPP_POLICY, case: c });
    expect(after).toMatchObject({ kind: 'template', name: 'hotline_update', language: 'id', parameters: ['ABC-234', 'sedang ditangani'] });
    expect(after.rendered).toContain('ABC-234');
  });

  it('sends officials\' alerts as the alert template and their sign-in codes as the sign-in template', () => {
    const official = { kind: 'official' as const, official: { whatsapp: true } };
    const c = { reference: 'ABC-234', status: 'new' as const, language: 'id' as const };
    expect(whatsAppForm({ id: 'a', to: '+62811', text: 'PMI NTB ABC-234 ...', purpose: 'alert' }, official, { now, policy: DEFAULT_WHATSAPP_POLICY, case: c }))
      .toMatchObject({ kind: 'template', name: 'hotline_alert', parameters: ['ABC-234', 'diterima'] });
    expect(whatsAppForm({ id: 's', to: '+62811', text: 'Kode masuk konsol PMI NTB: 042917. Berlaku 5 menit.', purpose: 'console_sign_in_code' }, official, { now, policy: DEFAULT_WHATSAPP_POLICY }))
      .toMatchObject({ kind: 'template', name: 'hotline_sign_in', parameters: ['042917'] });
  });
});
