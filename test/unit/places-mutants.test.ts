import { describe, expect, it } from 'vitest';
import { readPlaces, readRegencyAnswer, type RegencyReading } from '../../lib/domain/places/read-places.js';
import { PLACE_REPORTS } from './fixtures/place-reports.js';

/**
 * The place reader (lib/domain/places/read-places.ts) at the edges a mutation run (issue 24) found
 * untested: what each kind of name is read as, the misspelling rule, how far a cue reaches, which
 * name narrows which, and the exact readings (mentions included) the console shows.
 *
 * The first test reads every kind of name the index holds. The index is built on the first reading
 * and kept, so in a mutation run only the first test of a file that reads a place covers how it is
 * built: that test must tell every kind of entry apart.
 */
const regencyReading = (text: string) => readPlaces(text).regency;
const named = (regency: RegencyReading['regency'], ...mentions: Array<[string, string]>): RegencyReading =>
  ({ regency, because: 'named', mentions: mentions.map(([words, as]) => ({ words, as })) } as RegencyReading);
const unknown = (because: 'none' | 'two' | 'ambiguous', ...mentions: Array<[string, string]>): RegencyReading =>
  ({ regency: 'unknown', because, mentions: mentions.map(([words, as]) => ({ words, as })) });

describe('the place reader, kind by kind and edge by edge', () => {
  it('reads every kind of name it knows as exactly what it is, with its code', () => {
    const expected: Array<[string, RegencyReading]> = [
      // Regencies, one or several.
      ['dari kab Bima', named('5206', ['kab Bima', 'Bima'])],
      ['saya dari Bima', unknown('ambiguous', ['Bima', 'Bima atau Kota Bima'])],
      ['dari Lotim dan Lombok Timur', named('5203', ['Lotim', 'Lombok Timur'], ['Lombok Timur', 'Lombok Timur'])],
      // Broad names never decide.
      ['dari Lombok', unknown('ambiguous', ['Lombok', 'pulau Lombok'])],
      ['dari NTB', unknown('ambiguous', ['NTB', 'NTB'])],
      // Kecamatan, written apart or together, and the desa of the same name.
      ['dari Gerung', named('5201', ['Gerung', 'kecamatan Gerung (52.01.01)'])],
      ['dari Sakra Timur', named('5203', ['Sakra Timur', 'kecamatan Sakra Timur (52.03.18)'])],
      ['dari Sakratimur', named('5203', ['Sakratimur', 'kecamatan Sakra Timur (52.03.18)'])],
      ['dari Pringgabaya', named('5203', ['Pringgabaya', 'kecamatan Pringgabaya (52.03.08); desa Pringgabaya (52.03.08.2006)'])],
      // A kelurahan (village code 1xxx) is called one; a desa (2xxx) a desa.
      ['dari Praya', named('5202', ['Praya', 'kecamatan Praya (52.02.01); kelurahan Praya (52.02.01.1001)'])],
      ['asal desa Gerung Utara', named('5201', ['Gerung Utara', 'kelurahan Gerung Utara (52.01.01.1001)'])],
      ['dari desa Adu', named('5205', ['Adu', 'desa Adu (52.05.03.2004)'])],
      // A village needs a cue; a kecamatan of four letters or more does not, one of three does.
      ['Leneng', unknown('none')],
      ['dari Leneng', named('5202', ['Leneng', 'kelurahan Leneng (52.02.01.1002)'])],
      ['Rhee', named('5204', ['Rhee', 'kecamatan Rhee (52.04.21)'])],
      ["Hu'u", unknown('none')],
      ['dari Hu’u', named('5205', ['Hu’u', "kecamatan Hu'u (52.05.03)"])],
      // A village of three letters, or a name better known elsewhere, only after "desa"/"kec".
      ['dari Adu', unknown('none')],
      ['Kediri', unknown('none')],
      ['saya dari Kediri', unknown('none')],
      ['dari kec Kediri', named('5201', ['Kediri', 'kecamatan Kediri (52.01.02)'])],
      ['dari kel Kuta', unknown('ambiguous', ['Kuta', 'desa Kuta (52.02.04.2009); desa Kuta (52.06.16.2003); desa Kuta (52.06.17.2002)'])],
      // A place outside NTB is read (and so not taken for the NTB name inside it), but is no home regency.
      ['dari Tanjung Priok', unknown('none')],
      ['Tanjung Priok dari Lotim', named('5203', ['Lotim', 'Lombok Timur'])],
      // A country is no regency.
      ['di Malaysia', unknown('none')],
      // One letter wrong in a long kecamatan name, after a cue.
      ['dari Pringgbaya ke Malaysia', named('5203', ['Pringgbaya', 'kecamatan Pringgabaya (52.03.08)'])],
      ['dari Sakta', named('5203', ['Sakta', 'kecamatan Sakra (52.03.02)'])],
      ['dari Skara', named('5203', ['Skara', 'kecamatan Sakra (52.03.02)'])],
      // Not for a name that is also a word or better known elsewhere, one of two words, or two letters off.
      ['dari Lembr', unknown('none')],
      ['dari Kedri', unknown('none')],
      ['dari Sakratimr', unknown('none')],
      ['dari Sbara', unknown('none')],
      ['dari Skbra', unknown('none')],
      ['dari Skaxa', unknown('none')],
      // A kecamatan name of four letters is not matched with one letter wrong.
      ['dari Rheee', unknown('none')],
      // A kecamatan of two words that is also a word needs a cue as a whole.
      ['Alas Barat rusak', unknown('none')],
      ['dari Alas Barat', named('5204', ['Alas Barat', 'kecamatan Alas Barat (52.04.17)'])],
      // A stray apostrophe is no word between the cue and the name.
      ["dari ' Alas", named('5204', ['Alas', 'kecamatan Alas (52.04.05)'])],
      // After "kec" a regency of the same name stays beside the kecamatan; a name with no kecamatan
      // of that name keeps its village; after "desa" the village wins over a kecamatan elsewhere.
      ['dari kec Sumbawa', named('5204', ['Sumbawa', 'Sumbawa; kecamatan Sumbawa (52.04.08)'])],
      ['kec Leneng', named('5202', ['Leneng', 'kelurahan Leneng (52.02.01.1002)'])],
      ['dari desa Brang Rea', named('5204', ['Brang Rea', 'desa Brang Rea (52.04.10.2012)'])],
      // An area cue before a place outside NTB makes it no NTB place.
      ['desa Tanjung Priok', unknown('none')],
      // Once one regency is decided, a word that fits it is not listed as read.
      ['Alas, Sumbawa', named('5204', ['Sumbawa', 'Sumbawa; kecamatan Sumbawa (52.04.08)'])],
      // A name narrows a name it stands beside, even when another like it stands far away.
      ['Lombok a b c d e dari Lombok Kuta', named('5202', ['Lombok', 'pulau Lombok'], ['Lombok', 'pulau Lombok'], ['Kuta', 'desa Kuta (52.02.04.2009)'])],
    ];
    for (const [text, reading] of expected) expect(regencyReading(text), text).toEqual(reading);
    expect(readPlaces('di Malaysia').country).toEqual({ country: 'MY', because: 'named', mentions: [{ words: 'Malaysia', as: 'Malaysia' }] });
    expect(readPlaces('dari Tanjung Priok').country).toEqual({ country: 'unknown', because: 'none', mentions: [] });
    expect(readPlaces('di Arab').country).toEqual({ country: 'SA', because: 'named', mentions: [{ words: 'Arab', as: 'Arab Saudi' }] });
  });

  it('reads every corpus text that names a regency as that regency, but one it leaves unknown', () => {
    const misread = PLACE_REPORTS
      .filter((r) => r.regency !== 'unknown')
      .map((r) => ({ text: r.text, expected: r.regency, read: readPlaces(r.text).regency.regency }))
      .filter((r) => r.read !== r.expected);
    expect(misread.length).toBe(1);
    expect(misread[0]!.read).toBe('unknown');
    const countries = PLACE_REPORTS.filter((r) => readPlaces(r.text).country.country !== r.country);
    expect(countries.map((r) => r.text)).toEqual([]);
  });

  it('takes a long kecamatan name with one letter changed, dropped, added or two swapped, after a cue, and nothing further off', () => {
    for (const typo of ['Pringgabaja', 'Pringgaaya', 'Pringgabayaa', 'Pringgabyaa', 'Pringgabay', 'Sakta', 'Skara']) {
      expect(regencyReading(`dari ${typo}`).regency, typo).toBe('5203');
    }
    // Two letters off, two too many, the first letter wrong, digits in the word, too short, no cue.
    for (const text of ['dari Pringgabjja', 'dari Pringgabayaaa', 'dari Xringgabaya', 'dari Pringgabaya2', 'dari Sakr', 'Pringgabaja rusak']) {
      expect(regencyReading(text).regency, text).toBe('unknown');
    }
  });

  it('looks for a cue at most four words before a name, across fillers only, the nearest area cue deciding the kind', () => {
    expect(regencyReading('dari sy anak kami Alas').regency).toBe('5204');
    expect(regencyReading('dari sy anak kami dia Alas').regency).toBe('unknown');
    expect(regencyReading('kec sy anak kami Kediri').regency).toBe('5201');
    expect(regencyReading('kec sy anak kami dia Kediri').regency).toBe('unknown');
    expect(regencyReading('dari rumah Alas').regency).toBe('unknown');
    // Brang Rea is a kecamatan of Sumbawa Barat and a desa of Sumbawa.
    expect(regencyReading('dari Brang Rea')).toEqual(unknown('ambiguous', ['Brang Rea', 'desa Brang Rea (52.04.10.2012); kecamatan Brang Rea (52.07.05)']));
    expect(regencyReading('dari kec Brang Rea')).toEqual(named('5207', ['Brang Rea', 'kecamatan Brang Rea (52.07.05)']));
    expect(regencyReading('dari desa Brang Rea')).toEqual(named('5204', ['Brang Rea', 'desa Brang Rea (52.04.10.2012)']));
    expect(regencyReading('desa kec Brang Rea').regency).toBe('5207');
    expect(regencyReading('kec desa Brang Rea').regency).toBe('5204');
    expect(regencyReading('asal kec Tambora').regency).toBe('5206');
    expect(regencyReading('asal desa Tambora').regency).toBe('5205');
  });

  it('lets a name that cannot decide narrow one at most two words away, on either side, and lists the names used in text order', () => {
    const kutaAndLombok = named('5202', ['Lombok', 'pulau Lombok'], ['Kuta', 'desa Kuta (52.02.04.2009)']);
    expect(regencyReading('dari Lombok Kuta')).toEqual(kutaAndLombok);
    expect(regencyReading('dari Lombok a b Kuta')).toEqual(kutaAndLombok);
    expect(regencyReading('dari Lombok a b c Kuta')).toEqual(unknown('ambiguous', ['Lombok', 'pulau Lombok']));
    expect(regencyReading('Kuta a dari Lombok')).toEqual(named('5202', ['Kuta', 'desa Kuta (52.02.04.2009)'], ['Lombok', 'pulau Lombok']));
    expect(regencyReading('Kuta a b dari Lombok')).toEqual(unknown('ambiguous', ['Lombok', 'pulau Lombok']));
    // Once one name decides, nothing else is listed.
    expect(regencyReading('dari Lombok, Kuta, Lotim')).toEqual(named('5203', ['Lombok', 'pulau Lombok'], ['Lotim', 'Lombok Timur']));
  });

  it('counts a country named twice once, and a stop on the way only when one or two words before it say so', () => {
    expect(readPlaces('dari Malaysia pulang, Malaysia').country)
      .toEqual({ country: 'MY', because: 'named', mentions: [{ words: 'Malaysia', as: 'Malaysia' }, { words: 'Malaysia', as: 'Malaysia' }] });
    expect(readPlaces('transit di Dubai').country).toEqual({ country: 'unknown', because: 'none', mentions: [] });
    expect(readPlaces('transit lama di Dubai').country.country).toBe('AE');
    expect(readPlaces('lewat Dubai ke Riyadh').country).toEqual({ country: 'SA', because: 'named', mentions: [{ words: 'Riyadh', as: 'Arab Saudi' }] });
    expect(readPlaces('dulu di Malaysia sekarang di Arab').country).toEqual({
      country: 'unknown', because: 'two', mentions: [{ words: 'Malaysia', as: 'Malaysia' }, { words: 'Arab', as: 'Arab Saudi' }],
    });
  });
});

describe('the answer to "Asal kabupaten/kota?", exactly', () => {
  it('records the number as what it chose, alone or with a name that agrees', () => {
    expect(readRegencyAnswer(' 3 ')).toEqual(named('5203', ['3', 'nomor 3: Lombok Timur']));
    expect(readRegencyAnswer('nomor 3')).toEqual(named('5203', ['3', 'nomor 3: Lombok Timur']));
    expect(readRegencyAnswer('3. Lotim')).toEqual(named('5203', ['3', 'nomor 3: Lombok Timur'], ['Lotim', 'Lombok Timur']));
    expect(readRegencyAnswer('3 Lobar')).toEqual(unknown('two', ['3', 'nomor 3: Lombok Timur'], ['Lobar', 'Lombok Barat']));
    // A number after the name is no choice from the list.
    expect(readRegencyAnswer('Lotim 3')).toEqual(named('5203', ['Lotim', 'Lombok Timur']));
  });

  it('takes a number only at the start of the answer, and nothing for a number outside the list or before words that name no place', () => {
    expect(readRegencyAnswer('11')).toEqual(unknown('none'));
    expect(readRegencyAnswer('3 bulan gaji belum dibayar')).toEqual(unknown('none'));
    expect(readRegencyAnswer('gaji 3 bulan belum dibayar')).toEqual(unknown('none'));
    expect(readRegencyAnswer('3x')).toEqual(unknown('none'));
  });

  it('reads up to four words as the name of a place, and a longer answer as any report', () => {
    const alas = named('5204', ['Alas', 'kecamatan Alas (52.04.05)']);
    expect(readRegencyAnswer('Alas kami di sana')).toEqual(alas);
    // Spaces around and between the words do not count as words.
    expect(readRegencyAnswer(' Alas  kami  di  sana ')).toEqual(alas);
    expect(readRegencyAnswer('Alas kami di sana dulu')).toEqual(unknown('none'));
  });
});
