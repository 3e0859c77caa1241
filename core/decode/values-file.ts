// A values file (CSV in any of the encodings text.ts knows, or XLSX; told apart by content) → a
// checked values matrix. The one reader of values files: the CLI and the web import both use it.
// CSV is read from its bytes (no string of the whole file: the CLI reads 100,000s of rows).
import { CR, CsvSyntaxError, LF, recordEnd, scanCsvRecord, textStart } from './csv';
import type { Cell } from './numbers';
import { located, type DecodeProblem } from './problems';
import { decodeText, detectEncoding, type Encoding, type EncodingChoice } from './text';
import { ValuesTableReader, type ValuesRead, type ValuesReadOptions } from './values-table';
import { isOldExcel, isZip, readXlsxRecords } from './xlsx';

export type ValuesFileRead = ValuesRead & { format: 'csv' | 'xlsx' | null; encoding: Encoding | null };

/** Reads a values CSV (already decoded text) for a KPI set's indicators, in the given order. */
export function readValuesCsv(text: string, indicatorCodes: readonly string[], options: ValuesReadOptions = {}): ValuesRead {
  return readValuesCsvBytes(new TextEncoder().encode(text), textStart(text) * 3, 'utf-8', indicatorCodes, options);
}

/**
 * Reads a values CSV from its bytes in UTF-8 or GB18030 starting at `start` (after any byte-order
 * mark): plain records straight from the bytes (ValuesTableReader.fastRecord), any other record
 * decoded alone and read cell by cell. The file is never turned into one string.
 */
export function readValuesCsvBytes(
  bytes: Uint8Array,
  start: number,
  encoding: 'utf-8' | 'gb18030',
  indicatorCodes: readonly string[],
  options: ValuesReadOptions = {},
): ValuesRead {
  let lines = 1;
  for (let at = bytes.indexOf(LF, start); at >= 0; at = bytes.indexOf(LF, at + 1)) lines++;
  const reader = new ValuesTableReader(indicatorCodes, true, { expectedRows: lines, ...options });
  // A U+FEFF inside the file is text like any other (only the file's own mark was skipped).
  const decoder = new TextDecoder(encoding, { ignoreBOM: true });
  try {
    let i = start;
    for (let row = 1; i < bytes.length; row++) {
      const next = reader.fastRecord(bytes, i, row);
      if (next >= 0) {
        i = next;
        continue;
      }
      const end = recordEnd(bytes, i);
      scanCsvRecord(decoder.decode(bytes.subarray(i, end)), 0, row, reader);
      i = bytes[end] === CR && bytes[end + 1] === LF ? end + 2 : end + 1;
    }
  } catch (error) {
    if (!(error instanceof CsvSyntaxError)) throw error;
    // The reader saw only part of the file: its notes on an empty file would mislead.
    const read = reader.finish();
    const errors = read.errors.filter((e) => e.code !== 'empty_file' && e.code !== 'no_rows');
    return { ...read, ok: false, errors: [...errors, error.problem] };
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

/** Reads a values file's bytes: every problem, by row and column, as codes with parameters. */
export async function readValuesFile(
  bytes: Uint8Array,
  indicatorCodes: readonly string[],
  options: ValuesReadOptions & { encoding?: EncodingChoice } = {},
): Promise<ValuesFileRead> {
  if (isOldExcel(bytes)) return unreadable(indicatorCodes, located('old_excel'), null);
  if (isZip(bytes)) {
    const sheet = await readXlsxRecords(bytes);
    // A workbook that could not be opened has no rows to speak of.
    if (sheet.records.length === 0 && sheet.problems.length > 0) return unreadable(indicatorCodes, sheet.problems[0]!, 'xlsx');
    const read = readValuesTable(sheet.records, indicatorCodes, options);
    const errors = [...sheet.problems, ...read.errors];
    return { ...read, ok: errors.length === 0, errors, format: 'xlsx', encoding: null };
  }
  const detected = detectEncoding(bytes, options.encoding);
  if (!detected.ok) return unreadable(indicatorCodes, detected.problem, 'csv');
  const { encoding, start } = detected;
  if (encoding === 'utf-16le' || encoding === 'utf-16be') {
    const decoded = decodeText(bytes, options.encoding);
    if (!decoded.ok) return unreadable(indicatorCodes, decoded.problem, 'csv');
    return { ...readValuesCsv(decoded.text, indicatorCodes, options), format: 'csv', encoding };
  }
  return { ...readValuesCsvBytes(bytes, start, encoding, indicatorCodes, options), format: 'csv', encoding };
}

function unreadable(indicatorCodes: readonly string[], problem: DecodeProblem, format: ValuesFileRead['format']): ValuesFileRead {
  return {
    ok: false,
    matrix: { stakeholders: [], values: new Float64Array(0) },
    rowNumbers: [],
    indicatorColumns: indicatorCodes.map(() => null),
    stakeholderColumn: null,
    errors: [problem],
    warnings: [],
    texts: { notes: new Map(), evidence: new Map() },
    format,
    encoding: null,
  };
}
