import type { Context, MiddlewareHandler } from 'hono';
import { Hono } from 'hono/tiny';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import type { Child } from 'hono/jsx';
import { timingSafeEqual } from 'node:crypto';
import type { Language } from '../domain/categories.js';
import type { Official } from '../domain/official.js';
import type { ConsoleSession } from '../use-cases/console/sessions-port.js';
import { canReadAccessLog } from '../domain/visibility.js';
import { resolveSession } from '../use-cases/console/sessions.js';
import type { ConsoleDeps } from '../use-cases/console/deps.js';
import { LAYOUT_TEXTS as T, type Text } from './layout-texts.js';

/**
 * What every console route shares: the Hono environment, the session middleware, the CSRF check and
 * the page layout. Another screen (the figures of issue 14) mounts a `signedInRoutes()` group and
 * renders with `page()`, and gets sign-in, roles and the layout for free.
 */
export interface ConsoleOptions {
  /** Cookies with Secure and the `__Host-` prefix: always in AWS; off locally (plain http). */
  secureCookies: boolean;
  /** The console's own origin (scheme://host); when absent, the request's Host header decides. */
  origin?: string;
  /** Shown by the browser when a passkey is created. */
  rpName: string;
}

export interface ConsoleVariables {
  lang: Language;
  official: Official;
  session: ConsoleSession;
  sessionId: string;
}

export type ConsoleEnv = {
  Bindings: { requestContext?: { http?: { sourceIp?: string } } };
  Variables: ConsoleVariables & { deps: ConsoleDeps; options: ConsoleOptions };
};

export type ConsoleContext = Context<ConsoleEnv>;

export const cookieNames = (o: ConsoleOptions) => ({
  session: o.secureCookies ? '__Host-pmi-session' : 'pmi-session',
  signIn: o.secureCookies ? '__Host-pmi-signin' : 'pmi-signin',
  lang: o.secureCookies ? '__Host-pmi-lang' : 'pmi-lang',
  /** The console page to return to after signing in again (a path of the console only). */
  next: o.secureCookies ? '__Host-pmi-next' : 'pmi-next',
});

export function setConsoleCookie(c: ConsoleContext, name: string, value: string, maxAgeSeconds: number): void {
  const o = c.get('options');
  setCookie(c, name, value, { path: '/', httpOnly: true, sameSite: 'Strict', secure: o.secureCookies, maxAge: maxAgeSeconds });
}

export function clearConsoleCookie(c: ConsoleContext, name: string): void {
  deleteCookie(c, name, { path: '/', secure: c.get('options').secureCookies });
}

export function expectedOrigin(c: ConsoleContext): string {
  const o = c.get('options');
  return o.origin ?? `${o.secureCookies ? 'https' : 'http'}://${c.req.header('host') ?? ''}`;
}

export function sourceAddress(c: ConsoleContext): string {
  return c.env?.requestContext?.http?.sourceIp ?? 'unknown';
}

export const t = (c: ConsoleContext, text: Text) => text[c.get('lang')];

/** Every write must come from the console's own pages: a cross-site POST is refused before anything runs. */
export const sameOriginWrites: MiddlewareHandler<ConsoleEnv> = async (c, next) => {
  if (c.req.method !== 'GET' && c.req.method !== 'HEAD') {
    const origin = c.req.header('origin');
    const site = c.req.header('sec-fetch-site');
    if (!origin || origin !== expectedOrigin(c) || (site && site !== 'same-origin' && site !== 'none')) {
      return c.html(page(c, { title: t(c, T.refused), body: <p class="err">{t(c, T.refused)}</p> }), 403);
    }
  }
  await next();
};

/**
 * Signed-in officials only: the session cookie must name a live session of an official who is still
 * active with the same PIN. Writes also need the session's CSRF token (form field `csrf` or header
 * `x-csrf-token`). Otherwise GET goes to the sign-in page and a write is refused.
 */
export const requireOfficial: MiddlewareHandler<ConsoleEnv> = async (c, next) => {
  const names = cookieNames(c.get('options'));
  const sessionId = getCookie(c, names.session);
  const found = sessionId ? await resolveSession(c.get('deps'), sessionId) : undefined;
  if (!found || !sessionId) {
    if (sessionId) clearConsoleCookie(c, names.session);
    // Sign-in leads back to where the official was: the case page a form was posted from, or the page asked for.
    const back = returnPath(c.req.method === 'GET' ? c.req.path : c.req.path.replace(/^(\/console\/cases\/[^/]+)\/[a-z]+$/, '$1'));
    const signIn = `/console/sign-in?${new URLSearchParams({ ...(sessionId ? { ended: '1' } : {}), ...(back ? { next: back } : {}) })}`;
    if (c.req.method === 'GET') return c.redirect(signIn.replace(/\?$/, ''), 303);
    // What the official typed is not lost with the session: it is shown to copy into the form after signing in.
    const form = /^application\/x-www-form-urlencoded|^multipart\/form-data/.test(c.req.header('content-type') ?? '') ? await c.req.parseBody() : {};
    const typed = (['message', 'note', 'outcome'] as const).map((k) => [k, typeof form[k] === 'string' ? form[k].trim() : ''] as const).filter(([, v]) => v);
    return c.html(page(c, {
      title: t(c, T.sessionOver),
      body: (
        <>
          <p class="err">{t(c, T.sessionOver)} {t(c, T.nothingSaved)}</p>
          {typed.map(([k, v]) => (<><label for={`typed-${k}`}>{t(c, T.yourText)}</label><textarea id={`typed-${k}`} readonly rows={4}>{v}</textarea></>))}
          <p><a href={signIn} id="sign-in-again" class="button-link">{t(c, T.signIn)}</a></p>
        </>
      ),
    }), 401);
  }
  if (c.req.method !== 'GET' && c.req.method !== 'HEAD') {
    const type = c.req.header('content-type') ?? '';
    let given = c.req.header('x-csrf-token') ?? '';
    if (!given && /^application\/x-www-form-urlencoded|^multipart\/form-data/.test(type)) {
      const form = await c.req.parseBody();
      given = typeof form.csrf === 'string' ? form.csrf : '';
    }
    const a = Buffer.from(given);
    const b = Buffer.from(found.session.csrfToken);
    if (a.length !== b.length || !timingSafeEqual(a, b)) {
      return c.html(page(c, { title: t(c, T.refused), body: <p class="err">{t(c, T.refused)}</p> }), 403);
    }
  }
  c.set('official', found.official);
  c.set('session', found.session);
  c.set('sessionId', sessionId);
  await next();
};

/** A console page to return to after signing in: a path of the console only (never another site), without its query. */
export function returnPath(path: string | undefined): string | undefined {
  return path && /^\/console(\/[A-Za-z0-9\-/]{0,80})?$/.test(path) && !path.startsWith('/console/sign-') && !path.includes('//') ? path : undefined;
}

/** A route group for signed-in officials, with role information in `c.get('official')`. */
export function signedInRoutes(): Hono<ConsoleEnv> {
  const group = new Hono<ConsoleEnv>();
  group.use('*', requireOfficial);
  return group;
}

/** Where a fresh sign-in goes: back to the page the session ended on (the case), else the queue. */
export function afterSignIn(c: ConsoleContext): string {
  const names = cookieNames(c.get('options'));
  const next = returnPath(getCookie(c, names.next));
  if (next) clearConsoleCookie(c, names.next);
  return next ?? '/console';
}

/** A console page as the response. */
export const html = (c: ConsoleContext, title: string, body: Child, status: 200 | 400 | 401 | 403 | 404 | 409 | 429 = 200, scripts?: string[]) =>
  c.html(page(c, { title, body, ...(scripts ? { scripts } : {}) }), status);

export const notFound = (c: ConsoleContext) => html(c, t(c, T.notFound), <p><a href="/console">{t(c, T.back)}</a></p>, 404);

export const Csrf = ({ c }: { c: ConsoleContext }) => <input type="hidden" name="csrf" value={c.get('session').csrfToken} />;

/** The console page: header with navigation (when signed in), the language switch, and the content. */
export function page(c: ConsoleContext, p: { title: string; body: Child; scripts?: string[] }): string {
  const lang = c.get('lang') ?? 'id';
  const official = c.get('official') as Official | undefined;
  const other: Language = lang === 'id' ? 'en' : 'id';
  const url = new URL(c.req.url);
  url.searchParams.set('lang', other);
  const doc = (
    <html lang={lang}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width,initial-scale=1" />
        <title>{`${p.title} · ${T.console[lang]}`}</title>
        <link rel="stylesheet" href="/console/static/console.css" />
      </head>
      <body>
        <header>
          {/* The language switch sits by the title, sign-out on its own line with who is signed in: a thumb aiming for one does not hit the other. */}
          <strong><a href="/console">{T.console[lang]}</a></strong>
          <a href={`${url.pathname}${url.search}`} hreflang={other} id="lang-switch">{T.language[lang]}</a>
          {official ? (
            <nav aria-label={lang === 'id' ? 'Menu' : 'Menu'}>
              <a href="/console">{T.queue[lang]}</a>
              <a href="/console/figures">{lang === 'id' ? 'Angka' : 'Figures'}</a>
              {canReadAccessLog(official) ? <a href="/console/access-log">{T.accessLog[lang]}</a> : null}
              <a href="/console/passkeys">{T.passkeys[lang]}</a>
            </nav>
          ) : null}
          {official ? (
            <div class="account">
              <small id="who">{official.name} · {T.levels[official.level][lang]}</small>
              <form method="post" action="/console/sign-out" class="inline">
                <Csrf c={c} />
                <button type="submit" class="link">{T.signOut[lang]}</button>
              </form>
            </div>
          ) : null}
        </header>
        <main>
          <h1>{p.title}</h1>
          {p.body}
        </main>
        {(p.scripts ?? []).map((src) => <script src={src} defer></script>)}
      </body>
    </html>
  );
  return `<!doctype html>${doc.toString()}`;
}
