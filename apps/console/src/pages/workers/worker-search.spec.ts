import { placeSearch, readSearch } from './worker-search';

/** Siti, of Banjarbaru, born 1 August 1995: 40 is added to a woman's day of birth. */
const SITI = '6372024108950001';

describe('a search of the Pekerja page', () => {
  it('reads 16 digits, written with or without separators, as a NIK', () => {
    expect(readSearch(SITI)).toEqual({ kind: 'nik', nik: SITI });
    expect(readSearch('6372 0241 0895 0001')).toEqual({ kind: 'nik', nik: SITI });
    expect(readSearch('6372.024108.95-0001')).toEqual({ kind: 'nik', nik: SITI });
  });

  it('reads digits short of (or past) a NIK as a partial NIK, counting them', () => {
    expect(readSearch('637202410895')).toEqual({ kind: 'partialNik', count: 12 });
    expect(readSearch(`${SITI}9`)).toEqual({ kind: 'partialNik', count: 17 });
  });

  it('reads anything else, nothing included, as part of a name', () => {
    expect(readSearch('Siti Rahma')).toEqual({ kind: 'name', name: 'Siti Rahma' });
    expect(readSearch('Siti 6372')).toEqual({ kind: 'name', name: 'Siti 6372' });
    expect(readSearch('')).toEqual({ kind: 'name', name: '' });
  });
});

describe('where a search is kept', () => {
  it('keeps a name, trimmed, in ?q=', () => {
    expect(placeSearch('  Siti Rahma ')).toEqual({ q: 'Siti Rahma', nik: '' });
  });

  it('puts nothing in ?q= for an empty search', () => {
    expect(placeSearch('   ')).toEqual({ q: undefined, nik: '' });
  });

  it('never puts a NIK in the address, however it is written', () => {
    expect(placeSearch(SITI)).toEqual({ q: undefined, nik: SITI });
    expect(placeSearch(' 6372 0241 0895 0001 ')).toEqual({ q: undefined, nik: '6372 0241 0895 0001' });
  });

  it('keeps the first digits of a NIK out of the address too', () => {
    expect(placeSearch('637202410895')).toEqual({ q: undefined, nik: '637202410895' });
  });
});
