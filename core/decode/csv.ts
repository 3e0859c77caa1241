// RFC 4180 CSV, scanned without making a string per unquoted cell (the values reader's hot path).
import { located, type DecodeProblem } from './problems';

export const QUOTE = 34;
export const COMMA = 44;
export const LF = 10;
export const CR = 13;

/** A CSV syntax error: its problem names the row. */
export class CsvSyntaxError extends Error {
  readonly problem: DecodeProblem;

  constructor(row: number, code: 'unclosed_quote' | 'quote_in_cell' | 'text_after_quote', params?: Record<string, string>) {
    super(`row ${row}: ${code}`);
    this.name = 'CsvSyntaxError';
    this.problem = located(code, params, row);
  }
}

/**
 * Receives a CSV file cell by cell. Unquoted cells come as a range of the text (no string is made
 * unless the receiver asks), quoted ones as their unescaped value.
 */
export interface CsvReceiver {
  beginRecord(row: number): void;
  rangeCell(column: number, text: string, start: number, end: number): void;
  textCell(column: number, value: string): void;
  endRecord(): void;
}

/** Where the text starts: after a byte-order mark, if any. */
export function textStart(text: string): number {
  return text.charCodeAt(0) === 0xfeff ? 1 : 0;
}

/**
 * Comma-separated, fields optionally in double quotes with "" for a quote, records ended by LF,
 * CRLF or CR; a trailing newline does not make an empty record; a leading byte-order mark is
 * dropped. Rows are numbered from 1 as a spreadsheet numbers them (a quoted line break does not
 * start a new row). Throws CsvSyntaxError for an unterminated or stray quote.
 */
export function scanCsv(text: string, receiver: CsvReceiver): void {
  let i = textStart(text);
  for (let row = 1; i < text.length; row++) i = scanCsvRecord(text, i, row, receiver);
}

/** The quoted cell that starts at `i`: its value and where it ends (after the closing quote). */
function quotedCell(text: string, i: number, row: number): { value: string; end: number } {
  let value = '';
  let segmentStart = i + 1;
  for (let at = i + 1; ; ) {
    const next = text.indexOf('"', at);
    if (next < 0) throw new CsvSyntaxError(row, 'unclosed_quote');
    if (text.charCodeAt(next + 1) === QUOTE) {
      value += text.slice(segmentStart, next + 1);
      at = segmentStart = next + 2;
      continue;
    }
    return { value: value + text.slice(segmentStart, next), end: next + 1 };
  }
}

/** Scans the record that starts at `i` (row `row`); returns where the next record starts. */
export function scanCsvRecord(text: string, i: number, row: number, receiver: CsvReceiver): number {
  const length = text.length;
  let column = 0;
  receiver.beginRecord(row);
  for (;;) {
    if (text.charCodeAt(i) === QUOTE) {
      const { value, end } = quotedCell(text, i, row);
      i = end;
      const c = i < length ? text.charCodeAt(i) : LF;
      if (c !== COMMA && c !== LF && c !== CR) throw new CsvSyntaxError(row, 'text_after_quote', { text: JSON.stringify(text.slice(i, i + 10)) });
      receiver.textCell(column, value);
    } else {
      const start = i;
      for (; i < length; i++) {
        const c = text.charCodeAt(i);
        if (c === COMMA || c === LF || c === CR) break;
        if (c === QUOTE) throw new CsvSyntaxError(row, 'quote_in_cell');
      }
      receiver.rangeCell(column, text, start, i);
    }
    if (i >= length) {
      receiver.endRecord();
      return length;
    }
    const c = text.charCodeAt(i);
    i++;
    if (c === COMMA) {
      column++;
      continue;
    }
    if (c === CR && text.charCodeAt(i) === LF) i++;
    receiver.endRecord();
    return i;
  }
}

/**
 * Where the record that starts at byte `start` ends (at its line break, or the end) in bytes of an
 * ASCII-compatible encoding: a line break inside quotes belongs to the record, an unclosed quote
 * runs to the end (scanCsvRecord then reports it).
 */
export function recordEnd(bytes: Uint8Array, start: number): number {
  let quoted = false;
  for (let i = start; i < bytes.length; i++) {
    const c = bytes[i]!;
    if (c === QUOTE) quoted = !quoted;
    else if (!quoted && (c === LF || c === CR)) return i;
  }
  return bytes.length;
}

/** CSV text → records of strings, one call per record (see scanCsv for the dialect). */
export function parseCsv(text: string, onRecord: (cells: string[], row: number) => void): void {
  let cells: string[] = [];
  let row = 0;
  scanCsv(text, {
    beginRecord(r) {
      cells = [];
      row = r;
    },
    rangeCell(column, source, start, end) {
      cells[column] = source.slice(start, end);
    },
    textCell(column, value) {
      cells[column] = value;
    },
    endRecord() {
      onRecord(cells, row);
    },
  });
}
