// The one values-file decoder the CLI and the web import share: encodings told apart by content
// (a byte-order mark means UTF-16, never GB18030), XLSX read by content too, and one rule for a
// formula without a computed value — an error naming its cell.
import fs from 'node:fs';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { decodeText, readValuesCsv, readValuesFile, type ValuesRead } from '@/core/decode';
import { formatProblem } from '@/cli/english';

const CODES = ['hires', 'sales'];
const CSV = 'stakeholder,name,hires,sales\nA,甲公司,3,1.5\nB,乙公司,,7\n';

function utf16(text: string, endian: 'le' | 'be'): Uint8Array {
  const le = Buffer.from(`\uFEFF${text}`, 'utf16le');
  return endian === 'le' ? le : le.swap16();
}

function table(read: ValuesRead) {
  return { stakeholders: read.matrix.stakeholders, values: Array.from(read.matrix.values), rows: read.rowNumbers };
}

async function workbook(fill: (sheet: ExcelJS.Worksheet) => void): Promise<Uint8Array> {
  const book = new ExcelJS.Workbook();
  fill(book.addWorksheet('values'));
  return new Uint8Array(await book.xlsx.writeBuffer());
}

describe('decoding bytes', () => {
  const expected = { stakeholders: ['A', 'B'], values: [3, 1.5, Number.NaN, 7], rows: [2, 3] };

  it('reads UTF-16 with a byte-order mark (either byte order) like UTF-8', async () => {
    for (const endian of ['le', 'be'] as const) {
      const read = await readValuesFile(utf16(CSV, endian), CODES);
      expect(read).toMatchObject({ ok: true, format: 'csv', encoding: `utf-16${endian}` });
      expect(table(read)).toEqual(expected);
    }
  });

  it('reads GB18030 when the bytes are not UTF-8, and UTF-8 with or without a mark', async () => {
    const gb = await readValuesFile(iconv.encode(CSV, 'gb18030'), CODES);
    expect(gb).toMatchObject({ ok: true, encoding: 'gb18030' });
    expect(table(gb)).toEqual(expected);
    for (const bytes of [new TextEncoder().encode(CSV), new TextEncoder().encode(`\uFEFF${CSV}`)]) {
      const read = await readValuesFile(bytes, CODES);
      expect(read).toMatchObject({ ok: true, encoding: 'utf-8' });
      expect(table(read)).toEqual(expected);
    }
  });

  it('the GB18030 fixture decodes to the UTF-8 one', () => {
    const decoded = decodeText(fs.readFileSync('tests/fixtures/scoring/market-2025.values.gb18030.csv'));
    expect(decoded.ok && decoded.text.replaceAll('\r\n', '\n')).toBe(fs.readFileSync('tests/fixtures/scoring/market-2025.values.csv', 'utf8').replaceAll('\r\n', '\n'));
  });

  it('refuses broken UTF-8 when UTF-8 is chosen or marked, and an old .xls workbook', async () => {
    const gb = iconv.encode(CSV, 'gb18030');
    expect(decodeText(gb, 'utf8')).toEqual({ ok: false, problem: { code: 'not_utf8' } });
    expect(decodeText(Uint8Array.from([0xef, 0xbb, 0xbf, ...gb]))).toEqual({ ok: false, problem: { code: 'not_utf8' } });
    const xls = await readValuesFile(Uint8Array.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), CODES);
    expect(xls.errors.map((e) => formatProblem('v.xls', e))).toEqual(['v.xls: an old .xls workbook; save it as .xlsx or as CSV']);
  });
});

describe('XLSX', () => {
  it('reads numbers and text cells to the same matrix as CSV', async () => {
    const bytes = await workbook((sheet) => {
      sheet.addRow(['stakeholder', 'name', 'hires', 'sales']);
      sheet.addRow(['A', '甲公司', 3, 1.5]);
      sheet.addRow(['B', '乙公司', null, '7']);
    });
    const read = await readValuesFile(bytes, CODES);
    expect(read).toMatchObject({ ok: true, format: 'xlsx', encoding: null });
    expect(table(read)).toEqual(table(readValuesCsv(CSV, CODES)));
  });

  it('takes a formula by its computed value, and refuses one without, naming the cell', async () => {
    const bytes = await workbook((sheet) => {
      sheet.addRow(['stakeholder', 'hires', 'sales']);
      sheet.addRow(['A', { formula: '1+2', result: 3 }, 4]);
      sheet.addRow(['B', 5, { formula: 'B3*2' }]);
    });
    const read = await readValuesFile(bytes, CODES);
    expect(read.ok).toBe(false);
    expect(read.errors.map((e) => formatProblem('v.xlsx', e))).toEqual([
      'v.xlsx, row 3, column C: a formula without a computed value: open the file in a spreadsheet program and save it again',
    ]);
    expect(Array.from(read.matrix.values.subarray(0, 2))).toEqual([3, 4]);
  });

  it('says so when the bytes are not a readable workbook', async () => {
    const good = await workbook((sheet) => sheet.addRow(['stakeholder', 'hires']));
    const read = await readValuesFile(good.subarray(0, 200), CODES);
    expect(read).toMatchObject({ ok: false, format: 'xlsx', errors: [{ code: 'bad_xlsx' }] });
  });
});

describe('the fast path of the CSV reader', () => {
  it('sends a number followed by other text in the last column to the general path', () => {
    const read = readValuesCsv('stakeholder,hires,sales\nA,1,2x\n', CODES);
    expect(read.errors).toEqual([{ code: 'not_number', params: { value: '2x' }, row: 2, column: '"sales" (C)' }]);
  });
});
