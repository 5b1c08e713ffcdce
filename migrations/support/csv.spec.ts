import { readFileSync } from 'node:fs';

import { parseCsv } from './csv.js';

describe('parseCsv', () => {
  it('maps each record to the header names', () => {
    expect(parseCsv('code,name\n11,Aceh\n12,Sumatera Utara\n')).toEqual([
      { code: '11', name: 'Aceh' },
      { code: '12', name: 'Sumatera Utara' },
    ]);
  });

  it('keeps values as strings, leading zeros included', () => {
    expect(parseCsv('code,count\n0101,007\n')).toEqual([{ code: '0101', count: '007' }]);
  });

  it('reads the last record without a trailing line break', () => {
    expect(parseCsv('code,name\nID,Indonesia')).toEqual([{ code: 'ID', name: 'Indonesia' }]);
  });

  it('accepts CRLF line breaks', () => {
    expect(parseCsv('code,name\r\nMY,Malaysia\r\nSG,Singapore\r\n')).toEqual([
      { code: 'MY', name: 'Malaysia' },
      { code: 'SG', name: 'Singapore' },
    ]);
  });

  it('keeps commas inside quoted fields', () => {
    expect(parseCsv('code,name\nMD,"Moldova, Republic of"\n')).toEqual([
      { code: 'MD', name: 'Moldova, Republic of' },
    ]);
  });

  it('unescapes doubled quotes inside quoted fields', () => {
    expect(parseCsv('code,name\nXX,"The ""quoted"" one"\n')).toEqual([
      { code: 'XX', name: 'The "quoted" one' },
    ]);
  });

  it('keeps line breaks inside quoted fields', () => {
    expect(parseCsv('code,note\r\nA,"line 1\r\nline 2"\r\nB,"x\ny"\n')).toEqual([
      { code: 'A', note: 'line 1\r\nline 2' },
      { code: 'B', note: 'x\ny' },
    ]);
  });

  it('reads empty fields, quoted or not', () => {
    expect(parseCsv('a,b,c\n,"",\n')).toEqual([{ a: '', b: '', c: '' }]);
  });

  it('accepts quoted header names', () => {
    expect(parseCsv('"code","name, English"\nID,Indonesia\n')).toEqual([
      { code: 'ID', 'name, English': 'Indonesia' },
    ]);
  });

  it('keeps apostrophes and non-ASCII letters as they are', () => {
    expect(parseCsv("code,name\nCI,Cote d'Ivoire\nAX,Åland Islands\n")).toEqual([
      { code: 'CI', name: "Cote d'Ivoire" },
      { code: 'AX', name: 'Åland Islands' },
    ]);
  });

  it('drops a leading byte order mark', () => {
    expect(parseCsv('\uFEFFcode,name\nID,Indonesia\n')).toEqual([{ code: 'ID', name: 'Indonesia' }]);
  });

  it('returns no records for a header alone', () => {
    expect(parseCsv('code,name\n')).toEqual([]);
  });

  it('rejects text without a header', () => {
    expect(() => parseCsv('')).toThrow('no header row');
  });

  it('rejects a repeated header name', () => {
    expect(() => parseCsv('code,code\n1,2\n')).toThrow('repeats the column "code"');
  });

  it('rejects a record with too few or too many fields', () => {
    expect(() => parseCsv('code,name\n11\n')).toThrow('record 2 has 1 fields, the header has 2');
    expect(() => parseCsv('code,name\n11,Aceh\n12,a,b\n')).toThrow('record 3 has 3 fields');
  });

  it('rejects a blank line between records', () => {
    expect(() => parseCsv('code,name\n11,Aceh\n\n12,Sumatera Utara\n')).toThrow('record 3');
  });

  it('rejects an unterminated quoted field', () => {
    expect(() => parseCsv('code,name\n11,"Aceh\n')).toThrow('ends inside a quoted field');
  });

  it('rejects a quote inside an unquoted field', () => {
    expect(() => parseCsv('code,name\n11,Ac"eh\n')).toThrow('quote inside an unquoted field on line 2');
  });

  it('rejects text after a closing quote', () => {
    expect(() => parseCsv('code,name\n11,"Aceh" x\n')).toThrow('text after a closing quote');
  });

  it('rejects a lone carriage return', () => {
    expect(() => parseCsv('code,name\r11,Aceh\r')).toThrow('carriage return without a line feed');
  });
});

// The shipped files are the parser's real input; a stray edit to them should fail here, not
// halfway through a migration.
describe('parseCsv on the shipped reference data', () => {
  const read = (path: string): Record<string, string>[] =>
    parseCsv(readFileSync(new URL(`../../data/${path}`, import.meta.url), 'utf8'));

  it('reads 38 provinces, 514 regencies, 26 legacy codes and 249 countries', () => {
    expect(read('regions/provinces.csv')).toHaveLength(38);
    expect(read('regions/regencies.csv')).toHaveLength(514);
    expect(read('regions/regency_code_changes.csv')).toHaveLength(26);
    expect(read('countries/countries.csv')).toHaveLength(249);
  });

  it('reads country names that contain commas', () => {
    expect(read('countries/countries.csv')).toContainEqual({
      code: 'VG',
      name: 'Virgin Islands, British',
    });
  });
});
