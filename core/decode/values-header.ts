// The header row of a values table: which file column fills which indicator (its value, note or
// evidence link), where the stakeholder is, and what is wrong with the header (unknown or duplicate
// columns, no stakeholder). An indicator's column may be headed by its code, its Chinese name or its
// English name; `<indicator>:note` and `<indicator>:evidence` head its note and evidence link.
// Headers compare without case, spaces or full-width forms (what a Chinese input method types).
import { columnLetter, located, type DecodeProblem } from './problems';

export const STAKEHOLDER_COLUMN = 'stakeholder';
export const NAME_COLUMN = 'name';

/** Column targets besides an indicator's index (≥ 0). */
export const TARGET_STAKEHOLDER = -1;
export const TARGET_IGNORED = -2;
export const TARGET_NO_HEADER = -3;
/** A note or evidence column: `textTargets` says of which indicator. */
export const TARGET_TEXT = -4;

export const TEXT_NOTE = 0;
export const TEXT_EVIDENCE = 1;

/** An indicator's names, accepted as its column's header beside its code. */
export type IndicatorNames = { nameEn?: string; nameZh?: string };

// Headers as people write them, compared after `headerKey`.
const STAKEHOLDER_HEADERS = new Set(['stakeholder', 'stakeholdercode', 'code', 'creditcode', '主体', '主体编码', '编码', '统一社会信用代码']);
const NAME_HEADERS = new Set(['name', 'stakeholdername', '名称', '主体名称']);
const NOTE_SUFFIXES = new Set(['note', 'notes', '备注', '说明']);
const EVIDENCE_SUFFIXES = new Set(['evidence', 'evidencelink', 'evidenceurl', 'link', '佐证', '佐证链接', '佐证材料']);

export interface ValuesHeader {
  names: string[];
  /** For each file column: the indicator it fills, or one of the TARGET_ constants. */
  targets: Int32Array;
  /** For a TARGET_TEXT column: indicator index × 2 + TEXT_NOTE or TEXT_EVIDENCE; else -1. */
  textTargets: Int32Array;
  stakeholderColumn: number;
  /** For each indicator, its column as `"code" (C)`, or null when the file has none. */
  indicatorColumns: (string | null)[];
  problems: DecodeProblem[];
  warnings: DecodeProblem[];
}

/** A header as compared: NFKC (full-width → ASCII), lower case, no white space. */
export function headerKey(text: string): string {
  return text.normalize('NFKC').toLowerCase().replace(/\s+/g, '');
}

/** Adds `key → j`; a key two indicators share is marked -1 (it matches neither). */
function addKey(map: Map<string, number>, key: string, j: number): void {
  const seen = map.get(key);
  map.set(key, seen === undefined || seen === j ? j : -1);
}

/**
 * Header key → indicator index: codes first, then names; a key two indicators share matches
 * neither (two codes that differ only in case still match exactly: `exact`).
 */
function indicatorLookup(indicatorCodes: readonly string[], names: readonly IndicatorNames[]): Map<string, number> {
  const byName = new Map<string, number>();
  names.forEach((n, j) => {
    for (const name of [n.nameZh, n.nameEn]) if (name) addKey(byName, headerKey(name), j);
  });
  const byCode = new Map<string, number>();
  indicatorCodes.forEach((code, j) => addKey(byCode, headerKey(code), j));
  const lookup = new Map([...byName].filter(([key, j]) => j >= 0 && !byCode.has(key)));
  for (const [key, j] of byCode) if (j >= 0) lookup.set(key, j);
  return lookup;
}

type ColumnTarget = { kind: 'stakeholder' | 'name' } | { kind: 'value'; j: number } | { kind: 'text'; j: number; text: number } | null;

/** What a header names: the stakeholder, the name, an indicator's value, note or evidence, or nothing known. */
function columnTarget(name: string, exact: Map<string, number>, lookup: Map<string, number>): ColumnTarget {
  const key = headerKey(name);
  if (STAKEHOLDER_HEADERS.has(key)) return { kind: 'stakeholder' };
  if (NAME_HEADERS.has(key)) return { kind: 'name' };
  const j = exact.get(name) ?? lookup.get(key);
  if (j !== undefined) return { kind: 'value', j };
  const colon = key.lastIndexOf(':');
  if (colon > 0) {
    const base = lookup.get(key.slice(0, colon));
    const suffix = key.slice(colon + 1);
    if (base !== undefined && NOTE_SUFFIXES.has(suffix)) return { kind: 'text', j: base, text: TEXT_NOTE };
    if (base !== undefined && EVIDENCE_SUFFIXES.has(suffix)) return { kind: 'text', j: base, text: TEXT_EVIDENCE };
  }
  // A name followed by its unit in brackets: "本地雇工人数(人)".
  const bare = /^(.+?)\([^()]*\)$/.exec(key);
  const unitless = bare ? lookup.get(bare[1]!) : undefined;
  return unitless !== undefined ? { kind: 'value', j: unitless } : null;
}

/** `"hires" (C)`, or the letter alone for a column without a header. */
export function columnName(names: readonly string[], index: number): string {
  const name = names[index];
  return name ? `${JSON.stringify(name)} (${columnLetter(index)})` : columnLetter(index);
}

/** Reads the first non-blank record of a values table (trailing empty cells do not count). */
export function readValuesHeader(
  cells: readonly string[],
  row: number,
  indicatorCodes: readonly string[],
  kpiSetCode: string,
  indicatorNames: readonly IndicatorNames[] = [],
): ValuesHeader {
  const names = Array.from(cells, (cell) => cell ?? '');
  while (names.length > 0 && names[names.length - 1] === '') names.pop();
  const header: ValuesHeader = {
    names,
    targets: new Int32Array(names.length).fill(TARGET_IGNORED),
    textTargets: new Int32Array(names.length).fill(-1),
    stakeholderColumn: -1,
    indicatorColumns: indicatorCodes.map(() => null),
    problems: [],
    warnings: [],
  };
  if (names.length === 1 && names[0]!.includes('\t')) {
    header.problems.push(located('tab_separated', undefined, row));
    return header;
  }
  const exact = new Map(indicatorCodes.map((code, j) => [code, j]));
  const lookup = indicatorLookup(indicatorCodes, indicatorNames);
  // Two headers for the same thing (a code and a name of one indicator, say) are a duplicate.
  const seenAt = new Map<string, number>();
  names.forEach((name, c) => {
    if (name === '') {
      header.targets[c] = TARGET_NO_HEADER;
      return;
    }
    const target = columnTarget(name, exact, lookup);
    if (target === null) {
      header.problems.push(located('unknown_column', { value: name, inKpiSet: kpiSetCode ? 'yes' : 'no', kpiSet: kpiSetCode }, row, columnName(names, c)));
      return;
    }
    const key = target.kind === 'value' ? `v${target.j}` : target.kind === 'text' ? `t${target.j}:${target.text}` : target.kind;
    const first = seenAt.get(key);
    if (first !== undefined) {
      header.problems.push(located('duplicate_column', { value: name, first: columnLetter(first) }, row, columnName(names, c)));
      return;
    }
    seenAt.set(key, c);
    if (target.kind === 'stakeholder') {
      header.targets[c] = TARGET_STAKEHOLDER;
      header.stakeholderColumn = c;
    } else if (target.kind === 'value') {
      header.targets[c] = target.j;
      header.indicatorColumns[target.j] = columnName(names, c);
    } else if (target.kind === 'text') {
      header.targets[c] = TARGET_TEXT;
      header.textTargets[c] = target.j * 2 + target.text;
    }
  });
  if (header.stakeholderColumn < 0) header.problems.push(located('no_stakeholder_column', undefined, row));
  const absent = indicatorCodes.filter((_, j) => header.indicatorColumns[j] === null);
  if (absent.length > 0 && absent.length === indicatorCodes.length) header.problems.push(located('no_indicator_columns', undefined, row));
  else if (absent.length > 0) header.warnings.push(located('missing_columns', { n: absent.length, codes: absent.map((a) => `"${a}"`).join(', ') }));
  return header;
}
