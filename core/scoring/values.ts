// Values files, the parts that need no I/O: CSV text → records, and records (from CSV or a
// spreadsheet) → a checked values matrix. Decoding bytes (UTF-8, GB18030) and reading XLSX happen
// in cli/io.ts; the web app's import reuses everything here.
//
// Layout ("wide"): a header row `stakeholder,<indicator code>,…` in any column order, an optional
// `name` column that is ignored, one row per stakeholder, an empty cell for a missing value.
// Every problem is reported with its row (as a spreadsheet numbers it: the header is row 1) and
// column; unknown columns, duplicate stakeholders and non-numeric cells are errors.
import type { ValuesMatrix } from './engine';

/** A cell as it comes from a file: CSV gives strings, a spreadsheet may give numbers. */
export type Cell = string | number | null | undefined;

export interface ValuesFileError {
  /** 1-based row as a spreadsheet shows it; absent for a file-wide problem. */
  row?: number;
  /** Column header (or letter when there is no header) and letter, e.g. `"hires" (C)`. */
  column?: string;
  message: string;
}

export type ValuesRead =
  | {
      ok: true;
      matrix: ValuesMatrix;
      /** Source row of each matrix row. */
      rowNumbers: number[];
      /** Notes that are not errors, e.g. an indicator without a column. */
      warnings: string[];
    }
  | { ok: false; errors: ValuesFileError[] };

export interface ValuesReadOptions {
  /** Stop collecting after this many errors (a summary line follows). Default 100. */
  maxErrors?: number;
  /** Rows to make room for at once (a hint; the matrix grows as needed). */
  expectedRows?: number;
  /** KPI-set code, for messages. */
  kpiSetCode?: string;
}

export class CsvSyntaxError extends Error {
  constructor(
    readonly row: number,
    message: string,
  ) {
    super(`row ${row}: ${message}`);
    this.name = 'CsvSyntaxError';
  }
}

const QUOTE = 34;
const COMMA = 44;
const LF = 10;
const CR = 13;

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

/**
 * RFC 4180 CSV: comma-separated, fields optionally in double quotes with "" for a quote, records
 * ended by LF, CRLF or CR; a trailing newline does not make an empty record; a leading byte-order
 * mark is dropped. Rows are numbered from 1 as a spreadsheet numbers them (a quoted line break
 * does not start a new row). Throws CsvSyntaxError for an unterminated or stray quote.
 */
export function scanCsv(text: string, receiver: CsvReceiver): void {
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  for (let row = 1; i < text.length; row++) i = scanCsvRecord(text, i, row, receiver);
}

/** Scans the record that starts at `i` (row `row`); returns where the next record starts. */
export function scanCsvRecord(text: string, i: number, row: number, receiver: CsvReceiver): number {
  const length = text.length;
  let column = 0;
  receiver.beginRecord(row);
  for (;;) {
    // At the start of a field.
    if (text.charCodeAt(i) === QUOTE) {
      let value = '';
      let segmentStart = i + 1;
      i++;
      for (;;) {
        const next = text.indexOf('"', i);
        if (next < 0) throw new CsvSyntaxError(row, 'a quoted cell is never closed (a " is missing)');
        if (text.charCodeAt(next + 1) === QUOTE) {
          value += text.slice(segmentStart, next + 1);
          i = next + 2;
          segmentStart = i;
          continue;
        }
        value += text.slice(segmentStart, next);
        i = next + 1;
        break;
      }
      const c = i < length ? text.charCodeAt(i) : LF;
      if (c !== COMMA && c !== LF && c !== CR) {
        throw new CsvSyntaxError(row, `unexpected text after a closing quote: ${JSON.stringify(text.slice(i, i + 10))}`);
      }
      receiver.textCell(column, value);
    } else {
      const start = i;
      for (; i < length; i++) {
        const c = text.charCodeAt(i);
        if (c === COMMA || c === LF || c === CR) break;
        if (c === QUOTE) {
          throw new CsvSyntaxError(row, 'a quote inside an unquoted cell; put the whole cell in quotes and double the quote ("")');
        }
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
    // End of record.
    if (c === CR && text.charCodeAt(i) === LF) i++;
    receiver.endRecord();
    return i;
  }
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

/** 0 → A, 25 → Z, 26 → AA. */
export function columnLetter(index: number): string {
  let letters = '';
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) letters = String.fromCharCode(65 + ((n - 1) % 26)) + letters;
  return letters;
}

// ─── Numbers ────────────────────────────────────────────────────────────────────────────────────
// Exact powers of ten: doubles represent 10^0 … 10^22 exactly.
const POWERS_OF_TEN = Array.from({ length: 23 }, (_, e) => 10 ** e);

/**
 * A decimal number as written in a cell: optional sign, digits with an optional fraction, an
 * optional exponent (`1.5e3`). Returns NaN for anything else. Up to 15 significant digits with a
 * small exponent the result is m × 10^e or m / 10^e with m and 10^e exact, which is correctly
 * rounded (Clinger's fast path, "How to read floating point numbers accurately", PLDI 1990);
 * otherwise the text is handed to Number(), which is correctly rounded too.
 */
export function parseDecimal(text: string, start = 0, end = text.length): number {
  const length = end;
  if (start >= end) return NaN;
  let i = start;
  let negative = false;
  let c = text.charCodeAt(i);
  if (c === 45 || c === 43) {
    negative = c === 45;
    i++;
  }
  let mantissa = 0;
  let digits = 0; // significant digits kept in `mantissa`
  let anyDigit = false;
  let exponent = 0;
  let leadingZeros = true;
  for (; i < length; i++) {
    c = text.charCodeAt(i);
    if (c < 48 || c > 57) break;
    anyDigit = true;
    if (leadingZeros && c === 48) continue;
    leadingZeros = false;
    mantissa = mantissa * 10 + (c - 48);
    digits++;
  }
  if (c === 46 && i < length) {
    i++;
    for (; i < length; i++) {
      c = text.charCodeAt(i);
      if (c < 48 || c > 57) break;
      anyDigit = true;
      if (leadingZeros && c === 48) {
        exponent--;
        continue;
      }
      leadingZeros = false;
      mantissa = mantissa * 10 + (c - 48);
      digits++;
      exponent--;
    }
  }
  if (!anyDigit) return NaN;
  if (i < length && (c === 101 || c === 69)) {
    i++;
    let exponentNegative = false;
    c = text.charCodeAt(i);
    if (c === 45 || c === 43) {
      exponentNegative = c === 45;
      i++;
    }
    let written = 0;
    let exponentDigits = 0;
    for (; i < length; i++) {
      c = text.charCodeAt(i);
      if (c < 48 || c > 57) break;
      written = written * 10 + (c - 48);
      exponentDigits++;
      if (written > 100_000) written = 100_000; // beyond any double; Number() handles the rest
    }
    if (exponentDigits === 0) return NaN;
    exponent += exponentNegative ? -written : written;
  }
  if (i !== length) return NaN;
  let value: number;
  if (digits <= 15 && exponent >= -22 && exponent <= 22) {
    value = exponent >= 0 ? mantissa * POWERS_OF_TEN[exponent]! : mantissa / POWERS_OF_TEN[-exponent]!;
    if (negative) value = -value;
  } else {
    value = Number(text.slice(start, end)); // the scan above has checked the syntax; Number() keeps the sign
  }
  if (!Number.isFinite(value)) return NaN;
  return value === 0 ? 0 : value; // -0 reads as 0
}

const THOUSANDS = /^[+-]?\d{1,3}(,\d{3})+(\.\d*)?$/;

/** Full-width digits and signs (as typed with a Chinese input method) → ASCII. */
function toHalfWidth(text: string): string {
  return text.replace(/[\uFF0B\uFF0C\uFF0D\uFF0E\uFF10-\uFF19\u2212]/g, (ch) =>
    ch === '\u2212' ? '-' : String.fromCharCode(ch.charCodeAt(0) - 0xfee0),
  );
}

/**
 * A cell's number: `null` for an empty cell, a finite number, or an error message saying what
 * to write instead.
 */
export function parseNumberCell(cell: Cell): number | null | { error: string } {
  if (cell === null || cell === undefined) return null;
  if (typeof cell === 'number') return Number.isFinite(cell) ? cell : { error: `${cell} is not a finite number` };
  let text = cell;
  // Fast path: a plain number with no surrounding blanks.
  let value = parseDecimal(text);
  if (value === value) return value;
  text = text.trim();
  if (text === '') return null;
  text = toHalfWidth(text);
  value = parseDecimal(text);
  if (value === value) return value;
  if (THOUSANDS.test(text)) return parseDecimal(text.replaceAll(',', ''));
  const shown = JSON.stringify(cell.length > 30 ? `${cell.slice(0, 30)}…` : cell);
  if (/^[+-]?[\d.]+\s*%$/.test(text)) return { error: `${shown} is not a plain number: write it without "%" (e.g. ${text.replace(/\s*%$/, '')})` };
  if (/^[+-]?\d+,\d+$/.test(text)) return { error: `${shown} is not a number: write decimals with a point (${text.replace(',', '.')})` };
  return { error: `${shown} is not a number; leave the cell empty for a missing value` };
}

// ─── Reading a values table ─────────────────────────────────────────────────────────────────────

const STAKEHOLDER_COLUMN = 'stakeholder';
const NAME_COLUMN = 'name';

function isBlank(cell: Cell): boolean {
  return cell === null || cell === undefined || (typeof cell === 'string' && cell.trim() === '');
}

function cellText(cell: Cell): string {
  return cell === null || cell === undefined ? '' : String(cell).trim();
}

/**
 * Incremental reader of a values table: records arrive cell by cell (as a CsvReceiver from
 * scanCsv, or whole through `record` from a spreadsheet); the first non-blank record is the
 * header; `finish()` gives the matrix or every error. `strictWidth` makes a record with fewer cells
 * than the header an error (CSV); spreadsheets leave trailing empty cells out, so they read
 * without it.
 */
export class ValuesTableReader implements CsvReceiver {
  private readonly indicatorCodes: readonly string[];
  private readonly k: number;
  private readonly maxErrors: number;
  private readonly kpiSetCode: string;
  private readonly errors: ValuesFileError[] = [];
  private readonly warnings: string[] = [];
  private errorOverflow = 0;
  private header: string[] | null = null;
  private headerWidth = 0;
  /** For each column of the file: the matrix column it fills, or -1 stakeholder, -2 ignored, -3 no header. */
  private columnTarget: Int32Array = new Int32Array(0);
  private stakeholderColumn = -1;
  private readonly stakeholders: string[] = [];
  private readonly rowNumbers: number[] = [];
  private readonly firstRowOf = new Map<string, number>();
  private values: Float64Array;
  private rowCount = 0;
  private readonly reportedHeaderless = new Set<number>();
  // The record being read.
  private row = 0;
  private base = 0;
  private cellCount = 0;
  private nonBlank = false;
  private stakeholder = '';
  private extraColumn = -1;
  private headerCells: string[] = [];
  private readonly cellErrors: ValuesFileError[] = [];

  constructor(
    indicatorCodes: readonly string[],
    private readonly strictWidth: boolean,
    options: ValuesReadOptions = {},
  ) {
    this.indicatorCodes = indicatorCodes;
    this.k = indicatorCodes.length;
    this.maxErrors = options.maxErrors ?? 100;
    this.kpiSetCode = options.kpiSetCode ?? '';
    // Filled with NaN (missing) up front; a row that is refused after some of its values were
    // written is reset (see endRecord), so each new row starts out all missing.
    this.values = new Float64Array(Math.max(1, this.k) * Math.max(16, options.expectedRows ?? 1024)).fill(NaN);
  }

  private fail(error: ValuesFileError): void {
    if (this.errors.length < this.maxErrors) this.errors.push(error);
    else this.errorOverflow++;
  }

  private columnName(index: number): string {
    const name = this.header?.[index];
    return name ? `${JSON.stringify(name)} (${columnLetter(index)})` : columnLetter(index);
  }

  /** A whole record of cells (e.g. a spreadsheet row). */
  record(cells: readonly Cell[], row: number): void {
    this.beginRecord(row);
    for (let c = 0; c < cells.length; c++) {
      this.cellCount = c + 1;
      this.cell(c, cells[c]);
    }
    this.endRecord();
  }

  beginRecord(row: number): void {
    this.row = row;
    this.cellCount = 0;
    this.nonBlank = false;
    this.stakeholder = '';
    this.extraColumn = -1;
    this.cellErrors.length = 0;
    if (this.header === null) {
      this.headerCells = [];
      return;
    }
    const k = this.k;
    this.base = this.rowCount * k;
    if (this.base + k > this.values.length) {
      const grown = new Float64Array(Math.max(this.values.length * 2, this.base + k));
      grown.set(this.values);
      grown.fill(NaN, this.values.length);
      this.values = grown;
    }
  }

  rangeCell(column: number, text: string, start: number, end: number): void {
    this.cellCount = column + 1;
    if (start === end) return; // empty cell
    if (this.header !== null && column < this.headerWidth) {
      // Fast path: a plain number in an indicator column, read without making a string.
      const j = this.columnTarget[column]!;
      if (j >= 0) {
        const value = parseDecimal(text, start, end);
        if (value === value) {
          this.values[this.base + j] = value;
          this.nonBlank = true;
          return;
        }
      }
    }
    this.cell(column, text.slice(start, end));
  }

  textCell(column: number, value: string): void {
    this.cellCount = column + 1;
    this.cell(column, value);
  }

  /**
   * Fast path for the common CSV record: unquoted cells, plain decimals (sign, digits, point) in
   * the indicator columns, a plain stakeholder, exactly the header's cells, a new stakeholder.
   * Reads it in one pass without making a string per cell and returns where the next record
   * starts, or -1 — having changed nothing — when the record needs the general path (which then
   * reads it again and reports whatever is wrong). The numbers are computed exactly as
   * parseDecimal computes them.
   */
  fastRecord(text: string, start: number, row: number): number {
    if (this.header === null || this.stakeholderColumn < 0) return -1;
    const length = text.length;
    const width = this.headerWidth;
    const targets = this.columnTarget;
    const k = this.k;
    const base = this.rowCount * k;
    if (base + k > this.values.length) return -1; // let the general path grow the matrix
    const values = this.values;
    let stakeholder = '';
    let i = start;
    let c = 0;
    for (let column = 0; column < width; column++) {
      const target = targets[column]!;
      c = i < length ? text.charCodeAt(i) : LF;
      if (target >= 0) {
        if (c !== COMMA && c !== LF && c !== CR) {
          let negative = false;
          if (c === 45) {
            negative = true;
            c = text.charCodeAt(++i);
          }
          let mantissa = 0;
          let digits = 0;
          let anyDigit = false;
          let fractionDigits = 0;
          while (c >= 48 && c <= 57) {
            anyDigit = true;
            if (digits > 0 || c !== 48) {
              mantissa = mantissa * 10 + (c - 48);
              digits++;
            }
            c = text.charCodeAt(++i);
          }
          if (c === 46) {
            c = text.charCodeAt(++i);
            while (c >= 48 && c <= 57) {
              anyDigit = true;
              if (digits > 0 || c !== 48) {
                mantissa = mantissa * 10 + (c - 48);
                digits++;
              }
              fractionDigits++;
              c = text.charCodeAt(++i);
            }
          }
          if (i >= length) c = LF;
          if (!anyDigit || digits > 15 || fractionDigits > 22 || (c !== COMMA && c !== LF && c !== CR)) {
            values.fill(NaN, base, base + k);
            return -1;
          }
          let value = fractionDigits === 0 ? mantissa : mantissa / POWERS_OF_TEN[fractionDigits]!;
          if (negative) value = -value;
          values[base + target] = value === 0 ? 0 : value;
        }
      } else {
        const cellStart = i;
        while (c !== COMMA && c !== LF && c !== CR) {
          if (c === QUOTE) {
            values.fill(NaN, base, base + k);
            return -1;
          }
          c = ++i < length ? text.charCodeAt(i) : LF;
        }
        if (target === -1) {
          // A stakeholder that needs trimming or is empty goes the general way.
          if (i === cellStart || text.charCodeAt(cellStart) <= 32 || text.charCodeAt(i - 1) <= 32) {
            values.fill(NaN, base, base + k);
            return -1;
          }
          stakeholder = text.slice(cellStart, i);
        } else if (target === -3 && i > cellStart) {
          values.fill(NaN, base, base + k);
          return -1;
        }
      }
      // After a cell: a comma before the last column, the end of the line after it.
      if (column < width - 1 ? c !== COMMA : c === COMMA) {
        values.fill(NaN, base, base + k);
        return -1;
      }
      i++;
    }
    if (stakeholder === '' || this.firstRowOf.has(stakeholder)) {
      values.fill(NaN, base, base + k);
      return -1;
    }
    if (c === CR && text.charCodeAt(i) === LF) i++;
    this.firstRowOf.set(stakeholder, row);
    this.stakeholders.push(stakeholder);
    this.rowNumbers.push(row);
    this.rowCount++;
    return i;
  }

  private cell(column: number, value: Cell): void {
    if (this.header === null) {
      this.headerCells[column] = cellText(value);
      if (!isBlank(value)) this.nonBlank = true;
      return;
    }
    if (isBlank(value)) return;
    this.nonBlank = true;
    if (column >= this.headerWidth) {
      if (this.extraColumn < 0) this.extraColumn = column;
      return;
    }
    const j = this.columnTarget[column]!;
    if (j === -1) {
      this.stakeholder = cellText(value);
      return;
    }
    if (j === -2) return;
    if (j === -3) {
      if (!this.reportedHeaderless.has(column)) {
        this.reportedHeaderless.add(column);
        this.cellErrors.push({ row: this.row, column: columnLetter(column), message: 'a value in a column without a header' });
      }
      return;
    }
    const parsed = parseNumberCell(value);
    if (parsed === null) return;
    if (typeof parsed === 'number') this.values[this.base + j] = parsed;
    else this.cellErrors.push({ row: this.row, column: this.columnName(column), message: parsed.error });
  }

  endRecord(): void {
    const row = this.row;
    if (this.header === null) {
      if (this.nonBlank) this.readHeader(this.headerCells, row);
      return;
    }
    if (!this.nonBlank) return; // blank lines are skipped
    if (!this.acceptRecord(row)) this.values.fill(NaN, this.base, this.base + this.k);
  }

  /** Checks the record just read; true when it becomes a row of the matrix. */
  private acceptRecord(row: number): boolean {
    if (this.extraColumn >= 0) {
      this.fail({ row, column: columnLetter(this.extraColumn), message: `the row has a value beyond the last column of the header (the header has ${this.headerWidth} columns)` });
      return false;
    }
    if (this.strictWidth && this.cellCount < this.headerWidth) {
      this.fail({ row, message: `the row has ${this.cellCount} cells but the header has ${this.headerWidth}; a missing value is an empty cell between commas` });
      return false;
    }
    if (this.stakeholderColumn < 0) return false;
    const stakeholder = this.stakeholder;
    let accepted = true;
    if (stakeholder === '') {
      this.fail({ row, column: this.columnName(this.stakeholderColumn), message: 'the row has values but no stakeholder' });
      accepted = false;
    } else {
      const firstRow = this.firstRowOf.get(stakeholder);
      if (firstRow !== undefined) {
        this.fail({ row, column: this.columnName(this.stakeholderColumn), message: `duplicate stakeholder ${JSON.stringify(stakeholder)}: already on row ${firstRow}` });
        accepted = false;
      }
    }
    for (const error of this.cellErrors) this.fail(error);
    if (!accepted) return false;
    this.firstRowOf.set(stakeholder, row);
    this.stakeholders.push(stakeholder);
    this.rowNumbers.push(row);
    this.rowCount++;
    return true;
  }

  private readHeader(cells: readonly string[], row: number): void {
    const header = Array.from(cells, (cell) => cell ?? '');
    // Trailing empty header cells (spreadsheet leftovers) do not count as columns.
    while (header.length > 0 && header[header.length - 1] === '') header.pop();
    this.header = header;
    this.headerWidth = header.length;
    if (header.length === 1 && header[0]!.includes('\t')) {
      this.fail({ row, message: 'the file looks tab-separated: save it as comma-separated CSV' });
      this.columnTarget = new Int32Array(1).fill(-2);
      return;
    }
    const k = this.k;
    const indicatorIndex = new Map(this.indicatorCodes.map((code, j) => [code, j]));
    const lowerCaseCodes = new Map(this.indicatorCodes.map((code) => [code.toLowerCase(), code]));
    const seenAt = new Map<string, number>();
    const filled = new Uint8Array(k);
    this.columnTarget = new Int32Array(header.length);
    header.forEach((name, c) => {
      const lower = name.toLowerCase();
      if (name === '') {
        this.columnTarget[c] = -3;
        return;
      }
      const key = lower === STAKEHOLDER_COLUMN || lower === NAME_COLUMN ? lower : name;
      const first = seenAt.get(key);
      if (first !== undefined) {
        this.fail({ row, column: this.columnName(c), message: `duplicate column: ${JSON.stringify(name)} is also column ${columnLetter(first)}` });
        this.columnTarget[c] = -2;
        return;
      }
      seenAt.set(key, c);
      if (lower === STAKEHOLDER_COLUMN) {
        this.columnTarget[c] = -1;
        this.stakeholderColumn = c;
        return;
      }
      if (lower === NAME_COLUMN) {
        this.columnTarget[c] = -2;
        return;
      }
      const j = indicatorIndex.get(name);
      if (j === undefined) {
        const suggestion = lowerCaseCodes.get(lower);
        const setName = this.kpiSetCode ? ` of KPI set "${this.kpiSetCode}"` : '';
        this.fail({
          row,
          column: this.columnName(c),
          message: suggestion
            ? `unknown column ${JSON.stringify(name)}: did you mean "${suggestion}"? (codes are case-sensitive)`
            : `unknown column ${JSON.stringify(name)}: not an indicator${setName}; the columns are "stakeholder", an optional "name" and indicator codes`,
        });
        this.columnTarget[c] = -2;
        return;
      }
      this.columnTarget[c] = j;
      filled[j] = 1;
    });
    if (this.stakeholderColumn < 0) {
      this.fail({ row, message: 'no "stakeholder" column in the header' });
    }
    const absent = this.indicatorCodes.filter((_, j) => filled[j] === 0);
    if (absent.length > 0 && absent.length < k) {
      this.warnings.push(`no column for indicator${absent.length > 1 ? 's' : ''} ${absent.map((a) => `"${a}"`).join(', ')}: every value of ${absent.length > 1 ? 'them' : 'it'} counts as missing`);
    } else if (absent.length === k && k > 0) {
      this.fail({ row, message: "the header names none of the KPI set's indicators" });
    }
  }

  finish(): ValuesRead {
    if (this.header === null) this.fail({ message: 'the file is empty: expected a header row "stakeholder,<indicator code>,…"' });
    else if (this.errors.length === 0 && this.rowCount === 0) this.fail({ message: 'the file has a header but no stakeholder rows' });
    if (this.errors.length > 0) {
      const errors = [...this.errors];
      if (this.errorOverflow > 0) errors.push({ message: `… and ${this.errorOverflow} more error${this.errorOverflow > 1 ? 's' : ''}` });
      return { ok: false, errors };
    }
    const k = this.k;
    return {
      ok: true,
      matrix: { stakeholders: this.stakeholders, values: this.values.subarray(0, this.rowCount * k) },
      rowNumbers: this.rowNumbers,
      warnings: this.warnings,
    };
  }
}

/** Reads a values CSV (already decoded text) for a KPI set's indicators, in the given order. */
export function readValuesCsv(text: string, indicatorCodes: readonly string[], options: ValuesReadOptions = {}): ValuesRead {
  let lines = 1;
  for (let at = text.indexOf('\n'); at >= 0; at = text.indexOf('\n', at + 1)) lines++;
  const reader = new ValuesTableReader(indicatorCodes, true, { expectedRows: lines, ...options });
  try {
    let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
    for (let row = 1; i < text.length; row++) {
      const next = reader.fastRecord(text, i, row);
      i = next >= 0 ? next : scanCsvRecord(text, i, row, reader);
    }
  } catch (error) {
    if (error instanceof CsvSyntaxError) {
      const read = reader.finish();
      const previous = read.ok ? [] : read.errors.filter((e) => !/^the file (is empty|has a header but no)/.test(e.message));
      return { ok: false, errors: [...previous, { row: error.row, message: error.message.replace(/^row \d+: /, '') }] };
    }
    throw error;
  }
  return reader.finish();
}

/** Reads a values table given as records of cells (e.g. a spreadsheet's rows). */
export function readValuesTable(
  records: Iterable<{ row: number; cells: readonly Cell[] }>,
  indicatorCodes: readonly string[],
  options: ValuesReadOptions = {},
): ValuesRead {
  const reader = new ValuesTableReader(indicatorCodes, false, options);
  for (const { row, cells } of records) reader.record(cells, row);
  return reader.finish();
}

/** Error as one line: `file.csv, row 5, column "hires" (C): reason`. */
export function formatValuesFileError(source: string, error: ValuesFileError): string {
  const place = [source, error.row !== undefined ? `row ${error.row}` : '', error.column ? `column ${error.column}` : '']
    .filter(Boolean)
    .join(', ');
  return `${place}: ${error.message}`;
}
