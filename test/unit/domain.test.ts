import { describe, expect, it } from 'vitest';
import { newReference, normaliseReference, newCaseId, REFERENCE_ALPHABET } from '../../lib/domain/reference.js';
import { normalisePhone, maskPhone } from '../../lib/domain/phone.js';
import { checkNik, maskNik } from '../../lib/domain/nik.js';
import { CATEGORIES, guessCategory, urgencyOf } from '../../lib/domain/categories.js';
import { recipientsFor, covers } from '../../lib/domain/routing.js';
import { countryOfPhone } from '../../lib/domain/regions.js';
import { DEMO_OFFICIALS } from '../../lib/local/demo-directory.js';
import type { Official } from '../../lib/domain/official.js';

const directory: Official[] = DEMO_OFFICIALS.map(({ demoPin: _p, ...o }) => ({ ...o, failedPins: 0, locked: false }));

describe('case references', () => {
  it('are three and three characters from the alphabet without look-alikes', () => {
    for (let i = 0; i < 500; i++) {
      const ref = newReference();
      expect(ref).toMatch(/^[23456789ABCDEFGHJKMNPQRSTUVWXYZ]{3}-[23456789ABCDEFGHJKMNPQRSTUVWXYZ]{3}$/);
    }
    expect(REFERENCE_ALPHABET).not.toMatch(/[01ILO]/);
  });

  it('are read back with or without the dash, in any case, with spaces', () => {
    expect(normaliseReference('abc234')).toBe('ABC-234');
    expect(normaliseReference(' Abc-234 ')).toBe('ABC-234');
    expect(normaliseReference('abc 234')).toBe('ABC-234');
  });

  it('reject text that cannot be a reference', () => {
    expect(normaliseReference('ABC-1O3')).toBeUndefined();
    expect(normaliseReference('ABCD-234')).toBeUndefined();
    expect(normaliseReference('')).toBeUndefined();
  });

  it('keep internal case ids at 128 random bits', () => {
    const id = newCaseId();
    expect(Buffer.from(id, 'base64url')).toHaveLength(16);
    expect(newCaseId()).not.toBe(id);
  });
});

describe('phone numbers', () => {
  it('normalise Indonesian local, 62 and international forms to E.164', () => {
    expect(normalisePhone('0812-3456-7890')).toBe('+6281234567890');
    expect(normalisePhone('6281234567890')).toBe('+6281234567890');
    expect(normalisePhone('+62 812 3456 7890')).toBe('+6281234567890');
  });

  it('accept host-country SIMs of workers abroad', () => {
    expect(normalisePhone('+60123456789')).toBe('+60123456789');
    expect(normalisePhone('+886912345678')).toBe('+886912345678');
    expect(normalisePhone('+966501234567')).toBe('+966501234567');
    expect(countryOfPhone('+60123456789')).toBe('MY');
  });

  it('reject text, short codes and impossible numbers', () => {
    expect(normalisePhone('hello')).toBeUndefined();
    expect(normalisePhone('1708')).toBeUndefined();
    expect(normalisePhone('+6200000')).toBeUndefined();
  });

  it('mask all but the country prefix and last digits', () => {
    expect(maskPhone('+6281234567890')).toBe('+6281******890');
  });
});

describe('NIK', () => {
  it('accepts a well-formed NIK and finds its NTB regency', () => {
    expect(checkNik('5203014507900001')).toEqual({ ok: true, nik: '5203014507900001', province: '52', regency: '5203' });
  });

  it('accepts women\'s birth days (day + 40)', () => {
    expect(checkNik('5203017112900001').ok).toBe(true);
  });

  it('names what is wrong: length, region, birth date', () => {
    expect(checkNik('52030145079000')).toEqual({ ok: false, problem: 'format' });
    expect(checkNik('9903014507900001')).toEqual({ ok: false, problem: 'region' });
    expect(checkNik('5203019913900001')).toEqual({ ok: false, problem: 'birth_date' });
    expect(checkNik('5203013102900001')).toEqual({ ok: false, problem: 'birth_date' });
  });

  it('is masked to region and serial for officials', () => {
    expect(maskNik('5203014507900001')).toBe('5203********0001');
  });
});

describe('categories', () => {
  it('are guessed from the words workers use', () => {
    expect(guessCategory('gaji tidak dibayar 3 bulan')).toBe('unpaid_wages');
    expect(guessCategory('Paspor saya ditahan majikan')).toBe('documents_held');
    expect(guessCategory('saya mau pulang')).toBe('wants_to_go_home');
    expect(guessCategory('berangkat lewat calo, gaji dipotong')).toBe('trafficking');
    expect(guessCategory('suami saya meninggal di Malaysia')).toBe('death');
    expect(guessCategory('my employer beat me')).toBe('violence_abuse');
    expect(guessCategory('halo')).toBe('other');
  });

  it('carry the urgency the hotline promises', () => {
    const urgent = CATEGORIES.filter((c) => urgencyOf(c) === 'urgent');
    expect(urgent.sort()).toEqual(['death', 'detained_deported', 'illness_accident', 'trafficking', 'violence_abuse']);
    expect(urgencyOf('unpaid_wages')).toBe('high');
    expect(urgencyOf('other')).toBe('normal');
  });
});

describe('alert routing', () => {
  it('sends a normal case to its regency office only', () => {
    const ids = recipientsFor({ homeRegency: '5203', category: 'job_fraud', urgency: 'normal' }, 1, directory).map((o) => o.id);
    expect(ids).toEqual(['kab-5203']);
  });

  it('adds the province desk for urgent cases', () => {
    const ids = recipientsFor({ homeRegency: '5203', category: 'death', urgency: 'urgent' }, 1, directory).map((o) => o.id);
    expect(ids).toEqual(['kab-5203', 'prov-ntb']);
  });

  it('sends a case from an unknown regency to the province desk', () => {
    const ids = recipientsFor({ homeRegency: 'unknown', category: 'unpaid_wages', urgency: 'high' }, 1, directory).map((o) => o.id);
    expect(ids).toEqual(['prov-ntb']);
  });

  it('climbs to BP3MI at level 3 and skips inactive officials', () => {
    expect(recipientsFor({ homeRegency: '5201', category: 'other', urgency: 'normal' }, 3, directory).map((o) => o.id)).toEqual(['bp3mi-ntb']);
    const without = directory.map((o) => (o.id === 'kab-5201' ? { ...o, active: false } : o));
    expect(recipientsFor({ homeRegency: '5201', category: 'other', urgency: 'normal' }, 1, without).map((o) => o.id)).toEqual(['prov-ntb']);
  });

  it('lets a regency official act only on cases of their regency', () => {
    const lombokTimur = directory.find((o) => o.id === 'kab-5203')!;
    expect(covers(lombokTimur, { homeRegency: '5203', category: 'other' })).toBe(true);
    expect(covers(lombokTimur, { homeRegency: '5201', category: 'other' })).toBe(false);
  });
});
