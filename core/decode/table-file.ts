// A table file's bytes (CSV in any encoding text.ts knows, or XLSX; told apart by content) →
// records of text cells, for imports whose columns are text (the stakeholder registry). Values
// files have their own reader (values-file.ts), tuned for numbers.
import { CsvSyntaxError, parseCsv } from './csv';
import { located, type DecodeProblem } from './problems';
import { decodeText, type Encoding, type EncodingChoice } from './text';
import { isOldExcel, isZip, readXlsxRecords } from './xlsx';

export type TextRecord = { row: number; cells: string[] };

export type TableFileRead = {
  format: 'csv' | 'xlsx' | null;
  encoding: Encoding | null;
  /** Non-empty records, header first; none when the file could not be read. */
  records: TextRecord[];
  problems: DecodeProblem[];
};

/** A record with only empty cells (a spreadsheet's blank line) is left out. */
function blank(cells: readonly string[]): boolean {
  return cells.every((c) => c === undefined || c.trim() === '');
}

export async function readTableFile(bytes: Uint8Array, options: { encoding?: EncodingChoice } = {}): Promise<TableFileRead> {
  if (isOldExcel(bytes)) return { format: null, encoding: null, records: [], problems: [located('old_excel')] };
  if (isZip(bytes)) {
    const sheet = await readXlsxRecords(bytes);
    const records: TextRecord[] = [];
    for (const { row, cells } of sheet.records) {
      // A spreadsheet may hold a code as a number: its digits are the text.
      const text = Array.from(cells, (c) => (c === null || c === undefined ? '' : String(c)));
      if (!blank(text)) records.push({ row, cells: text });
    }
    return { format: 'xlsx', encoding: null, records, problems: sheet.problems };
  }
  const decoded = decodeText(bytes, options.encoding);
  if (!decoded.ok) return { format: 'csv', encoding: null, records: [], problems: [decoded.problem] };
  const records: TextRecord[] = [];
  try {
    parseCsv(decoded.text, (cells, row) => {
      const text = Array.from(cells, (c) => c ?? '');
      if (!blank(text)) records.push({ row, cells: text });
    });
  } catch (error) {
    if (!(error instanceof CsvSyntaxError)) throw error;
    return { format: 'csv', encoding: decoded.encoding, records: [], problems: [error.problem] };
  }
  return { format: 'csv', encoding: decoded.encoding, records, problems: [] };
}
