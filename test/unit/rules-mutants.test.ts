import { describe, expect, it } from 'vitest';
import { defaultPolicy } from '../../lib/config.js';
import { normaliseAgentName } from '../../lib/domain/agent-name.js';
import { channelDetail } from '../../lib/domain/channels.js';
import { deliveryDueAt, isOfficialAlert } from '../../lib/domain/message.js';
import { placesOfReport, withRegencyFromReporter } from '../../lib/domain/places/report-places.js';
import { slaMinutes } from '../../lib/domain/sla.js';
import type { Case } from '../../lib/domain/case.js';

/** Small rules of lib/domain a mutation run (issue 24) found untested at one edge each. */
const AT = '2026-12-01T00:00:00.000Z';
const smsCase = (over: Partial<Case> = {}): Case => ({
  id: 'c1', reference: 'ABC-234', category: 'unpaid_wages', urgency: 'high', homeRegency: 'unknown', country: 'MY', channel: 'sms',
  reporterType: 'worker', contact: '+60123456789', description: 'Gaji belum dibayar', smsUpdates: true, language: 'id', status: 'new', level: 1,
  levelSince: AT, createdAt: AT, updatedAt: AT, version: 1, ...over,
});

describe('the time a level has', () => {
  it('is, for a data request, its own share of the law\'s deadline while open, whatever its urgency, and none once decided', () => {
    const policy = { ...defaultPolicy(), slaMinutes: { ...defaultPolicy().slaMinutes, dataRequest: 600 } };
    expect(slaMinutes({ kind: 'data_request', status: 'new', urgency: 'high' }, policy)).toBe(600);
    expect(slaMinutes({ kind: 'data_request', status: 'acknowledged', urgency: 'high' }, policy)).toBe(600);
    expect(slaMinutes({ kind: 'data_request', status: 'closed', urgency: 'high' }, policy)).toBeUndefined();
  });
});

describe('an official\'s WhatsApp alert', () => {
  it('is an alert, reminder, overdue or agent alert to an official, never a message to a reporter', () => {
    expect(isOfficialAlert({ audience: 'official', purpose: 'alert' })).toBe(true);
    expect(isOfficialAlert({ audience: 'reporter', purpose: 'alert' })).toBe(false);
    expect(isOfficialAlert({ audience: 'official', purpose: 'reply' })).toBe(false);
  });

  it('must be delivered within the fallback minutes after it was sent, else it goes by SMS', () => {
    const sent = new Date(AT);
    expect(deliveryDueAt({ audience: 'official', purpose: 'reminder' }, sent)).toBe('2026-12-01T00:10:00.000Z');
    expect(deliveryDueAt({ audience: 'official', purpose: 'reminder' }, sent, 5)).toBe('2026-12-01T00:05:00.000Z');
    expect(deliveryDueAt({ audience: 'reporter', purpose: 'reply' }, sent)).toBeUndefined();
  });

  it('names its channel on the timeline only when it is WhatsApp', () => {
    expect(channelDetail('whatsapp')).toEqual({ channel: 'whatsapp' });
    expect(channelDetail('sms')).toStrictEqual({});
  });
});

describe('the places of a conversation', () => {
  it('records a country read from the text even when no regency was', () => {
    expect(placesOfReport('gaji belum dibayar, saya di Malaysia', '+6281234567890')).toEqual({
      homeRegency: 'unknown', country: 'MY', placesRead: { country: { code: 'MY', mentions: [{ words: 'Malaysia', as: 'Malaysia' }] } },
    });
    expect(placesOfReport('gaji belum dibayar', '+60123456789')).toStrictEqual({ homeRegency: 'unknown', country: 'MY' });
  });

  it('never reads a USSD case\'s regency from a message, and counts up to four words after the question as its answer', () => {
    expect(withRegencyFromReporter(smsCase({ channel: 'ussd' }), 'dari Lotim', AT)).toBeUndefined();
    const asked = smsCase({ regencyAskedAt: AT });
    expect(withRegencyFromReporter(asked, 'kami di Lotim sana', AT)?.event.detail.from).toBe('answer');
    expect(withRegencyFromReporter(asked, ' kami  di  Lotim  sana ', AT)?.event.detail.from).toBe('answer');
    expect(withRegencyFromReporter(asked, 'kami di Lotim sana dulu', AT)?.event.detail.from).toBe('text');
  });
});

describe('an agency or broker name as people type it', () => {
  it('drops the legal form PT however it is spaced or dotted, and no other word with a p and a t in it', () => {
    expect(normaliseAgentName('P T Maju Jaya')).toBe('maju jaya');
    expect(normaliseAgentName('P.T Maju')).toBe('maju');
    expect(normaliseAgentName('P. T Maju')).toBe('maju');
    expect(normaliseAgentName('PaT Maju')).toBe('pat maju');
  });

  it('drops accents, writes old spellings the new way, and keeps a name of two letters but not of one', () => {
    expect(normaliseAgentName('PT Maju Jayá')).toBe('maju jaya');
    expect(normaliseAgentName('PT Bérkah Jaya')).toBe('berkah jaya');
    expect(normaliseAgentName('Oetomo')).toBe('utomo');
    expect(normaliseAgentName('Djoko Tjahaya')).toBe('joko cahaya');
    expect(normaliseAgentName('PT AB')).toBe('ab');
    expect(normaliseAgentName('PT A')).toBeUndefined();
  });
});
