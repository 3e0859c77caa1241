// Other programs that write spreadsheets, for the import's round-trip tests: python3 with openpyxl
// (fills a workbook cell by cell, as a script or a data team would) and LibreOffice headless (saves
// it again as a spreadsheet program does). Both are Debian packages that `npm test` installs
// (scripts/lib/office.mjs); a test without one of them is skipped with the reason.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

function works(command: string, args: string[]): boolean {
  try {
    execFileSync(command, args, { stdio: 'ignore', timeout: 60_000 });
    return true;
  } catch {
    return false;
  }
}

/** A python3 that can import openpyxl (Debian's, where pyenv or a venv shadows it), or null. */
export const PYTHON_WITH_OPENPYXL: string | null = ['/usr/bin/python3', 'python3'].find((p) => works(p, ['-c', 'import openpyxl'])) ?? null;

/** LibreOffice's command, or null. */
export const SOFFICE: string | null = ['soffice', 'libreoffice'].find((p) => works('sh', ['-c', `command -v ${p}`])) ?? null;

/** Why a test that needs the tool can't run here (for `it.skipIf` titles and logs). */
export const NO_OPENPYXL = 'python3-openpyxl is not installed (npm test installs it with apt)';
export const NO_SOFFICE = 'LibreOffice (libreoffice-calc) is not installed (npm test installs it with apt)';

/** What to write into the first sheet: header renames (row 1) and cells by stakeholder (column A) and header. */
export type SheetFill = { rename?: Record<string, string>; rows: Record<string, Record<string, string | number>> };

const FILL_SCRIPT = `
import json, sys, openpyxl
src, dst, spec = sys.argv[1], sys.argv[2], json.loads(sys.argv[3])
wb = openpyxl.load_workbook(src)
ws = wb.worksheets[0]
column = {c.value: c.column for c in ws[1] if c.value}
for old, new in spec.get('rename', {}).items():
    ws.cell(row=1, column=column[old]).value = new
for row in ws.iter_rows(min_row=3):
    fill = spec['rows'].get(row[0].value)
    for key, value in (fill or {}).items():
        ws.cell(row=row[0].row, column=column[key]).value = value
wb.save(dst)
`;

/** Fills a workbook with openpyxl and returns the bytes openpyxl saved. */
export function fillWithOpenpyxl(workbook: Uint8Array, fill: SheetFill): Uint8Array {
  if (!PYTHON_WITH_OPENPYXL) throw new Error(NO_OPENPYXL);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'openpyxl-'));
  try {
    fs.writeFileSync(path.join(dir, 'in.xlsx'), workbook);
    execFileSync(PYTHON_WITH_OPENPYXL, ['-c', FILL_SCRIPT, path.join(dir, 'in.xlsx'), path.join(dir, 'out.xlsx'), JSON.stringify(fill)], { stdio: 'pipe', timeout: 60_000 });
    return new Uint8Array(fs.readFileSync(path.join(dir, 'out.xlsx')));
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * Converts a file (a workbook, or a UTF-8 CSV) with LibreOffice headless and returns the XLSX it
 * saved. A profile of its own, so that runs side by side don't share LibreOffice's lock.
 */
export function saveWithLibreOffice(bytes: Uint8Array, extension: 'xlsx' | 'csv'): Uint8Array {
  if (!SOFFICE) throw new Error(NO_SOFFICE);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'soffice-'));
  try {
    const input = path.join(dir, `in.${extension}`);
    fs.writeFileSync(input, bytes);
    const out = path.join(dir, 'out');
    const args = ['--headless', '--norestore', `-env:UserInstallation=file://${path.join(dir, 'profile')}`];
    // A CSV is read as UTF-8, comma-separated, double quotes (the filter's options 44,34,76).
    if (extension === 'csv') args.push('--infilter=CSV:44,34,76');
    execFileSync(SOFFICE, [...args, '--convert-to', 'xlsx:Calc MS Excel 2007 XML', '--outdir', out, input], { stdio: 'pipe', timeout: 120_000 });
    return new Uint8Array(fs.readFileSync(path.join(out, 'in.xlsx')));
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
