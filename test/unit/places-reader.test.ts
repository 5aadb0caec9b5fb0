import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readPlaces, readRegencyAnswer } from '../../lib/domain/places/read-places.js';
import { REGENCY_CHOICES } from '../../lib/domain/places/names.js';
import { REGENCY_CODES } from '../../lib/domain/regions.js';

const regencyOf = (text: string) => readPlaces(text).regency.regency;
const countryOf = (text: string) => readPlaces(text).country.country;

describe('reading the home regency from a report text', () => {
  it('reads the short forms people write, and tells kab Bima from kota Bima and Sumbawa from Sumbawa Barat', () => {
    expect(regencyOf('sy dr Lobar')).toBe('5201');
    expect(regencyOf('sy dr Loteng')).toBe('5202');
    expect(regencyOf('sy dr Lotim')).toBe('5203');
    expect(regencyOf('asal KLU')).toBe('5208');
    expect(regencyOf('asal KSB')).toBe('5207');
    expect(regencyOf('dari kab Bima')).toBe('5206');
    expect(regencyOf('dari kota Bima')).toBe('5272');
    expect(regencyOf('dari Sumbawa')).toBe('5204');
    expect(regencyOf('dari Sumbawa Besar')).toBe('5204');
    expect(regencyOf('dari Sumbawa Barat')).toBe('5207');
    expect(regencyOf('dari Mataram')).toBe('5271');
  });

  it('counts a name that is also a word only where the text makes it a place', () => {
    for (const [word, regency] of [['Alas', '5204'], ['Tanjung', '5208'], ['Lembar', '5201'], ['Empang', '5204'], ['Kempo', '5205']] as const) {
      expect(regencyOf(`sy kerja, ${word} nya rusak semua`), word).toBe('unknown');
      expect(regencyOf(`saya dari ${word}`), word).toBe(regency);
      expect(regencyOf(`asal kec ${word}`), word).toBe(regency);
    }
    // "Tanjung Priok" is Jakarta's port, not kecamatan Tanjung; Kediri is first a city in Java.
    expect(regencyOf('saya dari Tanjung Priok')).toBe('unknown');
    expect(regencyOf('saya dari Kediri')).toBe('unknown');
    expect(regencyOf('saya dari kec Kediri')).toBe('5201');
  });

  it('leaves the regency unknown when two are named, and says which words disagreed', () => {
    const read = readPlaces('saya dari Lotim, suami dari Loteng').regency;
    expect(read).toEqual({ regency: 'unknown', because: 'two', mentions: [{ words: 'Lotim', as: 'Lombok Timur' }, { words: 'Loteng', as: 'Lombok Tengah' }] });
  });

  it('leaves a name that fits several regencies unknown unless another name beside it decides', () => {
    expect(readPlaces('saya dari Bima').regency.because).toBe('ambiguous');
    expect(readPlaces('saya dari Lombok').regency.because).toBe('ambiguous');
    expect(regencyOf('saya dari Bima, kec Sape')).toBe('5206');
    expect(regencyOf('desa Kuta, Loteng')).toBe('5202');
    // A word that is also a village does not narrow a name it does not stand beside.
    expect(regencyOf('saya dari Bima, gaji baru dibayar sedikit, sari pati')).toBe('unknown');
  });

  it('records the words it read and what it read them as', () => {
    expect(readPlaces('Tiang asal desa Rempung, Lotim').regency).toEqual({
      regency: '5203', because: 'named',
      mentions: [{ words: 'Rempung', as: 'desa Rempung (52.03.12.2001)' }, { words: 'Lotim', as: 'Lombok Timur' }],
    });
  });

  it('does not take an office or a company for a home', () => {
    expect(regencyOf('sudah lapor ke BP3MI Mataram')).toBe('unknown');
    expect(regencyOf('PT Lombok Timur Jaya tahan paspor')).toBe('unknown');
  });
});

describe('reading the country from a report text', () => {
  it('reads the destinations as DOMAIN.md lists them', () => {
    for (const [text, country] of [
      ['di Riyadh', 'SA'], ['di Jeddah', 'SA'], ['di Dammam', 'SA'], ['di Mekkah', 'SA'], ['di Arab', 'SA'], ['di Saudi', 'SA'],
      ['di Johor', 'MY'], ['di Sabah', 'MY'], ['di Sarawak', 'MY'], ['di KL', 'MY'], ['di Kuala Lumpur', 'MY'], ['di Penang', 'MY'], ['di Selangor', 'MY'],
      ['di HK', 'HK'], ['di Hongkong', 'HK'], ['di Taipei', 'TW'], ['di Taichung', 'TW'], ['di Kaohsiung', 'TW'],
      ['di Singapura', 'SG'], ['di Brunei', 'BN'], ['di Jepang', 'JP'], ['di Korea', 'KR'], ['di Dubai', 'AE'],
    ] as const) expect(countryOf(`saya ${text}, gaji tidak dibayar`), text).toBe(country);
  });

  it('reads the worker\'s country from a family writing at home', () => {
    expect(countryOf('anak saya di Malaysia tidak ada kabar, kami di Lotim')).toBe('MY');
  });

  it('never guesses between two countries, and a transit is not where the worker is', () => {
    expect(readPlaces('dulu di Malaysia sekarang di Arab').country).toMatchObject({ country: 'unknown', because: 'two' });
    expect(countryOf('Johor, Malaysia')).toBe('MY');
    expect(countryOf('transit di Dubai, sekarang di Riyadh')).toBe('SA');
  });
});

describe('reading the answer to "Asal kabupaten/kota?"', () => {
  it('takes the number of the list, the name or the short form', () => {
    REGENCY_CHOICES.forEach(([code], i) => expect(readRegencyAnswer(`${i + 1}`).regency).toBe(code));
    expect(readRegencyAnswer(' 3. ').regency).toBe('5203');
    expect(readRegencyAnswer('no 10').regency).toBe('5272');
    expect(readRegencyAnswer('lotim').regency).toBe('5203');
    expect(readRegencyAnswer('Lombok Timur').regency).toBe('5203');
    expect(readRegencyAnswer('3 Lotim').regency).toBe('5203');
    // As an answer a word that is also a place name is the place.
    expect(readRegencyAnswer('Alas').regency).toBe('5204');
  });

  it('takes no number outside the list, no number that disagrees with the name, and no sentence with a number in it', () => {
    expect(readRegencyAnswer('11').regency).toBe('unknown');
    expect(readRegencyAnswer('0').regency).toBe('unknown');
    expect(readRegencyAnswer('3 Lobar')).toMatchObject({ regency: 'unknown', because: 'two' });
    expect(readRegencyAnswer('3 bulan gaji belum dibayar').regency).toBe('unknown');
    expect(readRegencyAnswer('Bima').regency).toBe('unknown');
  });
});

describe('the reader on any input', () => {
  it('never throws and answers a regency, a country or unknown', () => {
    const regencies = new Set<string>([...REGENCY_CODES, 'unknown']);
    fc.assert(fc.property(fc.string({ maxLength: 400 }), (text) => {
      const read = readPlaces(text);
      expect(regencies.has(read.regency.regency)).toBe(true);
      expect(regencies.has(readRegencyAnswer(text).regency)).toBe(true);
      expect(typeof read.country.country).toBe('string');
    }), { numRuns: 2000 });
  });
});
