// One chunk for what the pages share with the router: see init-chunk.ts.
import './init-chunk.js';
import { getCookie } from 'hono/cookie';
import type { Language } from '../domain/categories.js';
import { isValidPin } from '../officials/pin.js';
import { logger } from '../logger.js';
import type { ConsoleDeps } from '../use-cases/console/deps.js';
import { CODE_LIFETIME_MS, endSession, SESSION_ABSOLUTE_MS, startSignIn, verifySignInCode } from '../use-cases/console/sign-in.js';
import {
  afterSignIn, clearConsoleCookie, type ConsoleContext, type ConsoleOptions, cookieNames, html, returnPath, setConsoleCookie, sourceAddress, t,
} from './kit.js';
import { T } from './texts.js';

/**
 * The phone-number parser (libphonenumber-js and its metadata for every country, a fifth of the
 * console's code) is loaded by the sign-in form's POST only: showing the form does not need it.
 */
const phoneParser = () => import('../domain/phone.js');

export const SignInForm = ({ l, phone, error, notice }: { l: Language; phone?: string; error?: string; notice?: string }) => (
  <>
    {notice ? <p class="notice">{notice}</p> : null}
    {error ? <p class="err" id="error" role="alert">{error}</p> : null}
    <p>{T.signInIntro[l]}</p>
    <form method="post" action="/console/sign-in">
      <label for="f-phone">{T.phone[l]}</label>
      <input type="tel" id="f-phone" name="phone" autocomplete="username" required value={phone ?? ''} />
      <label for="f-pin">{T.pin[l]}</label>
      <input type="password" id="f-pin" name="pin" inputmode="numeric" autocomplete="current-password" required />
      <button type="submit">{T.sendCode[l]}</button>
    </form>
    <p>
      <button type="button" id="passkey-signin" hidden data-failed={T.passkeyFailed[l]}>{T.passkeySignIn[l]}</button>
    </p>
    <p id="passkey-status" class="err" hidden></p>
  </>
);

export const CodeForm = ({ l, error }: { l: Language; error?: string }) => (
  <>
    {error ? <p class="err" id="error" role="alert">{error}</p> : null}
    <p>{T.codeIntro[l]}</p>
    <form method="post" action="/console/sign-in/code">
      <label for="f-code">{T.code[l]}</label>
      <input type="text" id="f-code" name="code" inputmode="numeric" autocomplete="one-time-code" pattern="[0-9]{6}" maxlength={6} required />
      <button type="submit">{T.verify[l]}</button>
    </form>
    <p><a href="/console/sign-in">{T.startAgain[l].split('.')[1]?.trim() || T.signIn[l]}</a></p>
  </>
);

/** Sign-in by phone, PIN and SMS code, and sign-out (the passkey sign-in is in passkey-pages.tsx). */
export function signInPages(deps: ConsoleDeps, options: ConsoleOptions) {
  const names = cookieNames(options);

  const form = (c: ConsoleContext) => {
    const next = returnPath(c.req.query('next'));
    if (next) setConsoleCookie(c, names.next, next, SESSION_ABSOLUTE_MS / 1000);
    const notice = c.req.query('ended') ? t(c, T.sessionOver) : c.req.query('out') ? t(c, T.signedOut) : undefined;
    return html(c, t(c, T.signIn), <SignInForm l={c.get('lang')} {...(notice ? { notice } : {})} />, 200, ['/console/static/console.js']);
  };

  const start = async (c: ConsoleContext) => {
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
  };

  const codeForm = (c: ConsoleContext) => html(c, t(c, T.signIn), <CodeForm l={c.get('lang')} />);

  const code = async (c: ConsoleContext) => {
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
  };

  const signOut = async (c: ConsoleContext) => {
    await endSession(deps, c.get('sessionId'));
    clearConsoleCookie(c, names.session);
    return c.redirect('/console/sign-in?out=1', 303);
  };

  return { form, start, codeForm, code, signOut };
}
