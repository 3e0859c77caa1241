// File input for the CLI (Node only): bytes → text with the right encoding, JSON with positions
// in its errors, and values files as CSV (UTF-8 with or without BOM, GB18030, UTF-16 with BOM) or
// XLSX (first sheet). The checks on the content itself live in core/scoring/values.ts.
import fs from 'node:fs';
import { isUtf8 } from 'node:buffer';
import type { Cell, ValuesFileError, ValuesRead } from '@/core/scoring';
import { readValuesCsv, readValuesTable } from '@/core/scoring';

/** Bad input (a missing or unreadable file, invalid content): exit code 2. */
export class CliInputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CliInputError';
  }
}

export const ENCODINGS = ['auto', 'utf8', 'gb18030'] as const;
export type EncodingChoice = (typeof ENCODINGS)[number];

export function readBytes(file: string): Buffer {
  try {
    return fs.readFileSync(file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new CliInputError(`${file}: no such file`);
    if (code === 'EISDIR') throw new CliInputError(`${file}: is a directory, not a file`);
    if (code === 'EACCES') throw new CliInputError(`${file}: permission denied`);
    throw new CliInputError(`${file}: cannot be read (${(error as Error).message})`);
  }
}

/**
 * Text of a file. With `auto`: a byte-order mark decides (UTF-8, UTF-16); else valid UTF-8 is
 * UTF-8, and anything else is read as GB18030 (what Chinese Excel writes for "CSV"), which
 * includes GBK and GB2312.
 */
export async function decodeText(bytes: Uint8Array, encoding: EncodingChoice): Promise<{ text: string; encoding: string }> {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const hasUtf8Bom = buffer.length >= 3 && buffer[0] === 0xef && buffer[1] === 0xbb && buffer[2] === 0xbf;
  if (encoding === 'gb18030') return { text: await decodeGb18030(buffer), encoding: 'gb18030' };
  if (encoding === 'utf8' || hasUtf8Bom) {
    const body = hasUtf8Bom ? buffer.subarray(3) : buffer;
    if (!isUtf8(body)) throw new CliInputError('is not valid UTF-8 (try --encoding gb18030)');
    return { text: body.toString('utf8'), encoding: 'utf8' };
  }
  if (buffer.length >= 2 && buffer[0] === 0xff && buffer[1] === 0xfe) {
    return { text: new TextDecoder('utf-16le').decode(buffer.subarray(2)), encoding: 'utf16le' };
  }
  if (buffer.length >= 2 && buffer[0] === 0xfe && buffer[1] === 0xff) {
    return { text: new TextDecoder('utf-16be').decode(buffer.subarray(2)), encoding: 'utf16be' };
  }
  if (isUtf8(buffer)) return { text: buffer.toString('utf8'), encoding: 'utf8' };
  return { text: await decodeGb18030(buffer), encoding: 'gb18030' };
}

async function decodeGb18030(buffer: Buffer): Promise<string> {
  // Loaded on demand: most runs read UTF-8 and need not pay for iconv-lite's tables.
  const iconv = (await import('iconv-lite')).default;
  return iconv.decode(buffer, 'gb18030');
}

/** JSON.parse with the error placed at a line and column. */
export function parseJsonText(text: string, file: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    const message = (error as Error).message;
    const position = /position (\d+)/.exec(message);
    let place = '';
    if (position) {
      const offset = Number(position[1]);
      const before = text.slice(0, offset);
      const line = before.split('\n').length;
      const column = offset - before.lastIndexOf('\n');
      place = `line ${line}, column ${column}: `;
    } else if (text.trim() === '') {
      return failEmpty(file);
    } else if (/end of (JSON )?input/i.test(message)) {
      const lines = text.split('\n');
      place = `line ${lines.length}, column ${lines[lines.length - 1]!.length + 1}: `;
    }
    const reason = message.replace(/ in JSON at position \d+.*$/, '').replace(/^JSON\.parse: /, '');
    throw new CliInputError(`${file}: ${place}not valid JSON (${reason})`);
  }
}

function failEmpty(file: string): never {
  throw new CliInputError(`${file}: the file is empty; expected a JSON document`);
}

export async function readJsonFile(file: string): Promise<unknown> {
  const bytes = readBytes(file);
  let text: string;
  try {
    text = (await decodeText(bytes, 'auto')).text;
  } catch (error) {
    if (error instanceof CliInputError) throw new CliInputError(`${file}: ${error.message}`);
    throw error;
  }
  return parseJsonText(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text, file);
}

function isZip(bytes: Uint8Array): boolean {
  return bytes.length >= 4 && bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04;
}

function isOldExcel(bytes: Uint8Array): boolean {
  return bytes.length >= 4 && bytes[0] === 0xd0 && bytes[1] === 0xcf && bytes[2] === 0x11 && bytes[3] === 0xe0;
}

interface SheetRecords {
  records: { row: number; cells: Cell[] }[];
  errors: ValuesFileError[];
}

/** The first worksheet of an XLSX file as records of plain cells. */
export async function readXlsxRecords(bytes: Buffer, file: string): Promise<SheetRecords> {
  const ExcelJS = (await import('exceljs')).default;
  const workbook = new ExcelJS.Workbook();
  try {
    // exceljs's typings want its own Buffer type; a Node Buffer is what it reads.
    await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  } catch (error) {
    throw new CliInputError(`${file}: not a readable XLSX workbook (${(error as Error).message})`);
  }
  const sheet = workbook.worksheets[0];
  if (!sheet) throw new CliInputError(`${file}: the workbook has no worksheet`);
  const records: SheetRecords['records'] = [];
  const errors: ValuesFileError[] = [];
  sheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    const cells: Cell[] = [];
    row.eachCell({ includeEmpty: false }, (cell, columnNumber) => {
      cells[columnNumber - 1] = plainCell(cell.value, rowNumber, columnNumber, errors);
    });
    for (let c = 0; c < cells.length; c++) if (!(c in cells)) cells[c] = null;
    records.push({ row: rowNumber, cells });
  });
  return { records, errors };
}

function plainCell(value: unknown, row: number, column: number, errors: ValuesFileError[]): Cell {
  if (value === null || value === undefined) return null;
  if (typeof value === 'number' || typeof value === 'string') return value;
  if (typeof value === 'boolean') return String(value);
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'object') {
    const v = value as Record<string, unknown>;
    if ('formula' in v || 'sharedFormula' in v) {
      if (v.result === undefined || v.result === null) {
        errors.push({ row, column: columnName(column), message: 'a formula without a computed value: open the file in a spreadsheet program and save it again' });
        return null;
      }
      return plainCell(v.result, row, column, errors);
    }
    if (Array.isArray(v.richText)) return (v.richText as { text?: string }[]).map((part) => part.text ?? '').join('');
    if (typeof v.text === 'string') return v.text;
    if (typeof v.error === 'string') return v.error;
  }
  return String(value);
}

function columnName(column: number): string {
  let letters = '';
  for (let n = column; n > 0; n = Math.floor((n - 1) / 26)) letters = String.fromCharCode(65 + ((n - 1) % 26)) + letters;
  return letters;
}

/** Reads a values file (CSV or XLSX, told apart by content) for the given indicators. */
export async function readValuesFile(
  file: string,
  indicatorCodes: readonly string[],
  kpiSetCode: string,
  encoding: EncodingChoice,
): Promise<ValuesRead> {
  const bytes = readBytes(file);
  if (isOldExcel(bytes)) throw new CliInputError(`${file}: an old .xls workbook; save it as .xlsx or as CSV`);
  if (isZip(bytes)) {
    const { records, errors } = await readXlsxRecords(bytes, file);
    const read = readValuesTable(records, indicatorCodes, { kpiSetCode });
    if (errors.length === 0) return read;
    return { ok: false, errors: [...errors, ...(read.ok ? [] : read.errors)] };
  }
  let text: string;
  try {
    text = (await decodeText(bytes, encoding)).text;
  } catch (error) {
    if (error instanceof CliInputError) throw new CliInputError(`${file}: ${error.message}`);
    throw error;
  }
  return readValuesCsv(text, indicatorCodes, { kpiSetCode });
}
