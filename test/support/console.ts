import type { Hono } from 'hono';
import { createConsoleApp } from '../../lib/console/app.js';
import type { ConsoleEnv } from '../../lib/console/kit.js';
import { consoleDeps } from '../../lib/console/wiring.js';
import type { ConsoleDeps } from '../../lib/use-cases/console/deps.js';
import { localDynamoClient } from '../../lib/adapters/dynamo/local-client.js';
import { DynamoStores } from '../../lib/adapters/dynamo/stores.js';
import { createTestSystem, type TestSystem } from './local-deps.js';

export const ORIGIN = 'http://console.test';

export interface ConsoleTestSystem extends TestSystem {
  app: Hono<ConsoleEnv>;
  console: ConsoleDeps;
  /** Names of the DynamoDB commands the console's own adapters sent, in order. */
  commands: string[];
}

/** The console app on a fresh DynamoDB Local table with the demo directory, as functions/console.ts builds it. */
export async function createConsoleTestSystem(): Promise<ConsoleTestSystem> {
  const system = await createTestSystem();
  const db = localDynamoClient(system.endpoint);
  const commands: string[] = [];
  db.middlewareStack.add((next, context) => async (args) => {
    commands.push(String(context.commandName));
    return next(args);
  }, { step: 'initialize' });
  const deps = consoleDeps({ stores: new DynamoStores(db, system.tableName, system.cipher), clock: system.clock, policy: system.deps.policy });
  return { ...system, console: deps, commands, app: createConsoleApp(deps, { secureCookies: false, origin: ORIGIN, rpName: 'test' }) };
}

/** A browser-like client: keeps cookies, sends the console's Origin on writes, from one source address. */
export class ConsoleClient {
  private cookies = new Map<string, string>();
  constructor(private readonly system: ConsoleTestSystem, private readonly address = '192.0.2.10') {}

  async request(method: string, path: string, form?: Record<string, string> | { json: unknown }, headers: Record<string, string> = {}): Promise<Response> {
    const json = form && 'json' in form ? JSON.stringify(form.json) : undefined;
    const init: RequestInit = {
      method,
      headers: {
        host: 'console.test',
        ...(method !== 'GET' ? { origin: ORIGIN } : {}),
        ...(form ? { 'content-type': json !== undefined ? 'application/json' : 'application/x-www-form-urlencoded' } : {}),
        ...(this.cookies.size ? { cookie: [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ') } : {}),
        ...headers,
      },
      ...(form ? { body: json ?? new URLSearchParams(form as Record<string, string>).toString() } : {}),
    };
    const res = await this.system.app.request(`${ORIGIN}${path}`, init, { requestContext: { http: { sourceIp: this.address } } });
    for (const line of res.headers.getSetCookie()) {
      const [pair, ...attributes] = line.split(';');
      const [name, value] = pair!.split('=');
      if (attributes.some((a) => /max-age=0/i.test(a.trim())) || value === '') this.cookies.delete(name!.trim());
      else this.cookies.set(name!.trim(), value!.trim());
    }
    return res;
  }

  get = (path: string) => this.request('GET', path);
  post = (path: string, form: Record<string, string>, headers?: Record<string, string>) => this.request('POST', path, form, headers);
  /** A JSON POST as the console's script sends it (passkey ceremonies), with the CSRF header when given. */
  postJson = (path: string, body: unknown, csrf?: string) => this.request('POST', path, { json: body }, csrf ? { 'x-csrf-token': csrf } : {});
  cookie = (name: string) => this.cookies.get(name);
  setCookie = (name: string, value: string) => this.cookies.set(name, value);

  /** The CSRF token of the signed-in session, as the pages carry it. */
  async csrf(): Promise<string> {
    const html = await (await this.get('/console/passkeys')).text();
    return /name="csrf" value="([^"]+)"/.exec(html)?.[1] ?? '';
  }

  /** Phone + PIN, then the code from the outbox (read from the table: no stream runs here). */
  async signIn(phone: string, pin: string): Promise<Response> {
    await this.post('/console/sign-in', { phone, pin });
    const code = await latestSignInCode(this.system, phone);
    return this.post('/console/sign-in/code', { code: code ?? '000000' });
  }
}

export async function latestSignInCode(system: TestSystem, phone: string): Promise<string | undefined> {
  const pending = await system.store.pendingMessagesOlderThan(new Date(Date.now() + 365 * 86400_000), 500);
  const mine = pending.filter((m) => m.purpose === 'console_sign_in_code' && m.to === phone).sort((a, b) => a.createdAt.localeCompare(b.createdAt));
  return /(\d{6})/.exec(mine.at(-1)?.text ?? '')?.[1];
}
