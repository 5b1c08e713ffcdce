/**
 * RFC 4180 CSV parser for the reference data shipped in data/. Strict on purpose: a malformed
 * file should stop the migration rather than load a silently shifted column.
 */

const QUOTE = '"';

/**
 * Parses CSV text whose first record is the header; every later record becomes an object keyed
 * by the header's names. Values stay strings, so codes such as `0101` keep their leading digits.
 */
export function parseCsv(text: string): Record<string, string>[] {
  // Editors on Windows like to prepend a byte order mark, which would end up in the first name.
  const records = parseRecords(text.startsWith('\uFEFF') ? text.slice(1) : text);
  const header = records.shift();
  if (header === undefined) {
    throw new Error('CSV has no header row');
  }
  const seen = new Set<string>();
  for (const name of header) {
    if (seen.has(name)) {
      throw new Error(`CSV header repeats the column "${name}"`);
    }
    seen.add(name);
  }
  return records.map((fields, index) => {
    if (fields.length !== header.length) {
      throw new Error(`CSV record ${index + 2} has ${fields.length} fields, the header has ${header.length}`);
    }
    return Object.fromEntries(header.map((name, column) => [name, fields[column]]));
  });
}

function parseRecords(text: string): string[][] {
  const records: string[][] = [];
  let record: string[] = [];
  let field = '';
  let inQuotes = false;
  // Tells an empty quoted field ("") from no field at all, and catches text after a closing quote.
  let fieldWasQuoted = false;

  const endField = (): void => {
    record.push(field);
    field = '';
    fieldWasQuoted = false;
  };
  const endRecord = (): void => {
    endField();
    records.push(record);
    record = [];
  };
  const fail = (message: string, offset: number): never => {
    const line = text.slice(0, offset).split('\n').length;
    throw new Error(`CSV ${message} on line ${line}`);
  };

  for (let i = 0; i < text.length; i++) {
    const char = text[i];
    if (inQuotes) {
      if (char !== QUOTE) {
        field += char;
      } else if (text[i + 1] === QUOTE) {
        field += QUOTE;
        i++;
      } else {
        inQuotes = false;
      }
      continue;
    }
    switch (char) {
      case QUOTE:
        if (field !== '' || fieldWasQuoted) {
          fail('has a quote inside an unquoted field', i);
        }
        inQuotes = true;
        fieldWasQuoted = true;
        break;
      case ',':
        endField();
        break;
      case '\r':
        // A lone CR is neither RFC 4180 nor Unix; guessing would merge or split records.
        if (text[i + 1] !== '\n') {
          fail('has a carriage return without a line feed', i);
        }
        i++;
        endRecord();
        break;
      case '\n':
        endRecord();
        break;
      default:
        if (fieldWasQuoted) {
          fail('has text after a closing quote', i);
        }
        field += char;
    }
  }
  if (inQuotes) {
    fail('ends inside a quoted field', text.length);
  }
  // The line break after the last record is optional, so only flush a record that has content.
  if (field !== '' || fieldWasQuoted || record.length > 0) {
    endRecord();
  }
  return records;
}
