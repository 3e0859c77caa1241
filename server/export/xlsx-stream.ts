// An XLSX workbook written as a stream, for tables too long to hold whole (a county's every
// stakeholder): rows are handed over in slices, each committed to the zip as it comes, and the
// writer waits for the reader between slices. Cells go through the one sheet writer's safeCell,
// so text that a spreadsheet would read as a formula stays text (core/export/sheet-writer.ts).
import 'server-only';
import { once } from 'node:events';
import { PassThrough, Readable } from 'node:stream';
import { safeCell, type SheetRow } from '@/core/export/sheet-writer';

export type StreamedSheet = {
  name: string;
  /** Slices of rows; the first row of the first slice is a bold header unless `header` is false. */
  slices: () => Iterable<readonly SheetRow[]>;
  header?: boolean;
  /** Each slice is a block of its own: an empty row between blocks, each with its bold header. */
  blocks?: boolean;
  /** Column widths in characters, from the first column; the rest keep `defaultWidth`. */
  widths?: readonly number[];
  defaultWidth?: number;
  columns?: number;
};

/** The workbook as a web stream (a Response body); an error ends the stream with that error. */
export function xlsxStream(sheets: readonly StreamedSheet[]): ReadableStream<Uint8Array> {
  const out = new PassThrough();
  void (async () => {
    const ExcelJS = (await import('exceljs')).default;
    const book = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
    book.creator = 'County Scorecard';
    for (const spec of sheets) {
      const ws = book.addWorksheet(spec.name);
      const count = spec.columns ?? spec.widths?.length ?? 1;
      ws.columns = Array.from({ length: count }, (_, i) => ({ width: spec.widths?.[i] ?? spec.defaultWidth ?? 18 }));
      let index = 0;
      for (const slice of spec.slices()) {
        if (spec.blocks && index > 0) ws.addRow([]).commit();
        slice.forEach((row, i) => {
          const added = ws.addRow(row.map(safeCell));
          if (i === 0 && spec.header !== false && (index === 0 || spec.blocks)) added.font = { bold: true };
          added.commit();
        });
        index++;
        // The reader sets the pace: nothing piles up while a slow download drains.
        if (out.writableNeedDrain) await once(out, 'drain');
        else await new Promise((r) => setImmediate(r));
      }
      ws.commit();
    }
    await book.commit();
  })().catch((e: unknown) => out.destroy(e instanceof Error ? e : new Error(String(e))));
  return Readable.toWeb(out) as ReadableStream<Uint8Array>;
}
