// What can be wrong with a values file, as codes with parameters: the message catalogs
// (messages/*/evaluations.json, `import.problems.<code>`) say it in each language, the web import
// shows it translated and the CLI prints the English text.

export const DECODE_PROBLEM_CODES = [
  // The bytes
  'not_utf8',
  'old_excel',
  'bad_xlsx',
  'xlsx_too_large',
  'sheet_too_large',
  'no_worksheet',
  'formula_without_value',
  // CSV syntax
  'unclosed_quote',
  'quote_in_cell',
  'text_after_quote',
  // A cell's number
  'not_finite',
  'percent_sign',
  'decimal_comma',
  'not_number',
  'date_value',
  // A note or evidence cell
  'text_too_long',
  'evidence_not_url',
  // The table
  'empty_file',
  'tab_separated',
  'duplicate_column',
  'unknown_column',
  'unknown_column_case',
  'no_stakeholder_column',
  'no_indicator_columns',
  'missing_columns',
  'headerless_value',
  'extra_cell',
  'row_width',
  'no_stakeholder',
  'duplicate_stakeholder',
  'no_rows',
  'more_errors',
] as const;
export type DecodeProblemCode = (typeof DECODE_PROBLEM_CODES)[number];

export type ProblemParams = Record<string, string | number>;

/** A problem and where it is: the row as a spreadsheet numbers it, the column as `"hires" (C)` or a letter. */
export interface Located<Code extends string> {
  code: Code;
  params?: ProblemParams;
  /** Absent for a problem of the whole file. */
  row?: number;
  column?: string;
}

export type DecodeProblem = Located<DecodeProblemCode>;

/** A problem with only the keys that have a value (reports are compared and serialized as data). */
export function located<Code extends string>(code: Code, params?: ProblemParams, row?: number, column?: string): Located<Code> {
  return { code, ...(params ? { params } : {}), ...(row !== undefined ? { row } : {}), ...(column !== undefined ? { column } : {}) };
}

/** 0 → A, 25 → Z, 26 → AA. */
export function columnLetter(index: number): string {
  let letters = '';
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) letters = String.fromCharCode(65 + ((n - 1) % 26)) + letters;
  return letters;
}
