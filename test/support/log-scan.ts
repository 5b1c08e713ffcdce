import { readFile } from 'node:fs/promises';

export type PiiKind = 'NIK' | 'passport number' | 'phone number' | 'document number';

/** The keys under which the API takes or gives PII, in variables and in answers alike. */
const KEY_KINDS = new Map<string, PiiKind>([
  ['nik', 'NIK'],
  ['passportNumber', 'passport number'],
  ['phone', 'phone number'],
]);
/**
 * Shorter values are not PII but the bad input of validation tests (`nik: '1'`): searching the logs
 * for them would find every line number.
 */
const MIN_SIGNIFICANT_CHARACTERS = 6;
/** A phone number is also searched by its digits when it has at least this many after +62 or 0. */
const MIN_PHONE_DIGITS = 8;
const MAX_DEPTH = 16;

/**
 * Every NIK, passport, phone and document number a test file sent to the API or read back from it,
 * by value: the logs of the file's apps must hold none of them.
 */
export class PiiLedger {
  private readonly kinds = new Map<string, PiiKind>();

  /** Walks variables or an answer, at any depth; masked values (`************0001`) are not PII. */
  record(value: unknown, depth = 0): void {
    if (value === null || typeof value !== 'object' || depth > MAX_DEPTH) return;
    if (Array.isArray(value)) {
      value.forEach((item) => this.record(item, depth + 1));
      return;
    }
    const object = value as Record<string, unknown>;
    for (const [key, inner] of Object.entries(object)) {
      const kind = KEY_KINDS.get(key);
      if (kind && typeof inner === 'string') this.add(kind, inner);
      else this.record(inner, depth + 1);
    }
    // A requirement's evidence names a document of the worker's; a passport requirement's is the passport.
    if (typeof object.documentNumber === 'string') {
      this.add(
        object.kind === 'PASSPORT_VALID' ? 'passport number' : 'document number',
        object.documentNumber,
      );
    }
  }

  private add(kind: PiiKind, value: string): void {
    const trimmed = value.trim();
    if (trimmed.includes('*')) return;
    if (trimmed.replace(/[^0-9a-z]/gi, '').length < MIN_SIGNIFICANT_CHARACTERS) return;
    this.kinds.set(trimmed, kind);
  }

  entries(): [string, PiiKind][] {
    return [...this.kinds];
  }
}

export interface PiiFinding {
  kind: PiiKind;
  /** The value with all but its last four characters hidden: a report must not leak it either. */
  masked: string;
  /** 1-based line of the log file. */
  line: number;
  service: string;
  /** Where in the JSON line it was: `message`, `err.stack`, … */
  field: string;
}

export const maskPii = (value: string): string => '*'.repeat(Math.max(0, value.length - 4)) + value.slice(-4);

/**
 * Text as the scan compares it: lower case, with spaces, dashes and brackets between digits taken
 * out, so that `0813 9876 5432` and `0813-9876-5432` are one spelling. Lines stay where they were.
 */
const DIGIT_SEPARATORS = /(?<=\d)[ \t().-]+(?=\d)/g;
const comparable = (text: string): string => text.toLowerCase().replace(DIGIT_SEPARATORS, '');

/** The spellings a value could be logged in: as sent, and a phone number with +62, 0 or neither. */
function spellings(kind: PiiKind, value: string): string[] {
  const asSent = comparable(value);
  if (kind !== 'phone number') return [asSent];
  const national = value.replace(/\D/g, '').replace(/^(62|0)/, '');
  if (national.length < MIN_PHONE_DIGITS) return [asSent];
  return [...new Set([asSent, national, `0${national}`, `62${national}`])];
}

/**
 * A match inside a longer token is another value: more digits around a NIK make another number,
 * and a passport number's letters and digits can occur inside a UUID's hex. Letters beside a
 * number do not make it another one (`nik6372…`).
 */
function standsAlone(haystack: string, at: number, needle: string): boolean {
  const sameToken = /[a-z]/.test(needle) ? /[0-9a-z]/ : /\d/;
  return !sameToken.test(haystack[at - 1] ?? '') && !sameToken.test(haystack[at + needle.length] ?? '');
}

/** The dotted path of the first string field of a JSON line that contains `needle`. */
function fieldHolding(value: unknown, needle: string, path: string): string | undefined {
  if (typeof value === 'string') return comparable(value).includes(needle) ? path || '(line)' : undefined;
  if (typeof value === 'number') return String(value).includes(needle) ? path : undefined;
  if (value === null || typeof value !== 'object') return undefined;
  for (const [key, inner] of Object.entries(value)) {
    const found = fieldHolding(inner, needle, path ? `${path}.${key}` : key);
    if (found) return found;
  }
  return undefined;
}

function describeLine(text: string, needle: string): { service: string; field: string } {
  try {
    const parsed = JSON.parse(text) as Record<string, unknown>;
    return {
      service: typeof parsed.service === 'string' ? parsed.service : 'unknown',
      field: fieldHolding(parsed, needle, '') ?? '(escaped in the line)',
    };
  } catch {
    return { service: 'unknown', field: '(a line that is not JSON)' };
  }
}

/**
 * Finds each value of the ledger in the log text, in any of its spellings, ignoring case: one
 * finding per value and line. `indexOf` over the whole text keeps this cheap for large logs.
 */
export function scanLog(text: string, ledger: PiiLedger): PiiFinding[] {
  // Offsets are taken in the comparable text, a line's own text from the original.
  const haystack = comparable(text);
  const lineStarts = [0];
  for (let index = haystack.indexOf('\n'); index !== -1; index = haystack.indexOf('\n', index + 1)) {
    lineStarts.push(index + 1);
  }
  const lineOf = (offset: number): number => {
    let low = 0;
    let high = lineStarts.length - 1;
    while (low < high) {
      const middle = (low + high + 1) >> 1;
      if (lineStarts[middle] <= offset) low = middle;
      else high = middle - 1;
    }
    return low;
  };
  let lines: string[] | undefined;
  const findings: PiiFinding[] = [];
  for (const [value, kind] of ledger.entries()) {
    const needleOfLine = new Map<number, string>();
    for (const needle of spellings(kind, value)) {
      for (let at = haystack.indexOf(needle); at !== -1; at = haystack.indexOf(needle, at + 1)) {
        const line = lineOf(at);
        if (standsAlone(haystack, at, needle) && !needleOfLine.has(line)) needleOfLine.set(line, needle);
      }
    }
    for (const [line, needle] of needleOfLine) {
      lines ??= text.split('\n');
      const where = describeLine(lines[line] ?? '', needle);
      findings.push({ kind, masked: maskPii(value), line: line + 1, ...where });
    }
  }
  return findings.sort((a, b) => a.line - b.line);
}

/** Scans one log file; a file never written (no app ever logged) holds nothing. */
export async function scanLogFile(path: string, ledger: PiiLedger): Promise<PiiFinding[]> {
  const text = await readFile(path, 'utf8').catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return '';
    throw error;
  });
  return scanLog(text, ledger);
}

/** One line per finding: which kind, masked, where. Never the value itself. */
export function describeFindings(findings: PiiFinding[], logFile: string): string {
  return [
    `PII in the logs (${findings.length}; the log is kept at ${logFile}):`,
    ...findings.map(
      (finding) =>
        `  ${finding.kind} ${finding.masked} at line ${finding.line}, service ${finding.service}, field ${finding.field}`,
    ),
  ].join('\n');
}
