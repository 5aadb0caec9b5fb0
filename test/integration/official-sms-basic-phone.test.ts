import { describe, expect, it } from 'vitest';
import { randomBytes } from 'node:crypto';
import type { Context } from 'aws-lambda';
import type { HttpEvent, HttpResult } from '../../lib/http/api.js';
import { useSystemWithNotifier } from '../support/local-deps.js';
import { localContext } from '../../lib/local/lambda-shim.js';
import { officialTexts } from '../../lib/messages/official.js';
import { reporterTexts } from '../../lib/messages/reporter.js';
import { escalateOverdueCases } from '../../lib/use-cases/escalate-overdue-cases.js';
import { actOnCase, type ActionForm } from '../../lib/use-cases/console/case-file.js';
import { consoleDeps } from '../../lib/console/wiring.js';
import { call, signedPost, textMessage } from '../support/whatsapp.js';
import { gsmLength, isGsm7, SMS_LIMIT } from '../../lib/domain/gsm.js';

/**
 * A regency officer working cases on a basic phone (issue 23, item 8), through the SMS door itself
 * (the sms-inbound handler, as Africa's Talking calls it) with the notifier sending the outbox.
 */
const fixture = useSystemWithNotifier();

const LOTIM = { id: 'kab-5203', phone: '+6281100005003', pin: '0303' };
const DESK = { id: 'prov-ntb', phone: '+6281100005200', pin: '5200' };

/**
 * The Lambda's own 10 s and vitest's 30 s ran out on the shared two-core machine (load above 20):
 * these tests make dozens of sequential requests, each waiting for the stream.
 */
const LOADED_MACHINE_MS = 60_000;
const WALK_MS = 240_000;

let seq = 0;
const smsEvent = (form: Record<string, string>, key: string): HttpEvent => ({
  version: '2.0', routeKey: 'POST /sms', rawPath: '/sms', rawQueryString: `key=${encodeURIComponent(key)}`,
  headers: { 'content-type': 'application/x-www-form-urlencoded' }, queryStringParameters: { key },
  requestContext: {
    accountId: 'test', apiId: 'test', domainName: 'localhost', domainPrefix: 'localhost',
    http: { method: 'POST', path: '/sms', protocol: 'HTTP/1.1', sourceIp: '127.0.0.1', userAgent: 'test' },
    requestId: randomBytes(8).toString('hex'), routeKey: 'POST /sms', stage: '$default', time: '', timeEpoch: Date.now(),
  },
  body: new URLSearchParams(form).toString(), isBase64Encoded: false,
});

/** One SMS through the door; returns when the stream has sent everything it caused. */
async function sms(from: string, text: string): Promise<void> {
  const handler = fixture.system.handlers.smsInbound as unknown as (e: HttpEvent, c: Context) => Promise<HttpResult>;
  const date = fixture.system.clock.now().toISOString().slice(0, 19).replace('T', ' ');
  const result = await handler(smsEvent({ from, to: '1708', text, date, id: `ATXid_phone_${++seq}_${randomBytes(3).toString('hex')}` }, fixture.system.callbackKey), localContext('sms-inbound', LOADED_MACHINE_MS));
  expect(result.statusCode).toBe(200);
  await fixture.poller.settled();
}

/** What a phone received, oldest first; `from` skips what it had before. */
const phone = (to: string, from = 0) => fixture.system.outbox.entries.filter((e) => e.to === to).slice(from).map((e) => e.message);
/** The console's use cases on this system, as functions/console.ts wires them. */
const console = () => consoleDeps({ stores: fixture.system.stores, clock: fixture.system.clock, policy: fixture.system.deps.policy });
const caseOf = async (reporter: string) => (await fixture.system.store.findCasesByContact(reporter))[0]!;

describe('a regency officer on a basic phone', () => {
  it('asks for the commands, is told a missing PIN or note before anything changes, and reads INFO in numbered parts, in order', async () => {
    const worker = '+60123987001';
    await sms(worker, 'LAPOR saya ditahan polisi di Kuala Lumpur, asal Lombok Timur');
    const c = await caseOf(worker);
    expect(c.homeRegency).toBe('5203');
    expect(phone(LOTIM.phone).at(-1)).toBe(officialTexts.newCase(c));

    // BANTUAN from the officer's number: the officials' commands; the same word from the worker: the reporters' help.
    let seen = phone(LOTIM.phone).length;
    await sms(LOTIM.phone, 'BANTUAN');
    expect(phone(LOTIM.phone, seen)).toEqual([officialTexts.help()]);
    const workerSeen = phone(worker).length;
    await sms(worker, 'BANTUAN');
    expect(phone(worker, workerSeen)).toEqual([reporterTexts.help('id')]);

    seen = phone(LOTIM.phone).length;
    await sms(LOTIM.phone, `TERIMA ${c.reference}`);
    expect(phone(LOTIM.phone, seen)).toEqual([`PIN belum ditulis; perintah tidak dijalankan. Format: TERIMA ${c.reference} <PIN Anda>`]);
    expect((await caseOf(worker)).status).toBe('new');

    await sms(LOTIM.phone, `TERIMA ${c.reference} ${LOTIM.pin}`);
    expect((await caseOf(worker)).status).toBe('acknowledged');
    await sms(worker, 'majikan belum datang ke kantor polisi');
    await sms(worker, `paspor masih di agen. ${'keluarga sangat khawatir '.repeat(3)}`.trim());

    seen = phone(LOTIM.phone).length;
    await sms(LOTIM.phone, `INFO ${c.reference} ${LOTIM.pin}`);
    const info = phone(LOTIM.phone, seen);
    expect(info[0]).toBe(officialTexts.info(await caseOf(worker), { isAssignee: true, contact: worker }));
    const parts = info.slice(1);
    expect(parts.length).toBeGreaterThan(1);
    // Sent in order, each numbered over the whole, readable labels, no stored markers.
    expect(parts.map((p) => p.split(' ').slice(0, 2).join(' '))).toEqual(parts.map((_, i) => `${c.reference} ${i + 1}/${parts.length}`));
    for (const p of parts) {
      expect(isGsm7(p)).toBe(true);
      expect(gsmLength(p)).toBeLessThanOrEqual(SMS_LIMIT);
      expect(p).not.toContain('[+');
    }
    const text = parts.join('\n');
    expect(text).toMatch(/Balasan 2 \(\d\d\/\d\d \d\d:\d\d\): paspor masih di agen/);
    expect(parts.filter((p) => /Balasan 1 \(\d\d\/\d\d \d\d:\d\d\): majikan belum datang ke kantor polisi/.test(p))).toHaveLength(1);
    expect(parts.filter((p) => /Laporan \(\d\d\/\d\d \d\d:\d\d\): saya ditahan polisi di Kuala Lumpur, asal Lombok Timur/.test(p))).toHaveLength(1);

    seen = phone(LOTIM.phone).length;
    await sms(LOTIM.phone, `SELESAI ${c.reference} ${LOTIM.pin}`);
    expect(phone(LOTIM.phone, seen)).toEqual([officialTexts.needsNote(c.reference)]);
    expect((await caseOf(worker)).status).toBe('acknowledged');
    expect(phone(worker).some((m) => m.includes('YA'))).toBe(false);

    await sms(LOTIM.phone, `SELESAI ${c.reference} ${LOTIM.pin} dibebaskan, dijemput KBRI`);
    expect((await caseOf(worker)).status).toBe('resolved');
  }, WALK_MS);

  it('is told which case a merged duplicate went into, whatever command it sends', async () => {
    const first = '+60123987002';
    const second = '+60123987003';
    await sms(first, 'LAPOR gaji tidak dibayar tiga bulan, asal Lombok Timur');
    await sms(second, 'LAPOR gaji suami saya tidak dibayar, asal Lombok Timur');
    const into = await caseOf(first);
    const duplicate = await caseOf(second);
    const desk = (await fixture.system.deps.directory.getOfficialByPhone(DESK.phone))!;
    const form: ActionForm = { version: duplicate.version, seen: new Date(0).toISOString(), into: into.reference, confirm: 'yes' };
    expect(await actOnCase(console(), desk, duplicate.reference, 'merge', form)).toMatchObject({ kind: 'done' });
    await fixture.poller.settled();

    for (const command of [`TERIMA ${duplicate.reference} ${LOTIM.pin}`, `SELESAI ${duplicate.reference} ${LOTIM.pin} sudah dibayar`, `TANYA ${duplicate.reference} ${LOTIM.pin} kapan?`]) {
      const seen = phone(LOTIM.phone).length;
      await sms(LOTIM.phone, command);
      expect(phone(LOTIM.phone, seen)).toEqual([officialTexts.notOpen(duplicate.reference, 'closed', into.reference)]);
    }
    const seen = phone(LOTIM.phone).length;
    await sms(LOTIM.phone, `INFO ${duplicate.reference} ${LOTIM.pin}`);
    expect(phone(LOTIM.phone, seen)[0]).toContain(`Status digabung ke ${into.reference}.`);
  }, WALK_MS);
});

describe('alerts an official reads', () => {
  it('say DINAIKKAN at every level, with whom the case waited for and for how long', async () => {
    const worker = '+60123987004';
    await sms(worker, 'LAPOR suami saya meninggal dunia di Sabah, asal Lombok Timur');
    const c = await caseOf(worker);
    expect(c.urgency).toBe('urgent');
    fixture.system.clock.advance(61);
    await escalateOverdueCases(fixture.system.deps);
    await fixture.poller.settled();
    expect(phone(DESK.phone).filter((m) => m.includes(c.reference)).at(-1))
      .toMatch(new RegExp(`^DINAIKKAN: Lombok Timur belum menjawab dalam 1 jam\\. ${c.reference} SEGERA: Meninggal dunia\\. .*Balas: TERIMA ${c.reference} <PIN Anda>$`));
    fixture.system.clock.advance(61);
    await escalateOverdueCases(fixture.system.deps);
    await fixture.poller.settled();
    expect(phone('+6281100005300').filter((m) => m.includes(c.reference)).at(-1)).toMatch(/^DINAIKKAN: Desk provinsi belum menjawab dalam 1 jam\. /);
  }, WALK_MS);

  it('never reach the official for a correction they made themselves', async () => {
    const worker = '+60123987005';
    await sms(worker, 'LAPOR paspor saya ditahan agen di Johor, asal Lombok Timur');
    const c = await caseOf(worker);
    // Nobody at the regency answered: the case is the desk's (level 2) when the desk corrects its regency.
    fixture.system.clock.advance(25 * 60);
    await escalateOverdueCases(fixture.system.deps);
    await fixture.poller.settled();
    const atDesk = await caseOf(worker);
    expect(atDesk).toMatchObject({ level: 2, status: 'new' });
    const seen = phone(DESK.phone).length;
    const desk = (await fixture.system.deps.directory.getOfficialByPhone(DESK.phone))!;
    const form: ActionForm = { version: atDesk.version, seen: new Date(0).toISOString(), homeRegency: '5201' };
    expect(await actOnCase(console(), desk, c.reference, 'correct', form)).toMatchObject({ kind: 'done' });
    await fixture.poller.settled();
    expect(phone(DESK.phone, seen)).toEqual([]);
    const timeline = await fixture.system.store.timeline(c.id);
    expect(timeline.filter((e) => e.at > atDesk.updatedAt && (e.type === 'alert' || e.type === 'alert_no_recipient'))).toEqual([]);
    expect((await caseOf(worker)).homeRegency).toBe('5201');
  }, WALK_MS);
});

describe('the same commands from WhatsApp', () => {
  it('answer BANTUAN, a missing PIN and a missing note as by SMS, and take and resolve the case', async () => {
    const worker = '+60123987006';
    await sms(worker, 'LAPOR gaji tidak dibayar dua bulan, asal Lombok Timur');
    const c = await caseOf(worker);
    const wa = async (text: string) => {
      const before = fixture.system.outbox.entries.length;
      expect((await call(fixture.system.handlers.whatsapp, signedPost(textMessage(LOTIM.phone.slice(1), text)))).statusCode).toBe(200);
      await fixture.poller.settled();
      return fixture.system.outbox.entries.slice(before).filter((e) => e.to === LOTIM.phone).map((e) => e.message);
    };
    expect(await wa('BANTUAN')).toEqual([officialTexts.help()]);
    expect(await wa(`TERIMA ${c.reference}`)).toEqual([officialTexts.noPin('TERIMA', c.reference)]);
    await wa(`TERIMA ${c.reference} ${LOTIM.pin}`);
    expect((await caseOf(worker)).status).toBe('acknowledged');
    expect(await wa(`SELESAI ${c.reference} ${LOTIM.pin}`)).toEqual([officialTexts.needsNote(c.reference)]);
    expect((await caseOf(worker)).status).toBe('acknowledged');
    await wa(`SELESAI ${c.reference} ${LOTIM.pin} gaji sudah dibayar majikan`);
    expect((await caseOf(worker)).status).toBe('resolved');
  }, WALK_MS);
});
