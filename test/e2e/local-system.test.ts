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

  it('files every report exactly once and replies once per reporter when 200 callbacks arrive at once with repeated AT ids and USSD sessions', async () => {
    const run = Date.now().toString(36);
    const sms = Array.from({ length: 30 }, (_, i) => ({ id: `ATXload_${run}_${i}`, phone: `+6012345${String(1000 + i)}` }));
    const ussd = Array.from({ length: 20 }, (_, i) => ({ sessionId: `ATUid_${run}_${i}`, phone: `+62812345${String(71000 + i)}` }));
    const postUssd = (sessionId: string, phoneNumber: string) =>
      fetch(`${system.baseUrl}/ussd?key=${encodeURIComponent(system.callbackKey)}`, {
        method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' },
        // The final step alone: AT retries it as it is, and the screen depends on `text` only.
        body: new URLSearchParams({ sessionId, phoneNumber, serviceCode: '*123#', networkCode: '51010', text: '1*1*1*1*1*1*1*1' }).toString(),
      });
    const callbacks = [
      ...sms.flatMap((r) => Array.from({ length: 4 }, () => async () => ({ kind: 'sms', key: r.id, res: await postSms(smsForm(r.id, r.phone, 'LAPOR gaji tidak dibayar')) }))),
      ...ussd.flatMap((r) => Array.from({ length: 4 }, () => async () => ({ kind: 'ussd', key: r.sessionId, res: await postUssd(r.sessionId, r.phone) }))),
    ].sort(() => Math.random() - 0.5);
    expect(callbacks).toHaveLength(200);
    // A freshly started DynamoDB Local (a JVM that has compiled nothing yet) answers a burst several
    // times slower than a warm one; what this test holds is idempotency under concurrent duplicates,
    // so the emulator is warmed first with reports of other numbers, one at a time.
    for (let i = 0; i < 20; i++) await postSms(smsForm(`ATXwarm_${run}_${i}`, `+6012399${String(1000 + i)}`, 'LAPOR gaji tidak dibayar'));

    const answers = await Promise.all(callbacks.map(async (send) => {
      const { kind, key, res } = await send();
      return { kind, key, status: res.status, body: await res.text() };
    }));

    expect(answers.filter((a) => a.status !== 200)).toEqual([]);
    for (const r of ussd) {
      const screens = answers.filter((a) => a.key === r.sessionId).map((a) => a.body);
      expect(screens.every((b) => b.startsWith('END '))).toBe(true);
      expect(new Set(screens.map((b) => /([2-9A-Z]{3}-[2-9A-Z]{3})/.exec(b)?.[1])).size).toBe(1);
    }
    const reporters = [...sms, ...ussd].map((r) => r.phone);
    const replies = await waitFor(async () => {
      const got = (await outbox()).filter((e) => reporters.includes(e.to));
      return new Set(got.map((e) => e.to)).size === reporters.length ? got : undefined;
    }, 30_000);
    const references = replies.map((e) => /([2-9A-Z]{3}-[2-9A-Z]{3})/.exec(e.message)?.[1]);
    expect(new Set(references).size).toBe(50);
    for (const r of ussd) {
      const screen = answers.find((a) => a.key === r.sessionId)!.body;
      expect(replies.find((e) => e.to === r.phone)!.message).toContain(/([2-9A-Z]{3}-[2-9A-Z]{3})/.exec(screen)![1]);
    }
    await waitFor(async () => {
      const alerted = new Set((await outbox()).filter((e) => e.route === 'sns').flatMap((e) => references.filter((ref) => e.message.includes(ref!))));
      return alerted.size === 50 ? true : undefined;
    }, 30_000);
    // Late duplicates would show up after the first wave: give them time before counting.
    await new Promise((r) => setTimeout(r, 2000));
    const all = await outbox();
    expect(all.filter((e) => reporters.includes(e.to))).toHaveLength(50);
    for (const ref of references) {
      const alerts = all.filter((e) => e.route === 'sns' && e.message.includes(ref!));
      expect(alerts.length).toBe(new Set(alerts.map((e) => e.to)).size);
    }
  }, 90_000);

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
