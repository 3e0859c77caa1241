// The first worksheet of an XLSX workbook as records of plain cells. A formula without a cached
// result is an error naming its cell: reading it as empty would silently lose a value.
import type { Cell } from './numbers';
import { columnLetter, located, type DecodeProblem } from './problems';
import { withoutComments } from './xlsx-comments';
import { checkWorkbookArchive, WORKBOOK_LIMITS } from './zip-guard';

export type SheetRecord = { row: number; cells: Cell[] };
export type SheetRead = { records: SheetRecord[]; problems: DecodeProblem[] };

export function isZip(bytes: Uint8Array): boolean {
  return bytes.length >= 4 && bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04;
}

export function isOldExcel(bytes: Uint8Array): boolean {
  return bytes.length >= 4 && bytes[0] === 0xd0 && bytes[1] === 0xcf && bytes[2] === 0x11 && bytes[3] === 0xe0;
}

export async function readXlsxRecords(bytes: Uint8Array): Promise<SheetRead> {
  const unsafe = await checkWorkbookArchive(bytes);
  if (unsafe) return { records: [], problems: [located(unsafe.code, unsafe.params)] };
  // Loaded on demand: most files are CSV, and the library is large.
  const ExcelJS = (await import('exceljs')).default;
  let workbook = new ExcelJS.Workbook();
  // exceljs's typings name Node's Buffer; its zip reader takes any Uint8Array.
  const load = (book: typeof workbook, data: Uint8Array) => book.xlsx.load(data as unknown as Parameters<typeof workbook.xlsx.load>[0]);
  try {
    await load(workbook, bytes);
  } catch (error) {
    // Comments exceljs can't place (openpyxl's, say) don't hold values: read the workbook without them.
    const plain = await withoutComments(bytes);
    workbook = new ExcelJS.Workbook();
    if (!plain || !(await load(workbook, plain).then(() => true, () => false)))
      return { records: [], problems: [located('bad_xlsx', { reason: error instanceof Error ? error.message : String(error) })] };
  }
  const sheet = workbook.worksheets[0];
  if (!sheet) return { records: [], problems: [located('no_worksheet')] };
  // The sheet's extent (last row × last column), known before any cell is visited.
  if (sheet.rowCount > WORKBOOK_LIMITS.rows || sheet.rowCount * sheet.columnCount > WORKBOOK_LIMITS.cells)
    return { records: [], problems: [located('sheet_too_large', { maxRows: WORKBOOK_LIMITS.rows, maxCells: WORKBOOK_LIMITS.cells })] };
  const read: SheetRead = { records: [], problems: [] };
  sheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    const cells: Cell[] = [];
    row.eachCell({ includeEmpty: false }, (cell, columnNumber) => {
      const plain = plainCell(cell.value);
      if (plain === FORMULA_WITHOUT_VALUE) read.problems.push(located('formula_without_value', undefined, rowNumber, columnLetter(columnNumber - 1)));
      else cells[columnNumber - 1] = plain;
    });
    for (let c = 0; c < cells.length; c++) if (!(c in cells)) cells[c] = null;
    read.records.push({ row: rowNumber, cells });
  });
  return read;
}

const FORMULA_WITHOUT_VALUE = Symbol('formula without a value');

function plainCell(value: unknown): Cell | typeof FORMULA_WITHOUT_VALUE {
  if (value === null || value === undefined) return null;
  if (typeof value === 'number' || typeof value === 'string') return value;
  if (typeof value === 'boolean') return String(value);
  // A date cell (a number shown as a date): its day, or the moment when it has a time of day.
  if (value instanceof Date) return value.getUTCHours() + value.getUTCMinutes() + value.getUTCSeconds() === 0 ? value.toISOString().slice(0, 10) : value.toISOString();
  if (typeof value === 'object') {
    const v = value as Record<string, unknown>;
    if ('formula' in v || 'sharedFormula' in v) return v.result === undefined || v.result === null ? FORMULA_WITHOUT_VALUE : plainCell(v.result);
    if (Array.isArray(v.richText)) return (v.richText as { text?: string }[]).map((part) => part.text ?? '').join('');
    if (typeof v.text === 'string') return v.text;
    if (typeof v.error === 'string') return v.error;
  }
  return String(value);
}
