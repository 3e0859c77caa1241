// Numbers in cells: one decimal scanner, shared by every path that reads a value, and the rules
// for what people type instead of a plain number (full-width digits, thousands separators, "%").
import type { DecodeProblemCode, ProblemParams } from './problems';

/** A cell as it comes from a file: CSV gives strings, a spreadsheet may give numbers. */
export type Cell = string | number | null | undefined;

// Exact powers of ten: doubles represent 10^0 … 10^22 exactly.
const POWERS_OF_TEN = Array.from({ length: 23 }, (_, e) => 10 ** e);

/**
 * Scans a decimal number in UTF-8 (or any ASCII-compatible) bytes starting at `start` and stopping
 * at the first byte that cannot continue it: optional sign, digits with an optional fraction, an
 * optional exponent (`1.5e3`). Writes the value to `out[at]` and returns where the number ends, or
 * -1 when there is no number there (nothing is written then). Working on the file's bytes, writing
 * straight into its destination and returning an index keeps the reader's hot loop free of
 * strings, allocations and a second result.
 *
 * Up to 15 significant digits with a small exponent the value is m × 10^e or m / 10^e with m and
 * 10^e exact, which is correctly rounded (Clinger's fast path, "How to read floating point numbers
 * accurately", PLDI 1990); otherwise the text is handed to Number(), which is correctly rounded
 * too. -0 reads as 0. Past the end of the bytes an index gives undefined, which ends every loop.
 */
export function scanDecimal(bytes: Uint8Array, start: number, out: Float64Array, at: number): number {
  let i = start;
  let c = bytes[i]!;
  const negative = c === 45;
  if (c === 45 || c === 43) c = bytes[++i]!;
  let mantissa = 0;
  let digits = 0; // significant digits kept in `mantissa`
  let anyDigit = false;
  let fractionDigits = 0; // the value is mantissa / 10^fractionDigits
  for (; c >= 48 && c <= 57; c = bytes[++i]!) {
    anyDigit = true;
    if (digits === 0 && c === 48) continue;
    mantissa = mantissa * 10 + (c - 48);
    digits++;
  }
  if (c === 46) {
    for (c = bytes[++i]!; c >= 48 && c <= 57; c = bytes[++i]!) {
      anyDigit = true;
      fractionDigits++;
      if (digits === 0 && c === 48) continue;
      mantissa = mantissa * 10 + (c - 48);
      digits++;
    }
  }
  if (!anyDigit) return -1;
  if (c === 101 || c === 69) return withExponent(bytes, start, i + 1, out, at, negative, mantissa, digits, 0 - fractionDigits);
  // The common case, kept small so that the reader's loop can inline all of this.
  if (digits > 15 || fractionDigits > 22) return viaNumber(bytes, start, i, out, at);
  const value = mantissa / POWERS_OF_TEN[fractionDigits]!;
  out[at] = negative && value !== 0 ? -value : value;
  return i;
}

/** The rest of scanDecimal after an "e": the exponent's digits, then the value. */
function withExponent(bytes: Uint8Array, start: number, from: number, out: Float64Array, at: number, negative: boolean, mantissa: number, digits: number, exponent: number): number {
  let e = from;
  let c = bytes[e]!;
  const exponentNegative = c === 45;
  if (c === 45 || c === 43) c = bytes[++e]!;
  let written = 0;
  const exponentStart = e;
  for (; c >= 48 && c <= 57; c = bytes[++e]!) {
    written = Math.min(written * 10 + (c - 48), 100_000); // beyond any double; Number() handles the rest
  }
  if (e === exponentStart) return -1; // "1e" is not a number
  exponent += exponentNegative ? -written : written;
  if (digits > 15 || exponent < -22 || exponent > 22) return viaNumber(bytes, start, e, out, at);
  const value = exponent >= 0 ? mantissa * POWERS_OF_TEN[exponent]! : mantissa / POWERS_OF_TEN[0 - exponent]!;
  out[at] = negative && value !== 0 ? -value : value;
  return e;
}

const ASCII = new TextDecoder();

/** Beyond the exact fast path: Number() is correctly rounded too (the scan has checked the syntax). */
function viaNumber(bytes: Uint8Array, start: number, end: number, out: Float64Array, at: number): number {
  const value = Number(ASCII.decode(bytes.subarray(start, end)));
  if (!Number.isFinite(value)) return -1;
  out[at] = value === 0 ? 0 : value;
  return end;
}

const scratch = new Float64Array(1);
let scratchBytes = new Uint8Array(64);

/** The whole text as a plain decimal number, NaN for anything else (see scanDecimal). */
export function parseDecimal(text: string): number {
  if (text.length >= scratchBytes.length) scratchBytes = new Uint8Array(text.length * 2);
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c > 127) return NaN; // no number has such a character (full-width digits are turned to ASCII first)
    scratchBytes[i] = c;
  }
  // A byte past the text must not continue the number: a space ends any number.
  scratchBytes[text.length] = 32;
  return scanDecimal(scratchBytes, 0, scratch, 0) === text.length ? scratch[0]! : NaN;
}

const THOUSANDS = /^[+-]?\d{1,3}(,\d{3})+(\.\d*)?$/;

/** Full-width digits and signs (as typed with a Chinese input method) → ASCII. */
function toHalfWidth(text: string): string {
  return text.replace(/[\uFF0B\uFF0C\uFF0D\uFF0E\uFF10-\uFF19\u2212]/g, (ch) =>
    ch === '\u2212' ? '-' : String.fromCharCode(ch.charCodeAt(0) - 0xfee0),
  );
}

export type CellProblem = { code: DecodeProblemCode; params: ProblemParams };

/** A cell's number: `null` for an empty cell, a finite number, or what to write instead. */
export function parseNumberCell(cell: Cell): number | null | CellProblem {
  if (cell === null || cell === undefined) return null;
  if (typeof cell === 'number') return Number.isFinite(cell) ? cell : { code: 'not_finite', params: { value: String(cell) } };
  // A plain number with no surrounding blanks first: the common case.
  let value = parseDecimal(cell);
  if (value === value) return value;
  const text = toHalfWidth(cell.trim());
  if (text === '') return null;
  value = parseDecimal(text);
  if (value === value) return value;
  if (THOUSANDS.test(text)) return parseDecimal(text.replaceAll(',', ''));
  const shown = cell.length > 30 ? `${cell.slice(0, 30)}…` : cell;
  if (/^[+-]?[\d.]+\s*%$/.test(text)) return { code: 'percent_sign', params: { value: shown, suggestion: text.replace(/\s*%$/, '') } };
  if (/^[+-]?\d+,\d+$/.test(text)) return { code: 'decimal_comma', params: { value: shown, suggestion: text.replace(',', '.') } };
  // A spreadsheet turns "1-2" into a date; a workbook's date cell reads as its day (xlsx.ts).
  if (/^\d{4}-\d{2}-\d{2}(T[\d:.]+Z)?$/.test(text)) return { code: 'date_value', params: { value: shown } };
  return { code: 'not_number', params: { value: shown } };
}
