import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomBytes } from 'node:crypto';
import type { Context } from 'aws-lambda';
import type { HttpEvent, HttpResult } from '../../lib/http/api.js';
import { DESCRIPTION_LIMIT } from '../../lib/domain/case.js';
import { parseConfig } from '../../lib/config.js';
import { configureLogger } from '../../lib/logger.js';
import { createTestSystem, type TestSystem } from '../support/local-deps.js';

/**
 * The web function's handler as API Gateway invokes it, made by the same factory as functions/web.ts
 * (lib/web/http.ts), on the local composition over DynamoDB Local.
 */
let invoke: (event: HttpEvent) => Promise<HttpResult>;
let sys: TestSystem;
let store: TestSystem['store'];

beforeAll(async () => {
  configureLogger({ logLevel: 'SILENT' });
  sys = await createTestSystem({ seed: false, policy: { limits: parseConfig({ LIMIT_WEB_REPORTS_PER_HOUR: '4' }).policy.limits } });
  store = sys.store;
  invoke = (event) => sys.handlers.web(event, {} as Context) as Promise<HttpResult>;
});
afterAll(async () => { await sys.drop(); });

let ips = 0;
function request(method: string, path: string, options: { body?: string; type?: string; ip?: string } = {}): HttpEvent {
  const url = new URL(path, 'http://localhost');
  const query = Object.fromEntries(url.searchParams);
  return {
    version: '2.0', routeKey: `${method} ${url.pathname}`, rawPath: url.pathname, rawQueryString: url.search.slice(1),
    headers: options.type ? { 'content-type': options.type } : {},
    ...(url.search ? { queryStringParameters: query } : {}),
    requestContext: {
      accountId: 'test', apiId: 'test', domainName: 'localhost', domainPrefix: 'localhost',
      http: { method, path: url.pathname, protocol: 'HTTP/1.1', sourceIp: options.ip ?? `192.0.2.${++ips}`, userAgent: 'test' },
      requestId: 'r', routeKey: `${method} ${url.pathname}`, stage: '$default', time: '', timeEpoch: 0,
    },
    ...(options.body !== undefined ? { body: options.body } : {}),
    isBase64Encoded: false,
  };
}

const FORM = 'application/x-www-form-urlencoded';
let tokens = 0;
const goodForm = (over: Record<string, string> = {}) => ({
  reporterType: 'family', contact: '081200001001', category: 'lost_contact', country: 'TW', homeRegency: '5201',
  description: 'Tidak ada kabar sejak dua bulan.', smsUpdates: 'yes', consent: 'yes', token: `handler-token-${String(++tokens).padStart(6, '0')}`, lang: 'id', ...over,
});
const postForm = (fields: Record<string, string>, ip?: string) =>
  invoke(request('POST', '/reports', { body: new URLSearchParams(fields).toString(), type: FORM, ...(ip ? { ip } : {}) }));
const postJson = (body: unknown, ip?: string) =>
  invoke(request('POST', '/reports', { body: typeof body === 'string' ? body : JSON.stringify(body), type: 'application/json', ...(ip ? { ip } : {}) }));

describe('the web handler', () => {
  it('serves the form with a fresh token and security headers that forbid framing, sniffing and referrers', async () => {
    const res = await invoke(request('GET', '/?lang=en'));
    expect(res.statusCode).toBe(200);
    expect(res.headers?.['content-type']).toBe('text/html; charset=utf-8');
    expect(res.headers?.['content-security-policy']).toMatch(/default-src 'self'.*frame-ancestors 'none'/);
    expect(res.headers?.['x-content-type-options']).toBe('nosniff');
    expect(res.headers?.['referrer-policy']).toBe('no-referrer');
    expect(res.headers?.['cache-control']).toBe('no-store');
    expect(res.body).toContain('<html lang="en">');
    const again = await invoke(request('GET', '/'));
    const token = (html: string) => /name="token" value="([^"]+)"/.exec(html)?.[1];
    expect(token(String(res.body))).not.toBe(token(String(again.body)));
  });

  it('answers a good form post with 303 to the confirmation page carrying the new reference', async () => {
    const res = await postForm(goodForm({ lang: 'en' }));
    expect(res.statusCode).toBe(303);
    const location = new URL(String(res.headers?.location), 'http://localhost');
    expect(location.pathname).toBe('/reports/done');
    expect(location.searchParams.get('lang')).toBe('en');
    const reference = location.searchParams.get('ref')!;
    expect((await store.getCaseByReference(reference))?.channel).toBe('web');
  });

  it('shows a bad form again with status 400, the errors in the chosen language and the entries kept', async () => {
    const res = await postForm(goodForm({ lang: 'en', contact: '12345', nik: '5203019913900001', description: '' }));
    expect(res.statusCode).toBe(400);
    expect(res.headers?.['content-type']).toBe('text/html; charset=utf-8');
    expect(res.body).toContain('Not a valid phone number.');
    expect(res.body).toContain('The birth date in this NIK is impossible.');
    expect(res.body).toContain('Tell us what happened');
    expect(res.body).toContain('value="12345"');
    expect(res.body).toMatch(/name="token" value="handler-token-\d{6}"/);
  });

  it('answers JSON from an NGO system with 201 and the reference, filing the same kind of case', async () => {
    const res = await postJson({
      reporterType: 'organisation', contact: '+886912345678', category: 'trafficking', country: 'TW', homeRegency: 'unknown',
      description: 'Calo menahan gaji dan paspor lima pekerja.', consent: true, smsUpdates: false, token: 'ngo-system-case-000001',
    });
    expect(res.statusCode).toBe(201);
    const { reference } = JSON.parse(String(res.body)) as { reference: string };
    expect(await store.getCaseByReference(reference)).toMatchObject({ channel: 'web', reporterType: 'organisation', urgency: 'urgent', contact: '+886912345678' });
  });

  it('answers bad JSON with 400 listing each field, and unparseable JSON with 400 naming the body', async () => {
    const res = await postJson({ contact: 'nope', category: 'nonsense', consent: true });
    expect(res.statusCode).toBe(400);
    const body = JSON.parse(String(res.body)) as { error: string; fields: Record<string, string> };
    expect(body.error).toBe('VALIDATION');
    expect(Object.keys(body.fields).sort()).toEqual(['category', 'contact', 'country', 'description', 'homeRegency', 'reporterType', 'token']);
    const broken = await postJson('{"contact":');
    expect(broken.statusCode).toBe(400);
    expect(JSON.parse(String(broken.body)).fields).toHaveProperty('body');
  });

  it('refuses bodies over 32 KB with 413, as a page for the form and as JSON for systems', async () => {
    const form = await postForm(goodForm({ description: 'x'.repeat(33 * 1024) }));
    expect(form.statusCode).toBe(413);
    expect(form.body).toContain('Isian terlalu panjang');
    const json = await postJson({ description: 'x'.repeat(33 * 1024) });
    expect(json.statusCode).toBe(413);
    expect(JSON.parse(String(json.body)).error).toBe('PAYLOAD_TOO_LARGE');
  });

  it('shows a 429 page with the hotline number once one source sends more than the hourly limit', async () => {
    const ip = '192.0.2.250';
    for (let i = 0; i < 4; i++) expect((await postForm(goodForm({ contact: '081200001002' }), ip)).statusCode).toBe(303);
    const res = await postForm(goodForm({ contact: '081200001003' }), ip);
    expect(res.statusCode).toBe(429);
    expect(res.body).toContain('Terlalu banyak laporan');
    expect(res.body).toContain('0800-1000');
    expect(await store.findCasesByContact('+6281200001003')).toHaveLength(0);
  });

  it('pretends success to a bot that fills the honeypot, filing nothing', async () => {
    const res = await postForm(goodForm({ contact: '081200001004', website: 'http://spam.example' }));
    expect(res.statusCode).toBe(303);
    expect(String(res.headers?.location)).toMatch(/^\/reports\/done\?ref=[2-9A-Z]{3}-[2-9A-Z]{3}&lang=id$/);
    expect(await store.findCasesByContact('+6281200001004')).toHaveLength(0);
  });

  it('echoes only a well-formed reference on the confirmation page, and reads nothing else', async () => {
    const filed = String((await postForm(goodForm({ contact: '081200001005' }))).headers?.location);
    const reference = new URL(filed, 'http://localhost').searchParams.get('ref')!;
    const sloppy = reference.toLowerCase().replace('-', '%20');
    const ok = await invoke(request('GET', `/reports/done?ref=${sloppy}&lang=en`));
    expect(ok.statusCode).toBe(200);
    expect(ok.body).toContain(`<p class="ref" id="reference">${reference}</p>`);
    const bad = await invoke(request('GET', '/reports/done?ref=%3Cscript%3Ealert(1)%3C/script%3E'));
    expect(bad.statusCode).toBe(400);
    expect(bad.body).not.toContain('<script>');
    expect(bad.body).not.toContain('id="reference"');
  });

  it('answers 404 for a well-formed reference no report has, saying so and not "received"', async () => {
    const res = await invoke(request('GET', '/reports/done?ref=XYZ-789'));
    expect(res.statusCode).toBe(404);
    expect(res.body).toContain('Tidak ada laporan dengan kode XYZ-789.');
    expect(res.body).not.toContain('id="reference"');
    expect(res.body).not.toContain('Laporan diterima');
  });
});

describe('the description limit, one for the form, the JSON API and storage', () => {
  const limit = DESCRIPTION_LIMIT;

  it('shows the limit on the form and lets the text box take exactly that many characters', async () => {
    const page = String((await invoke(request('GET', '/?lang=en'))).body);
    expect(page).toMatch(new RegExp(`<textarea[^>]*name="description"[^>]*maxlength="${limit}"`));
    expect(page).toMatch(new RegExp(`at most ${limit.toLocaleString('en')} characters`, 'i'));
  });

  it('stores a description of exactly the limit whole, from the form and from JSON', async () => {
    const text = `Gaji tidak dibayar. ${'a'.repeat(limit - 20)}`;
    expect(text).toHaveLength(limit);
    const form = await postForm(goodForm({ description: text }));
    expect(form.statusCode).toBe(303);
    const fromForm = new URL(String(form.headers?.location), 'http://localhost').searchParams.get('ref')!;
    expect((await store.getCaseByReference(fromForm))?.description).toBe(text);
    const json = await postJson(jsonReport({ description: text }));
    expect(json.statusCode).toBe(201);
    expect((await store.getCaseByReference(JSON.parse(String(json.body)).reference))?.description).toBe(text);
  });

  it('refuses one character more as too long, naming the maximum, and files nothing', async () => {
    const text = `Gaji tidak dibayar. ${'a'.repeat(limit - 19)}`;
    const json = await postJson(jsonReport({ description: text }));
    expect(json.statusCode).toBe(400);
    expect(JSON.parse(String(json.body)).fields.description).toMatch(new RegExp(`too long.*max ${limit}`, 'i'));
    const form = await postForm(goodForm({ description: 'b'.repeat(5001), lang: 'en' }));
    expect(form.statusCode).toBe(400);
    expect(form.body).toMatch(new RegExp(`too long.*${limit.toLocaleString('en')}`, 'i'));
    expect(form.body).not.toContain('at least 10');
  });

  it('refuses zero-width characters and NULs as an empty description', async () => {
    for (const description of ['\u200B'.repeat(40), '\u0000'.repeat(40), '\u200B\u200C\u200D\uFEFF\u2060'.repeat(10)]) {
      const json = await postJson(jsonReport({ description }));
      expect(json.statusCode).toBe(400);
      expect(JSON.parse(String(json.body)).fields.description).toBe('Required');
    }
  });

  it('is enforced by storage too: the shared use case refuses an over-long description rather than cutting it', async () => {
    const { fileReport } = await import('../../lib/use-cases/file-report.js');
    await expect(fileReport(sys.deps, {
      channel: 'web', intakeKey: `limit-${randomBytes(4).toString('hex')}`, reporterType: 'family', contact: '+60123456789',
      description: 'c'.repeat(limit + 1),
    })).rejects.toMatchObject({ fields: { description: expect.stringMatching(/too long/i) } });
  });
});

let jsonTokens = 0;
function jsonReport(over: Record<string, unknown>) {
  return {
    reporterType: 'organisation', contact: '+60123456788', category: 'trafficking', country: 'MY', homeRegency: 'unknown',
    consent: true, token: `limit-json-token-${String(++jsonTokens).padStart(6, '0')}-${randomBytes(3).toString('hex')}`, ...over,
  };
}

describe('the form for a family in a hurry', () => {
  it('says to fill in a phone number when it is empty, and that a number is invalid only when one was written', async () => {
    const empty = await postForm(goodForm({ contact: '' }));
    expect(empty.statusCode).toBe(400);
    expect(empty.body).toContain('Isi nomor HP yang bisa dihubungi.');
    expect(empty.body).not.toContain('Nomor HP tidak valid');
    const invalid = await postForm(goodForm({ contact: '12345' }));
    expect(invalid.body).toContain('Nomor HP tidak valid');
  });

  it('refuses a landline with SMS updates on, keeping what was typed and filing nothing, and takes it with SMS updates off', async () => {
    const token = 'landline-form-000001';
    const refused = await postForm(goodForm({ contact: '0370 631234', token }));
    expect(refused.statusCode).toBe(400);
    expect(refused.body).toContain('Ini nomor telepon rumah: tidak bisa menerima SMS.');
    expect(refused.body).toContain('value="0370 631234"');
    expect(await store.findIntake({ channel: 'web', gatewayId: token, content: 'any' })).toBeUndefined();
    const json = await postJson({ ...goodForm({ contact: '+62370631234' }), smsUpdates: true, consent: true });
    expect(json.statusCode).toBe(400);
    expect(Object.keys((JSON.parse(String(json.body)) as { fields: object }).fields)).toEqual(['contact']);
    const { smsUpdates: _off, ...withoutSms } = goodForm({ contact: '0370 631234', token });
    expect((await postForm(withoutSms)).statusCode).toBe(303);
  });

  it('tells on the confirmation page when an officer answers at the latest, and that STATUS works from the number on the form', async () => {
    const filed = String((await postForm(goodForm({ contact: '081200001006' }))).headers?.location);
    const res = await invoke(request('GET', filed));
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('Petugas menanggapi paling lambat dalam 3 hari; laporan darurat (kekerasan, TPPO, sakit, ditahan, meninggal) dalam 1 jam.');
    expect(res.body).toContain('dari nomor HP yang Anda tulis di formulir');
  });
});
