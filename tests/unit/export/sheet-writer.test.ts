// The one sheet writer: text a spreadsheet would run as a formula is neutralised (OWASP's list of
// leading characters), numbers stay numbers, CSV quoting and the BOM hold.
import { describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { csvFile, safeCell, safeText, xlsxFile } from '@/core/export/sheet-writer';

describe('sheet writer', () => {
  it('prefixes text that starts with = + - @ tab or carriage return, and nothing else', () => {
    for (const bad of ['=1+1', '+1', '-1', '@SUM(A1)', '\tx', '\rx']) expect(safeText(bad)).toBe(`'${bad}`);
    for (const good of ['屏边茶业', 'a=b', '1-2', '']) expect(safeText(good)).toBe(good);
    expect(safeCell(-12.5)).toBe(-12.5);
    expect(safeCell('-12.5')).toBe("'-12.5");
    expect(safeCell(null)).toBeNull();
    expect(safeCell(Number.NaN)).toBeNull();
  });

  it('writes CSV with a BOM, CRLF, blocks and quoted fields', () => {
    const csv = csvFile([[['name', 'n'], ['=HYPERLINK("http://x","y")', -3]], [['a,b', ' padded']]]);
    expect(csv).toBe('\uFEFFname,n\r\n"\'=HYPERLINK(""http://x"",""y"")",-3\r\n\r\n"a,b"," padded"\r\n');
  });

  it('writes XLSX text cells neutralised and numbers (negative ones too) as numbers', async () => {
    const bytes = await xlsxFile([{ name: 'S', blocks: [[['name', 'n'], ['=HYPERLINK("http://x","y")', -3], ['@cmd', 4]]] }]);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(bytes.buffer);
    const ws = book.getWorksheet('S')!;
    expect(ws.getCell('A2').value).toBe('\'=HYPERLINK("http://x","y")');
    expect(ws.getCell('A2').formula).toBeUndefined();
    expect(ws.getCell('B2').value).toBe(-3);
    expect(ws.getCell('A3').value).toBe("'@cmd");
    expect(ws.getRow(1).font?.bold).toBe(true);
  });
});
