// The text-table reader the registry import uses, and how registry headers are recognized.
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { readTableFile } from '@/core/decode';
import { registryColumnOf } from '@/core/schemas/stakeholder-registry';

const utf8 = (s: string) => new TextEncoder().encode(s);

describe('readTableFile', () => {
  it('reads CSV records as text, numbering rows as a spreadsheet does and leaving out blank lines', async () => {
    const read = await readTableFile(utf8('a,b\r\n"x, y",2\r\n,\r\n"multi\nline",3\n'));
    expect(read).toEqual({
      format: 'csv',
      encoding: 'utf-8',
      problems: [],
      records: [
        { row: 1, cells: ['a', 'b'] },
        { row: 2, cells: ['x, y', '2'] },
        { row: 4, cells: ['multi\nline', '3'] },
      ],
    });
  });

  it('reads GB18030 and reports a CSV syntax error with its row', async () => {
    const gb = await readTableFile(new Uint8Array(iconv.encode('名称,类型\n屏边茶叶,rural\n', 'gb18030')));
    expect(gb).toMatchObject({ encoding: 'gb18030', records: [{ cells: ['名称', '类型'] }, { cells: ['屏边茶叶', 'rural'] }] });
    const broken = await readTableFile(utf8('a,b\n"open,2\n'));
    expect(broken).toMatchObject({ records: [], problems: [{ code: 'unclosed_quote', row: 2 }] });
  });

  it('reads an XLSX sheet, a number cell as its digits', async () => {
    const ExcelJS = (await import('exceljs')).default;
    const book = new ExcelJS.Workbook();
    const sheet = book.addWorksheet('s');
    sheet.addRow(['township_code', 'phone']);
    sheet.addRow([532523101, 13800000001]);
    const read = await readTableFile(new Uint8Array(await book.xlsx.writeBuffer()));
    expect(read).toMatchObject({ format: 'xlsx', problems: [], records: [{ row: 1 }, { row: 2, cells: ['532523101', '13800000001'] }] });
  });
});

describe('registryColumnOf', () => {
  it.each([
    ['统一社会信用代码 (credit_code)', 'credit_code'],
    ['Credit code', 'credit_code'],
    ['名称', 'name_zh'],
    ['name', 'name_zh'],
    ['英文名称', 'name_en'],
    ['乡镇代码（township_code）', 'township_code'],
    [' TYPE ', 'type'],
    ['联系电话', 'contact_phone'],
    ['备注', null],
  ])('%s → %s', (header, column) => {
    expect(registryColumnOf(header)).toBe(column);
  });
});
