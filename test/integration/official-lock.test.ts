import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestSystem, type TestSystem } from '../support/local-deps.js';
import { fileReport } from '../../lib/use-cases/file-report.js';
import { handleOfficialSms } from '../../lib/use-cases/handle-official-sms.js';
import { parseOfficialCommand, parseUnlockCommand } from '../../lib/officials/commands.js';
import { unlockOfficial } from '../../lib/use-cases/unlock-official.js';
import { officialTexts } from '../../lib/messages/official.js';
import { gsmLength, SMS_LIMIT } from '../../lib/domain/gsm.js';
import type { Case } from '../../lib/domain/case.js';
import type { OutboundMessage } from '../../lib/domain/message.js';

/**
 * Issue 12, finding 5: anyone who can send (or spoof) an official's number can lock that official
 * with five wrong PINs. Guessing stays bounded, but a lock must be visible (the official and the desk
 * above are told) and undone in minutes by the level above from its own phone with its own PIN.
 */
let system: TestSystem;
beforeAll(async () => { system = await createTestSystem(); });
afterAll(async () => { await system.drop(); });

const BIMA = { id: 'kab-5206', phone: '+6281100005006', pin: '0606' };
const MATARAM = { id: 'kab-5271', phone: '+6281100005009', pin: '7171' };
const PROVINCE = { id: 'prov-ntb', phone: '+6281100005200', pin: '5200' };
const BP3MI = { id: 'bp3mi-ntb', phone: '+6281100005300', pin: '5300' };

let seq = 0;
const atId = () => `ATLock${++seq}${Date.now()}`;
const at = () => new Date().toISOString();

async function report(homeRegency: '5206' | '5271'): Promise<Case> {
  const filed = await fileReport(system.deps, {
    channel: 'web', intakeKey: `lock-${++seq}-${Date.now()}`, reporterType: 'worker', contact: '+60123456700',
    category: 'unpaid_wages', homeRegency, country: 'MY', description: 'gaji belum dibayar tiga bulan',
  });
  return filed.case;
}

async function command(from: string, text: string, id = atId()) {
  const parsed = parseOfficialCommand(text);
  if (!parsed) throw new Error(`not an official command: ${text}`);
  return { id, outcome: await handleOfficialSms(system.deps, { id, from, text, receivedAt: at() }, parsed) };
}

async function unlock(from: string, text: string, id = atId()) {
  const parsed = parseUnlockCommand(text);
  if (!parsed) throw new Error(`not an unlock command: ${text}`);
  return { id, outcome: await unlockOfficial(system.deps, { id, from, text, receivedAt: at() }, parsed) };
}

/** Every outbox message to a phone with a purpose (no notifier runs here, so all are still pending). */
async function messagesTo(phone: string, purpose: string): Promise<OutboundMessage[]> {
  return (await system.store.pendingMessagesOlderThan(new Date(Date.now() + 24 * 3600_000), 10_000)).filter((m) => m.to === phone && m.purpose === purpose);
}

async function lock(official: { phone: string }, c: Case) {
  for (let i = 0; i < 5; i++) await command(official.phone, `TERIMA ${c.reference} 1111`);
  expect(await system.store.getOfficialByPhone(official.phone)).toMatchObject({ locked: true });
}

describe('a locked official', () => {
  it('is told, and so is the desk above, once per lock, in neutral words without any PIN', async () => {
    const c = await report('5206');
    await lock(BIMA, c);
    await command(BIMA.phone, `TERIMA ${c.reference} 2222`);

    const toOfficial = await messagesTo(BIMA.phone, 'official_locked');
    const toDesk = await messagesTo(PROVINCE.phone, 'official_locked');
    expect(toOfficial).toHaveLength(1);
    expect(toDesk).toHaveLength(1);
    expect(toDesk[0]!.text).toContain(BIMA.id);
    expect(toDesk[0]!.text).toMatch(/BUKA kab-5206 PIN/);
    expect(await messagesTo(MATARAM.phone, 'official_locked')).toHaveLength(0);
    for (const m of [...toOfficial, ...toDesk]) {
      expect(m.audience).toBe('official');
      expect(m.text).not.toMatch(/1111|2222|0606|5200/);
      expect(m.text).not.toContain(c.reference);
      expect(gsmLength(m.text)).toBeLessThanOrEqual(SMS_LIMIT);
    }
    expect((await system.store.officialTimeline(BIMA.id)).map((e) => e.type)).toContain('official_locked');
  });

  it('gets access back when the desk above sends BUKA <id> <its own PIN>; the unlock is recorded and both phones are told', async () => {
    const c = await report('5206');
    if (!(await system.store.getOfficialByPhone(BIMA.phone))?.locked) await lock(BIMA, c);

    const { id, outcome } = await unlock(PROVINCE.phone, `BUKA ${BIMA.id} ${PROVINCE.pin}`);

    expect(outcome).toEqual({ kind: 'unlocked', officialId: BIMA.id, by: PROVINCE.id });
    expect(await system.store.getOfficialByPhone(BIMA.phone)).toMatchObject({ locked: false, failedPins: 0 });
    expect(await system.store.getMessage(`official-reply.${id}`)).toMatchObject({ to: PROVINCE.phone, text: officialTexts.unlockedReply(BIMA.id) });
    expect(await messagesTo(BIMA.phone, 'official_unlocked')).toHaveLength(1);
    expect(await system.store.officialTimeline(BIMA.id)).toContainEqual(expect.objectContaining({
      type: 'official_unlocked', actor: `official:${PROVINCE.id}`,
    }));
    expect((await command(BIMA.phone, `TERIMA ${c.reference} ${BIMA.pin}`)).outcome).toMatchObject({ kind: 'acknowledged' });
  });

  it('can be unlocked by phone number too, and by BP3MI above the province desk', async () => {
    const c = await report('5271');
    await lock(MATARAM, c);
    expect((await unlock(BP3MI.phone, `BUKA 0811-0000-5009 ${BP3MI.pin}`)).outcome).toMatchObject({ kind: 'unlocked', officialId: MATARAM.id });
    expect(await system.store.getOfficialByPhone(MATARAM.phone)).toMatchObject({ locked: false });
  });

  it('stays locked when BUKA comes from the same level, with a wrong PIN, from a stranger, or a redelivery replays it', async () => {
    const c = await report('5206');
    await lock(BIMA, c);

    const peer = await unlock(MATARAM.phone, `BUKA ${BIMA.id} ${MATARAM.pin}`);
    expect(peer.outcome).toEqual({ kind: 'refused', reason: 'not_above' });
    // An official past the PIN check is told who can unlock; a wrong PIN gets the one neutral text, with BUKA's format.
    expect((await system.store.getMessage(`official-reply.${peer.id}`))?.text).toBe(`Akses ${BIMA.id} hanya dapat dibuka desk provinsi atau BP3MI. Perintah tidak dijalankan.`);
    const wrongPin = await unlock(PROVINCE.phone, `BUKA ${BIMA.id} 9999`);
    expect(wrongPin.outcome).toEqual({ kind: 'refused', reason: 'wrong_pin' });
    expect((await system.store.getMessage(`official-reply.${wrongPin.id}`))?.text).toBe('Perintah tidak dapat diproses. Periksa id petugas dan PIN. Format: BUKA <id-petugas> <PIN>');
    expect((await unlock('+60123450077', `BUKA ${BIMA.id} 5200`)).outcome).toEqual({ kind: 'not_official' });
    expect(await system.store.getOfficialByPhone(BIMA.phone)).toMatchObject({ locked: true });
    // The wrong PIN counted against the province desk's own lock, as any command's would.
    expect((await system.store.getOfficialByPhone(PROVINCE.phone))?.failedPins).toBe(1);

    const id = atId();
    expect((await unlock(PROVINCE.phone, `BUKA ${BIMA.id} ${PROVINCE.pin}`, id)).outcome).toMatchObject({ kind: 'unlocked' });
    await lock(BIMA, c);
    expect((await unlock(PROVINCE.phone, `BUKA ${BIMA.id} ${PROVINCE.pin}`, id)).outcome).toEqual({ kind: 'duplicate' });
    expect(await system.store.getOfficialByPhone(BIMA.phone)).toMatchObject({ locked: true });
  });

  it('reads BUKA only as "BUKA <phone or official id> <PIN>": a reporter writing "buka rekening di bank" is not a command', () => {
    expect(parseUnlockCommand('buka rekening di bank')).toBeUndefined();
    expect(parseUnlockCommand('BUKA kab-5206')).toBeUndefined();
    expect(parseUnlockCommand('buka kab-5206 5200')).toEqual({ target: 'kab-5206', pin: '5200' });
    expect(parseUnlockCommand('UNLOCK +6281100005006 5200')).toEqual({ target: '+6281100005006', pin: '5200' });
  });
});
