// Hundreds of generated corruptions of a valid KPI set and values file: each must end in exit code
// 2 with a message that names the place (JSON path, line/column, or row/column), never a crash or
// a stack trace.
import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatJsonPath } from '@/core/scoring';
import { parseCsv } from '@/core/decode';
import { cli, KPI_SET, temporaryDirectory, VALUES_CSV } from './cli-helpers';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type PathSegment = string | number;

const fixture = JSON.parse(fs.readFileSync(KPI_SET, 'utf8')) as { [key: string]: Json };
const fixtureRows: string[][] = [];
parseCsv(fs.readFileSync(VALUES_CSV, 'utf8'), (cells) => fixtureRows.push(cells));

let dir: string;
beforeAll(() => {
  dir = temporaryDirectory('scorecard-corruption');
});
afterAll(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

function expectInvalidInput(run: { code: number; stdout: string; stderr: string }, place: RegExp | string) {
  expect(run.code, run.stderr).toBe(2);
  expect(run.stdout).toBe('');
  expect(run.stderr).not.toMatch(/\n\s+at [\w.<]/); // no stack trace
  expect(run.stderr).not.toMatch(/internal error/);
  if (typeof place === 'string') expect(run.stderr).toContain(place);
  else expect(run.stderr).toMatch(place);
}

// ─── KPI sets ───────────────────────────────────────────────────────────────────────────────────

function nodes(value: Json, at: PathSegment[] = []): { path: PathSegment[]; value: Json }[] {
  const here = [{ path: at, value }];
  if (Array.isArray(value)) return here.concat(value.flatMap((item, i) => nodes(item, [...at, i])));
  if (value !== null && typeof value === 'object') return here.concat(Object.entries(value).flatMap(([k, v]) => nodes(v, [...at, k])));
  return here;
}

function getAt(root: Json, at: PathSegment[]): Json {
  return at.reduce<Json>((node, key) => (node as Record<string, Json>)[key as string]!, root);
}

const leaves = nodes(fixture).filter((n) => n.value === null || typeof n.value !== 'object');
const objectNodes = nodes(fixture).filter((n) => n.value !== null && typeof n.value === 'object' && !Array.isArray(n.value));
// Keys whose absence is allowed (a default or optional).
const OPTIONAL_KEYS = new Set(['scale', 'aggregation', 'missing', 'transform', 'minCompleteness', 'baseline', 'center', 'spread', 'description']);

function wrongTypeFor(value: Json, pick: number): Json {
  const candidates: Json[] =
    typeof value === 'number' ? ['12', null, true, [1]] : typeof value === 'string' ? [42, null, false, { text: value }] : ['x', 1];
  return candidates[pick % candidates.length]!;
}

type KpiCorruption = { describe: string; text: string; place: RegExp | string };

const kpiCorruptionArb: fc.Arbitrary<KpiCorruption> = fc.oneof(
  // Cut the file short: a proper prefix of a JSON object is never valid JSON.
  fc.integer({ min: 1, max: JSON.stringify(fixture, null, 2).length - 1 }).map((cut) => ({
    describe: `truncated at ${cut}`,
    text: JSON.stringify(fixture, null, 2).slice(0, cut),
    place: /line \d+, column \d+: not valid JSON/,
  })),
  // A value of the wrong type.
  fc.record({ leaf: fc.nat({ max: leaves.length - 1 }), pick: fc.nat() }).map(({ leaf, pick }) => {
    const target = leaves[leaf]!;
    const copy = structuredClone(fixture) as Json;
    const parent = getAt(copy, target.path.slice(0, -1)) as Record<string, Json>;
    parent[target.path.at(-1) as string] = wrongTypeFor(target.value, pick);
    return { describe: `wrong type at ${formatJsonPath(target.path)}`, text: JSON.stringify(copy), place: `${formatJsonPath(target.path)}:` };
  }),
  // A required field left out.
  fc.record({ node: fc.nat({ max: objectNodes.length - 1 }), pick: fc.nat() }).chain(({ node, pick }): fc.Arbitrary<KpiCorruption | null> => {
    const target = objectNodes[node]!;
    const keys = Object.keys(target.value as object).filter((k) => !OPTIONAL_KEYS.has(k));
    if (keys.length === 0) return fc.constant(null);
    const key = keys[pick % keys.length]!;
    const copy = structuredClone(fixture) as Json;
    delete (getAt(copy, target.path) as Record<string, Json>)[key];
    const parentPath = formatJsonPath(target.path);
    return fc.constant({ describe: `missing ${parentPath}.${key}`, text: JSON.stringify(copy), place: parentPath === '' ? new RegExp(`: ${key}: |\\(top level\\)`) : `${parentPath}` });
  }).filter((c): c is KpiCorruption => c !== null),
  // An unknown field.
  fc.record({ node: fc.nat({ max: objectNodes.length - 1 }), key: fc.constantFrom('weigth', 'normalisation', 'colour', 'extra') }).map(({ node, key }) => {
    const target = objectNodes[node]!;
    const copy = structuredClone(fixture) as Json;
    (getAt(copy, target.path) as Record<string, Json>)[key] = 1;
    const keyPath = formatJsonPath([...target.path, key]);
    return { describe: `unknown ${keyPath}`, text: JSON.stringify(copy), place: `${keyPath}: unknown field` };
  }),
  // Values that break the rules across fields.
  fc.record({ objective: fc.nat({ max: 2 }), indicator: fc.nat({ max: 1 }), amount: fc.integer({ min: 0, max: 1000 }), rule: fc.nat({ max: 9 }) }).map(({ objective, indicator, amount, rule }): KpiCorruption => {
    const copy = structuredClone(fixture) as any; // eslint-disable-line @typescript-eslint/no-explicit-any
    const ind = copy.objectives[objective].indicators[indicator];
    const at = `objectives[${objective}].indicators[${indicator}]`;
    switch (rule) {
      case 0:
        ind.weight = -amount;
        return { describe: 'weight ≤ 0', text: JSON.stringify(copy), place: `${at}.weight: must be greater than 0` };
      case 1:
        copy.objectives[objective].weight = -amount;
        return { describe: 'objective weight ≤ 0', text: JSON.stringify(copy), place: `objectives[${objective}].weight: must be greater than 0` };
      case 2:
        ind.normalization = { method: 'goalposts', min: amount, max: amount - 1 - (amount % 7) };
        return { describe: 'goalposts reversed', text: JSON.stringify(copy), place: `${at}.normalization.max: goalposts need min < max` };
      case 3:
        ind.normalization = { method: 'goalposts', min: -amount, max: 10 + amount, transform: 'ln' };
        return { describe: 'ln with min ≤ 0', text: JSON.stringify(copy), place: `${at}.normalization.min: the ln transform needs positive goalposts` };
      case 4: {
        const other = copy.objectives[(objective + 1) % 3].indicators[0].code;
        ind.code = other;
        return { describe: 'duplicate code', text: JSON.stringify(copy), place: /objectives\[\d\]\.indicators\[\d\]\.code: duplicate indicator code/ };
      }
      case 5:
        copy.grades[amount % 3].min = copy.grades[(amount % 3) + 1].min;
        return { describe: 'overlapping bands', text: JSON.stringify(copy), place: /grades\[\d\]\.min: bands overlap/ };
      case 6:
        copy.grades = copy.grades.filter((g: { min: number }) => g.min !== 0);
        return { describe: 'no band at 0', text: JSON.stringify(copy), place: 'grades: the bands must cover 0…100' };
      case 7:
        copy.grades[0].min = 100.5 + amount;
        return { describe: 'band above scale', text: JSON.stringify(copy), place: 'grades[0].min: a band cannot start above the scale' };
      case 8:
        copy.missing.minCompleteness = 1.01 + amount;
        return { describe: 'minCompleteness > 1', text: JSON.stringify(copy), place: 'missing.minCompleteness: must be between 0 and 1' };
      default:
        ind.normalization = { method: 'target', target: amount, baseline: amount + 1 };
        return { describe: 'target on the wrong side', text: JSON.stringify(copy), place: `${at}.normalization.target: for a higher-is-better indicator` };
    }
  }),
);

describe('corrupted KPI sets', () => {
  it('always give exit code 2 with the place named (validate and score)', async () => {
    const file = path.join(dir, 'corrupt.kpi-set.json');
    const samples = fc.sample(kpiCorruptionArb, { numRuns: 300, seed: 20250701 });
    // Every kind of corruption is in the sample (the first word of the description names the kind).
    const kinds = new Set(samples.map((c) => c.describe.split(' ')[0]));
    expect([...kinds]).toEqual(expect.arrayContaining(['truncated', 'wrong', 'missing', 'unknown', 'weight', 'goalposts', 'duplicate', 'overlapping', 'target']));
    for (const corruption of samples) {
      fs.writeFileSync(file, corruption.text);
      const command = samples.indexOf(corruption) % 2 === 0 ? ['validate', '--kpi-set', file] : ['score', '--kpi-set', file, '--values', VALUES_CSV];
      const run = await cli(...command);
      try {
        expectInvalidInput(run, corruption.place);
      } catch (error) {
        throw new Error(`${corruption.describe}: ${(error as Error).message}\n${run.stderr}`);
      }
    }
  });
});

// ─── Values files ───────────────────────────────────────────────────────────────────────────────

function toCsv(rows: string[][]): string {
  return rows.map((cells) => cells.map((c) => (/[",\n]/.test(c) ? `"${c.replaceAll('"', '""')}"` : c)).join(',')).join('\n') + '\n';
}

type ValuesCorruption = { describe: string; bytes: Buffer; place: RegExp | string };

const dataRow = fc.integer({ min: 1, max: fixtureRows.length - 1 });
const indicatorColumn = fc.integer({ min: 2, max: fixtureRows[0]!.length - 1 });
const badNumber = fc.constantFrom('abc', '1.2.3', '12%', 'NaN', 'Infinity', '0x1F', '1e', '--1', 'N/A', '—', '3,5', '1 000', 'true', '=A1');

const valuesCorruptionArb: fc.Arbitrary<ValuesCorruption> = fc.oneof(
  fc.record({ row: dataRow, column: indicatorColumn, bad: badNumber }).map(({ row, column, bad }) => {
    const rows = structuredClone(fixtureRows);
    rows[row]![column] = bad;
    return { describe: `"${bad}" in row ${row + 1}`, bytes: Buffer.from(toCsv(rows)), place: `row ${row + 1}, column "${fixtureRows[0]![column]}"` };
  }),
  fc.record({ row: dataRow, other: dataRow }).filter(({ row, other }) => row !== other).map(({ row, other }) => {
    const rows = structuredClone(fixtureRows);
    rows[row]![0] = rows[other]![0]!;
    return { describe: 'duplicate stakeholder', bytes: Buffer.from(toCsv(rows)), place: `row ${Math.max(row, other) + 1}, column "stakeholder" (A): duplicate stakeholder` };
  }),
  fc.record({ column: indicatorColumn, suffix: fc.nat({ max: 999 }) }).map(({ column, suffix }) => {
    const rows = structuredClone(fixtureRows);
    rows[0]![column] = `unknown_${suffix}`;
    return { describe: 'unknown column', bytes: Buffer.from(toCsv(rows)), place: `row 1, column "unknown_${suffix}"` };
  }),
  fc.record({ column: indicatorColumn, other: indicatorColumn }).filter(({ column, other }) => column !== other).map(({ column, other }) => {
    const rows = structuredClone(fixtureRows);
    rows[0]![column] = rows[0]![other]!;
    return { describe: 'duplicate column', bytes: Buffer.from(toCsv(rows)), place: /row 1, column "\w+" \([A-Z]\): duplicate column/ };
  }),
  fc.record({ row: dataRow, extra: fc.constantFrom('5', 'x', '0') }).map(({ row, extra }) => {
    const rows = structuredClone(fixtureRows);
    rows[row]!.push(extra);
    return { describe: 'extra cell', bytes: Buffer.from(toCsv(rows)), place: `row ${row + 1}, column K: the row has a value beyond the last column` };
  }),
  fc.record({ row: dataRow, drop: fc.integer({ min: 1, max: 5 }) }).map(({ row, drop }) => {
    const rows = structuredClone(fixtureRows);
    rows[row]!.splice(rows[row]!.length - drop, drop);
    return { describe: 'short row', bytes: Buffer.from(toCsv(rows)), place: `row ${row + 1}: the row has ${10 - drop} cells but the header has 10` };
  }),
  dataRow.map((row) => {
    const rows = structuredClone(fixtureRows);
    rows[row]![0] = '';
    return { describe: 'no stakeholder', bytes: Buffer.from(toCsv(rows)), place: `row ${row + 1}, column "stakeholder" (A): the row has values but no stakeholder` };
  }),
  fc.record({ row: dataRow, column: indicatorColumn }).map(({ row, column }) => {
    const lines = toCsv(fixtureRows).split('\n');
    const cells = lines[row]!.split(',');
    cells[column] = `"${cells[column]}`;
    lines[row] = cells.join(',');
    return { describe: 'stray quote', bytes: Buffer.from(lines.join('\n')), place: /row \d+/ };
  }),
  fc.record({ row: dataRow, column: indicatorColumn, bytes: fc.uint8Array({ minLength: 1, maxLength: 6 }).map((b) => b.map((x) => 0x80 | x)) }).map(({ row, column, bytes }) => {
    const rows = structuredClone(fixtureRows);
    rows[row]![column] = '@@@';
    const text = toCsv(rows);
    const at = text.indexOf('@@@');
    const corrupted = Buffer.concat([Buffer.from(text.slice(0, at)), Buffer.from(bytes), Buffer.from(text.slice(at + 3))]);
    return { describe: 'binary garbage in a cell', bytes: corrupted, place: `row ${row + 1}, column "${fixtureRows[0]![column]}"` };
  }),
  fc.constantFrom(
    { describe: 'empty file', bytes: Buffer.from(''), place: 'the file is empty' },
    { describe: 'blank lines only', bytes: Buffer.from('\n\r\n\n'), place: 'the file is empty' },
    { describe: 'header only', bytes: Buffer.from(`${fixtureRows[0]!.join(',')}\n`), place: 'the file has a header but no stakeholder rows' },
    { describe: 'no stakeholder column', bytes: Buffer.from('name,local_hires\nx,1\n'), place: 'row 1: no "stakeholder" column in the header' },
    { describe: 'old xls', bytes: Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0]), place: 'an old .xls workbook' },
  ),
);

describe('corrupted values files', () => {
  it('always give exit code 2 with the row and column named', async () => {
    const file = path.join(dir, 'corrupt.values.csv');
    const samples = fc.sample(valuesCorruptionArb, { numRuns: 300, seed: 20250702 });
    expect(new Set(samples.map((c) => c.describe)).size).toBeGreaterThanOrEqual(12);
    for (const corruption of samples) {
      fs.writeFileSync(file, corruption.bytes);
      const run = await cli('score', '--kpi-set', KPI_SET, '--values', file, '--format', 'csv');
      try {
        expectInvalidInput(run, corruption.place);
        expect(run.stderr.startsWith(file)).toBe(true);
      } catch (error) {
        throw new Error(`${corruption.describe}: ${(error as Error).message}\n${run.stderr}`);
      }
    }
  });

  it('a truncated or damaged XLSX workbook gives exit code 2 naming the file', async () => {
    const good = path.join(dir, 'good.xlsx');
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('values');
    for (const row of fixtureRows) sheet.addRow(row);
    await workbook.xlsx.writeFile(good);
    const bytes = fs.readFileSync(good);
    const file = path.join(dir, 'corrupt.xlsx');
    const cuts = fc.sample(fc.integer({ min: 4, max: bytes.length - 100 }), { numRuns: 25, seed: 7 });
    for (const cut of cuts) {
      fs.writeFileSync(file, bytes.subarray(0, cut));
      const run = await cli('score', '--kpi-set', KPI_SET, '--values', file);
      expectInvalidInput(run, `${file}:`);
    }
  });
});
