import type { MiddlewareHandler } from 'hono';
import { Hono } from 'hono/tiny';
import { bodyLimit } from 'hono/body-limit';
import { getCookie } from 'hono/cookie';
import { secureHeaders } from 'hono/secure-headers';
import { cleanText } from '../domain/case.js';
import { Language } from '../domain/categories.js';
import { logger } from '../logger.js';
import type { ConsoleDeps } from '../use-cases/console/deps.js';
import {
  type ConsoleContext, type ConsoleEnv, type ConsoleOptions, cookieNames, notFound, page, sameOriginWrites, setConsoleCookie, signedInRoutes,
} from './kit.js';
import { lazyPages } from './lazy.js';

const MAX_BODY = 32 * 1024;

export interface ConsoleScreen {
  path: string;
  routes: Hono<ConsoleEnv>;
  /** Styles of the screen's pages, served in /console/static/console.css (loaded by that request). */
  css?: () => Promise<string>;
}

/**
 * The console as one Hono app: sign-in (phone + PIN, then an SMS code; or a passkey), the queue, the
 * case page and its actions, passkeys and the access log. Pages are rendered on the server with
 * hono/jsx (every value escaped), work without JavaScript, and carry a CSP with no inline script.
 *
 * What every request needs is built here, at a cold start: the router with every route, the
 * middleware (language, security headers, body limit, Origin check, text cleaning), the session check
 * and the page layout (kit.tsx). Each page's own code (its views, forms, zod schemas and the use
 * cases behind it) is loaded by the first request for that page (lazy.ts): a cold start that serves
 * the sign-in form does not read or compile the case page, the exports or the figures.
 */
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

  const signIn = lazyPages(() => import('./sign-in-pages.js').then((m) => m.signInPages(deps, options)));
  const passkeys = lazyPages(() => import('./passkey-pages.js').then((m) => m.passkeyPages(deps, options)));
  const queue = lazyPages(() => import('./queue-pages.js').then((m) => m.queuePages(deps)));
  const cases = lazyPages(() => import('./case-pages.js').then((m) => m.casePages(deps)));

  // The console's own screens, each its own chunk; the data-request tab (issue 22) is always there.
  const requests = lazyPages(() => import('./requests.js').then((m) => m.requestsPages(deps)));
  const requestRoutes = signedInRoutes();
  requestRoutes.get('/', requests('list'));
  requestRoutes.get('/:reference', requests('show'));
  requestRoutes.post('/:reference/:action{carry-out|refuse|corrected}', requests('decide'));
  requestRoutes.get('/:reference/:file{export\\.(html|json)}', requests('download'));
  const readers = lazyPages(() => import('./requests.js').then((m) => m.readersPages(deps)));
  const readerRoutes = signedInRoutes();
  readerRoutes.get('/', readers('list'));
  readerRoutes.post('/end-sessions', readers('endSessions'));
  const print = lazyPages(() => import('./print.js').then((m) => m.printPages(deps)));
  const printRoutes = signedInRoutes();
  printRoutes.get('/print.js', print('script'));
  printRoutes.get('/:reference', print('summary'));
  const accessLog = lazyPages(() => import('./access-log.js').then((m) => m.accessLogPages(deps)));
  const accessLogRoutes = signedInRoutes();
  accessLogRoutes.get('/', accessLog('list'));
  accessLogRoutes.get('/export.csv', accessLog('csv'));
  screens = [
    { path: '/requests', routes: requestRoutes, css: async () => (await import('./requests.js')).REQUESTS_CSS },
    { path: '/readers', routes: readerRoutes },
    { path: '/print', routes: printRoutes, css: async () => (await import('./print.js')).PRINT_CSS },
    { path: '/access-log', routes: accessLogRoutes, css: async () => (await import('./access-log.js')).ACCESS_LOG_CSS },
    ...screens,
  ];

  // The stylesheet and the script are requests of their own (cached a day by the browser): their text loads with them.
  let stylesheet: Promise<string> | undefined;
  const styles = () => (stylesheet ??= Promise.all([import('./assets.js').then((m) => m.CONSOLE_CSS), ...screens.map((s) => s.css?.() ?? '')])
    .then((parts) => parts.join('\n'))
    .catch((error: unknown) => { stylesheet = undefined; throw error; }));
  app.get('/console/static/console.css', async (c) => c.body(await styles(), 200, { 'content-type': 'text/css; charset=utf-8', 'cache-control': 'public, max-age=86400' }));
  app.get('/console/static/console.js', async (c) => c.body((await import('./assets.js')).CONSOLE_JS, 200, { 'content-type': 'text/javascript; charset=utf-8', 'cache-control': 'public, max-age=86400' }));

  // ---- sign-in ------------------------------------------------------------------------------------

  app.get('/console/sign-in', signIn('form'));
  app.post('/console/sign-in', signIn('start'));
  app.get('/console/sign-in/code', signIn('codeForm'));
  app.post('/console/sign-in/code', signIn('code'));
  app.post('/console/sign-in/passkey/options', passkeys('signInOptions'));
  app.post('/console/sign-in/passkey', passkeys('signIn'));

  // ---- signed in ----------------------------------------------------------------------------------

  const officials = signedInRoutes();
  officials.post('/sign-out', signIn('signOut'));
  officials.get('/', queue('queue'));
  officials.get('/cases/:reference', cases('show'));
  officials.post('/cases/:reference/nik', cases('revealNik'));
  // The language switch (or a reload) on the page answering a form post asks for the post's address
  // with GET: it leads back to the case, not to "not found".
  officials.get('/cases/:reference/:action', (c) => {
    const lang = c.req.query('lang');
    return c.redirect(`/console/cases/${encodeURIComponent(c.req.param('reference'))}${lang ? `?lang=${encodeURIComponent(lang)}` : ''}`, 303);
  });
  officials.post('/cases/:reference/:action', cases('act'));
  officials.get('/passkeys', passkeys('list'));
  officials.post('/passkeys/options', passkeys('addOptions'));
  officials.post('/passkeys', passkeys('add'));
  officials.post('/passkeys/remove', passkeys('remove'));

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
