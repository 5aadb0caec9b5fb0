import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Context } from 'aws-lambda';
import type { HttpEvent, HttpResult } from '../../lib/http/api.js';
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
    const ok = await invoke(request('GET', '/reports/done?ref=xyz%20789&lang=en'));
    expect(ok.statusCode).toBe(200);
    expect(ok.body).toContain('<p class="ref" id="reference">XYZ-789</p>');
    const bad = await invoke(request('GET', '/reports/done?ref=%3Cscript%3Ealert(1)%3C/script%3E'));
    expect(bad.statusCode).toBe(400);
    expect(bad.body).not.toContain('<script>');
    expect(bad.body).not.toContain('id="reference"');
  });
});
