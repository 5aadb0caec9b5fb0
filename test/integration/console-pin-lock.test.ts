import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Case } from '../../lib/domain/case.js';
import { gsmLength, SMS_LIMIT } from '../../lib/domain/gsm.js';
import { CONSOLE_LOCK_FIRST_MINUTES } from '../../lib/officials/check-pin.js';
import { parseOfficialCommand, parseUnlockCommand } from '../../lib/officials/commands.js';
import { MAX_FAILED_PINS } from '../../lib/officials/directory.js';
import type { OutboundMessage } from '../../lib/domain/message.js';
import { CODE_TRIES } from '../../lib/use-cases/console/sign-in.js';
import { fileReport } from '../../lib/use-cases/file-report.js';
import { handleOfficialSms } from '../../lib/use-cases/handle-official-sms.js';
import { unlockOfficial } from '../../lib/use-cases/unlock-official.js';
import { ConsoleClient, createConsoleTestSystem, latestSignInCode, type ConsoleTestSystem } from '../support/console.js';

/**
 * Issue 19, findings 1 and 2, and issue 24, gap 1: the console's sign-in page is a door anyone can
 * knock on with an official's work number. Wrong PINs there pause that official's PIN sign-in, and
 * the pause is announced as an SMS lock is (the official, the level above, BUKA, the trail), but it
 * never silences the official's SMS commands. Step two answers the same whatever step one was.
 */
let system: ConsoleTestSystem;
beforeAll(async () => { system = await createConsoleTestSystem(); });
afterAll(async () => { await system.drop(); });

const PROVINCE = { id: 'prov-ntb', phone: '+6281100005200', pin: '5200' };
let addresses = 0;
const client = () => new ConsoleClient(system, `203.0.113.${++addresses}`);
let seq = 0;
const atId = () => `ATConsoleLock${++seq}${Date.now()}`;

/** Every outbox message to a phone with a purpose (no notifier runs here, so all are still pending). */
async function messagesTo(phone: string, purpose: string): Promise<OutboundMessage[]> {
  const pending = await system.store.pendingMessagesOlderThan(new Date(system.clock.now().getTime() + 365 * 86400_000), 10_000);
  return pending.filter((m) => m.to === phone && m.purpose === purpose);
}
const codesTo = async (phone: string) => (await messagesTo(phone, 'console_sign_in_code')).length;

async function wrongSignIns(phone: string, times: number): Promise<void> {
  for (let i = 0; i < times; i++) {
    const res = await client().post('/console/sign-in', { phone, pin: '9999' });
    expect(res.status).toBe(303);
  }
}

async function report(homeRegency: '5203'): Promise<Case> {
  const filed = await fileReport(system.deps, {
    channel: 'web', intakeKey: `console-lock-${++seq}-${Date.now()}`, reporterType: 'worker', contact: '+60123456701',
    category: 'unpaid_wages', homeRegency, country: 'MY', description: 'gaji belum dibayar',
  });
  return filed.case;
}

async function sms(from: string, text: string) {
  const id = atId();
  const inbound = { id, from, text, receivedAt: system.clock.now().toISOString() };
  const unlock = parseUnlockCommand(text);
  return unlock ? unlockOfficial(system.deps, inbound, unlock) : handleOfficialSms(system.deps, inbound, parseOfficialCommand(text)!);
}

describe('wrong PINs on the console sign-in page', () => {
  const official = { id: 'kab-5203', phone: '+6281100005003', pin: '0303' };

  it('pause PIN sign-in after the fifth: then even the right PIN sends no code', async () => {
    await wrongSignIns(official.phone, MAX_FAILED_PINS - 1);
    expect(await system.store.getOfficial(official.id)).toMatchObject({ consoleFailedPins: MAX_FAILED_PINS - 1 });
    await wrongSignIns(official.phone, 1);

    const before = await codesTo(official.phone);
    expect((await client().post('/console/sign-in', { phone: official.phone, pin: official.pin })).status).toBe(303);
    expect(await codesTo(official.phone)).toBe(before);
    expect((await system.store.getOfficial(official.id))!.consoleLockedUntil).toBeDefined();
  });

  it('announce the pause as an SMS lock is announced: to the official and the level above with BUKA, on the official\'s trail', async () => {
    const toOfficial = await messagesTo(official.phone, 'official_locked');
    const toDesk = await messagesTo(PROVINCE.phone, 'official_locked');
    expect(toOfficial).toHaveLength(1);
    expect(toDesk).toHaveLength(1);
    expect(toDesk[0]!.text).toContain(`BUKA ${official.id} PIN`);
    expect(toOfficial[0]!.text).toContain(`${CONSOLE_LOCK_FIRST_MINUTES} menit`);
    expect(await messagesTo('+6281100005004', 'official_locked')).toHaveLength(0);
    for (const m of [...toOfficial, ...toDesk]) {
      expect(m.audience).toBe('official');
      expect(m.text).not.toMatch(/9999|0303|5200/);
      expect(gsmLength(m.text)).toBeLessThanOrEqual(SMS_LIMIT);
    }
    expect(await system.store.officialTimeline(official.id)).toContainEqual(expect.objectContaining({
      type: 'official_locked', actor: 'system',
      detail: { failedPins: MAX_FAILED_PINS, told: PROVINCE.id, door: 'console', minutes: CONSOLE_LOCK_FIRST_MINUTES },
    }));
  });

  it('never lock the official\'s SMS commands: TERIMA with the right PIN still takes the case', async () => {
    const c = await report('5203');
    expect(await system.store.getOfficial(official.id)).toMatchObject({ locked: false, failedPins: 0 });
    expect(await sms(official.phone, `TERIMA ${c.reference} ${official.pin}`)).toMatchObject({ kind: 'acknowledged' });
  });

  it('end by themselves after the pause', async () => {
    const other = { id: 'kab-5205', phone: '+6281100005005', pin: '0505' };
    await wrongSignIns(other.phone, MAX_FAILED_PINS);
    const before = await codesTo(other.phone);
    system.clock.advance(CONSOLE_LOCK_FIRST_MINUTES - 1);
    await client().post('/console/sign-in', { phone: other.phone, pin: other.pin });
    expect(await codesTo(other.phone)).toBe(before);
    system.clock.advance(2);
    await client().post('/console/sign-in', { phone: other.phone, pin: other.pin });
    expect(await codesTo(other.phone)).toBe(before + 1);
  });

  it('make the next pause in a row four times longer, so guessing a PIN on the page stays slow', async () => {
    // An hour on: the first pause is over and the phone's hourly sign-in limit starts again.
    system.clock.advance(61);
    await wrongSignIns(official.phone, MAX_FAILED_PINS);
    expect((await messagesTo(official.phone, 'official_locked')).at(-1)!.text).toContain(`${CONSOLE_LOCK_FIRST_MINUTES * 4} menit`);
    const before = await codesTo(official.phone);
    system.clock.advance(CONSOLE_LOCK_FIRST_MINUTES + 1);
    await client().post('/console/sign-in', { phone: official.phone, pin: official.pin });
    expect(await codesTo(official.phone)).toBe(before);
    system.clock.advance(CONSOLE_LOCK_FIRST_MINUTES * 3);
    await client().post('/console/sign-in', { phone: official.phone, pin: official.pin });
    expect(await codesTo(official.phone)).toBe(before + 1);
  });

  it('are lifted at once by BUKA from the level above', async () => {
    const other = { id: 'kab-5204', phone: '+6281100005004', pin: '0404' };
    await wrongSignIns(other.phone, MAX_FAILED_PINS);
    const before = await codesTo(other.phone);
    expect(await sms(PROVINCE.phone, `BUKA ${other.id} ${PROVINCE.pin}`)).toEqual({ kind: 'unlocked', officialId: other.id, by: PROVINCE.id });
    await client().post('/console/sign-in', { phone: other.phone, pin: other.pin });
    expect(await codesTo(other.phone)).toBe(before + 1);
  });
});

describe('step two of the sign-in', () => {
  it('answers a wrong code identically whether step one had the right PIN, a wrong one, an unknown number or a locked official', async () => {
    const smsLocked = (await system.store.getOfficial('kab-5206'))!;
    await system.stores.directory.putOfficial({ ...smsLocked, locked: true, failedPins: MAX_FAILED_PINS });
    await wrongSignIns('+6281100005007', MAX_FAILED_PINS);
    const stepOnes = [
      { phone: '+6281100005001', pin: '0101' }, // right PIN: a code is sent
      { phone: '+6281100005002', pin: '9999' }, // wrong PIN
      { phone: '+6281100009998', pin: '1234' }, // unknown number
      { phone: '+6281100005006', pin: '0606' }, // locked by SMS
      { phone: '+6281100005007', pin: '0707' }, // sign-in paused
    ];
    const transcripts: string[] = [];
    for (const stepOne of stepOnes) {
      const browser = client();
      await browser.post('/console/sign-in', stepOne);
      const sent = await latestSignInCode(system, stepOne.phone);
      const wrong = sent === '000000' ? '111111' : '000000';
      const answers = [];
      for (let i = 0; i <= CODE_TRIES; i++) {
        const res = await browser.post('/console/sign-in/code', { code: wrong });
        answers.push(`${res.status} ${(await res.text()).replace(/\s+/g, ' ')}`);
      }
      transcripts.push(answers.join('\n'));
    }
    expect(await latestSignInCode(system, '+6281100005001')).toMatch(/^\d{6}$/);
    expect(transcripts[0]).toContain(`percobaan: ${CODE_TRIES - 1}`);
    for (const [i, transcript] of transcripts.entries()) expect(transcript, JSON.stringify(stepOnes[i])).toBe(transcripts[0]);
  });
});
