import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { startLocalServer } from '../../lib/local/server.js';

/**
 * DNS rebinding: a page on evil.example whose name resolves to 127.0.0.1 reaches the local server
 * with `Host: evil.example`; a page on any site can POST to 127.0.0.1 from the developer's browser.
 * The /dev/* routes (demo PINs, the clock, the outbox) must answer neither.
 */
let server: Server;
let port: number;
let clockMoves = 0;

beforeAll(async () => {
  server = await startLocalServer(0, {
    lambda: {},
    dev: {
      'GET /dev/officials': async () => ({ status: 200, body: JSON.stringify([{ id: 'kab-5203', pin: '0303' }]) }),
      'POST /dev/clock': async () => { clockMoves++; return { status: 200, body: '{}' }; },
    },
  });
  port = (server.address() as AddressInfo).port;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

function call(method: string, path: string, headers: Record<string, string>): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, method, path, headers }, (res) => {
      let body = '';
      res.on('data', (d: Buffer) => { body += d.toString(); });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    req.end(method === 'POST' ? '{"advanceMinutes":60}' : undefined);
  });
}

describe('local dev routes', () => {
  it('answer requests addressed to a loopback name with any port', async () => {
    for (const host of [`127.0.0.1:${port}`, `localhost:${port}`, 'localhost', `[::1]:${port}`, `LOCALHOST:${port}`]) {
      expect((await call('GET', '/dev/officials', { host })).status, host).toBe(200);
    }
  });

  it('refuse a request whose Host is another name, as after DNS rebinding, without the demo PINs', async () => {
    for (const host of [`evil.example:${port}`, 'evil.example', `127.0.0.1.evil.example:${port}`, `localhost.evil.example`, `10.0.0.5:${port}`]) {
      const res = await call('GET', '/dev/officials', { host });
      expect(res.status, host).toBe(403);
      expect(res.body).not.toContain('0303');
    }
  });

  it('refuse a cross-site write from a page of another origin, and leave the clock alone', async () => {
    const host = `127.0.0.1:${port}`;
    const before = clockMoves;
    expect((await call('POST', '/dev/clock', { host, origin: 'https://evil.example', 'content-type': 'text/plain' })).status).toBe(403);
    expect((await call('POST', '/dev/clock', { host, 'sec-fetch-site': 'cross-site', 'content-type': 'text/plain' })).status).toBe(403);
    expect((await call('POST', '/dev/clock', { host, origin: 'null' })).status).toBe(403);
    expect(clockMoves).toBe(before);
  });

  it('accept writes from the simulator page itself and from curl', async () => {
    const host = `127.0.0.1:${port}`;
    const before = clockMoves;
    expect((await call('POST', '/dev/clock', { host, origin: `http://127.0.0.1:${port}`, 'sec-fetch-site': 'same-origin' })).status).toBe(200);
    expect((await call('POST', '/dev/clock', { host })).status).toBe(200);
    expect(clockMoves).toBe(before + 2);
  });
});
