// A values table → a checked values matrix. Layout ("wide"): a header row
// `stakeholder,<indicator code>,…` in any column order, an optional `name` column that is ignored,
// one row per stakeholder, an empty cell for a missing value. Every problem carries its row (as a
// spreadsheet numbers it: the header is row 1) and column; unknown columns, duplicate stakeholders
// and non-numeric cells are errors. Optional `<indicator>:note` and `<indicator>:evidence` columns
// carry text (values-header.ts); the import's layout also skips help rows and rows without values.
import type { ValuesMatrix } from '@/core/scoring/engine';
import { COMMA, CR, LF, QUOTE, type CsvReceiver } from './csv';
import { parseNumberCell, scanDecimal, type Cell } from './numbers';
import { columnLetter, located, type DecodeProblem } from './problems';
import { textProblem, type RowTexts } from './values-texts';
import { columnName, readValuesHeader, TARGET_NO_HEADER, TARGET_STAKEHOLDER, TARGET_TEXT, TEXT_NOTE, type IndicatorNames, type ValuesHeader } from './values-header';

export interface ValuesRead {
  /** True when there is no error. */
  ok: boolean;
  /** The rows accepted (all of them when ok), in file order; NaN is a missing value. */
  matrix: ValuesMatrix;
  /** Source row of each matrix row. */
  rowNumbers: number[];
  /** For each indicator, the column its values come from (`"code" (C)`), or null. */
  indicatorColumns: (string | null)[];
  /** The stakeholder column (`"stakeholder" (A)`), or null. */
  stakeholderColumn: string | null;
  errors: DecodeProblem[];
  /** Notes that are not errors, e.g. an indicator without a column. */
  warnings: DecodeProblem[];
  /** Notes and evidence links of the matrix's cells, by `row × k + indicator`; only cells that have one. */
  texts: RowTexts;
}

export interface ValuesReadOptions {
  /** Stop collecting after this many errors (a summary follows). Default 100. */
  maxErrors?: number;
  /** Rows to make room for at once (a hint; the matrix grows as needed). */
  expectedRows?: number;
  /** KPI-set code, for messages. */
  kpiSetCode?: string;
  /** Each indicator's names (in the codes' order): accepted as headers beside the codes. */
  indicatorNames?: readonly IndicatorNames[];
  /**
   * The import's layout (its template): a help row — its stakeholder cell starts with "#" — and a
   * row without a single value, note or link (a stakeholder listed but not filled in) are skipped.
   */
  skipUnfilledRows?: boolean;
}

/** The template's help row under the header starts with this in its stakeholder cell. */
export const HELP_ROW_MARK = '#';

/** ASCII bytes as a string, made at once (adding a character at a time makes a string per character). */
function asciiText(bytes: Uint8Array, start: number, end: number): string {
  return String.fromCharCode.apply(null, bytes.subarray(start, end) as unknown as number[]);
}

function isBlank(cell: Cell): boolean {
  return cell === null || cell === undefined || (typeof cell === 'string' && cell.trim() === '');
}

function cellText(cell: Cell): string {
  return cell === null || cell === undefined ? '' : String(cell).trim();
}

/**
 * Incremental reader of a values table: records arrive cell by cell (as a CsvReceiver from
 * scanCsv, or whole through `record` from a spreadsheet); the first non-blank record is the
 * header; `finish()` gives the matrix and every error. `strictWidth` makes a record with fewer
 * cells than the header an error (CSV); spreadsheets leave trailing empty cells out, so they read
 * without it. `fastRecord` reads a plain CSV record in one pass with the same checks.
 */
export class ValuesTableReader implements CsvReceiver {
  private readonly k: number;
  private readonly maxErrors: number;
  private readonly kpiSetCode: string;
  private readonly indicatorNames: readonly IndicatorNames[];
  private readonly skipUnfilled: boolean;
  private readonly texts: RowTexts = { notes: new Map(), evidence: new Map() };
  private readonly errors: DecodeProblem[] = [];
  private errorOverflow = 0;
  private header: ValuesHeader | null = null;
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
  private filled = false;
  private readonly rowTexts: [slot: number, text: string][] = [];
  private extraColumn = -1;
  private headerCells: string[] = [];
  private readonly cellErrors: DecodeProblem[] = [];

  constructor(
    private readonly indicatorCodes: readonly string[],
    private readonly strictWidth: boolean,
    options: ValuesReadOptions = {},
  ) {
    this.k = indicatorCodes.length;
    this.maxErrors = options.maxErrors ?? 100;
    this.kpiSetCode = options.kpiSetCode ?? '';
    this.indicatorNames = options.indicatorNames ?? [];
    this.skipUnfilled = options.skipUnfilledRows ?? false;
    // Filled with NaN (missing) up front; a row that is refused after some of its values were
    // written is reset, so each new row starts out all missing.
    this.values = new Float64Array(Math.max(1, this.k) * Math.max(16, options.expectedRows ?? 1024)).fill(NaN);
  }

  /** Records an error; rows go on being read so that one check lists every problem. */
  private fail(error: DecodeProblem): void {
    if (this.errors.length < this.maxErrors) this.errors.push(error);
    else this.errorOverflow++;
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
    this.filled = false;
    this.rowTexts.length = 0;
    this.extraColumn = -1;
    this.cellErrors.length = 0;
    if (this.header === null) {
      this.headerCells = [];
      return;
    }
    this.base = this.rowCount * this.k;
    this.ensureRoom();
  }

  private ensureRoom(): void {
    const needed = this.base + this.k;
    if (needed <= this.values.length) return;
    const grown = new Float64Array(Math.max(this.values.length * 2, needed));
    grown.set(this.values);
    grown.fill(NaN, this.values.length);
    this.values = grown;
  }

  rangeCell(column: number, text: string, start: number, end: number): void {
    this.cellCount = column + 1;
    if (start === end) return; // empty cell
    this.cell(column, text.slice(start, end));
  }

  textCell(column: number, value: string): void {
    this.cellCount = column + 1;
    this.cell(column, value);
  }

  private cell(column: number, value: Cell): void {
    const header = this.header;
    if (header === null) {
      this.headerCells[column] = cellText(value);
      if (!isBlank(value)) this.nonBlank = true;
      return;
    }
    if (isBlank(value)) return;
    this.nonBlank = true;
    if (column >= header.names.length) {
      this.filled = true;
      if (this.extraColumn < 0) this.extraColumn = column;
      return;
    }
    const j = header.targets[column]!;
    // The name column is for reference: a row with only a stakeholder and its name is not filled in.
    if (j >= 0 || j === TARGET_TEXT || j === TARGET_NO_HEADER) this.filled = true;
    if (j === TARGET_STAKEHOLDER) this.stakeholder = cellText(value);
    else if (j === TARGET_TEXT) this.textOf(header, column, value);
    else if (j === TARGET_NO_HEADER) {
      if (!this.reportedHeaderless.has(column)) {
        this.reportedHeaderless.add(column);
        this.cellErrors.push(located('headerless_value', undefined, this.row, columnLetter(column)));
      }
    } else if (j >= 0) {
      const parsed = parseNumberCell(value);
      if (typeof parsed === 'number') this.values[this.base + j] = parsed;
      else if (parsed !== null) this.cellErrors.push(located(parsed.code, parsed.params, this.row, columnName(header.names, column)));
    }
  }

  /** A note or evidence cell: kept for the row, or its problem noted. */
  private textOf(header: ValuesHeader, column: number, value: Cell): void {
    const slot = header.textTargets[column]!;
    const text = cellText(value);
    const problem = textProblem(slot % 2 === TEXT_NOTE ? 'note' : 'evidence', text);
    if (problem) this.cellErrors.push(located(problem.code, problem.params, this.row, columnName(header.names, column)));
    else this.rowTexts.push([slot, text]);
  }

  /** A row the import's layout leaves out: the help row, or one with nothing filled in. */
  private unfilled(): boolean {
    return this.skipUnfilled && (!this.filled || this.stakeholder.startsWith(HELP_ROW_MARK));
  }

  endRecord(): void {
    if (this.header === null) {
      if (this.nonBlank) this.readHeader(this.headerCells, this.row);
      return;
    }
    if (!this.nonBlank) return; // blank lines are skipped
    if (this.unfilled() || !this.acceptRecord(this.header, this.row)) this.values.fill(NaN, this.base, this.base + this.k);
  }

  private readHeader(cells: readonly string[], row: number): void {
    this.header = readValuesHeader(cells, row, this.indicatorCodes, this.kpiSetCode, this.indicatorNames);
    for (const problem of this.header.problems) this.fail(problem);
  }

  /** Checks the record just read; true when it becomes a row of the matrix. */
  private acceptRecord(header: ValuesHeader, row: number): boolean {
    const width = header.names.length;
    if (this.extraColumn >= 0) {
      this.fail(located('extra_cell', { width }, row, columnLetter(this.extraColumn)));
      return false;
    }
    if (this.strictWidth && this.cellCount < width) {
      this.fail(located('row_width', { cells: this.cellCount, width }, row));
      return false;
    }
    if (header.stakeholderColumn < 0) return false;
    const stakeholder = this.stakeholder;
    const where = columnName(header.names, header.stakeholderColumn);
    const firstRow = this.firstRowOf.get(stakeholder);
    if (stakeholder === '') this.fail(located('no_stakeholder', undefined, row, where));
    else if (firstRow !== undefined) this.fail(located('duplicate_stakeholder', { value: stakeholder, first: firstRow }, row, where));
    for (const error of this.cellErrors) this.fail(error);
    if (stakeholder === '' || firstRow !== undefined) return false;
    this.addRow(stakeholder, row);
    return true;
  }

  private addRow(stakeholder: string, row: number): void {
    for (const [slot, text] of this.rowTexts) (slot % 2 === TEXT_NOTE ? this.texts.notes : this.texts.evidence).set(this.rowCount * this.k + (slot >> 1), text);
    this.firstRowOf.set(stakeholder, row);
    this.stakeholders.push(stakeholder);
    this.rowNumbers.push(row);
    this.rowCount++;
  }

  /**
   * Reads the common CSV record from the file's bytes (UTF-8 or GB18030: both keep ASCII as it is,
   * and no byte of a multi-byte character is a comma, quote or line break) in one pass without
   * making a string per value cell: unquoted cells, numbers (by the scanner the general path uses)
   * in the indicator columns, exactly the header's cells, a new ASCII stakeholder that needs no
   * trimming. Returns where the next record starts, or -1 — having changed nothing — when the
   * record needs the general path (which then reads it again and reports whatever is wrong).
   */
  fastRecord(bytes: Uint8Array, start: number, row: number): number {
    const header = this.header;
    if (header === null || header.stakeholderColumn < 0) return -1;
    this.base = this.rowCount * this.k;
    this.ensureRoom();
    const length = bytes.length;
    const width = header.names.length;
    const targets = header.targets;
    const values = this.values;
    const base = this.base;
    let stakeholder = '';
    let filled = false;
    let i = start;
    let c = 0;
    for (let column = 0; column < width; column++) {
      const target = targets[column]!;
      const cellStart = i;
      c = i < length ? bytes[i]! : LF;
      if (target >= 0 && c !== COMMA && c !== LF && c !== CR) {
        filled = true;
        // Not a number, or one followed by other text ("1x"): the general path says why.
        i = scanDecimal(bytes, i, values, base + target);
        if (i < 0) return this.refuseFast();
        c = i < length ? bytes[i]! : LF;
        if (c !== COMMA && c !== LF && c !== CR) return this.refuseFast();
      } else {
        while (c !== COMMA && c !== LF && c !== CR) {
          // A quote, or a non-ASCII stakeholder (to be decoded): the general path reads the record.
          // Other cells are skipped whatever their characters (a Chinese name, say).
          if (c === QUOTE || (c > 127 && target === TARGET_STAKEHOLDER)) return this.refuseFast();
          c = ++i < length ? bytes[i]! : LF;
        }
        if (target === TARGET_STAKEHOLDER) {
          // A stakeholder that is empty or needs trimming goes the general way.
          if (i === cellStart || bytes[cellStart]! <= 32 || bytes[i - 1]! <= 32) return this.refuseFast();
          stakeholder = asciiText(bytes, cellStart, i);
        } else if ((target === TARGET_NO_HEADER || target === TARGET_TEXT) && i > cellStart) return this.refuseFast();
      }
      // After a cell: a comma before the last column, the end of the line after it.
      if (column < width - 1 ? c !== COMMA : c === COMMA) return this.refuseFast();
      i++;
    }
    const next = c === CR && bytes[i] === LF ? i + 1 : i;
    if (this.skipUnfilled) {
      // The help row goes the general way; a row with no value is left out (it wrote nothing).
      if (stakeholder.startsWith(HELP_ROW_MARK)) return this.refuseFast();
      if (!filled) return next;
    }
    if (this.firstRowOf.has(stakeholder)) return this.refuseFast();
    this.rowTexts.length = 0;
    this.addRow(stakeholder, row);
    return next;
  }

  /** Undoes what the fast path wrote to the row: the general path reads it again. */
  private refuseFast(): number {
    this.values.fill(NaN, this.base, this.base + this.k);
    return -1;
  }

  finish(): ValuesRead {
    if (this.header === null) this.fail(located('empty_file'));
    else if (this.errors.length === 0 && this.rowCount === 0) this.fail(located('no_rows'));
    const errors = [...this.errors];
    if (this.errorOverflow > 0) errors.push(located('more_errors', { n: this.errorOverflow }));
    return {
      ok: errors.length === 0,
      matrix: { stakeholders: this.stakeholders, values: this.values.subarray(0, this.rowCount * this.k) },
      rowNumbers: this.rowNumbers,
      indicatorColumns: this.header?.indicatorColumns ?? this.indicatorCodes.map(() => null),
      stakeholderColumn: this.header && this.header.stakeholderColumn >= 0 ? columnName(this.header.names, this.header.stakeholderColumn) : null,
      errors,
      warnings: this.header?.warnings ?? [],
      texts: this.texts,
    };
  }
}
