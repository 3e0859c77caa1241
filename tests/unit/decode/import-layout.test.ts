// The import's layout on top of the values reader: headers by code, Chinese or English name (case,
// spaces and full-width forms aside), note and evidence columns, the template's help row and the
// rows nobody filled in skipped — in UTF-8, GB18030 and UTF-16 CSV and in XLSX alike. Without the
// import's options the reader keeps its old rules (the CLI's results stay the same).
import fs from 'node:fs';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { readValuesFile, type ValuesFileRead, type ValuesReadOptions } from '@/core/decode';
import { readValuesHeader } from '@/core/decode/values-header';

const CODES = ['hires', 'sales', 'wages'];
const NAMES = [
  { nameZh: '本地雇工人数', nameEn: 'Local hires' },
  { nameZh: '销售额', nameEn: 'Sales' },
  { nameZh: '农民工资', nameEn: 'Farmer wages' },
];
const IMPORT: ValuesReadOptions = { indicatorNames: NAMES, skipUnfilledRows: true };

function utf16(text: string, endian: 'le' | 'be'): Uint8Array {
  const le = Buffer.from(`\uFEFF${text}`, 'utf16le');
  return endian === 'le' ? le : le.swap16();
}

function table(read: ValuesFileRead) {
  return { stakeholders: read.matrix.stakeholders, values: Array.from(read.matrix.values), rows: read.rowNumbers };
}

const header = (cells: string[]) => readValuesHeader(cells, 1, CODES, 'set', NAMES);

describe('header matching', () => {
  it('takes an indicator by code, Chinese or English name, ignoring case, spaces, full-width forms and a unit in brackets', () => {
    const h = header(['Stakeholder', '名称', 'HIRES', '销 售 额', 'farmer  WAGES']);
    expect(h.problems).toEqual([]);
    expect(Array.from(h.targets)).toEqual([-1, -2, 0, 1, 2]);
    const zh = header(['主体编码', '本地雇工人数（人）', 'ｓａｌｅｓ', 'Farmer wages (10k yuan)']);
    expect(zh.problems).toEqual([]);
    expect(Array.from(zh.targets)).toEqual([-1, 0, 1, 2]);
  });

  it('reads note and evidence columns by code or name, with a full-width colon too', () => {
    const h = header(['stakeholder', 'hires', 'hires:note', '本地雇工人数：佐证', 'Sales: Evidence', 'sales:备注']);
    expect(h.problems).toEqual([]);
    expect(Array.from(h.targets)).toEqual([-1, 0, -4, -4, -4, -4]);
    // indicator × 2 + 0 for a note, + 1 for evidence
    expect(Array.from(h.textTargets)).toEqual([-1, -1, 0, 1, 3, 2]);
  });

  it('reports a second header for the same column, an unknown one, and a name two indicators share as unknown', () => {
    const h = header(['stakeholder', 'hires', '本地雇工人数', 'hires:note', 'hires:notes', 'profit']);
    expect(h.problems.map((p) => [p.code, p.column])).toEqual([
      ['duplicate_column', '"本地雇工人数" (C)'],
      ['duplicate_column', '"hires:notes" (E)'],
      ['unknown_column', '"profit" (F)'],
    ]);
    const shared = readValuesHeader(['stakeholder', 'hires', 'Turnover'], 1, CODES, 'set', [NAMES[0]!, { nameEn: 'Turnover' }, { nameEn: 'Turnover' }]);
    expect(shared.problems.map((p) => p.code)).toEqual(['unknown_column']);
    // Codes that differ only in case match exactly, and not otherwise.
    const cased = readValuesHeader(['stakeholder', 'Hires', 'hires', 'HIRES'], 1, ['Hires', 'hires'], 'set');
    expect(Array.from(cased.targets)).toEqual([-1, 0, 1, -2]);
    expect(cased.problems.map((p) => [p.code, p.column])).toEqual([['unknown_column', '"HIRES" (D)']]);
  });
});

describe('rows of the import layout', () => {
  const CSV = [
    'stakeholder,name,hires,sales,wages,hires:note,sales:evidence',
    '# unit · range · direction,for reference,persons · 0 – 1000,10k yuan,10k yuan,note,link',
    'A,甲公司,3,1.5,,,',
    'B,乙公司,,,,,',
    ',,,,,,',
    'C,丙公司,,7,,新开业,https://example.org/c.pdf',
    'D,丁公司,,,,,',
  ].join('\r\n');

  it('skips the help row and the rows without any value, note or link, on the fast and the general path', async () => {
    const read = await readValuesFile(new TextEncoder().encode(CSV), CODES, IMPORT);
    expect(read.errors).toEqual([]);
    expect(table(read)).toEqual({ stakeholders: ['A', 'C'], values: [3, 1.5, NaN, NaN, 7, NaN], rows: [3, 6] });
    expect(read.texts.notes).toEqual(new Map([[3, '新开业']]));
    expect(read.texts.evidence).toEqual(new Map([[4, 'https://example.org/c.pdf']]));
  });

  it('keeps every row without the import options (as the CLI reads a values file)', async () => {
    const help = 'stakeholder,hires,sales,wages\n# unit,persons,10k yuan,\nA,1,,\n';
    const read = await readValuesFile(new TextEncoder().encode(help), CODES);
    expect(read.errors.map((e) => [e.code, e.row])).toEqual([['not_number', 2], ['not_number', 2]]); // the help row is a row like any other
    const plain = await readValuesFile(new TextEncoder().encode('stakeholder,hires,sales,wages\nA,1,,\nB,,,\n'), CODES);
    expect(table(plain)).toEqual({ stakeholders: ['A', 'B'], values: [1, NaN, NaN, NaN, NaN, NaN], rows: [2, 3] });
  });

  it('reports a link that is not http(s) and a note that is too long, at their cells', async () => {
    const text = ['stakeholder,hires,hires:note,hires:evidence', `A,1,${'x'.repeat(501)},`, 'B,2,,javascript:alert(1)', 'C,3,,ftp://example.org/x'].join('\n');
    const read = await readValuesFile(new TextEncoder().encode(text), CODES, IMPORT);
    expect(read.errors.map((e) => [e.code, e.row, e.column])).toEqual([
      ['text_too_long', 2, '"hires:note" (C)'],
      ['evidence_not_url', 3, '"hires:evidence" (D)'],
      ['evidence_not_url', 4, '"hires:evidence" (D)'],
    ]);
  });

  it('reads Chinese headers in GB18030 and in UTF-16 (either byte order)', async () => {
    const text = ['主体,名称,本地雇工人数,销售额,农民工资,本地雇工人数:备注', 'A,甲公司,3,1.5,,新招', 'B,乙公司,,,,', 'C,丙公司,1,2,3,'].join('\r\n');
    const expected = { stakeholders: ['A', 'C'], values: [3, 1.5, NaN, 1, 2, 3], rows: [2, 4] };
    const gb = await readValuesFile(iconv.encode(text, 'gb18030'), CODES, IMPORT);
    expect(gb).toMatchObject({ ok: true, encoding: 'gb18030' });
    expect(table(gb)).toEqual(expected);
    expect(gb.texts.notes.get(0)).toBe('新招');
    for (const endian of ['le', 'be'] as const) {
      const read = await readValuesFile(utf16(text, endian), CODES, IMPORT);
      expect(read).toMatchObject({ ok: true, encoding: `utf-16${endian}` });
      expect(table(read)).toEqual(expected);
    }
  });

  it('reads a workbook the same way: numbers stored as text, rich text, and a date where a number belongs', async () => {
    const book = new ExcelJS.Workbook();
    const sheet = book.addWorksheet('values');
    sheet.addRow(['stakeholder', 'name', 'Local hires', 'sales', 'wages', 'sales:evidence']);
    sheet.addRow(['# help', '', 'persons', '10k yuan', '', 'link']);
    sheet.addRow(['A', '甲', '12', { richText: [{ text: '3' }, { text: '.5' }] }, null, 'https://example.org/a']);
    sheet.addRow(['B', '乙']);
    sheet.addRow(['C', '丙', new Date(Date.UTC(2026, 0, 5))]);
    const read = await readValuesFile(new Uint8Array(await book.xlsx.writeBuffer()), CODES, IMPORT);
    expect(table(read)).toEqual({ stakeholders: ['A', 'C'], values: [12, 3.5, NaN, NaN, NaN, NaN], rows: [3, 5] });
    expect(read.texts.evidence.get(1)).toBe('https://example.org/a');
    expect(read.errors).toEqual([{ code: 'date_value', params: { value: '2026-01-05' }, row: 5, column: '"Local hires" (C)' }]);
  });

  it('reads a workbook whose comments exceljs cannot place (saved by openpyxl, with inline strings)', async () => {
    // Made by openpyxl 3.0: a comment on C1 at xl/comments/comment1.xml, every text an inline string.
    const bytes = new Uint8Array(fs.readFileSync('tests/fixtures/decode/openpyxl-comments.xlsx'));
    const read = await readValuesFile(bytes, CODES, IMPORT);
    expect(read.errors).toEqual([]);
    expect(table(read)).toEqual({ stakeholders: ['A'], values: [3, 1.5, NaN], rows: [3] });
  });
});
