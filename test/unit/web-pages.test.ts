import { describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { SECURITY_HEADERS, newFormToken, renderDone, renderForm, renderProblem } from '../../lib/web/pages.js';
import { defaultPolicy } from '../../lib/config.js';
import type { Language } from '../../lib/domain/categories.js';

const policy = defaultPolicy();
const LANGUAGES: Language[] = ['id', 'en'];
const token = 'tok_0123456789abcdef';

/** Every visible control: inputs except hidden ones, selects, textareas. */
function controls(html: string): Array<{ tag: string; id: string | undefined; attrs: string }> {
  return [...html.matchAll(/<(input|select|textarea)\b([^>]*)>/g)]
    .filter(([, , attrs]) => !/type="hidden"/.test(attrs!))
    .map(([, tag, attrs]) => ({ tag: tag!, id: /\bid="([^"]+)"/.exec(attrs!)?.[1], attrs: attrs! }));
}

const errorsFromValidation = { contact: 'Not a valid phone number', nik: 'NIK birth date is impossible', description: 'Required' };
const badValues = { contact: '12345', nik: '5203019913900001', description: '', category: 'death', lang: 'id' };

describe('the web form page', () => {
  it.each(LANGUAGES)('stays under 60 KB in %s, so it loads on a slow prepaid connection', (language) => {
    const html = renderForm({ language, token, policy });
    expect(Buffer.byteLength(html)).toBeLessThan(60 * 1024);
    const withErrors = renderForm({ language, token, policy, values: badValues, errors: errorsFromValidation });
    expect(Buffer.byteLength(withErrors)).toBeLessThan(60 * 1024);
  });

  it.each(LANGUAGES)('gives every visible field in %s a label pointing at it', (language) => {
    const html = renderForm({ language, token, policy });
    const found = controls(html);
    expect(found).toHaveLength(14);
    for (const control of found) {
      expect(control.id, control.attrs).toBeDefined();
      expect(html, `label for ${control.id}`).toContain(`<label for="${control.id}">`);
    }
  });

  it('asks for every field the issue lists, by the names the server reads', () => {
    const html = renderForm({ language: 'id', token, policy });
    for (const name of ['reporterType', 'workerName', 'agentName', 'contact', 'category', 'country', 'homeRegency', 'nik', 'description', 'smsUpdates', 'consent', 'token', 'website', 'lang']) {
      expect(html).toContain(`name="${name}"`);
    }
    expect(html).toContain('<option value="5272"');
    expect(html).toContain('<option value="outside"');
    expect(html).toContain('<option value="unknown"');
    expect(html).toContain('<option value="trafficking"');
    expect(html).toContain('<option value="MY"');
  });

  it('carries the token it was rendered with, and a fresh token differs each time', () => {
    expect(renderForm({ language: 'id', token, policy })).toContain(`name="token" value="${token}"`);
    expect(newFormToken()).not.toBe(newFormToken());
    expect(newFormToken()).toMatch(/^[A-Za-z0-9_-]{16,64}$/);
  });

  it('works without JavaScript: no script at all, and it posts a plain form to /reports', () => {
    const html = renderForm({ language: 'id', token, policy });
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toMatch(/\son[a-z]+=/i);
    expect(html).toContain('<form method="post" action="/reports"');
  });

  it('is styled under its own CSP: the one inline style matches the hash the header allows', () => {
    const html = renderForm({ language: 'id', token, policy });
    const styles = [...html.matchAll(/<style>([\s\S]*?)<\/style>/g)].map((m) => m[1]!);
    expect(styles).toHaveLength(1);
    const hash = createHash('sha256').update(styles[0]!).digest('base64');
    expect(SECURITY_HEADERS['content-security-policy']).toContain(`'sha256-${hash}'`);
    expect(SECURITY_HEADERS['content-security-policy']).toContain("frame-ancestors 'none'");
    expect(html).not.toMatch(/\sstyle="/);
  });

  it('links to the other language', () => {
    expect(renderForm({ language: 'id', token, policy })).toContain('href="/?lang=en"');
    expect(renderForm({ language: 'en', token, policy })).toContain('href="/?lang=id"');
    expect(renderForm({ language: 'en', token, policy })).toContain('<html lang="en">');
  });

  it.each(LANGUAGES)('states in %s why data is collected, who sees it, how long it is kept, and the law', (language) => {
    const html = renderForm({ language, token, policy });
    expect(html).toMatch(language === 'id' ? /UU No\. 27 Tahun 2022/ : /Law No\. 27 of 2022/);
    expect(html).toMatch(language === 'id' ? /hanya untuk menangani laporan/ : /only to handle this report/);
    expect(html).toMatch(language === 'id' ? /Disnakertrans/ : /labour offices/);
    expect(html).toMatch(language === 'id' ? /dihapus 2 tahun setelah laporan selesai/ : /deleted 2 years after the report is closed/);
    expect(html).toMatch(language === 'id' ? /Pengendali data: Disnakertrans NTB/ : /Data controller: Disnakertrans NTB/);
    expect(html).toMatch(/id="f-consent"[^>]*required/);
  });

  it('ticks SMS updates on a fresh form, and keeps a reporter\'s "no SMS" when the form comes back', () => {
    expect(renderForm({ language: 'id', token, policy })).toMatch(/id="f-smsUpdates"[^>]*checked/);
    expect(renderForm({ language: 'id', token, policy, values: badValues, errors: errorsFromValidation })).not.toMatch(/id="f-smsUpdates"[^>]*checked/);
  });
});

describe('the web form with errors', () => {
  const render = (language: Language) => renderForm({ language, token, policy, values: { ...badValues, lang: language }, errors: errorsFromValidation });

  it('shows each error in Indonesian next to its field', () => {
    const html = render('id');
    expect(html).toContain('<p class="err" id="e-contact">Nomor HP tidak valid.');
    expect(html).toContain('<p class="err" id="e-nik">Tanggal lahir di NIK tidak mungkin.');
    expect(html).toContain('<p class="err" id="e-description">Ceritakan apa yang terjadi');
  });

  it('shows each error in English when the reporter chose English', () => {
    const html = render('en');
    expect(html).toContain('<p class="err" id="e-contact">Not a valid phone number.');
    expect(html).toContain('<p class="err" id="e-nik">The birth date in this NIK is impossible.');
    expect(html).toContain('<p class="err" id="e-description">Tell us what happened');
  });

  it('names the NIK problem the reporter actually made', () => {
    const html = renderForm({ language: 'en', token, policy, values: { nik: '123' }, errors: { nik: 'NIK must be 16 digits' } });
    expect(html).toContain('A NIK has 16 digits.');
  });

  it('marks the failed fields invalid, ties the message to them, and focuses only the first', () => {
    const html = render('id');
    for (const field of ['contact', 'nik', 'description']) {
      const tag = new RegExp(`<(input|textarea)[^>]*id="f-${field}"[^>]*>`).exec(html)?.[0] ?? '';
      expect(tag).toContain('aria-invalid="true"');
      expect(tag).toMatch(new RegExp(`aria-describedby="[^"]*e-${field}`));
    }
    expect(html.match(/\sautofocus/g)).toHaveLength(1);
    expect(/<input[^>]*id="f-contact"[^>]*>/.exec(html)?.[0]).toContain('autofocus');
    expect(/<select[^>]*id="f-category"[^>]*>/.exec(html)?.[0]).not.toContain('aria-invalid');
  });

  it('lists the errors at the top with links to the fields, in form order', () => {
    const html = render('id');
    const links = [...html.matchAll(/<li><a href="#(f-[a-zA-Z]+)">/g)].map((m) => m[1]);
    expect(links).toEqual(['f-contact', 'f-nik', 'f-description']);
  });

  it('keeps what was typed, escaped so it cannot become markup', () => {
    const html = renderForm({
      language: 'id', token, policy,
      values: { contact: '"><script>alert(1)</script>', description: '</textarea><b>x</b>', category: 'death' },
      errors: { contact: 'Not a valid phone number' },
    });
    expect(html).not.toContain('<script>alert(1)</script>');
    expect(html).toContain('value="&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;"');
    expect(html).toContain('&lt;/textarea&gt;&lt;b&gt;x&lt;/b&gt;</textarea>');
    expect(html).toContain('<option value="death" selected>');
  });
});

describe('the confirmation and problem pages', () => {
  it.each(LANGUAGES)('shows the reference and how to check its status in %s', (language) => {
    const html = renderDone({ language, reference: 'ABC-234', policy });
    expect(html).toContain('<p class="ref" id="reference">ABC-234</p>');
    expect(html).toContain(`STATUS ABC-234 ${language === 'id' ? 'ke' : 'to'} ${policy.smsShortcode}`);
    expect(html).toContain(`lang=${language === 'id' ? 'en' : 'id'}`);
  });

  it('says the code is not recognised when the URL held no valid reference', () => {
    const html = renderDone({ language: 'en', reference: undefined, policy });
    expect(html).toContain('Code not recognised');
    expect(html).not.toContain('id="reference"');
  });

  it('tells a rate-limited reporter when to retry and which number to call', () => {
    const html = renderProblem({ language: 'id', status: 429, policy });
    expect(html).toContain('Coba lagi dalam 1 jam');
    expect(html).toContain(policy.hotlinePhone);
    expect(renderProblem({ language: 'en', status: 413, policy })).toContain('Too much text');
    expect(renderProblem({ language: 'en', status: 503, policy })).toContain('The report was not saved');
  });
});

describe('the description limit in the form texts', () => {
  it('is written as each language writes numbers, as Intl would write it', async () => {
    const { WEB_TEXTS } = await import('../../lib/web/texts.js');
    const { DESCRIPTION_LIMIT } = await import('../../lib/domain/case.js');
    expect(WEB_TEXTS.id.description.hint).toContain(`Paling banyak ${DESCRIPTION_LIMIT.toLocaleString('id')} huruf`);
    expect(WEB_TEXTS.en.description.hint).toContain(`At most ${DESCRIPTION_LIMIT.toLocaleString('en')} characters`);
    expect(DESCRIPTION_LIMIT.toLocaleString('id')).not.toBe(DESCRIPTION_LIMIT.toLocaleString('en'));
  });
});
