import { describe, expect, it } from 'vitest';
import { caseHolder, caseHolderLabel, officeLabel, officeOf } from '../../lib/domain/case-holder.js';
import { closedAtOf } from '../../lib/domain/case.js';
import { maskPhone, normalisePhone, PhoneNumber } from '../../lib/domain/phone.js';

/** Who holds a case, when it closed, and phone numbers, at the edges a mutation run (issue 24) found untested. */
describe('the office an official acts for, and who a case waits for', () => {
  it('is the desk or BP3MI for their officials whatever regencies their record lists', () => {
    expect(officeOf({ level: 2, regencies: ['5203'] }, { homeRegency: '5203' })).toEqual({ level: 2 });
    expect(officeOf({ level: 3, regencies: [] }, { homeRegency: '5201' })).toEqual({ level: 3 });
  });

  it('is a regency officer\'s own regency for a case from elsewhere, and the desk when they cover no NTB regency', () => {
    expect(officeOf({ level: 1, regencies: ['5203'] }, { homeRegency: '5201' })).toEqual({ level: 1, regency: '5203' });
    expect(officeOf({ level: 1, regencies: [] }, { homeRegency: '5201' })).toEqual({ level: 2 });
    expect(officeOf({ level: 1, regencies: ['outside'] }, { homeRegency: 'outside' })).toEqual({ level: 2 });
  });

  it('counts a case as held only when its holder is known, and names BP3MI\'s office when it waits there', () => {
    expect(caseHolder({ status: 'new', level: 1, homeRegency: '5203', assignee: 'gone' })).toEqual({ state: 'waiting', office: { level: 1, regency: '5203' } });
    expect(caseHolder({ status: 'new', level: 3, homeRegency: '5203' })).toEqual({ state: 'waiting', office: { level: 3 } });
  });

  it('is labelled in English too', () => {
    expect(officeLabel({ level: 2 }, 'en')).toBe('Province desk');
    expect(caseHolderLabel({ state: 'held', office: { level: 2 } }, 'en')).toBe('Handled by Province desk');
    expect(caseHolderLabel({ state: 'waiting', office: { level: 3 } }, 'en')).toBe('Waiting for BP3MI');
    expect(caseHolderLabel({ state: 'waiting_regency_unknown' }, 'en')).toBe('Waiting for the desk: regency not known yet');
  });
});

describe('when a case stopped being open, for its retention', () => {
  it('is its latest resolution or confirmation, either alone, else its last change', () => {
    expect(closedAtOf({ resolvedAt: '2026-01-02T00:00:00.000Z', confirmedAt: '2026-01-05T00:00:00.000Z', updatedAt: '2026-01-09T00:00:00.000Z' })).toBe('2026-01-05T00:00:00.000Z');
    expect(closedAtOf({ resolvedAt: '2026-01-07T00:00:00.000Z', updatedAt: '2026-01-09T00:00:00.000Z' })).toBe('2026-01-07T00:00:00.000Z');
    expect(closedAtOf({ confirmedAt: '2026-01-03T00:00:00.000Z', updatedAt: '2026-01-09T00:00:00.000Z' })).toBe('2026-01-03T00:00:00.000Z');
    expect(closedAtOf({ updatedAt: '2026-01-09T00:00:00.000Z' })).toBe('2026-01-09T00:00:00.000Z');
  });
});

describe('a phone number', () => {
  it('is refused with anything but digits, spaces and one leading plus', () => {
    for (const raw of ['x+60123456789', '+60123456789x', '60123456789+', '+601234567890123456', '12345']) expect(normalisePhone(raw), raw).toBeUndefined();
  });

  it('starting with 62 is international from eleven digits, a national number below', () => {
    expect(normalisePhone('62812345678')).toBe('+62812345678');
    expect(normalisePhone('628123456')).toBe('+62628123456');
  });

  it('is masked for officials, and hidden whole when too short to mask', () => {
    expect(maskPhone('+6281234567890')).toBe('+6281******890');
    expect(maskPhone('+12345678')).toBe('+1234*678');
    expect(maskPhone('+123456')).toBe('****');
  });

  it('is refused at a boundary with a message that does not repeat it', () => {
    const refused = PhoneNumber.safeParse('abc');
    expect(refused.error?.issues).toEqual([{ code: 'custom', message: 'Not a valid phone number', path: [] }]);
  });
});
