// One chunk for what the pages share with the router: see init-chunk.ts.
import './init-chunk.js';
import { getCookie } from 'hono/cookie';
import type { AuthenticationResponseJSON, RegistrationResponseJSON } from '@simplewebauthn/server';
import type { Language } from '../domain/categories.js';
import type { Official } from '../domain/official.js';
import type { Passkey } from '../officials/passkeys-port.js';
import { formatLocalTime } from '../messages/reporter.js';
import { logger } from '../logger.js';
import type { ConsoleDeps } from '../use-cases/console/deps.js';
import { addPasskey, listPasskeys, passkeyRegistrationOptions, passkeySignInOptions, type RelyingParty, removePasskey, signInWithPasskey } from '../use-cases/console/passkeys.js';
import { CODE_LIFETIME_MS, SESSION_ABSOLUTE_MS } from '../use-cases/console/sign-in.js';
import {
  afterSignIn, clearConsoleCookie, type ConsoleContext, type ConsoleOptions, cookieNames, expectedOrigin, html, notFound, setConsoleCookie, sourceAddress, t,
} from './kit.js';
import { T } from './texts.js';

export const PasskeysView = ({ l, owner, self, passkeys, csrf, added, removed, officials }: {
  l: Language; owner: Official; self: boolean; passkeys: Passkey[]; csrf: string; added: boolean; removed: boolean;
  /** BP3MI: every official, to pick whose passkeys to manage. */
  officials?: Official[];
}) => (
  <>
    {added ? <p class="ok" id="notice">{T.passkeyAdded[l]}</p> : null}
    {removed ? <p class="ok" id="notice">{T.passkeyRemoved[l]}</p> : null}
    {officials ? (
      <form method="get" action="/console/passkeys">
        <label for="f-owner">{T.passkeyOwner[l]}</label>
        <select id="f-owner" name="official">
          {officials.map((o) => <option value={o.id} selected={o.id === owner.id}>{`${o.name} (${o.id})`}</option>)}
        </select>
        <button type="submit">{T.show[l]}</button>
      </form>
    ) : null}
    {self ? <p>{T.passkeyIntro[l]}</p> : <h2>{`${T.passkeysOf[l]} ${owner.name}`}</h2>}
    <p>{T.passkeyResetNote[l]}</p>
    {passkeys.length ? (
      <ul id="passkeys">
        {passkeys.map((p) => (
          <li>
            {p.label} <small>{`${T.passkeyAddedOn[l]} ${formatLocalTime(p.createdAt)}`}</small>
            <form method="post" action="/console/passkeys/remove" class="inline">
              <input type="hidden" name="csrf" value={csrf} />
              <input type="hidden" name="official" value={owner.id} />
              <input type="hidden" name="credential" value={p.credentialId} />
              <button type="submit">{T.removePasskey[l]}</button>
            </form>
          </li>
        ))}
      </ul>
    ) : <p id="passkeys">{T.noPasskeys[l]}</p>}
    {self ? (
      <>
        <noscript><p>{T.passkeyNeedsJs[l]}</p></noscript>
        <button type="button" id="passkey-add" hidden data-csrf={csrf}>{T.addPasskey[l]}</button>
        <p id="passkey-status" class="err" hidden></p>
      </>
    ) : null}
  </>
);

/** Signing in with a passkey, and the passkeys page (add, list, remove; BP3MI for any official). */
export function passkeyPages(deps: ConsoleDeps, options: ConsoleOptions) {
  const names = cookieNames(options);
  const rp = (c: ConsoleContext): RelyingParty => {
    const origin = expectedOrigin(c);
    return { name: options.rpName, id: new URL(origin).hostname, origin };
  };

  const signInOptions = async (c: ConsoleContext) => {
    const started = await passkeySignInOptions(deps, rp(c), sourceAddress(c));
    if (started.kind === 'rate_limited') return c.json({ error: 'rate_limited' }, 429);
    setConsoleCookie(c, names.signIn, started.challengeId, CODE_LIFETIME_MS / 1000);
    return c.json(started.options);
  };

  const signIn = async (c: ConsoleContext) => {
    const challengeId = getCookie(c, names.signIn) ?? '';
    const body = await c.req.json<AuthenticationResponseJSON>().catch(() => undefined);
    clearConsoleCookie(c, names.signIn);
    const outcome = challengeId && body ? await signInWithPasskey(deps, rp(c), challengeId, body) : { kind: 'refused' as const };
    if (outcome.kind !== 'signed_in') return c.json({ error: 'refused' }, 400);
    setConsoleCookie(c, names.session, outcome.sessionId, SESSION_ABSOLUTE_MS / 1000);
    logger.info('console sign-in', { official: outcome.official.id, method: 'passkey' });
    return c.json({ location: afterSignIn(c) });
  };

  const list = async (c: ConsoleContext) => {
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
  };

  const addOptions = async (c: ConsoleContext) => {
    const outcome = await passkeyRegistrationOptions(deps, rp(c), c.get('official'), c.get('session'));
    return outcome.kind === 'too_many' ? c.json({ error: 'too_many_passkeys' }, 409) : c.json(outcome.options);
  };

  const add = async (c: ConsoleContext) => {
    const body = await c.req.json<RegistrationResponseJSON>().catch(() => undefined);
    const added = body ? await addPasskey(deps, rp(c), c.get('official'), c.get('session'), body) : false;
    if (added) logger.info('console passkey added', { official: c.get('official').id });
    return added ? c.json({ added: true }) : c.json({ error: 'refused' }, 400);
  };

  const remove = async (c: ConsoleContext) => {
    const form = await c.req.parseBody();
    const ownerId = typeof form.official === 'string' ? form.official : '';
    const credential = typeof form.credential === 'string' ? form.credential : '';
    const outcome = await removePasskey(deps, c.get('official'), ownerId, credential);
    if (outcome.kind === 'not_found') return notFound(c);
    logger.info('console passkey removed', { official: c.get('official').id, owner: outcome.owner.id });
    const mine = outcome.owner.id === c.get('official').id;
    return c.redirect(`/console/passkeys?${mine ? '' : `official=${encodeURIComponent(outcome.owner.id)}&`}removed=1`, 303);
  };

  return { signInOptions, signIn, list, addOptions, add, remove };
}
