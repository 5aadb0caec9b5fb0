import { Hono, type MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { getCookie } from 'hono/cookie';
import { secureHeaders } from 'hono/secure-headers';
import type { AuthenticationResponseJSON, RegistrationResponseJSON } from '@simplewebauthn/server';
import * as z from '../zod.js';
import { CHANNELS, cleanText } from '../domain/case.js';
import { Category, Language } from '../domain/categories.js';
import { HomeRegency } from '../domain/regions.js';
import { isValidPin } from '../officials/pin.js';
import { logger } from '../logger.js';
import { actOnCase, ActionForm, CASE_ACTIONS, type CaseAction, openCase } from '../use-cases/console/case-file.js';
import type { ConsoleDeps } from '../use-cases/console/deps.js';
import { addPasskey, listPasskeys, passkeyRegistrationOptions, passkeySignInOptions, type RelyingParty, removePasskey, signInWithPasskey } from '../use-cases/console/passkeys.js';
import { CONSOLE_TABS, type ConsoleTab, queuePage } from '../use-cases/console/queue.js';
import { searchCases } from '../use-cases/console/search.js';
import { CODE_LIFETIME_MS, endSession, SESSION_ABSOLUTE_MS, startSignIn, verifySignInCode } from '../use-cases/console/sign-in.js';
import { CONSOLE_CSS, CONSOLE_JS } from './assets.js';
import {
  clearConsoleCookie, cookieNames, type ConsoleContext, type ConsoleEnv, type ConsoleOptions, expectedOrigin, page, returnPath,
  sameOriginWrites, setConsoleCookie, signedInRoutes, sourceAddress, t,
} from './kit.js';
import type { QueueFilter } from '../use-cases/console/case-pages-port.js';
import { T } from './texts.js';
import { CaseViewPage, type CaseFormState, CodeForm, PasskeysView, QueueView, SignInForm } from './views.js';
import { readersScreen, REQUESTS_CSS, requestsScreen } from './requests.js';
import { PRINT_CSS, printScreen } from './print.js';
import { ACCESS_LOG_CSS, accessLogScreen } from './access-log.js';

const MAX_BODY = 32 * 1024;

const QueueQueryInput = z.object({
  tab: z._default(z.catch(z.enum(CONSOLE_TABS as [ConsoleTab, ...ConsoleTab[]]), 'unassigned'), 'unassigned'),
  regency: z.optional(z.catch(z.optional(HomeRegency), undefined)),
  category: z.optional(z.catch(z.optional(Category), undefined)),
  status: z.optional(z.catch(z.optional(z.enum(['new', 'acknowledged', 'resolved', 'closed'])), undefined)),
  channel: z.optional(z.catch(z.optional(z.enum(CHANNELS)), undefined)),
  level: z.optional(z.catch(z.optional(z.pipe(z.coerce.number().check(z.int(), z.gte(1), z.lte(3)), z.transform((n: number) => n as 1 | 2 | 3))), undefined)),
  from: z.optional(z.catch(z.optional(z.string().check(z.regex(/^\d{4}-\d{2}-\d{2}$/))), undefined)),
  to: z.optional(z.catch(z.optional(z.string().check(z.regex(/^\d{4}-\d{2}-\d{2}$/))), undefined)),
  after: z.optional(z.string().check(z.maxLength(4000))),
});

/**
 * The console as one Hono app: sign-in (phone + PIN, then an SMS code; or a passkey), the queue, the
 * case page and its actions, passkeys and the access log. Pages are rendered on the server with
 * hono/jsx (every value escaped), work without JavaScript, and carry a CSP with no inline script.
 */
/**
 * The phone-number parser (libphonenumber-js and its metadata for every country, a fifth of the
 * console's code) is loaded by the sign-in form's POST only: the console's other requests come
 * from officials already signed in, and a cold start need not read and compile it.
 */
const phoneParser = () => import('../domain/phone.js');

export interface ConsoleScreen {
  path: string;
  routes: Hono<ConsoleEnv>;
  /** Styles of the screen's pages, served in /console/static/console.css. */
  css?: string;
}

export function createConsoleApp(
  deps: ConsoleDeps,
  options: ConsoleOptions,
  /**
   * Further screens, each a `signedInRoutes()` group mounted at `/console<path>` (e.g. the figures),
   * with the styles it needs added to the console's one stylesheet (the CSP allows no inline style).
   */
  screens: ConsoleScreen[] = [],
): Hono<ConsoleEnv> {
  const app = new Hono<ConsoleEnv>();
  const names = cookieNames(options);
  const html = (c: ConsoleContext, title: string, body: Parameters<typeof page>[1]['body'], status: 200 | 400 | 401 | 403 | 404 | 409 | 429 = 200, scripts?: string[]) =>
    c.html(page(c, { title, body, ...(scripts ? { scripts } : {}) }), status);
  const rp = (c: ConsoleContext): RelyingParty => {
    const origin = expectedOrigin(c);
    return { name: options.rpName, id: new URL(origin).hostname, origin };
  };

  app.use('*', async (c, next) => {
    c.set('deps', deps);
    c.set('options', options);
    const asked = c.req.query('lang');
    const chosen = Language.safeParse(asked ?? getCookie(c, names.lang));
    c.set('lang', chosen.success ? chosen.data : 'id');
    if (asked && chosen.success) setConsoleCookie(c, names.lang, chosen.data, 365 * 86400);
    await next();
  });
  app.use('*', secureHeaders({
    contentSecurityPolicy: {
      defaultSrc: ["'none'"], scriptSrc: ["'self'"], styleSrc: ["'self'"], imgSrc: ["'self'"], connectSrc: ["'self'"],
      formAction: ["'self'"], baseUri: ["'none'"], frameAncestors: ["'none'"],
    },
    // same-origin, not no-referrer: with no-referrer a browser sends `Origin: null` on form posts, and the
    // Origin check would refuse the console's own forms. Other sites still get no referrer.
    xFrameOptions: 'DENY', referrerPolicy: 'same-origin', strictTransportSecurity: options.secureCookies ? 'max-age=31536000; includeSubDomains' : false,
    crossOriginOpenerPolicy: 'same-origin', crossOriginResourcePolicy: 'same-origin',
  }));
  app.use('*', async (c, next) => {
    await next();
    if (!c.req.path.startsWith('/console/static/')) c.header('cache-control', 'no-store');
  });
  app.use('*', bodyLimit({ maxSize: MAX_BODY, onError: (c) => c.text('Payload Too Large', 413) }));
  app.use('*', sameOriginWrites);
  app.use('*', cleanFormText);

  // The data-request tab (issue 22) is a screen of its own, always there.
  screens = [{ path: '/requests', routes: requestsScreen(deps), css: REQUESTS_CSS }, { path: '/readers', routes: readersScreen(deps) },
    { path: '/print', routes: printScreen(deps), css: PRINT_CSS }, { path: '/access-log', routes: accessLogScreen(deps), css: ACCESS_LOG_CSS }, ...screens];
  const stylesheet = CONSOLE_CSS + screens.map((s) => s.css ?? '').join('\n');
  app.get('/console/static/console.css', (c) => c.body(stylesheet, 200, { 'content-type': 'text/css; charset=utf-8', 'cache-control': 'public, max-age=86400' }));
  app.get('/console/static/console.js', (c) => c.body(CONSOLE_JS, 200, { 'content-type': 'text/javascript; charset=utf-8', 'cache-control': 'public, max-age=86400' }));

  // ---- sign-in ------------------------------------------------------------------------------------

  app.get('/console/sign-in', (c) => {
    const next = returnPath(c.req.query('next'));
    if (next) setConsoleCookie(c, names.next, next, SESSION_ABSOLUTE_MS / 1000);
    const notice = c.req.query('ended') ? t(c, T.sessionOver) : c.req.query('out') ? t(c, T.signedOut) : undefined;
    return html(c, t(c, T.signIn), <SignInForm l={c.get('lang')} {...(notice ? { notice } : {})} />, 200, ['/console/static/console.js']);
  });

  app.post('/console/sign-in', async (c) => {
    const form = await c.req.parseBody();
    const l = c.get('lang');
    const { PhoneNumber } = await phoneParser();
    const phone = PhoneNumber.safeParse(typeof form.phone === 'string' ? form.phone : '');
    const pin = typeof form.pin === 'string' ? form.pin : '';
    if (!phone.success) return html(c, t(c, T.signIn), <SignInForm l={l} error={`${t(c, T.invalid)}${T.fieldNames.phone![l]}`} />, 400);
    if (!isValidPin(pin)) return html(c, t(c, T.signIn), <SignInForm l={l} phone={phone.data} error={`${t(c, T.invalid)}${T.fieldNames.pin![l]}`} />, 400);
    const outcome = await startSignIn(deps, { phone: phone.data, pin, sourceAddress: sourceAddress(c) });
    if (outcome.kind === 'rate_limited') return html(c, t(c, T.signIn), <SignInForm l={l} error={t(c, T.tooMany)} />, 429);
    setConsoleCookie(c, names.signIn, outcome.challengeId, CODE_LIFETIME_MS / 1000);
    return c.redirect('/console/sign-in/code', 303);
  });

  app.get('/console/sign-in/code', (c) => html(c, t(c, T.signIn), <CodeForm l={c.get('lang')} />));

  app.post('/console/sign-in/code', async (c) => {
    const form = await c.req.parseBody();
    const l = c.get('lang');
    const code = typeof form.code === 'string' ? form.code.trim() : '';
    if (!/^\d{6}$/.test(code)) return html(c, t(c, T.signIn), <CodeForm l={l} error={`${t(c, T.invalid)}${T.fieldNames.code![l]}`} />, 400);
    const challengeId = getCookie(c, names.signIn) ?? '';
    const outcome = challengeId ? await verifySignInCode(deps, { challengeId, code }) : { kind: 'start_again' as const };
    if (outcome.kind === 'wrong_code') return html(c, t(c, T.signIn), <CodeForm l={l} error={`${t(c, T.wrongCode)}${outcome.triesLeft}`} />, 400);
    if (outcome.kind === 'start_again') {
      clearConsoleCookie(c, names.signIn);
      return html(c, t(c, T.signIn), <SignInForm l={l} error={t(c, T.startAgain)} />, 400, ['/console/static/console.js']);
    }
    clearConsoleCookie(c, names.signIn);
    setConsoleCookie(c, names.session, outcome.sessionId, SESSION_ABSOLUTE_MS / 1000);
    logger.info('console sign-in', { official: outcome.official.id, method: 'sms_code' });
    return c.redirect(afterSignIn(c), 303);
  });

  app.post('/console/sign-in/passkey/options', async (c) => {
    const started = await passkeySignInOptions(deps, rp(c), sourceAddress(c));
    if (started.kind === 'rate_limited') return c.json({ error: 'rate_limited' }, 429);
    setConsoleCookie(c, names.signIn, started.challengeId, CODE_LIFETIME_MS / 1000);
    return c.json(started.options);
  });

  app.post('/console/sign-in/passkey', async (c) => {
    const challengeId = getCookie(c, names.signIn) ?? '';
    const body = await c.req.json<AuthenticationResponseJSON>().catch(() => undefined);
    clearConsoleCookie(c, names.signIn);
    const outcome = challengeId && body ? await signInWithPasskey(deps, rp(c), challengeId, body) : { kind: 'refused' as const };
    if (outcome.kind !== 'signed_in') return c.json({ error: 'refused' }, 400);
    setConsoleCookie(c, names.session, outcome.sessionId, SESSION_ABSOLUTE_MS / 1000);
    logger.info('console sign-in', { official: outcome.official.id, method: 'passkey' });
    return c.json({ location: afterSignIn(c) });
  });

  /** Where a fresh sign-in goes: back to the page the session ended on (the case), else the queue. */
  const afterSignIn = (c: ConsoleContext) => {
    const next = returnPath(getCookie(c, names.next));
    if (next) clearConsoleCookie(c, names.next);
    return next ?? '/console';
  };

  // ---- signed in ----------------------------------------------------------------------------------

  const officials = signedInRoutes();

  officials.post('/sign-out', async (c) => {
    await endSession(deps, c.get('sessionId'));
    clearConsoleCookie(c, names.session);
    return c.redirect('/console/sign-in?out=1', 303);
  });

  officials.get('/', async (c) => {
    const parsed = QueueQueryInput.safeParse(c.req.query());
    const q = parsed.success ? parsed.data : { tab: 'unassigned' as const };
    // A period typed backwards is read the right way round (DynamoDB refuses an inverted BETWEEN).
    if (q.from && q.to && q.from > q.to) [q.from, q.to] = [q.to, q.from];
    const filter: QueueFilter = {
      ...(q.regency ? { regency: q.regency } : {}), ...(q.category ? { category: q.category } : {}), ...(q.status ? { status: q.status } : {}),
      ...(q.channel ? { channel: q.channel } : {}), ...(q.level ? { level: q.level } : {}),
      ...(q.from ? { from: `${q.from}T00:00:00.000Z` } : {}), ...(q.to ? { to: `${q.to}T23:59:59.999Z` } : {}),
    };
    const asked = (c.req.query('q') ?? '').trim().slice(0, 40);
    const [result, directory, found] = await Promise.all([
      queuePage(deps, c.get('official'), { tab: q.tab, filter, ...(q.after ? { after: q.after } : {}) }),
      deps.directory.listOfficials(),
      asked ? phoneParser().then(({ normalisePhone }) => searchCases(deps, c.get('official'), asked, (text) => normalisePhone(text) ?? undefined)) : undefined,
    ]);
    const query = new URL(c.req.url).searchParams;
    return html(c, t(c, T.queue), (
      <QueueView l={c.get('lang')} official={c.get('official')} officials={directory} page={result} filter={filter} now={deps.clock.now()} query={query}
        {...(found ? { search: { q: asked, outcome: found } } : {})} />
    ));
  });

  const renderCase = async (c: ConsoleContext, view: Parameters<typeof CaseViewPage>[0]['view'], state: CaseFormState, status: 200 | 400 | 409 = 200) => {
    const directory = await deps.directory.listOfficials();
    return html(c, view.file.case.reference, (
      <CaseViewPage l={c.get('lang')} view={view} official={c.get('official')} officials={directory} policy={deps.policy}
        now={deps.clock.now()} csrf={c.get('session').csrfToken} state={state} />
    ), status);
  };
  const notFound = (c: ConsoleContext) => html(c, t(c, T.notFound), <p><a href="/console">{t(c, T.back)}</a></p>, 404);

  officials.get('/cases/:reference', async (c) => {
    const opened = await openCase(deps, c.get('official'), c.req.param('reference'));
    if (opened.kind === 'not_found') return notFound(c);
    // A data request is decided on its own page (requests.tsx), not worked like a complaint.
    if (opened.view.file.case.kind === 'data_request') return c.redirect(`/console/requests/${opened.view.file.case.reference}`, 303);
    const done = c.req.query('done');
    return renderCase(c, opened.view, done && T.done[done] ? { notice: { kind: 'ok', text: t(c, T.done[done]) } } : {});
  });

  officials.post('/cases/:reference/nik', async (c) => {
    const form = await c.req.parseBody();
    const reason = typeof form.reason === 'string' ? form.reason.trim() : '';
    const ok = reason.length >= 5 && reason.length <= 200;
    const opened = await openCase(deps, c.get('official'), c.req.param('reference'), ok ? { revealNikReason: reason } : {});
    if (opened.kind === 'not_found') return notFound(c);
    if (!ok) return renderCase(c, opened.view, { errors: { reason: t(c, T.fieldErrors.reason_length) } }, 400);
    return renderCase(c, opened.view, { notice: { kind: 'ok', text: t(c, T.done.nik!) } });
  });

  // The language switch (or a reload) on the page answering a form post asks for the post's address
  // with GET: it leads back to the case, not to "not found".
  officials.get('/cases/:reference/:action', (c) => {
    const lang = c.req.query('lang');
    return c.redirect(`/console/cases/${encodeURIComponent(c.req.param('reference'))}${lang ? `?lang=${encodeURIComponent(lang)}` : ''}`, 303);
  });

  officials.post('/cases/:reference/:action', async (c) => {
    const action = c.req.param('action');
    if (!(CASE_ACTIONS as readonly string[]).includes(action)) return notFound(c);
    const raw = await c.req.parseBody();
    const fields = Object.fromEntries(Object.entries(raw).filter(([, v]) => typeof v === 'string')) as Record<string, string>;
    const form = ActionForm.safeParse(fields);
    if (!form.success) {
      const opened = await openCase(deps, c.get('official'), c.req.param('reference'));
      if (opened.kind === 'not_found') return notFound(c);
      const bad = form.error.issues.map((i) => i.path.join('.'));
      return renderCase(c, opened.view, { ...keep(fields), errors: Object.fromEntries(bad.map((f) => [f, `${t(c, T.invalid)}${fieldName(c, f)}`])), notice: { kind: 'err', text: `${t(c, T.invalid)}${bad.map((f) => fieldName(c, f)).join(', ')}` } }, 400);
    }
    const outcome = await actOnCase(deps, c.get('official'), c.req.param('reference'), action as CaseAction, form.data);
    const l = c.get('lang');
    switch (outcome.kind) {
      case 'not_found': return notFound(c);
      case 'done': return c.redirect(`/console/cases/${outcome.reference}?done=${action === 'note' ? 'note_added' : action}`, 303);
      case 'invalid': return renderCase(c, outcome.view, {
        ...keep(fields),
        errors: Object.fromEntries(Object.entries(outcome.fields).map(([f, why]) => [f, T.fieldErrors[why][l]])),
        notice: { kind: 'err', text: `${T.invalid[l]}${Object.keys(outcome.fields).map((f) => fieldName(c, f)).join(', ')}` },
      }, 400);
      case 'confirm_merge': return renderCase(c, outcome.view, { ...keep(fields), mergeConfirm: { duplicate: outcome.duplicate, into: outcome.into } });
      case 'not_applied': return renderCase(c, outcome.view, { ...keep(fields), notice: { kind: 'err', text: `${T.notApplied[l]}${T.reasons[outcome.reason][l]}` } }, 409);
      case 'conflict': return renderCase(c, outcome.view, { ...keep(fields), notice: { kind: 'conflict', text: T.conflict[l], changes: outcome.changes } }, 409);
    }
  });

  officials.get('/passkeys', async (c) => {
    const me = c.get('official');
    const asked = c.req.query('official');
    const ownerId = asked && asked.length <= 64 ? asked : me.id;
    const listed = await listPasskeys(deps, me, ownerId);
    if (listed.kind === 'not_found') return notFound(c);
    const officialsList = me.level === 3 ? (await deps.directory.listOfficials()).sort((a, b) => a.level - b.level || a.id.localeCompare(b.id)) : undefined;
    return html(c, t(c, T.passkeys), (
      <PasskeysView l={c.get('lang')} owner={listed.owner} self={listed.owner.id === me.id} passkeys={listed.passkeys} csrf={c.get('session').csrfToken}
        added={c.req.query('added') === '1'} removed={c.req.query('removed') === '1'} {...(officialsList ? { officials: officialsList } : {})} />
    ), 200, ['/console/static/console.js']);
  });

  officials.post('/passkeys/options', async (c) => {
    const outcome = await passkeyRegistrationOptions(deps, rp(c), c.get('official'), c.get('session'));
    return outcome.kind === 'too_many' ? c.json({ error: 'too_many_passkeys' }, 409) : c.json(outcome.options);
  });

  officials.post('/passkeys', async (c) => {
    const body = await c.req.json<RegistrationResponseJSON>().catch(() => undefined);
    const added = body ? await addPasskey(deps, rp(c), c.get('official'), c.get('session'), body) : false;
    if (added) logger.info('console passkey added', { official: c.get('official').id });
    return added ? c.json({ added: true }) : c.json({ error: 'refused' }, 400);
  });

  officials.post('/passkeys/remove', async (c) => {
    const form = await c.req.parseBody();
    const ownerId = typeof form.official === 'string' ? form.official : '';
    const credential = typeof form.credential === 'string' ? form.credential : '';
    const outcome = await removePasskey(deps, c.get('official'), ownerId, credential);
    if (outcome.kind === 'not_found') return notFound(c);
    logger.info('console passkey removed', { official: c.get('official').id, owner: outcome.owner.id });
    const mine = outcome.owner.id === c.get('official').id;
    return c.redirect(`/console/passkeys?${mine ? '' : `official=${encodeURIComponent(outcome.owner.id)}&`}removed=1`, 303);
  });

  for (const screen of screens) app.route(`/console${screen.path}`, screen.routes);
  app.route('/console', officials);
  app.notFound((c) => notFound(c as ConsoleContext));
  app.onError((error, c) => {
    // The invocation's own context, named on the line itself: locally the functions share one process
    // and one logger, and another function's run may have set its context meanwhile.
    const lambda = (c.env as { lambdaContext?: { functionName?: string; awsRequestId?: string } } | undefined)?.lambdaContext;
    logger.error('console request failed', {
      errorName: error.name,
      ...(lambda?.functionName ? { function_name: lambda.functionName, function_request_id: lambda.awsRequestId } : {}),
    });
    return c.html(page(c as ConsoleContext, { title: 'Error', body: <p class="err">Error</p> }), 500);
  });
  return app;
}

/**
 * Every text an official types into the console (notes, messages to reporters, the NIK reason, an
 * agent's name, a closing note) is cleaned here, once, before any route reads the form: format
 * characters such as U+202E (which reverse how a page shows what follows) and control characters go,
 * as they go from a report's text (lib/domain/case.ts cleanText). Hono caches the request's FormData,
 * which is cleaned in place, so every later `parseBody()` (the CSRF check, the route) reads the cleaned values.
 */
const cleanFormText: MiddlewareHandler<ConsoleEnv> = async (c, next) => {
  if (c.req.method === 'POST' && /^application\/x-www-form-urlencoded|^multipart\/form-data/.test(c.req.header('content-type') ?? '')) {
    const data = await c.req.formData();
    const entries = [...data.entries()];
    for (const name of new Set(entries.map(([n]) => n))) data.delete(name);
    for (const [name, value] of entries) data.append(name, typeof value === 'string' ? cleanText(value) : value);
  }
  await next();
};

/** What the official typed stays in the re-rendered form, so a refusal or a conflict loses nothing. */
function keep(fields: Record<string, string>): Pick<CaseFormState, 'message' | 'note' | 'outcome' | 'into'> {
  return {
    ...(fields.message ? { message: fields.message } : {}), ...(fields.note ? { note: fields.note } : {}),
    ...(fields.outcome ? { outcome: fields.outcome } : {}), ...(fields.into ? { into: fields.into } : {}),
  };
}

/** A form field by its name in the official's language ("Periksa isian: pesan"), never the field's code. */
function fieldName(c: ConsoleContext, field: string): string {
  return T.fieldNames[field]?.[c.get('lang')] ?? (c.get('lang') === 'id' ? 'isian formulir' : 'form field');
}
