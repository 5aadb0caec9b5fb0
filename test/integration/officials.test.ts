import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestSystem, type TestSystem } from '../support/local-deps.js';
import { fileReport, type ReportInput } from '../../lib/use-cases/file-report.js';
import { onCaseChanged } from '../../lib/use-cases/case-changed.js';
import { handleOfficialSms } from '../../lib/use-cases/handle-official-sms.js';
import { parseOfficialCommand } from '../../lib/officials/commands.js';
import { officialToRelayTo } from '../../lib/cases/questions.js';
import { runOfficialsCommand } from '../../lib/officials/cli.js';
import { LOCAL_PIN_PARAMS } from '../../lib/officials/pin.js';
import { officialTexts } from '../../lib/messages/official.js';
import type { Case } from '../../lib/domain/case.js';

let system: TestSystem;
beforeAll(async () => { system = await createTestSystem(); });
afterAll(async () => { await system.drop(); });

// Demo directory (lib/local/demo-directory.ts): one office per regency, the province desk, BP3MI.
const LOTIM = { id: 'kab-5203', phone: '+6281100005003', pin: '0303' };
const LOBAR = { id: 'kab-5201', phone: '+6281100005001', pin: '0101' };
const PROVINCE = { id: 'prov-ntb', phone: '+6281100005200', pin: '5200' };
const STRANGER = '+60123450000';
const REPORTER = '+60123456789';

let seq = 0;
const atId = () => `ATOff${++seq}${Date.now()}`;
let intake = 0;

async function report(over: Partial<ReportInput> = {}): Promise<Case> {
  const filed = await fileReport(system.deps, {
    channel: 'web', intakeKey: `off-${++intake}-${Date.now()}`, reporterType: 'worker', contact: REPORTER,
    category: 'job_fraud', homeRegency: '5203', country: 'MY', description: 'agen menipu biaya', nik: '5203014506900001', ...over,
  });
  // What the notifier does when the stream delivers the new case.
  await onCaseChanged(system.deps, undefined, filed.case);
  return filed.case;
}

async function send(from: string, text: string, id = atId()) {
  const command = parseOfficialCommand(text);
  if (!command) throw new Error(`not an official command: ${text}`);
  return { id, outcome: await handleOfficialSms(system.deps, { id, from, text, receivedAt: new Date().toISOString() }, command) };
}

const fresh = async (c: Case) => (await system.store.getCase(c.id))!;
const events = async (c: Case, type: string) => (await system.store.timeline(c.id)).filter((e) => e.type === type);

describe('a regency official working a case by SMS', () => {
  it('is alerted, acknowledges with TERIMA and gets a reply; the resolve deadline starts', async () => {
    const c = await report();
    expect(await system.store.getMessage(`alert.${c.id}.kab-5203.L1`)).toMatchObject({ to: LOTIM.phone, status: 'pending' });

    const { id, outcome } = await send(LOTIM.phone, `TERIMA ${c.reference} ${LOTIM.pin}`);

    expect(outcome).toMatchObject({ kind: 'acknowledged', reference: c.reference, officialId: LOTIM.id });
    const now = system.clock.now().getTime();
    const after = await fresh(c);
    expect(after).toMatchObject({ status: 'acknowledged', assignee: LOTIM.id, level: 1, version: 2 });
    expect(Math.abs(Date.parse(after.levelSince!) - now)).toBeLessThan(60_000);
    // Half of the 30-day resolve time for a normal case.
    expect(Date.parse(after.nextCheckAt!) - Date.parse(after.levelSince!)).toBe(15 * 24 * 3600_000);
    expect(await system.store.getMessage(`official-reply.${id}`)).toMatchObject({
      audience: 'official', to: LOTIM.phone, text: officialTexts.acknowledged(c.reference), caseId: c.id,
    });
    expect(await events(c, 'acknowledged')).toEqual([expect.objectContaining({ actor: `official:${LOTIM.id}`, detail: expect.objectContaining({ command: 'TERIMA' }) })]);
  });

  it('marks it resolved with SELESAI, keeping only that a note was given', async () => {
    const c = await report();
    await send(LOTIM.phone, `ACK ${c.reference} ${LOTIM.pin}`);
    const { outcome } = await send(LOTIM.phone, `SELESAI ${c.reference} ${LOTIM.pin} gaji dibayar agen PT Maju di Kuala Lumpur`);

    expect(outcome).toMatchObject({ kind: 'resolved' });
    const after = await fresh(c);
    expect(after.status).toBe('resolved');
    expect(after.nextCheckAt).toBeUndefined();
    expect((await system.store.casesDueBy(new Date(Date.now() + 400 * 24 * 3600_000), 1000)).map((x) => x.id)).not.toContain(c.id);
    const [resolved] = await events(c, 'resolved');
    expect(resolved).toMatchObject({ actor: `official:${LOTIM.id}`, detail: { note: true } });
    expect(JSON.stringify(await system.store.timeline(c.id))).not.toMatch(/Maju|Kuala/);
  });

  it('refuses a second SELESAI on a resolved case without changing it', async () => {
    const c = await report();
    await send(LOTIM.phone, `SELESAI ${c.reference} ${LOTIM.pin} agen sudah mengembalikan biaya`);
    const before = await fresh(c);
    expect(before.status).toBe('resolved');
    const { id, outcome } = await send(LOTIM.phone, `DONE ${c.reference} ${LOTIM.pin} sudah`);
    expect(outcome).toMatchObject({ kind: 'not_applied', reason: 'not_open' });
    expect(await fresh(c)).toEqual(before);
    expect((await system.store.getMessage(`official-reply.${id}`))?.text).toBe(officialTexts.notOpen(c.reference, 'resolved'));
  });

  it('sees category, place and the masked NIK with INFO, and the reporter number only once holding the case', async () => {
    const c = await report();
    const before = await send(LOTIM.phone, `INFO ${c.reference} ${LOTIM.pin}`);
    const beforeText = (await system.store.getMessage(`official-reply.${before.id}`))!.text;
    expect(beforeText).toContain('5203********0001');
    expect(beforeText).toContain('Malaysia');
    expect(beforeText).not.toContain(REPORTER);
    expect(beforeText).not.toContain('agen menipu');

    await send(LOTIM.phone, `TERIMA ${c.reference} ${LOTIM.pin}`);
    const holder = await send(LOTIM.phone, `INFO ${c.reference} ${LOTIM.pin}`);
    expect((await system.store.getMessage(`official-reply.${holder.id}`))!.text).toContain(REPORTER);
    const other = await send(PROVINCE.phone, `INFO ${c.reference} ${PROVINCE.pin}`);
    expect((await system.store.getMessage(`official-reply.${other.id}`))!.text).not.toContain(REPORTER);

    expect((await events(c, 'info_viewed')).map((e) => [e.actor, e.detail?.contactShown])).toEqual([
      [`official:${LOTIM.id}`, false], [`official:${LOTIM.id}`, true], [`official:${PROVINCE.id}`, false],
    ]);
  });

  it('asks the reporter a question with TANYA, and the answer is routed back to the asker', async () => {
    const c = await report();
    const { id, outcome } = await send(LOTIM.phone, `TANYA ${c.reference} ${LOTIM.pin} Apa nama agen yang memberangkatkan Anda?`);

    expect(outcome).toMatchObject({ kind: 'question_relayed' });
    const question = await system.store.getMessage(`ask.${id}`);
    expect(question).toMatchObject({ audience: 'reporter', to: REPORTER, caseId: c.id, purpose: 'question' });
    expect(question!.text).toContain(c.reference);
    expect(question!.text).toContain('Apa nama agen yang memberangkatkan Anda?');
    expect(await system.store.getMessage(`official-reply.${id}`)).toMatchObject({ to: LOTIM.phone, text: officialTexts.asked(c.reference) });
    // Still waiting for TERIMA, but the reporter's answer has somewhere to go.
    expect(await fresh(c)).toMatchObject({ status: 'new', assignee: LOTIM.id });
    expect((await officialToRelayTo(system.store, await fresh(c)))?.id).toBe(LOTIM.id);
    expect(JSON.stringify(await system.store.timeline(c.id))).not.toContain('nama agen');
  });

  it('does not relay a question to a reporter who asked for no SMS', async () => {
    const c = await report({ smsUpdates: false });
    const { id, outcome } = await send(LOTIM.phone, `TANYA ${c.reference} ${LOTIM.pin} Anda di mana?`);
    expect(outcome).toMatchObject({ kind: 'not_applied', reason: 'reporter_no_sms' });
    expect(await system.store.getMessage(`ask.${id}`)).toBeUndefined();
  });
});

describe('commands that must change nothing', () => {
  it('a wrong PIN is refused neutrally and recorded on the timeline', async () => {
    const c = await report();
    const before = await fresh(c);
    const { id, outcome } = await send(LOTIM.phone, `TERIMA ${c.reference} 9999`);

    expect(outcome).toEqual({ kind: 'refused', reason: 'wrong_pin' });
    expect(await fresh(c)).toEqual(before);
    expect(await events(c, 'official_command_refused')).toEqual([
      expect.objectContaining({ actor: `official:${LOTIM.id}`, detail: expect.objectContaining({ command: 'TERIMA', reason: 'wrong_pin' }) }),
    ]);
    expect((await system.store.getMessage(`official-reply.${id}`))?.text).toBe(officialTexts.refused());
    // The one wrong guess is counted; the next right PIN clears the count.
    expect((await system.store.getOfficialByPhone(LOTIM.phone))?.failedPins).toBe(1);
    await send(LOTIM.phone, `INFO ${c.reference} ${LOTIM.pin}`);
    expect((await system.store.getOfficialByPhone(LOTIM.phone))?.failedPins).toBe(0);
  });

  it("leaves a number that is not a registered official to the reporter's side: nothing written, no officials' text sent", async () => {
    const c = await report();
    const before = await fresh(c);
    for (const [from, text] of [[STRANGER, `TERIMA ${c.reference} ${LOTIM.pin}`], [REPORTER, `TANYA ${c.reference} kapan gaji dibayar`], ['+60123450042', `SELESAI ${c.reference} 1234`]] as const) {
      const { id, outcome } = await send(from, text);
      expect(outcome, text).toEqual({ kind: 'not_official' });
      expect(await system.store.getMessage(`official-reply.${id}`)).toBeUndefined();
    }
    expect(await fresh(c)).toEqual(before);
    expect(await events(c, 'official_command_refused')).toEqual([]);
  });

  it('an official of another regency is refused even with the right PIN', async () => {
    const c = await report();
    const before = await fresh(c);
    const { outcome } = await send(LOBAR.phone, `TERIMA ${c.reference} ${LOBAR.pin}`);

    expect(outcome).toEqual({ kind: 'refused', reason: 'not_covered' });
    expect(await fresh(c)).toEqual(before);
    expect(await events(c, 'official_command_refused')).toEqual([
      expect.objectContaining({ actor: `official:${LOBAR.id}`, detail: expect.objectContaining({ reason: 'not_covered' }) }),
    ]);
  });

  it('an unknown reference is refused with the same neutral reply', async () => {
    const { id, outcome } = await send(LOTIM.phone, `TERIMA ZZZ-ZZZ ${LOTIM.pin}`);
    expect(outcome).toEqual({ kind: 'refused', reason: 'unknown_reference' });
    expect((await system.store.getMessage(`official-reply.${id}`))?.text).toBe(officialTexts.refused());
  });

  it('a command without a PIN is refused without counting as a wrong guess', async () => {
    const c = await report();
    const { outcome } = await send(LOTIM.phone, `TERIMA ${c.reference}`);
    expect(outcome).toEqual({ kind: 'refused', reason: 'no_pin' });
    expect((await fresh(c)).status).toBe('new');
    expect((await system.store.getOfficialByPhone(LOTIM.phone))?.failedPins).toBe(0);
  });

  it('SELESAI without an outcome note is refused with the format before the PIN is checked or the case changes', async () => {
    const c = await report();
    await send(LOTIM.phone, `TERIMA ${c.reference} ${LOTIM.pin}`);
    const before = await fresh(c);
    const { id, outcome } = await send(LOTIM.phone, `SELESAI ${c.reference} 9999`);
    expect(outcome).toEqual({ kind: 'refused', reason: 'no_note' });
    expect(await fresh(c)).toEqual(before);
    expect((await system.store.getMessage(`official-reply.${id}`))?.text).toBe(officialTexts.needsNote(c.reference));
    // 9999 is not LOTIM's PIN, and no guess was counted: the format was refused first.
    expect((await system.store.getOfficialByPhone(LOTIM.phone))?.failedPins).toBe(0);
    expect(await events(c, 'official_command_refused')).toEqual([expect.objectContaining({ detail: { command: 'SELESAI', reason: 'no_note' } })]);
  });
});

describe('PIN lockout', () => {
  it('locks an official after five wrong PINs until set-pin resets it', async () => {
    const c = await report({ homeRegency: '5204' });
    const sumbawa = { id: 'kab-5204', phone: '+6281100005004', pin: '0404' };
    for (let i = 0; i < 5; i++) await send(sumbawa.phone, `TERIMA ${c.reference} 1111`);
    expect(await system.store.getOfficialByPhone(sumbawa.phone)).toMatchObject({ locked: true, failedPins: 5 });

    const locked = await send(sumbawa.phone, `TERIMA ${c.reference} ${sumbawa.pin}`);
    expect(locked.outcome).toEqual({ kind: 'refused', reason: 'locked' });
    expect((await fresh(c)).status).toBe('new');

    const out: string[] = [];
    await runOfficialsCommand(system.stores.directory, ['set-pin', '--id', sumbawa.id, '--pin', '4040'], { out: (l) => out.push(l), readPin: async () => '' }, LOCAL_PIN_PARAMS);
    expect(await system.store.getOfficialByPhone(sumbawa.phone)).toMatchObject({ locked: false, failedPins: 0 });
    expect((await send(sumbawa.phone, `TERIMA ${c.reference} ${sumbawa.pin}`)).outcome).toEqual({ kind: 'refused', reason: 'wrong_pin' });
    expect((await send(sumbawa.phone, `TERIMA ${c.reference} 4040`)).outcome).toMatchObject({ kind: 'acknowledged' });
  });

  it('does not count one SMS delivered again by the gateway as a second guess', async () => {
    const c = await report({ homeRegency: '5205' });
    const dompu = '+6281100005005';
    const id = atId();
    for (let i = 0; i < 3; i++) await send(dompu, `TERIMA ${c.reference} 1111`, id);
    expect((await system.store.getOfficialByPhone(dompu))?.failedPins).toBe(1);
    expect(await events(c, 'official_command_refused')).toHaveLength(1);
  });
});

describe('idempotency and concurrency', () => {
  it('clears wrong-PIN counts only while the official is active and unlocked, so a disable or lock that lands first stands', async () => {
    // Covering no regency, so that no other test's alerts reach them.
    const base = { ...(await system.store.getOfficialByPhone(LOTIM.phone))!, regencies: [] };
    const disabled = { ...base, id: 'race-disabled', phone: '+6281100009001', active: false, failedPins: 2, locked: false };
    const locked = { ...base, id: 'race-locked', phone: '+6281100009002', active: true, failedPins: 5, locked: true };
    const active = { ...base, id: 'race-active', phone: '+6281100009003', active: true, failedPins: 2, locked: false };
    for (const o of [disabled, locked, active]) await system.stores.directory.putOfficial(o);

    for (const o of [disabled, locked, active]) await system.stores.directory.clearPinFailures(o.id);

    expect(await system.store.getOfficialByPhone(disabled.phone)).toMatchObject({ active: false, failedPins: 2 });
    expect(await system.store.getOfficialByPhone(locked.phone)).toMatchObject({ locked: true, failedPins: 5 });
    expect(await system.store.getOfficialByPhone(active.phone)).toMatchObject({ active: true, failedPins: 0 });
  });

  it('a TERIMA delivered again, also three times at once, acknowledges once and replies once', async () => {
    const c = await report();
    const id = atId();
    const text = `TERIMA ${c.reference} ${LOTIM.pin}`;
    const outcomes = await Promise.all([1, 2, 3].map(() => send(LOTIM.phone, text, id)));
    const later = await send(LOTIM.phone, text, id);

    expect([...outcomes, later].map((o) => o.outcome.kind).sort()).toEqual(['acknowledged', 'duplicate', 'duplicate', 'duplicate']);
    expect((await fresh(c)).version).toBe(2);
    expect(await events(c, 'acknowledged')).toHaveLength(1);
    expect((await system.store.timeline(c.id)).filter((e) => e.actor.startsWith('official:'))).toHaveLength(1);
  });

  it('two officials of one office answering at once: one takes the case, the other is told', async () => {
    const out: string[] = [];
    await runOfficialsCommand(system.stores.directory, ['add', '--id', 'kab-5206-b', '--name', 'Petugas Kedua Bima', '--phone', '+6281100009206', '--level', '1', '--regencies', '5206', '--pin', '2066'], { out: (l) => out.push(l), readPin: async () => '' }, LOCAL_PIN_PARAMS);
    const c = await report({ homeRegency: '5206' });

    const [a, b] = await Promise.all([
      send('+6281100005006', `TERIMA ${c.reference} 0606`),
      send('+6281100009206', `TERIMA ${c.reference} 2066`),
    ]);

    const kinds = [a.outcome, b.outcome].map((o) => ('reason' in o ? `${o.kind}:${o.reason}` : o.kind)).sort();
    expect(kinds).toEqual(['acknowledged', 'not_applied:taken']);
    const winner = [a, b].find((x) => x.outcome.kind === 'acknowledged')!.outcome as { officialId: string };
    expect(await fresh(c)).toMatchObject({ status: 'acknowledged', assignee: winner.officialId, version: 2 });
    expect(await events(c, 'acknowledged')).toHaveLength(1);
    expect(await events(c, 'official_command_not_applied')).toHaveLength(1);
  });

  it('the province desk can take over a case from a regency office; the regency cannot take it back', async () => {
    const c = await report();
    await send(LOTIM.phone, `TERIMA ${c.reference} ${LOTIM.pin}`);
    expect((await send(PROVINCE.phone, `TERIMA ${c.reference} ${PROVINCE.pin}`)).outcome).toMatchObject({ kind: 'acknowledged' });
    expect(await fresh(c)).toMatchObject({ assignee: PROVINCE.id, level: 2 });
    expect((await send(LOTIM.phone, `TERIMA ${c.reference} ${LOTIM.pin}`)).outcome).toMatchObject({ kind: 'not_applied', reason: 'taken' });
    expect((await events(c, 'acknowledged')).at(-1)?.detail).toMatchObject({ takenFrom: LOTIM.id });
  });
});

describe('the officials CLI', () => {
  const io = (out: string[]) => ({ out: (l: string) => out.push(l), readPin: async () => '8642\n' });

  it('adds, lists without PIN hashes, disables and re-enables an official', async () => {
    const out: string[] = [];
    await runOfficialsCommand(system.stores.directory, ['add', '--id', 'tppo-desk', '--name', 'Desk TPPO NTB', '--phone', '0811-0000-9300', '--level', '2', '--categories', 'trafficking', '--pin-stdin'], io(out), LOCAL_PIN_PARAMS);
    const added = await system.store.getOfficialByPhone('+6281100009300');
    expect(added).toMatchObject({ id: 'tppo-desk', level: 2, categories: ['trafficking'], active: true, locked: false });
    expect(added!.pinHash).toMatch(/^scrypt\$/);

    out.length = 0;
    await runOfficialsCommand(system.stores.directory, ['list'], io(out));
    expect(out.some((l) => l.includes('"id":"tppo-desk"'))).toBe(true);
    expect(out.join('\n')).not.toMatch(/scrypt/);

    const c = await report({ category: 'trafficking' });
    await runOfficialsCommand(system.stores.directory, ['disable', '--id', 'tppo-desk'], io(out));
    expect((await send('+6281100009300', `INFO ${c.reference} 8642`)).outcome).toEqual({ kind: 'refused', reason: 'inactive' });
    await runOfficialsCommand(system.stores.directory, ['enable', '--id', 'tppo-desk'], io(out));
    expect((await send('+6281100009300', `INFO ${c.reference} 8642`)).outcome).toMatchObject({ kind: 'info_sent' });
  });

  it('rejects a second official on the same phone, a bad regency and a short PIN', async () => {
    const add = (args: string[]) => runOfficialsCommand(system.stores.directory, ['add', ...args], io([]), LOCAL_PIN_PARAMS);
    await expect(add(['--id', 'dup', '--name', 'Dup', '--phone', LOTIM.phone, '--level', '1', '--regencies', '5203', '--pin', '1234'])).rejects.toThrow(/already registered/);
    await expect(add(['--id', 'bad', '--name', 'Bad', '--phone', '+6281100009301', '--level', '1', '--regencies', '9999', '--pin', '1234'])).rejects.toThrow(/regencies/);
    await expect(add(['--id', 'short', '--name', 'Short', '--phone', '+6281100009302', '--level', '1', '--regencies', '5203', '--pin', '12'])).rejects.toThrow(/PIN/);
    expect(await system.store.getOfficialByPhone('+6281100009301')).toBeUndefined();
  });
});
