// The header row of a values table: which file column fills which indicator, where the
// stakeholder is, and what is wrong with the header (unknown or duplicate columns, no stakeholder).
import { columnLetter, located, type DecodeProblem } from './problems';

export const STAKEHOLDER_COLUMN = 'stakeholder';
export const NAME_COLUMN = 'name';

/** Column targets besides an indicator's index (≥ 0). */
export const TARGET_STAKEHOLDER = -1;
export const TARGET_IGNORED = -2;
export const TARGET_NO_HEADER = -3;

export interface ValuesHeader {
  names: string[];
  /** For each file column: the indicator it fills, or one of the TARGET_ constants. */
  targets: Int32Array;
  stakeholderColumn: number;
  /** For each indicator, its column as `"code" (C)`, or null when the file has none. */
  indicatorColumns: (string | null)[];
  problems: DecodeProblem[];
  warnings: DecodeProblem[];
}

/** `"hires" (C)`, or the letter alone for a column without a header. */
export function columnName(names: readonly string[], index: number): string {
  const name = names[index];
  return name ? `${JSON.stringify(name)} (${columnLetter(index)})` : columnLetter(index);
}

/** Reads the first non-blank record of a values table (trailing empty cells do not count). */
export function readValuesHeader(cells: readonly string[], row: number, indicatorCodes: readonly string[], kpiSetCode: string): ValuesHeader {
  const names = Array.from(cells, (cell) => cell ?? '');
  while (names.length > 0 && names[names.length - 1] === '') names.pop();
  const header: ValuesHeader = {
    names,
    targets: new Int32Array(names.length).fill(TARGET_IGNORED),
    stakeholderColumn: -1,
    indicatorColumns: indicatorCodes.map(() => null),
    problems: [],
    warnings: [],
  };
  if (names.length === 1 && names[0]!.includes('\t')) {
    header.problems.push(located('tab_separated', undefined, row));
    return header;
  }
  const indicatorIndex = new Map(indicatorCodes.map((code, j) => [code, j]));
  const lowerCaseCodes = new Map(indicatorCodes.map((code) => [code.toLowerCase(), code]));
  const seenAt = new Map<string, number>();
  names.forEach((name, c) => {
    if (name === '') {
      header.targets[c] = TARGET_NO_HEADER;
      return;
    }
    const lower = name.toLowerCase();
    const key = lower === STAKEHOLDER_COLUMN || lower === NAME_COLUMN ? lower : name;
    const first = seenAt.get(key);
    if (first !== undefined) {
      header.problems.push(located('duplicate_column', { value: name, first: columnLetter(first) }, row, columnName(names, c)));
      return;
    }
    seenAt.set(key, c);
    if (lower === STAKEHOLDER_COLUMN) {
      header.targets[c] = TARGET_STAKEHOLDER;
      header.stakeholderColumn = c;
    } else if (lower !== NAME_COLUMN) {
      const j = indicatorIndex.get(name);
      if (j !== undefined) {
        header.targets[c] = j;
        header.indicatorColumns[j] = columnName(names, c);
      } else header.problems.push(unknownColumn(name, lowerCaseCodes.get(lower), kpiSetCode, row, columnName(names, c)));
    }
  });
  if (header.stakeholderColumn < 0) header.problems.push(located('no_stakeholder_column', undefined, row));
  const absent = indicatorCodes.filter((_, j) => header.indicatorColumns[j] === null);
  if (absent.length > 0 && absent.length === indicatorCodes.length) header.problems.push(located('no_indicator_columns', undefined, row));
  else if (absent.length > 0) header.warnings.push(located('missing_columns', { n: absent.length, codes: absent.map((a) => `"${a}"`).join(', ') }));
  return header;
}

function unknownColumn(name: string, suggestion: string | undefined, kpiSetCode: string, row: number, column: string): DecodeProblem {
  if (suggestion) return located('unknown_column_case', { value: name, suggestion }, row, column);
  return located('unknown_column', { value: name, inKpiSet: kpiSetCode ? 'yes' : 'no', kpiSet: kpiSetCode }, row, column);
}
