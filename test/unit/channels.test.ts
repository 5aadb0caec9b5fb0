import { describe, expect, it } from 'vitest';
import { CHANNEL_LABELS, channelDetail, officialChannel, reporterChannel } from '../../lib/domain/channels.js';
import { CHANNELS } from '../../lib/domain/case.js';

describe('the channel a message goes by', () => {
  it('is WhatsApp for an official who takes alerts there, and SMS for every other official', () => {
    expect(officialChannel({ whatsapp: true })).toBe('whatsapp');
    expect(officialChannel({ whatsapp: false })).toBe('sms');
    expect(officialChannel({})).toBe('sms');
  });

  it('is the way a reporter\'s number last wrote: WhatsApp only after a WhatsApp message, SMS otherwise', () => {
    expect(reporterChannel({ lastChannel: 'whatsapp' })).toBe('whatsapp');
    expect(reporterChannel({ lastChannel: 'sms' })).toBe('sms');
    expect(reporterChannel({})).toBe('sms');
  });

  it('is recorded on a timeline event only when it is WhatsApp, so an SMS event reads as before WhatsApp existed', () => {
    expect(channelDetail('whatsapp')).toEqual({ channel: 'whatsapp' });
    expect(channelDetail('sms')).toEqual({});
  });
});

describe('the channels in plain words on officials\' pages and figures', () => {
  it('name every door a report can come through, in Indonesian and English', () => {
    expect(Object.keys(CHANNEL_LABELS).sort()).toEqual([...CHANNELS].sort());
    expect(CHANNEL_LABELS).toEqual({
      sms: { id: 'SMS', en: 'SMS' },
      ussd: { id: 'USSD', en: 'USSD' },
      web: { id: 'Formulir web', en: 'Web form' },
      whatsapp: { id: 'WhatsApp', en: 'WhatsApp' },
    });
  });
});
