import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { startLocalSystem, waitFor, type LocalSystem } from './support/system.js';

interface OutboxEntry { to: string; message: string; route: string }

let system: LocalSystem;

beforeAll(async () => {
  system = await startLocalSystem();
});

afterAll(async () => {
  await system?.stop();
});

const smsForm = (id: string, from: string, text: string) =>
  new URLSearchParams({ from, to: '1708', text, date: '2026-11-23 06:04:45', id, linkId: '' }).toString();

/** `key: null` sends the callback without any key, as a stranger would. */
const postSms = (body: string, key: string | null = system.callbackKey) =>
  fetch(`${system.baseUrl}/sms${key === null ? '' : `?key=${encodeURIComponent(key)}`}`, {
    method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body,
  });

const outbox = async (): Promise<OutboxEntry[]> => (await fetch(`${system.baseUrl}/dev/outbox`)).json() as Promise<OutboxEntry[]>;

describe('the local system started like npm start', () => {
  it('turns an AT SMS callback into a reply with a reference and an alert to an official', async () => {
    const res = await postSms(smsForm('ATXe2e_1', '+60123450001', 'LAPOR gaji tidak dibayar'));
    expect(res.status).toBe(200);

    const reply = await waitFor(async () => (await outbox()).find((e) => e.to === '+60123450001'));
    const reference = /([2-9A-Z]{3}-[2-9A-Z]{3})/.exec(reply.message)?.[1];
    expect(reference).toBeDefined();
    const alert = await waitFor(async () => (await outbox()).find((e) => e.route === 'sns' && e.message.includes(reference!)));
    expect(alert.to).toBe('+6281100005200');
  });

  it('files one case, one reply and one alert when AT delivers the same callback five times, three at once', async () => {
    const body = smsForm('ATXe2e_2', '+60123450002', 'LAPOR paspor ditahan');
    const statuses = (await Promise.all([1, 2, 3].map(() => postSms(body)))).map((r) => r.status);
    statuses.push((await postSms(body)).status, (await postSms(body)).status);
    expect(statuses).toEqual([200, 200, 200, 200, 200]);

    const reply = await waitFor(async () => (await outbox()).find((e) => e.to === '+60123450002'));
    const reference = /([2-9A-Z]{3}-[2-9A-Z]{3})/.exec(reply.message)![1]!;
    await new Promise((r) => setTimeout(r, 1500));
    const all = await outbox();
    expect(all.filter((e) => e.to === '+60123450002')).toHaveLength(1);
    expect(all.filter((e) => e.route === 'sns' && e.message.includes(reference))).toHaveLength(1);
  });

  it('refuses a callback without the key or with a wrong one, storing and sending nothing', async () => {
    const before = (await outbox()).length;
    expect((await postSms(smsForm('ATXe2e_3', '+60123450003', 'LAPOR gaji'), null)).status).toBe(403);
    expect((await postSms(smsForm('ATXe2e_4', '+60123450003', 'LAPOR gaji'), 'wrong-key-wrong-key')).status).toBe(403);
    await new Promise((r) => setTimeout(r, 1000));
    expect((await outbox()).length).toBe(before);
  });

  it('answers a malformed callback with 400 naming the field', async () => {
    const res = await postSms(new URLSearchParams({ from: 'not-a-phone', to: '1708', text: 'LAPOR', date: '2026-11-23 06:04:45', id: 'x1' }).toString());
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ error: 'VALIDATION', fields: { from: expect.any(String) } });
  });

  it('never writes the callback key, phone numbers or report text to its logs', () => {
    const logs = system.output();
    expect(logs).not.toContain('gaji tidak dibayar');
    expect(logs).not.toContain('+60123450001');
    // The start banner prints the local callback URLs for the person at the terminal; log lines must not.
    const logLines = logs.split('\n').filter((l) => l.startsWith('{'));
    expect(logLines.join('\n')).not.toContain(system.callbackKey);
  });

  it('stops DynamoDB Local with it on Ctrl-C (no orphan java process)', async () => {
    const group = String(system.processGroup);
    const members = () => execFileSync('ps', ['-eo', 'pgid=,comm='], { encoding: 'utf8' })
      .split('\n').map((l) => l.trim().split(/\s+/)).filter(([pgid]) => pgid === group).map(([, comm]) => comm);
    expect(members()).toContain('java');

    await system.stop();
    await new Promise((r) => setTimeout(r, 500));

    expect(members()).toEqual([]);
  });
});
