import { describe, expect, it } from 'vitest';
import { AtDeliveryReport, AtInboundSms, parseCallback } from '../../lib/sms/at-callbacks.js';
import { ValidationError } from '../../lib/domain/errors.js';

const valid = { from: '+60123456789', to: '1708', text: 'LAPOR gaji', date: '2026-11-23 06:04:45', id: 'ATXid_1' };

function fieldsOf(form: Record<string, string>): Record<string, string> {
  try {
    parseCallback(AtInboundSms, form);
  } catch (error) {
    if (error instanceof ValidationError) return error.fields;
    throw error;
  }
  throw new Error('expected a validation error');
}

describe("Africa's Talking SMS callback", () => {
  it('accepts both date formats and normalises the sender', () => {
    expect(parseCallback(AtInboundSms, valid)).toMatchObject({ from: '+60123456789', date: '2026-11-23T06:04:45.000Z' });
    expect(parseCallback(AtInboundSms, { ...valid, date: '2026-11-23T06:04:45Z', from: '081234567890' })).toMatchObject({ from: '+6281234567890' });
  });

  it.each(['from', 'text', 'id', 'date'])('names a missing %s', (field) => {
    const { [field]: _removed, ...rest } = valid as Record<string, string>;
    expect(fieldsOf(rest)).toHaveProperty(field, 'Required');
  });

  it('names a sender that is not a phone number and a date that does not exist', () => {
    expect(Object.keys(fieldsOf({ ...valid, from: 'MyBank' }))).toEqual(['from']);
    expect(Object.keys(fieldsOf({ ...valid, date: '2026-13-45 99:00:00' }))).toEqual(['date']);
  });

  it('accepts known delivery statuses only', () => {
    expect(parseCallback(AtDeliveryReport, { id: 'm1', status: 'Success' }).status).toBe('Success');
    expect(() => parseCallback(AtDeliveryReport, { id: 'm1', status: 'Delivered' })).toThrow(ValidationError);
  });
});
