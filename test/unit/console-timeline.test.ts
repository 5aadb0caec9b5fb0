import { describe, expect, it } from 'vitest';
import { caseEvent, type CaseEvent, type CaseEventDetails, type CaseEventType } from '../../lib/domain/case.js';
import { eventSentence } from '../../lib/console/timeline.js';

const AT = '2026-12-01T02:00:00.000Z';
/** One event of every type: the mapped type makes a new event type without an example a compile error. */
const EXAMPLES: { [K in CaseEventType]: CaseEventDetails[K] } = {
  reported: { channel: 'sms', category: 'unpaid_wages', truncated: true },
  follow_up: { channel: 'sms', length: 42, truncated: false, stored: true, block: 2, askedNewProblem: true },
  follow_up_moved: { block: 2, to: 'ABC-235' },
  message_not_text: { channel: 'whatsapp', kind: 'voice' },
  sent_by_sms_instead: { official: 'kab-5203', purpose: 'alert', reason: 'failed' },
  reporter_confirmed: { answer: 'solved' },
  reopened: { from: 'resolved', to: 'acknowledged' },
  official_command_refused: { command: 'TERIMA', reason: 'wrong_pin', locked: true },
  official_command_not_applied: { command: 'SELESAI', reason: 'not_open', status: 'closed' },
  acknowledged: { command: 'TERIMA', via: 'sms', level: 1, takenFrom: 'lobar-1' },
  resolved: { via: 'console', note: true, noteLength: 12 },
  info_viewed: { command: 'INFO', contactShown: true, textShown: true, page: 2, parts: 3 },
  answer_relayed: { official: 'desk-1', length: 30 },
  question_relayed: { via: 'console', official: 'desk-1', length: 20 },
  note_added: { via: 'console', length: 80 },
  regency_read: { from: 'answer', homeRegencyFrom: 'unknown', homeRegencyTo: '5203' },
  corrected: { via: 'console', categoryFrom: 'unpaid_wages', categoryTo: 'trafficking', urgencyFrom: 'normal', urgencyTo: 'urgent', homeRegencyFrom: '5201', homeRegencyTo: '5203' },
  category_confirmed: { via: 'console', category: 'detained_deported' },
  handed_over: { via: 'console', from: 1, to: 2 },
  referred: { via: 'console', to: 'ltsa_repatriation' },
  merged: { via: 'console', into: 'ABC-236' },
  merged_from: { via: 'console', from: 'ABC-237' },
  merge_undone: { via: 'console', into: 'ABC-236', mergedAt: AT },
  merge_undone_from: { via: 'console', from: 'ABC-237' },
  agent_recorded: { via: 'console', changed: false },
  escalated: { from: 1, to: 2, status: 'new', reason: 'not_acknowledged', deadline: AT },
  reminder: { level: 2, status: 'new', deadline: AT, official: 'desk-1' },
  sla_breached: { level: 2, status: 'acknowledged', periods: 2, deadline: AT, official: 'desk-1' },
  alert: { official: 'lobar-1', level: 1, reason: 'new_case' },
  alert_no_recipient: { official: 'none', level: 3, reason: 'escalation' },
  reporter_notified: { notice: 'acknowledged' },
  follow_up_notice: { official: 'lobar-1' },
  reopened_notice: { official: 'lobar-1' },
  personal_data_erased: { reason: 'request', request: 'DR-ABC-234' },
  data_request_received: { type: 'erasure', channel: 'sms' },
  data_request_decided: { type: 'erasure', outcome: 'refused', ground: 'art44_legal_case', cases: 0 },
  data_exported: { format: 'json', cases: 2 },
};
const events = Object.entries(EXAMPLES).map(([type, detail]) => caseEvent(type as CaseEventType, AT, type === 'acknowledged' ? 'official:lobar-2' : 'system', detail as never) as CaseEvent);
const names = new Map([['lobar-1', 'Ibu Lobar'], ['lobar-2', 'Pak Lobar'], ['desk-1', 'Desk Provinsi']]);
const ctx = { official: (id: string) => names.get(id) ?? id };

describe('the console timeline', () => {
  it('reads every event type as a sentence in both languages, with officials by name and no raw field names', () => {
    for (const e of events) {
      for (const l of ['id', 'en'] as const) {
        const sentence = eventSentence(l, e, ctx);
        expect(sentence, `${e.type} ${l}`).not.toMatch(/undefined|\[object|=|\bnull\b/);
        expect(sentence.length, `${e.type} ${l}`).toBeGreaterThan(10);
        expect(sentence, `${e.type} ${l}`).not.toContain('lobar-1');
      }
    }
  });

  it('says who acted, what changed and through which door, in the official\'s language', () => {
    const byType = (type: CaseEventType) => events.find((e) => e.type === type)!;
    expect(eventSentence('id', byType('acknowledged'), ctx)).toBe('Pak Lobar: Ditangani di tingkat Kabupaten/kota, diambil dari Ibu Lobar (lewat SMS)');
    expect(eventSentence('en', byType('escalated'), ctx)).toBe('System: Escalated from Regency to Province desk: not taken by the deadline');
    expect(eventSentence('id', byType('corrected'), ctx)).toContain('kategori Gaji tidak dibayar →');
    expect(eventSentence('en', byType('merged'), ctx)).toBe('System: Merged into report ABC-236');
  });

  it('names the channel of every message, WhatsApp where the event records it and SMS otherwise', () => {
    const sentence = <K extends CaseEventType>(l: 'id' | 'en', type: K, detail: CaseEventDetails[K], actor = 'system') => eventSentence(l, caseEvent(type, AT, actor, detail) as CaseEvent, ctx);
    expect(sentence('id', 'alert', { official: 'lobar-1', level: 1, reason: 'new_case', channel: 'whatsapp' })).toBe('Sistem: Peringatan WhatsApp ke Ibu Lobar (Kabupaten/kota, kasus baru)');
    expect(sentence('id', 'alert', { official: 'lobar-1', level: 1, reason: 'new_case' })).toBe('Sistem: Peringatan SMS ke Ibu Lobar (Kabupaten/kota, kasus baru)');
    expect(sentence('id', 'acknowledged', { command: 'TERIMA', via: 'whatsapp', level: 1 }, 'official:lobar-1')).toBe('Ibu Lobar: Ditangani di tingkat Kabupaten/kota (lewat WhatsApp)');
    expect(sentence('id', 'reporter_notified', { notice: 'acknowledged', channel: 'whatsapp' })).toBe('Sistem: Pelapor diberi kabar lewat WhatsApp: kasus sedang ditangani');
    expect(sentence('en', 'reporter_notified', { notice: 'acknowledged' })).toBe('System: The reporter was told by SMS: the case is being handled');
    // Every event that stands for a message, in or out, says which channel carried it.
    const messages: CaseEventType[] = ['reported', 'follow_up', 'message_not_text', 'sent_by_sms_instead', 'answer_relayed', 'question_relayed', 'reminder', 'sla_breached', 'alert', 'reporter_notified', 'follow_up_notice', 'reopened_notice'];
    for (const type of messages) {
      for (const l of ['id', 'en'] as const) {
        expect(eventSentence(l, events.find((e) => e.type === type)!, ctx), `${type} ${l}`).toMatch(/\b(SMS|WhatsApp|USSD)\b|Formulir web|Web form/);
      }
    }
  });
});

describe('the console timeline names whom an alert went to (issue 23 item 3)', () => {
  it("labels an alert by the alerted official's office, so the desk alerted for a case of unknown regency is not called Kabupaten/kota", () => {
    const offices = new Map([['desk-1', 'Desk provinsi'], ['lotim-1', 'Lombok Timur']]);
    const withOffices = { ...ctx, office: (id: string) => offices.get(id) };
    const alert = (official: string) => caseEvent('alert', AT, 'system', { official, level: 1, reason: 'new_case' }) as CaseEvent;
    expect(eventSentence('id', alert('desk-1'), withOffices)).toBe('Sistem: Peringatan SMS ke Desk Provinsi (Desk provinsi, kasus baru)');
    expect(eventSentence('en', alert('lotim-1'), withOffices)).toBe('System: SMS alert to lotim-1 (Lombok Timur, new case)');
    // An official the directory no longer knows falls back to the ladder's level.
    expect(eventSentence('id', alert('gone-1'), withOffices)).toBe('Sistem: Peringatan SMS ke gone-1 (Kabupaten/kota, kasus baru)');
  });
});

describe('the console timeline in plain words (issue 23 item 6)', () => {
  it('says why an SMS command was refused in words, never as the code, in both languages', () => {
    for (const reason of ['no_pin', 'not_covered', 'wrong_pin', 'locked', 'inactive', 'unknown_reference', 'too_many_attempts', 'not_open', 'taken', 'something_new']) {
      const e = caseEvent('official_command_refused', AT, 'system', { command: 'TERIMA', reason });
      for (const l of ['id', 'en'] as const) {
        const sentence = eventSentence(l, e, ctx);
        // ("locked", "taken" are plain English words: the English sentence may use them.)
        if (l === 'id' || reason.includes('_')) expect(sentence, `${reason} ${l}`).not.toContain(reason);
        if (l === 'id') expect(sentence, `${reason} ${l}`).not.toContain(reason.replaceAll('_', ' '));
      }
    }
    expect(eventSentence('id', caseEvent('official_command_refused', AT, 'system', { command: 'TERIMA', reason: 'no_pin' }), ctx)).toContain('PIN tidak ditulis');
    expect(eventSentence('id', caseEvent('official_command_refused', AT, 'system', { command: 'SELESAI', reason: 'not_covered' }), ctx)).toContain('di luar wilayah petugas');
  });

  it('says a reopening by the reporter was their TIDAK, and a merge undone says so', () => {
    expect(eventSentence('id', caseEvent('reopened', AT, 'reporter', { from: 'resolved', to: 'acknowledged' }), ctx)).toBe('Pelapor: Dibuka lagi oleh pelapor (menjawab TIDAK): Selesai → Ditangani');
    expect(eventSentence('id', caseEvent('merge_undone', AT, 'official:desk-1', { via: 'console', into: 'ABC-236', mergedAt: AT }), ctx))
      .toBe('Desk Provinsi: Penggabungan ke laporan ABC-236 dibatalkan; kasus ini berdiri sendiri lagi (lewat konsol)');
  });
});
