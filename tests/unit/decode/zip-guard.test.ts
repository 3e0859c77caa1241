// A workbook that unpacks to more than the limit is refused before any workbook library unpacks
// it — whether its ZIP directory admits the size or lies about it — and the refusal names the limit.
import zlib from 'node:zlib';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { readTableFile, readValuesFile } from '@/core/decode';
import { checkWorkbookArchive, WORKBOOK_LIMITS } from '@/core/decode/zip-guard';
import { formatProblem } from '@/cli/english';

/** A one-member ZIP archive, deflated; `declare` overrides the unpacked size its headers state. */
function zipOf(name: string, content: Buffer, declare?: number): Uint8Array {
  const data = zlib.deflateRawSync(content, { level: 9 });
  const nameBytes = Buffer.from(name);
  const size = declare ?? content.length;
  const local = Buffer.alloc(30);
  local.writeUInt32LE(0x04034b50, 0);
  local.writeUInt16LE(20, 4);
  local.writeUInt16LE(8, 8);
  local.writeUInt32LE(data.length, 18);
  local.writeUInt32LE(size, 22);
  local.writeUInt16LE(nameBytes.length, 26);
  const central = Buffer.alloc(46);
  central.writeUInt32LE(0x02014b50, 0);
  central.writeUInt16LE(20, 4);
  central.writeUInt16LE(20, 6);
  central.writeUInt16LE(8, 10);
  central.writeUInt32LE(data.length, 20);
  central.writeUInt32LE(size, 24);
  central.writeUInt16LE(nameBytes.length, 28);
  central.writeUInt32LE(0, 42);
  const directoryStart = local.length + nameBytes.length + data.length;
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(1, 8);
  end.writeUInt16LE(1, 10);
  end.writeUInt32LE(central.length + nameBytes.length, 12);
  end.writeUInt32LE(directoryStart, 16);
  return new Uint8Array(Buffer.concat([local, nameBytes, data, central, nameBytes, end]));
}

const bomb = Buffer.alloc(WORKBOOK_LIMITS.unpackedBytes + 1024 * 1024, 0x20);

describe('the workbook archive guard', () => {
  it('refuses an archive whose directory declares more than the limit', async () => {
    const bytes = zipOf('xl/worksheets/sheet1.xml', bomb);
    expect(bytes.length).toBeLessThan(200_000);
    expect(await checkWorkbookArchive(bytes)).toEqual({ code: 'xlsx_too_large', params: { limitMb: 50 } });
  });

  it('refuses an archive that lies about its size, by inflating within a budget', async () => {
    const bytes = zipOf('xl/worksheets/sheet1.xml', bomb, 1000);
    expect(await checkWorkbookArchive(bytes)).toEqual({ code: 'xlsx_too_large', params: { limitMb: 50 } });
  });

  it('lets a real workbook through, and says what is wrong with a damaged one', async () => {
    const book = new ExcelJS.Workbook();
    book.addWorksheet('values').addRow(['stakeholder', 'hires']);
    const real = new Uint8Array(await book.xlsx.writeBuffer());
    expect(await checkWorkbookArchive(real)).toBeNull();
    expect(await checkWorkbookArchive(real.subarray(0, real.length - 30))).toMatchObject({ code: 'bad_xlsx' });
  });

  it('stops both file readers with the message in words, not an unpacking that takes the server down', async () => {
    const bytes = zipOf('xl/worksheets/sheet1.xml', bomb, 1000);
    const values = await readValuesFile(bytes, ['hires']);
    expect(values).toMatchObject({ ok: false, format: 'xlsx', errors: [{ code: 'xlsx_too_large' }] });
    if (!values.ok) expect(formatProblem('bomb.xlsx', values.errors[0]!)).toBe('bomb.xlsx: the workbook unpacks to more than 50 MB; save it as CSV (or split it) and upload that');
    const table = await readTableFile(bytes);
    expect(table.problems).toEqual([{ code: 'xlsx_too_large', params: { limitMb: 50 } }]);
  });

  it('refuses a first sheet that spans more rows than the limit, before reading its cells', async () => {
    const book = new ExcelJS.Workbook();
    const sheet = book.addWorksheet('values');
    sheet.getCell('A1').value = 'stakeholder';
    sheet.getCell(`A${WORKBOOK_LIMITS.rows + 1}`).value = 'far down';
    const table = await readTableFile(new Uint8Array(await book.xlsx.writeBuffer()));
    expect(table.problems).toEqual([{ code: 'sheet_too_large', params: { maxRows: WORKBOOK_LIMITS.rows, maxCells: WORKBOOK_LIMITS.cells } }]);
    expect(table.records).toEqual([]);
  });
});
