import { describe, expect, it } from 'vitest';
import { parseSms } from '../../lib/conversation/grammar.js';
import { planDataRequest, planDecideDataRequest } from '../../lib/cases/data-request-plans.js';
import { planAskReporter, planMerge, planReopen, planResolve } from '../../lib/cases/plans.js';
import type { ActionContext } from '../../lib/cases/plan.js';
import { defaultPolicy } from '../../lib/config.js';
import { type Case, REFUSAL_GROUNDS } from '../../lib/domain/case.js';
import type { Official } from '../../lib/domain/official.js';
import { gsmLength, isGsm7, SMS_LIMIT, USSD_LIMIT } from '../../lib/domain/gsm.js';
import { endTexts } from '../../lib/ussd/texts.js';
import { slaStep } from '../../lib/domain/sla.js';
import { dataRequestTexts } from '../../lib/messages/data-request.js';
import { formatLocalTime } from '../../lib/messages/reporter.js';
import { planSlaCheck } from '../../lib/cases/escalation-plans.js';
import { readerAlertRecipients, readerAlertText } from '../../lib/use-cases/reader-watch.js';

const policy = defaultPolicy();
const AT = '2026-12-06T02:00:00.000Z';
const now = new Date(AT);
const official = (over: Partial<Official>): Official => ({ id: 'prov-ntb', name: 'Desk Disnakertrans NTB', phone: '+6281100005200', level: 2, regencies: [], active: true, failedPins: 0, locked: false, ...over });
const desk = official({});
const ctx = (o: Official = desk): ActionContext => ({ official: o, actor: `official:${o.id}`, at: AT, now, policy, via: 'console' });
const request = (type: 'erasure' | 'access' = 'erasure', language: 'id' | 'en' = 'id') => planDataRequest(
  { id: 'req1', reference: 'ABC-234', type, channel: 'sms', contact: '+60123456789', language, country: 'MY' }, { at: AT, now, policy },
);

describe('HAPUS / DELETE / ERASE and DATA in the grammar', () => {
  it('reads a request for erasure or for a copy, alone or with the words people add', () => {
    for (const text of ['HAPUS', 'hapus.', 'Hapus data saya', 'hapus semua data laporan saya', 'minta hapus data saya']) expect(parseSms(text).kind).toBe('erase');
    expect(parseSms('DELETE my data')).toEqual({ kind: 'erase', language: 'en' });
    expect(parseSms('erase')).toEqual({ kind: 'erase', language: 'en' });
    for (const text of ['DATA', 'data saya', 'Data pribadi saya mohon', 'minta data saya', 'DATA please']) expect(parseSms(text).kind).toBe('access');
  });

  it('leaves sentences that merely start with the word as messages', () => {
    expect(parseSms('Data paspor saya ditahan agen di Johor').kind).toBe('text');
    expect(parseSms('hapus saja semua yang tadi saya tulis karena majikan marah').kind).toBe('text');
    expect(parseSms('LAPOR majikan menyuruh hapus foto').kind).toBe('report');
  });
});

describe('a data request as a case', () => {
  it('is filed at the desk, out of the complaints, with a neutral GSM-7 reply naming the law\'s deadline', () => {
    const planned = request();
    expect(planned.case).toMatchObject({ kind: 'data_request', dataRequest: { type: 'erasure' }, level: 2, status: 'new', description: '', homeRegency: 'unknown' });
    expect(planned.events.map((e) => e.type)).toEqual(['data_request_received']);
    // 3x24 h after 02:00 UTC on 6 Dec is 02:00 UTC on 9 Dec, 10:00 WITA.
    expect(planned.messages[0]?.text).toBe('Permintaan ABC-234 diterima dan dijawab paling lambat 09/12 10:00 WITA. Info: petugas Disnakertrans NTB.');
  });

  it('goes to BP3MI when the desk has not decided within its share of the deadline', () => {
    const c = request().case;
    expect(slaStep(c, policy, new Date(now.getTime() + 12 * 3600_000))).toMatchObject({ kind: 'remind' });
    expect(slaStep(c, policy, new Date(now.getTime() + 24 * 3600_000))).toMatchObject({ kind: 'escalate', from: 2, to: 3 });
  });

  it('is decided once, by the desk or BP3MI, and closes with who, when and what', () => {
    const c = request().case;
    const done = planDecideDataRequest(c, ctx(), { outcome: 'carried_out', cases: ['XYZ-111', 'XYZ-112'] });
    expect(done.applies).toBe(true);
    const next = done.applies ? done.plan.case! : undefined as never;
    expect(next.status).toBe('closed');
    expect(next.nextCheckAt).toBeUndefined();
    expect(next.dataRequest?.decision).toEqual({ outcome: 'carried_out', at: AT, by: 'prov-ntb', cases: ['XYZ-111', 'XYZ-112'] });
    // The SMS of a carried-out erasure is not sealed under the request's key, which is destroyed next.
    expect(done.applies && done.plan.messages[0]).toMatchObject({ to: '+60123456789', text: 'Permintaan ABC-234 sudah dilaksanakan.' });
    expect(done.applies && done.plan.messages[0]?.caseId).toBeUndefined();
    expect(planDecideDataRequest(next, ctx(), { outcome: 'refused', ground: 'art33_danger' })).toEqual({ applies: false, reason: 'already_decided' });
    expect(planDecideDataRequest(c, ctx(official({ id: 'kab-5203', level: 1, regencies: ['5203'] })), { outcome: 'carried_out', cases: [] })).toEqual({ applies: false, reason: 'taken' });
  });

  it('is never resolved, reopened, merged or asked about like a complaint', () => {
    const c = request().case;
    expect(planResolve(c, ctx(), 'unheld')).toEqual({ applies: false, reason: 'data_request' });
    expect(planAskReporter(c, ctx(), 'kapan bisa datang ke kantor?', {}, 'ask.1')).toEqual({ applies: false, reason: 'data_request' });
    expect(planReopen({ ...c, status: 'closed' }, ctx(), 'unheld')).toEqual({ applies: false, reason: 'data_request' });
    expect(planMerge({ ...c, id: 'other', reference: 'ABC-235', kind: undefined, dataRequest: undefined } as Case, c, ctx(), 'unheld', {})).toEqual({ applies: false, reason: 'data_request' });
  });

  it('tells the reporter every outcome in one neutral GSM-7 SMS, never with data', () => {
    const texts: string[] = [];
    for (const l of ['id', 'en'] as const) {
      for (const type of ['erasure', 'access'] as const) {
        texts.push(dataRequestTexts.received(l, 'ABC-234', now), dataRequestTexts.alert('ABC-234', type, now));
        // Officials' answers to TERIMA, SELESAI and INFO on a request, the longest status and number included.
        texts.push(dataRequestTexts.taken('ABC-234', type, now), dataRequestTexts.decideInConsole('ABC-234', type, now));
        texts.push(dataRequestTexts.info('ABC-234', type, now, 'belum diterima'), dataRequestTexts.info('ABC-234', type, now, 'belum diterima', '+628123456789012'));
        texts.push(dataRequestTexts.reminder('ABC-234', type, now), dataRequestTexts.overdue('ABC-234', type, now, new Date(0)), dataRequestTexts.overdue('ABC-234', type, now, now));
        // STATUS of a request, not answered yet and answered (the same words on the USSD screen, checked below).
        texts.push(dataRequestTexts.status(l, 'ABC-234', now), dataRequestTexts.status(l, 'ABC-234', now, now.toISOString()));
        texts.push(dataRequestTexts.outcome(l, 'ABC-234', type, 'carried_out'), dataRequestTexts.outcome(l, 'ABC-234', type, 'corrected'));
        for (const ground of REFUSAL_GROUNDS) texts.push(dataRequestTexts.outcome(l, 'ABC-234', type, 'refused', ground));
      }
    }
    for (const t of texts) {
      expect(isGsm7(t), t).toBe(true);
      expect(gsmLength(t), t).toBeLessThanOrEqual(SMS_LIMIT);
    }
    for (const l of ['id', 'en'] as const) {
      const screen = `END ${endTexts.requestStatus(l, { text: dataRequestTexts.status(l, 'ABC-234', now), hotline: '+62 21 2924 4800' })}`;
      expect(gsmLength(screen), screen).toBeLessThanOrEqual(USSD_LIMIT);
    }
    expect(dataRequestTexts.outcome('id', 'ABC-234', 'erasure', 'refused', 'art44_legal_case')).toBe('Permintaan ABC-234 tidak dapat dilaksanakan (UU 27/2022 Pasal 44). Info: petugas Disnakertrans NTB.');
    expect(dataRequestTexts.outcome('id', 'ABC-234', 'access', 'carried_out')).toContain('tidak lewat SMS');
  });
});

describe('the ladder\'s reminders and overdue notices for a request', () => {
  const bp3mi = official({ id: 'bp3mi-ntb', name: 'BP3MI NTB', level: 3, phone: '+6281100005300' });
  const hoursLater = (h: number) => new Date(now.getTime() + h * 3600_000);
  const check = (c: Case, h: number) => planSlaCheck(c, { actor: 'system', at: hoursLater(h).toISOString(), now: hoursLater(h), policy }, [desk, bp3mi]);
  const textsOf = (r: ReturnType<typeof check>) => (r.plan.applies ? r.plan.plan.messages.map((m) => m.text) : []);
  const lawDeadline = formatLocalTime(hoursLater(72).toISOString());

  it('reminds the desk with the law\'s deadline and where it is decided, never TERIMA, SELESAI, a category or an urgency', () => {
    const r = check(request().case, policy.slaMinutes.dataRequest / 120);
    expect(r.result).toBe('reminded');
    expect(textsOf(r)).toEqual([`PENGINGAT PERMINTAAN DATA ABC-234: hapus data. Batas ${lawDeadline}. Putuskan di konsol, tab Permintaan data.`]);
  });

  it('tells BP3MI past its own time that the request is undecided, and once the law\'s deadline is gone that it is gone', () => {
    const atBp3mi: Case = { ...request('access').case, level: 3, levelSince: hoursLater(24).toISOString() };
    const before = check(atBp3mi, 49);
    expect(before.result).toBe('breached');
    expect(textsOf(before)).toEqual([`TERLAMBAT PERMINTAAN DATA ABC-234: salinan data, belum diputuskan. Batas ${lawDeadline}. Putuskan di konsol, tab Permintaan data.`]);
    const after = check(atBp3mi, 73);
    expect(after.result).toBe('breached');
    expect(textsOf(after)).toEqual([`TERLAMBAT PERMINTAAN DATA ABC-234: salinan data, belum diputuskan. Batas ${lawDeadline} lewat. Putuskan di konsol, tab Permintaan data.`]);
  });
});

describe('the reader alert', () => {
  const officials = [
    official({ id: 'kab-5203', name: 'Petugas Lombok Timur', level: 1, regencies: ['5203'] }),
    official({ id: 'kab-5201', name: 'Petugas Lombok Barat', level: 1, regencies: ['5201'] }),
    desk,
    official({ id: 'bp3mi-ntb', name: 'BP3MI NTB', level: 3, phone: '+6281100005300' }),
    official({ id: 'bp3mi-old', name: 'BP3MI lama', level: 3, active: false }),
  ];
  it('goes to BP3MI and the level above the reader, never to the reader or a disabled official', () => {
    expect(readerAlertRecipients(officials[0]!, officials).map((o) => o.id)).toEqual(['prov-ntb', 'bp3mi-ntb']);
    expect(readerAlertRecipients(desk, officials).map((o) => o.id)).toEqual(['bp3mi-ntb']);
    expect(readerAlertRecipients(officials[3]!, officials).map((o) => o.id)).toEqual([]);
  });
  it('says who and how many in one SMS', () => {
    const text = readerAlertText({ id: 'kab-5203', name: 'Petugas Disnaker Lombok Timur' }, 21, 60);
    expect(isGsm7(text)).toBe(true);
    expect(gsmLength(text)).toBeLessThanOrEqual(SMS_LIMIT);
  });
});
