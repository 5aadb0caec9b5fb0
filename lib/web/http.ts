import { errorResponse, formBody, header, httpHandler, rawBody, type HttpEvent, type HttpResult } from '../http/api.js';
import { ValidationError } from '../domain/errors.js';
import { normaliseReference } from '../domain/reference.js';
import { SECURITY_HEADERS, newFormToken, renderDone, renderForm, renderProblem } from './pages.js';
import type { submitReport } from './submit-report.js';
import { languageOf } from './texts.js';
import { logger } from '../logger.js';

/**
 * The public web form: GET / (the form), POST /reports (form-encoded from the page, or JSON from NGO
 * systems), GET /reports/done (the confirmation). No callback key: anyone may report. Bodies are
 * bounded by rawBody (32 KB), bots by the honeypot and a per-source hourly limit.
 */
export interface WebRuntime {
  deps: Parameters<typeof submitReport>[0];
  /** The public figures (`GET /statistik`, `/statistik.json`, lib/figures/http.ts): answers them or returns undefined. */
  statistik?: (event: HttpEvent) => Promise<HttpResult | undefined>;
}

const html = (statusCode: number, body: string, language: string): HttpResult => ({
  statusCode, headers: { ...SECURITY_HEADERS, 'content-type': 'text/html; charset=utf-8', 'content-language': language }, body,
});

const isJson = (event: HttpEvent) => /^application\/json\b/i.test(header(event, 'content-type') ?? '');

function readJson(event: HttpEvent): unknown {
  const body = rawBody(event);
  try {
    return JSON.parse(body);
  } catch {
    throw new ValidationError({ body: 'Not valid JSON' });
  }
}

/**
 * The report use case, its schemas and the phone-number parser (about a quarter of the function's
 * code) are loaded by the first POST, not at cold start: most requests show the form or the
 * figures, and a cold start is usually someone opening the form.
 */
const submission = () => import('./submit-report.js');

async function postReport(runtime: WebRuntime, event: HttpEvent): Promise<HttpResult> {
  const { Token, fromForm, submitReport } = await submission();
  const policy = runtime.deps.policy;
  const source = { ip: event.requestContext.http.sourceIp };
  if (isJson(event)) {
    const outcome = await submitReport(runtime.deps, readJson(event), source);
    if (outcome.kind === 'filed') logger.info('web report', { reference: outcome.reference, created: outcome.created, via: 'json' });
    else logger.info('web report ignored', { reason: 'honeypot', via: 'json' });
    return { statusCode: 201, headers: { ...SECURITY_HEADERS, 'content-type': 'application/json; charset=utf-8' }, body: JSON.stringify({ reference: outcome.reference }) };
  }

  const form = formBody(event);
  const language = languageOf(form.lang);
  try {
    const outcome = await submitReport(runtime.deps, fromForm(form), source);
    if (outcome.kind === 'filed') logger.info('web report', { reference: outcome.reference, created: outcome.created, via: 'form' });
    else logger.info('web report ignored', { reason: 'honeypot', via: 'form' });
    // 303 so a reload of the confirmation page is a GET, never a second POST.
    return {
      statusCode: 303,
      headers: { ...SECURITY_HEADERS, location: `/reports/done?${new URLSearchParams({ ref: outcome.reference, lang: language })}` },
      body: '',
    };
  } catch (error) {
    if (!(error instanceof ValidationError)) throw error;
    const status = errorResponse(error, 'web').statusCode ?? 400;
    // Same token back: the first attempt filed nothing, so the corrected one is still the first.
    const token = Token.safeParse(form.token).success ? form.token! : newFormToken();
    return html(status, renderForm({ language, token, policy, values: form, errors: error.fields }), language);
  }
}

async function route(runtime: WebRuntime, event: HttpEvent): Promise<HttpResult> {
  const figures = runtime.statistik ? await runtime.statistik(event) : undefined;
  if (figures) return figures;
  const policy = runtime.deps.policy;
  const query = event.queryStringParameters ?? {};
  const language = languageOf(query.lang);
  switch (`${event.requestContext.http.method} ${event.rawPath}`) {
    case 'GET /':
      return html(200, renderForm({ language, token: newFormToken(), policy }), language);
    case 'POST /reports':
      return postReport(runtime, event);
    case 'GET /reports/done': {
      const reference = normaliseReference(query.ref ?? '');
      // A well-formed code the hotline never handed out is not "received": 404, saying so (issue 23, item 11).
      // It reveals only whether a code exists (one read of its reference item), never anything of the case.
      if (reference && !(await runtime.deps.cases.referenceExists(reference))) return html(404, renderDone({ language, reference, policy, unknown: true }), language);
      return html(reference ? 200 : 400, renderDone({ language, reference, policy }), language);
    }
    default:
      return html(404, renderProblem({ language, status: 404, policy }), language);
  }
}

/** Errors map to statuses in errorResponse as everywhere; people using the page get that status as a page, not JSON. */
function onError(runtime: WebRuntime, error: unknown, event: HttpEvent): HttpResult {
  const answer = errorResponse(error, 'web');
  if (isJson(event)) {
    return { ...answer, headers: { ...SECURITY_HEADERS, ...answer.headers } };
  }
  const language = languageOf(event.queryStringParameters?.lang);
  const status = answer.statusCode ?? 500;
  return html(status, renderProblem({ language, status, policy: runtime.deps.policy }), language);
}

export function createWebHandler(runtime: WebRuntime) {
  return httpHandler('web', (event) => route(runtime, event), (error, event) => onError(runtime, error, event));
}
