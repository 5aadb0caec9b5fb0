import { describe, expect, it } from 'vitest';
import { draftOf, needsDraft, replay, ussdScreen, type UssdStep } from '../../lib/ussd/menu.js';

const VALID_NIK = '5203014101900001';

function reply(step: UssdStep): string {
  if (step.kind !== 'reply') throw new Error(`expected a screen, got ${step.kind}`);
  return step.reply;
}

const screenOf = (text: string) => reply(ussdScreen({ text }));

describe('the USSD main menu', () => {
  it('opens in Bahasa Indonesia with the four choices', () => {
    const screen = screenOf('');
    expect(screen).toMatch(/^CON /);
    expect(screen).toContain('1 Lapor masalah');
    expect(screen).toContain('2 Cek status laporan');
    expect(screen).toContain('3 Info migrasi aman');
    expect(screen).toContain('4 Language/Bahasa');
    expect(screen).not.toContain('5 ');
  });

  it('switches to English when the person picks it, and keeps it for the rest of the session', () => {
    expect(screenOf('4*2')).toContain('1 Report a problem');
    expect(screenOf('4*2*1')).toContain('What happened?');
    expect(screenOf('4*2*1*1*1*1*1')).toContain("Worker's NIK");
  });

  it('switches back to Bahasa Indonesia', () => {
    expect(screenOf('4*2*4*1')).toContain('1 Lapor masalah');
  });
});

describe('the USSD report flow', () => {
  it('files a complete report when the person presses 1 on every screen', () => {
    const step = ussdScreen({ text: '1*1*1*1*1*1*1*1' });
    expect(step).toEqual({
      kind: 'file', language: 'id',
      report: { category: 'unpaid_wages', country: 'MY', reporterType: 'worker', homeRegency: '5201', smsUpdates: true },
    });
  });

  it('reaches the second page of categories and maps its choices', () => {
    expect(screenOf('1*7')).toContain('1 Meninggal dunia');
    const step = ussdScreen({ text: `1*7*5*8*3*11*${VALID_NIK}*2*1` });
    expect(step).toMatchObject({
      kind: 'file',
      report: { category: 'other', country: 'ID', reporterType: 'organisation', homeRegency: 'outside', nik: VALID_NIK, smsUpdates: false },
    });
  });

  it('maps every country choice to its code', () => {
    const countries = [1, 2, 3, 4, 5, 6, 7, 8].map((n) => {
      const step = ussdScreen({ text: `1*1*${n}*1*1*0*1*1` });
      return step.kind === 'file' ? step.report.country : undefined;
    });
    expect(countries).toEqual(['MY', 'SA', 'TW', 'HK', 'SG', 'BN', 'XX', 'ID']);
  });

  it('maps the family choice to reporter type family and the tenth regency to Kota Bima', () => {
    expect(ussdScreen({ text: '1*1*1*2*10*0*1*1' })).toMatchObject({ report: { reporterType: 'family', homeRegency: '5272' } });
  });

  it('shows a summary of the answers before sending', () => {
    const screen = screenOf('1*3*2*2*4*0*2');
    expect(screen).toContain('Kirim laporan?');
    expect(screen).toContain('Paspor/dokumen ditahan');
    expect(screen).toContain('Arab Saudi, Sumbawa');
    expect(screen).toContain('Pelapor: keluarga, tanpa NIK, tanpa SMS');
    expect(screen).toContain('1 Kirim');
  });

  it('offers a choice that sends no SMS at all', () => {
    expect(screenOf('1*1*1*1*1*0')).toContain('2 Tidak, jangan kirim SMS');
    expect(ussdScreen({ text: '1*1*1*1*1*0*2*1' })).toMatchObject({ kind: 'file', report: { smsUpdates: false } });
  });
});

describe('the NIK screen', () => {
  it('takes 0 as "skip", not as "back"', () => {
    expect(screenOf('1*1*1*1*1*0')).toContain('Boleh kirim SMS');
  });

  it('accepts a NIK typed with spaces or dots', () => {
    expect(ussdScreen({ text: '1*1*1*1*1*5203 0141 0190 0001*1*1' })).toMatchObject({ report: { nik: VALID_NIK } });
  });

  it('refuses a NIK with an impossible birth date and says so', () => {
    const screen = screenOf('1*1*1*1*1*5203013201900001');
    expect(screen).toMatch(/^CON NIK salah\.\n/);
    expect(screen).toContain('NIK pekerja');
  });

  it('still goes to the main menu on 00', () => {
    expect(screenOf('1*1*1*1*1*00')).toContain('1 Lapor masalah');
  });
});

describe('USSD navigation', () => {
  it('goes back one screen on 0 and keeps the earlier answers', () => {
    expect(screenOf('1*1*1*0')).toContain('Pekerja sekarang di mana?');
    expect(ussdScreen({ text: '1*1*1*0*2*1*1*0*1*1' })).toMatchObject({ report: { category: 'unpaid_wages', country: 'SA' } });
  });

  it('goes back from the second category page to the first', () => {
    expect(screenOf('1*7*0')).toContain('1 Gaji tidak dibayar');
  });

  it('goes to the main menu on 00 and drops the report answers', () => {
    expect(screenOf('1*1*1*00')).toContain('1 Lapor masalah');
    expect(ussdScreen({ text: '1*3*00*1*1*1*1*1*0*1*1' })).toMatchObject({ report: { category: 'unpaid_wages' } });
  });

  it('shows the same screen with a hint after a wrong input, and drops that input', () => {
    const screen = screenOf('1*99');
    expect(screen).toMatch(/^CON Pilihan salah\.\nMasalah apa\?/);
    expect(ussdScreen({ text: '1*99*1*x*1*1*1*0*1*1' })).toMatchObject({ kind: 'file', report: { category: 'unpaid_wages', country: 'MY' } });
  });

  it('treats an empty input as wrong', () => {
    expect(screenOf('1*')).toMatch(/^CON Pilihan salah\./);
    expect(screenOf('**')).toMatch(/^CON Pilihan salah\.\nHotline PMI NTB/);
  });

  it('clears the hint once the next input is right', () => {
    expect(screenOf('9*1')).toMatch(/^CON Masalah apa\?/);
  });

  it('does not take leading zeros or signs as choices', () => {
    expect(screenOf('01')).toMatch(/^CON Pilihan salah/);
    expect(screenOf('+1')).toMatch(/^CON Pilihan salah/);
  });
});

describe('the USSD status check', () => {
  it('asks for the reference and accepts it with or without the dash, in any case', () => {
    expect(screenOf('2')).toContain('kode laporan');
    for (const typed of ['ABC-234', 'abc234', 'Abc 234', 'abc-234#']) {
      expect(ussdScreen({ text: `2*${typed}` })).toEqual({ kind: 'status', language: 'id', reference: 'ABC-234' });
    }
  });

  it('refuses text that cannot be a reference without looking anything up', () => {
    expect(screenOf('2*ABC-230')).toMatch(/^CON Kode salah\./);
    expect(screenOf('2*12')).toMatch(/^CON Kode salah\./);
  });
});

describe('the safe migration information', () => {
  it('lists the official hotlines', () => {
    const screen = screenOf('3*1');
    for (const number of ['0800-1000', '+62 21 2924 4800', '0811-8080-141', '1708']) expect(screen).toContain(number);
  });

  it('explains how to check an agency, the legal steps and the broker warning', () => {
    expect(screenOf('3*2')).toMatch(/P3MI.*berizin KP2MI/s);
    expect(screenOf('3*3')).toContain('Berangkat resmi');
    expect(screenOf('3*4')).toContain('calo');
    expect(screenOf('4*2*3*4')).toContain('brokers');
  });
});

describe('final steps', () => {
  it('ignores anything typed after the report was sent', () => {
    expect(ussdScreen({ text: '1*1*1*1*1*1*1*1*00*2' })).toMatchObject({ kind: 'file' });
  });
});

describe('resuming an interrupted report', () => {
  const draft = { text: '1*3*2', language: 'id' as const };

  it('needs the draft only on the first screen and in a session that chose to resume', () => {
    expect(needsDraft('')).toBe(true);
    expect(needsDraft('5')).toBe(true);
    expect(needsDraft('5*1*2')).toBe(true);
    expect(needsDraft('1')).toBe(false);
    expect(needsDraft('1*5')).toBe(false);
    expect(needsDraft('2*5')).toBe(false);
  });

  it('offers to continue on the first screen when a draft exists', () => {
    expect(reply(ussdScreen({ text: '', draft }))).toContain('5 Lanjutkan laporan tadi');
  });

  it('does not offer a draft that has no report answers in it', () => {
    expect(reply(ussdScreen({ text: '', draft: { text: '3*1', language: 'id' } }))).not.toContain('5 ');
  });

  it('continues on the screen where the draft stopped', () => {
    expect(reply(ussdScreen({ text: '5', draft }))).toContain('Siapa yang melapor?');
  });

  it('combines the draft with the new inputs into one report', () => {
    expect(ussdScreen({ text: '5*2*4*0*1*1', draft })).toEqual({
      kind: 'file', language: 'id',
      report: { category: 'documents_held', country: 'SA', reporterType: 'family', homeRegency: '5204', smsUpdates: true },
    });
  });

  it('resumes in the language of the draft', () => {
    expect(reply(ussdScreen({ text: '5', draft: { text: '1*1', language: 'en' } }))).toContain('Where is the worker now?');
  });

  it('lets the person go back into the answers of the draft', () => {
    expect(reply(ussdScreen({ text: '5*0', draft }))).toContain('Pekerja sekarang di mana?');
  });

  it('treats 5 as a wrong choice when there is no draft', () => {
    expect(screenOf('5')).toMatch(/^CON Pilihan salah\.\nHotline PMI NTB/);
  });

  it('starts a new report on 1 even when a draft exists', () => {
    expect(ussdScreen({ text: '1*1*1*1*1*1*1*1', draft })).toMatchObject({ report: { category: 'unpaid_wages' } });
  });
});

describe('drafts', () => {
  it('keep only the accepted inputs and the language', () => {
    expect(draftOf(replay({ text: '4*2*1*x*3*2*0*1' }))).toEqual({ text: '1*3*1', language: 'en' });
  });

  it('keep the NIK skip as an answer', () => {
    expect(draftOf(replay({ text: '1*1*1*1*1*0' }))).toEqual({ text: '1*1*1*1*1*0', language: 'id' });
  });

  it('are not kept outside the report flow or once the report was sent', () => {
    expect(draftOf(replay({ text: '' }))).toBeUndefined();
    expect(draftOf(replay({ text: '1' }))).toBeUndefined();
    expect(draftOf(replay({ text: '3*1' }))).toBeUndefined();
    expect(draftOf(replay({ text: '2' }))).toBeUndefined();
    expect(draftOf(replay({ text: '1*1*1*1*1*1*1*1' }))).toBeUndefined();
  });

  it('of a resumed session include the earlier draft', () => {
    expect(draftOf(replay({ text: '5*1*2', draft: { text: '1*3', language: 'id' } }))).toEqual({ text: '1*3*1*2', language: 'id' });
  });
});
