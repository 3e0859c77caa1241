// A registry file (CSV in UTF-8, UTF-16 or GB18030, or XLSX, read by the one decoder) → rows for
// the checks: the header row names the columns in English or Chinese, in any order.
import 'server-only';
import { columnLetter, located, readTableFile, type TextRecord } from '@/core/decode';
import { MAX_IMPORT_BYTES } from '@/core/domain/imports';
import {
  REQUIRED_REGISTRY_COLUMNS,
  registryColumnOf,
  type RegistryColumn,
  type RegistryProblem,
  type RegistryReport,
  type RegistryRowInput,
} from '@/core/schemas/stakeholder-registry';

export type RegistryFile = {
  rows: RegistryRowInput[];
  /** A column's header as the file spells it, with its letter: `"名称" (C)`. */
  columnOf: (column: RegistryColumn) => string | undefined;
};

/** Reads the file into `report` (format, encoding, its problems); null when there are no rows to check. */
export async function readRegistryFile(bytes: Uint8Array, report: RegistryReport, add: (p: RegistryProblem) => void): Promise<RegistryFile | null> {
  if (bytes.length > MAX_IMPORT_BYTES) {
    add(located('too_large', { mb: MAX_IMPORT_BYTES / 1024 / 1024 }));
    return null;
  }
  const read = await readTableFile(bytes);
  report.format = read.format;
  report.encoding = read.encoding;
  read.problems.forEach(add);
  if (read.problems.length > 0 && read.records.length === 0) return null;
  const [header, ...records] = read.records;
  if (!header) {
    add(located('empty_file'));
    return null;
  }
  const columns = headerColumns(header, report, add);
  if (!columns) return null;
  if (records.length === 0) {
    add(located('no_rows'));
    return null;
  }
  report.rows = records.length;
  const at = (cells: string[], column: RegistryColumn) => {
    const index = columns.index.get(column);
    return index === undefined ? null : (cells[index] ?? null);
  };
  const rows = records.map(({ row, cells }): RegistryRowInput => ({
    row,
    code: at(cells, 'code'),
    creditCode: at(cells, 'credit_code'),
    nameZh: at(cells, 'name_zh'),
    nameEn: at(cells, 'name_en'),
    type: at(cells, 'type'),
    townshipCode: at(cells, 'township_code'),
    contactName: at(cells, 'contact_name'),
    contactPhone: at(cells, 'contact_phone'),
  }));
  return { rows, columnOf: (column) => columns.label.get(column) };
}

/** Which column each header cell names; null when a required one is missing (reported). */
function headerColumns(header: TextRecord, report: RegistryReport, add: (p: RegistryProblem) => void) {
  const index = new Map<RegistryColumn, number>();
  const label = new Map<RegistryColumn, string>();
  let ok = true;
  header.cells.forEach((cell, i) => {
    const where = `"${cell.trim()}" (${columnLetter(i)})`;
    if (!cell.trim()) return;
    const column = registryColumnOf(cell);
    if (!column) {
      // An extra column (a note, a row number) is left alone, and said so.
      report.warnings.push(located('unknown_column', { value: cell.trim() }, header.row, columnLetter(i)));
      return;
    }
    if (index.has(column)) {
      add(located('duplicate_column', { value: cell.trim(), first: label.get(column) ?? '' }, header.row, columnLetter(i)));
      ok = false;
      return;
    }
    index.set(column, i);
    label.set(column, where);
  });
  const missing = REQUIRED_REGISTRY_COLUMNS.filter((c) => !index.has(c));
  if (missing.length > 0) {
    add(located('missing_columns', { columns: missing.join(', ') }, header.row));
    ok = false;
  }
  return ok ? { index, label } : null;
}
