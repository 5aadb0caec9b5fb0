import { describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { CONSENT_NOTICE, CONSENT_TEXT_VERSION, CONTROLLER, consentTexts, retentionPeriod } from '../../lib/messages/consent.js';
import { renderForm } from '../../lib/web/pages.js';
import { ussdScreen } from '../../lib/ussd/menu.js';
import { gsmLength, isGsm7, SMS_LIMIT } from '../../lib/domain/gsm.js';
import { askRegency, reporterTexts } from '../../lib/messages/reporter.js';
import { defaultPolicy } from '../../lib/config.js';
import type { Language } from '../../lib/domain/categories.js';

const LANGUAGES: Language[] = ['id', 'en'];

/** The USSD answers that reach the screen asking about SMS updates (report, first choice everywhere, NIK skipped). */
const SMS_SCREEN = { id: '1*1*1*1*1*0', en: '4*2*1*1*1*1*1*0' } as const;

describe('consent that tells the truth (UU 27/2022 Art. 21, 22, 24)', () => {
  it.each(LANGUAGES)('states the controller, the retention period and how to ask for deletion on the web form in %s', (l) => {
    const html = renderForm({ language: l, token: 't', policy: { ...defaultPolicy(), retentionDaysAfterClose: 365 } });
    expect(html).toContain(CONTROLLER);
    expect(html).toContain(l === 'id' ? 'dihapus 1 tahun setelah laporan selesai' : 'deleted 1 year after the report is closed');
    expect(html).toContain(l === 'id' ? 'penghapusan data: hubungi petugas Disnakertrans NTB' : 'the deletion of your data: contact the Disnakertrans NTB officers');
  });

  it.each(LANGUAGES)('states them on one USSD screen of every report in %s, within 182 characters for any retention period', (l) => {
    for (const days of [1, 30, 365, 730, 1000, 3650]) {
      const step = ussdScreen({ text: SMS_SCREEN[l], retentionDays: days });
      expect(step.kind).toBe('reply');
      const reply = (step as { reply: string }).reply;
      expect(reply).toContain(consentTexts.ussd(l, days));
      expect(reply).toContain(CONTROLLER);
      expect(reply).toContain(retentionPeriod(days, l));
      // The same screen after a wrong choice carries the hint too: the longest it gets.
      const withHint = ussdScreen({ text: `${SMS_SCREEN[l]}*9`, retentionDays: days }) as { reply: string };
      expect(withHint.reply).toContain(consentTexts.ussd(l, days));
      expect(gsmLength(`CON ${withHint.reply}`)).toBeLessThanOrEqual(182);
    }
  });

  it('says the period as the setting gives it', () => {
    expect(retentionPeriod(730, 'id')).toBe('2 tahun');
    expect(retentionPeriod(1, 'en')).toBe('1 day');
    expect(retentionPeriod(45, 'id')).toBe('45 hari');
  });

  it.each(LANGUAGES)('tells them in the first reply to a text report in %s: 2 GSM-7 parts, 3 with the regency question, for any period', (l) => {
    // The longest reply: the longest hotline any policy names and a reference of the widest letters.
    const received = reporterTexts.received(l, { reference: 'WWW-WWW', hotline: '+62 21 2924 4800' });
    for (const days of [1, 30, 365, 730, 1000, 3650]) {
      const consent = consentTexts.firstReply(l, days);
      expect(consent).toContain(CONTROLLER);
      expect(consent).toContain(retentionPeriod(days, l));
      expect(consent).toContain(l === 'id' ? 'kirim HAPUS' : 'send DELETE');
      expect(isGsm7(consent)).toBe(true);
      expect(gsmLength(`${received} ${consent}`)).toBeGreaterThan(SMS_LIMIT);
      expect(gsmLength(`${received} ${consent}`)).toBeLessThanOrEqual(2 * 153);
      expect(gsmLength(`${received} ${consent} ${askRegency(l)}`)).toBeGreaterThan(2 * 153);
      expect(gsmLength(`${received} ${consent} ${askRegency(l)}`)).toBeLessThanOrEqual(3 * 153);
    }
    expect(CONSENT_NOTICE).toEqual({ web: 'form', ussd: 'ussd_screen', sms: 'first_reply', whatsapp: 'first_reply' });
  });

  it.each(LANGUAGES)('ends the emergency number with a full stop in %s, so the consent sentence after it does not read as part of the number', (l) => {
    const received = reporterTexts.received(l, { reference: 'ABC-234', hotline: '0800-1000' });
    expect(received.endsWith('0800-1000.')).toBe(true);
  });

  it('changes the stored version whenever a consent text changes', () => {
    // A changed text with the same version would make stored consents unprovable: bump both together.
    const texts = LANGUAGES.flatMap((l) => [...consentTexts.web(l, 730), consentTexts.ussd(l, 730), consentTexts.firstReply(l, 730)]).join('\n');
    expect({ version: CONSENT_TEXT_VERSION, digest: createHash('sha256').update(texts).digest('hex').slice(0, 16) })
      .toEqual({ version: '2026-12-06.2', digest: 'a78091ab1137a7a4' });
  });
});
