// The one writer of every CSV and XLSX file the app hands out (scorecards, beneficiaries, import
// templates). Text that a spreadsheet would read as a formula (a leading = + - @, tab or carriage
// return: OWASP's CSV-injection list) is prefixed with a single quote, so a stakeholder named
// `=HYPERLINK(…)` stays text; numbers stay numbers (a negative number is a number, not text).
// CSV is UTF-8 with a BOM (Excel then reads Chinese correctly) and CRLF line ends.

export type SheetCell = string | number | null | undefined;
export type SheetRow = readonly SheetCell[];

const FORMULA_START = /^[=+\-@\t\r]/;

/** A text cell as it is safe to write: a leading formula character is neutralised. */
export function safeText(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
}

/** A cell as it is safe to write: text neutralised, numbers as they are, empty as null. */
export function safeCell(cell: SheetCell): string | number | null {
  if (cell === null || cell === undefined) return null;
  return typeof cell === 'number' ? (Number.isFinite(cell) ? cell : null) : safeText(cell);
}

function csvField(cell: SheetCell): string {
  const v = safeCell(cell);
  if (v === null) return '';
  if (typeof v === 'number') return String(v);
  return /[",\r\n]|^\s|\s$/.test(v) ? `"${v.replaceAll('"', '""')}"` : v;
}

/** A CSV file of blocks of rows, one empty line between blocks. */
export function csvFile(blocks: readonly (readonly SheetRow[])[]): string {
  const text = blocks.map((rows) => rows.map((row) => row.map(csvField).join(',')).join('\r\n')).join('\r\n\r\n');
  return '\uFEFF' + text + '\r\n';
}

export type SheetSpec = {
  name: string;
  /** Blocks of rows, an empty row between them; the first row of each block is a bold header unless `header` is false. */
  blocks: readonly (readonly SheetRow[])[];
  header?: boolean;
  /** Column widths in characters, from the first column; the rest keep `defaultWidth`. */
  widths?: readonly number[];
  defaultWidth?: number;
  /** Number formats by 1-based column. */
  numFmt?: Readonly<Record<number, string>>;
  freeze?: { columns?: number; rows?: number };
};

/** An XLSX workbook of these sheets. Loads exceljs on demand (it is large). */
export async function xlsxFile(sheets: readonly SheetSpec[]): Promise<Uint8Array<ArrayBuffer>> {
  const ExcelJS = (await import('exceljs')).default;
  const book = new ExcelJS.Workbook();
  book.creator = 'County Scorecard';
  for (const spec of sheets) {
    const ws = book.addWorksheet(spec.name);
    spec.blocks.forEach((rows, b) => {
      if (b > 0) ws.addRow([]);
      rows.forEach((row, i) => {
        const added = ws.addRow(row.map(safeCell));
        if (i === 0 && spec.header !== false) added.font = { bold: true };
      });
    });
    ws.columns.forEach((col, i) => {
      col.width = spec.widths?.[i] ?? spec.defaultWidth ?? 18;
    });
    for (const [column, fmt] of Object.entries(spec.numFmt ?? {})) ws.getColumn(Number(column)).numFmt = fmt;
    if (spec.freeze) ws.views = [{ state: 'frozen', xSplit: spec.freeze.columns ?? 0, ySplit: spec.freeze.rows ?? 0 }];
  }
  return new Uint8Array(await book.xlsx.writeBuffer());
}
