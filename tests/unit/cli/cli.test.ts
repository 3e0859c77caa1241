import fs from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseCsv } from '@/core/decode';
import { cli, FIXTURES, KPI_SET, temporaryDirectory, VALUES_CSV, VALUES_GB18030 } from './cli-helpers';

let dir: string;
let valuesXlsx: string;

/** The fixture's values as an XLSX workbook, written the way a person would fill one in. */
async function writeXlsxFixture(file: string, change?: (sheet: ExcelJS.Worksheet) => void): Promise<void> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('values');
  parseCsv(fs.readFileSync(VALUES_CSV, 'utf8'), (cells, row) => {
    // Numbers as numbers (as a spreadsheet stores them), text as text, empty cells left empty.
    sheet.addRow(row === 1 ? cells : cells.map((cell, c) => (c < 2 ? cell : cell === '' ? null : Number(cell))));
  });
  change?.(sheet);
  await workbook.xlsx.writeFile(file);
}

beforeAll(async () => {
  dir = temporaryDirectory('scorecard-cli');
  valuesXlsx = path.join(dir, 'market-2025.values.xlsx');
  await writeXlsxFixture(valuesXlsx);
});

afterAll(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('score', () => {
  it('prints scores/v1 JSON by default', async () => {
    const run = await cli('score', '--kpi-set', KPI_SET, '--values', VALUES_CSV);
    expect(run.code).toBe(0);
    expect(run.stderr).toBe('');
    const scores = JSON.parse(run.stdout);
    expect(scores.format).toBe('scores/v1');
    expect(scores.methodHash).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(scores.results).toHaveLength(8);
    expect(Object.keys(scores.results[0])).toEqual(['stakeholder', 'composite', 'grade', 'rank', 'percentile', 'completeness', 'objectives', 'indicators', 'coupling', 'warnings']);
    expect(Object.keys(scores.results[0].indicators.local_hires)).toEqual(['raw', 'normalized', 'weight', 'effectiveWeight', 'contribution']);
    expect(scores.results[0]).toMatchObject({ stakeholder: 'M001', grade: 'B', rank: 1, percentile: 100, coupling: { class: 9, label: { en: 'good coordination', 'zh-CN': '良好协调' } } });
  });

  it('gives byte-identical output for the same files', async () => {
    const first = await cli('score', '--kpi-set', KPI_SET, '--values', VALUES_CSV);
    const second = await cli('score', '--kpi-set', KPI_SET, '--values', VALUES_CSV);
    expect(second.stdout).toBe(first.stdout);
  });

  it('writes CSV with the documented columns', async () => {
    const run = await cli('score', '--kpi-set', KPI_SET, '--values', VALUES_CSV, '--format', 'csv');
    expect(run.code).toBe(0);
    const lines = run.stdout.split('\n');
    expect(lines[0]).toBe('stakeholder,composite,grade,rank,percentile,objective.poverty,objective.industry,objective.income,coupling.C,coupling.T,coupling.D,coupling.class');
    expect(lines[1]).toMatch(/^M001,80\.718502043951\d*,B,1,100,/);
    expect(lines).toHaveLength(10); // header, 8 rows, final newline
  });

  it('reads GB18030 (as Chinese Excel saves CSV) to the same scores as UTF-8', async () => {
    const utf8 = await cli('score', '--kpi-set', KPI_SET, '--values', VALUES_CSV);
    const gb = await cli('score', '--kpi-set', KPI_SET, '--values', VALUES_GB18030);
    expect(gb.code).toBe(0);
    expect(gb.stdout).toBe(utf8.stdout);
    const forced = await cli('score', '--kpi-set', KPI_SET, '--values', VALUES_GB18030, '--encoding', 'utf8');
    expect(forced.code).toBe(2);
    expect(forced.stderr).toMatch(/market-2025\.values\.gb18030\.csv: is not valid UTF-8 \(try --encoding gb18030\)/);
  });

  it('reads a UTF-8 file with a byte-order mark', async () => {
    const withBom = path.join(dir, 'bom.csv');
    fs.writeFileSync(withBom, `\uFEFF${fs.readFileSync(VALUES_CSV, 'utf8')}`);
    const utf8 = await cli('score', '--kpi-set', KPI_SET, '--values', VALUES_CSV);
    expect((await cli('score', '--kpi-set', KPI_SET, '--values', withBom)).stdout).toBe(utf8.stdout);
  });

  it('reads UTF-16 with a byte-order mark', async () => {
    const utf16 = path.join(dir, 'utf16.csv');
    fs.writeFileSync(utf16, Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(fs.readFileSync(VALUES_CSV, 'utf8'), 'utf16le')]));
    const utf8 = await cli('score', '--kpi-set', KPI_SET, '--values', VALUES_CSV);
    expect((await cli('score', '--kpi-set', KPI_SET, '--values', utf16)).stdout).toBe(utf8.stdout);
  });

  it('reads the first sheet of an XLSX workbook to the same scores', async () => {
    const csv = await cli('score', '--kpi-set', KPI_SET, '--values', VALUES_CSV);
    const xlsx = await cli('score', '--kpi-set', KPI_SET, '--values', valuesXlsx);
    expect(xlsx.stderr).toBe('');
    expect(xlsx.code).toBe(0);
    expect(xlsx.stdout).toBe(csv.stdout);
  });

  it('names the row and column of a bad XLSX cell', async () => {
    const file = path.join(dir, 'bad.xlsx');
    await writeXlsxFixture(file, (sheet) => {
      sheet.getCell('D4').value = 'lots';
      sheet.getCell('E5').value = { formula: 'D5*2' } as ExcelJS.CellFormulaValue;
    });
    const run = await cli('score', '--kpi-set', KPI_SET, '--values', file);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('bad.xlsx, row 5, column E: a formula without a computed value');
    expect(run.stderr).toContain('bad.xlsx, row 4, column "coop_purchases" (D): "lots" is not a number');
  });

  it('writes --out atomically, choosing CSV from the extension', async () => {
    const out = path.join(dir, 'scores.csv');
    const run = await cli('score', '--kpi-set', KPI_SET, '--values', VALUES_CSV, '--out', out);
    expect(run.code).toBe(0);
    expect(run.stdout).toBe('');
    expect(run.stderr).toBe(`scored 8 stakeholders → ${out}\n`);
    const printed = await cli('score', '--kpi-set', KPI_SET, '--values', VALUES_CSV, '--format', 'csv');
    expect(fs.readFileSync(out, 'utf8')).toBe(printed.stdout);
    expect(fs.readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('refuses an --out folder that does not exist', async () => {
    const run = await cli('score', '--kpi-set', KPI_SET, '--values', VALUES_CSV, '--out', path.join(dir, 'nowhere', 'x.json'));
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/cannot write .*x\.json: its folder does not exist/);
  });

  it('under policy reject, a missing value is invalid input naming stakeholder and indicator', async () => {
    const strict = JSON.parse(fs.readFileSync(KPI_SET, 'utf8'));
    strict.missing.policy = 'reject';
    const file = path.join(dir, 'strict.json');
    fs.writeFileSync(file, JSON.stringify(strict));
    const run = await cli('score', '--kpi-set', file, '--values', VALUES_CSV);
    expect(run.code).toBe(2);
    expect(run.stderr).toBe(`${VALUES_CSV}: stakeholder "M005" has no value for indicator "coop_purchases", and the KPI set's missing-data policy is "reject"\n`);
  });

  it('notes an indicator without a column on stderr and still scores', async () => {
    const file = path.join(dir, 'partial.csv');
    fs.writeFileSync(file, 'stakeholder,local_hires,coop_purchases,value_added,rnd_share,env_violations,farmer_wages,contract_payments\nA,1,2,30,1,0,5,6\n');
    const run = await cli('score', '--kpi-set', KPI_SET, '--values', file);
    expect(run.code).toBe(0);
    expect(run.stderr).toBe(`${file}: note: no column for indicator "profit_shared": every value of it counts as missing\n`);
  });
});

describe('weights', () => {
  it('ahp prints weights, λmax, CI, CR and consistency', async () => {
    const run = await cli('weights', 'ahp', '--matrix', path.join(FIXTURES, 'objectives.ahp.json'));
    expect(run.code).toBe(0);
    const result = JSON.parse(run.stdout);
    expect(Object.keys(result)).toEqual(['weights', 'lambdaMax', 'CI', 'CR', 'consistent']);
    expect(result.weights.poverty).toBeCloseTo(0.4, 12);
    expect(result.weights.industry).toBeCloseTo(0.3, 12);
    expect(result.consistent).toBe(true);
    expect(run.stderr).toBe('');
  });

  it('ahp points at the judgement most at odds when CR > 0.1', async () => {
    const run = await cli('weights', 'ahp', '--matrix', path.join(FIXTURES, 'industry-inconsistent.ahp.json'));
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout).consistent).toBe(false);
    expect(run.stderr).toMatch(/CR = 0\.\d+ > 0\.1.*"value_added" vs "local_processing" is 0\.5/);
  });

  it('ahp refuses a non-reciprocal matrix, naming the cell', async () => {
    const file = path.join(dir, 'bad.ahp.json');
    fs.writeFileSync(file, JSON.stringify({ criteria: ['a', 'b'], matrix: [[1, 3], [3, 1]] }));
    const run = await cli('weights', 'ahp', '--matrix', file);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/bad\.ahp\.json: matrix\[1\]\[0\]: not reciprocal/);
    fs.writeFileSync(file, JSON.stringify({ criteria: ['a', 'b'], matrix: [[1, 'three'], ['1/3', 1]] }));
    const text = await cli('weights', 'ahp', '--matrix', file);
    expect(text.stderr).toMatch(/matrix\[0\]\[1\]/);
  });

  it('entropy and critic print weights over all indicators or one objective', async () => {
    for (const method of ['entropy', 'critic']) {
      const run = await cli('weights', method, '--kpi-set', KPI_SET, '--values', VALUES_CSV);
      expect(run.code).toBe(0);
      const result = JSON.parse(run.stdout);
      expect(result.method).toBe(method);
      expect(Object.keys(result.weights)).toHaveLength(8);
      expect(Object.values(result.weights as Record<string, number>).reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
      expect(run.stderr).toBe('note: 2 of 8 rows have a missing value and were left out\n');
    }
    const one = await cli('weights', 'critic', '--kpi-set', KPI_SET, '--values', VALUES_CSV, '--objective', 'industry');
    expect(Object.keys(JSON.parse(one.stdout).weights)).toEqual(['value_added', 'rnd_share', 'env_violations']);
  });

  it('refuses an unknown objective as a usage error', async () => {
    const run = await cli('weights', 'entropy', '--kpi-set', KPI_SET, '--values', VALUES_CSV, '--objective', 'nope');
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/--objective nope: no such objective .* its objectives are poverty, industry, income/);
  });
});

describe('validate and schema', () => {
  it('validate confirms a valid set with its method hash', async () => {
    const run = await cli('validate', '--kpi-set', KPI_SET);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/valid kpi-set\/v1 "market-2025" \(market\): 3 objectives, 8 indicators, 4 grade bands\nmethod hash sha256:[0-9a-f]{64}\n/);
  });

  it('validate prints every error with its JSON path', async () => {
    const broken = JSON.parse(fs.readFileSync(KPI_SET, 'utf8'));
    broken.objectives[0].indicators[1].normalization.max = 0;
    broken.objectives[2].weight = 0;
    const file = path.join(dir, 'broken.json');
    fs.writeFileSync(file, JSON.stringify(broken, null, 2));
    const run = await cli('validate', '--kpi-set', file);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toBe(
      `${file}: objectives[2].weight: must be greater than 0\n` +
        `${file}: objectives[0].indicators[1].normalization.max: goalposts need min < max (min 1, max 0)\n` +
        `${file}: 2 errors; the file is not a valid kpi-set/v1\n`,
    );
  });

  it('places a JSON syntax error at its line and column', async () => {
    const file = path.join(dir, 'syntax.json');
    fs.writeFileSync(file, '{\n  "format": "kpi-set/v1",\n  "code" "x"\n}\n');
    const run = await cli('validate', '--kpi-set', file);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/syntax\.json: line 3, column 10: not valid JSON/);
  });

  it('schema prints the JSON Schema kept in docs/', async () => {
    const run = await cli('schema');
    expect(run.code).toBe(0);
    expect(run.stdout).toBe(fs.readFileSync('docs/kpi-set-v1.schema.json', 'utf8'));
    const schema = JSON.parse(run.stdout);
    expect(schema.title).toBe('kpi-set/v1');
    expect(schema.required).toEqual(expect.arrayContaining(['format', 'code', 'objectives', 'grades']));
  });
});

describe('usage errors exit with 1 and show the usage', () => {
  it.each([
    [[], /no command given/],
    [['rank'], /unknown command "rank"/],
    [['score', '--kpi-set', 'a.json'], /--values is required/],
    [['score', '--kpi-set', 'a.json', '--values', 'b.csv', '--format', 'xml'], /--format must be one of json, csv, got "xml"/],
    [['score', '--kpi-set', 'a.json', '--kpi-set', 'b.json', '--values', 'c.csv'], /--kpi-set is given twice/],
    [['score', '--kpi-set'], /--kpi-set needs a value/],
    [['score', '--kpiset', 'a.json'], /unknown option --kpiset/],
    [['score', 'a.json'], /unexpected argument "a.json"/],
    [['weights'], /name a method/],
    [['weights', 'topsis'], /unknown method "topsis"/],
    [['schema', '--x'], /takes no options/],
  ])('%j', async (argv, message) => {
    const run = await cli(...(argv as string[]));
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(message);
    expect(run.stderr).toContain('Usage: npm run cli -- <command> [options]');
    expect(run.stdout).toBe('');
  });

  it('--help prints the usage and exits 0', async () => {
    for (const argv of [['--help'], ['help'], ['score', '--help']]) {
      const run = await cli(...argv);
      expect(run.code).toBe(0);
      expect(run.stdout).toContain('Exit codes: 0 success, 1 usage error, 2 invalid input.');
    }
  });

  it('a file that does not exist is invalid input (2)', async () => {
    const run = await cli('validate', '--kpi-set', path.join(dir, 'missing.json'));
    expect(run.code).toBe(2);
    expect(run.stderr).toBe(`${path.join(dir, 'missing.json')}: no such file\n`);
  });
});

describe('the real command line (compiled, as `npm run cli` runs it)', () => {
  const launcher = path.resolve('scripts/cli.mjs');
  const cliCommand = (...args: string[]) => spawnSync(process.execPath, [launcher, ...args], { encoding: 'utf8' });

  it('exits 0 and prints the same bytes as the in-process run', async () => {
    const child = cliCommand('score', '--kpi-set', KPI_SET, '--values', VALUES_GB18030, '--format', 'csv');
    expect(child.status).toBe(0);
    expect(child.stdout).toBe((await cli('score', '--kpi-set', KPI_SET, '--values', VALUES_CSV, '--format', 'csv')).stdout);
  });

  it('exits 2 on bad input with a message and no stack trace', () => {
    const child = cliCommand('score', '--kpi-set', KPI_SET, '--values', path.join(FIXTURES, 'objectives.ahp.json'));
    expect(child.status).toBe(2);
    expect(child.stderr).toMatch(/objectives\.ahp\.json, row 1: no "stakeholder" column in the header/);
    expect(child.stderr).not.toMatch(/\n\s+at /);
  });

  it('writes a CSV file byte for byte as the in-process run prints it', async () => {
    const out = path.join(temporaryDirectory('cli-out'), 'scores.csv');
    const child = cliCommand('score', '--kpi-set', KPI_SET, '--values', VALUES_CSV, '--out', out);
    expect(child.status).toBe(0);
    expect(child.stderr).toMatch(/^scored \d+ stakeholders → /m);
    expect(fs.readFileSync(out, 'utf8')).toBe((await cli('score', '--kpi-set', KPI_SET, '--values', VALUES_CSV, '--format', 'csv')).stdout);
  });

  it('runs the compiled bundle, recorded with the sources it was built from', () => {
    expect(cliCommand('schema').status).toBe(0);
    const inputs = JSON.parse(fs.readFileSync('dist/cli/main.inputs.json', 'utf8')) as Record<string, string>;
    expect(Object.keys(inputs)).toEqual(expect.arrayContaining(['cli/main.ts', 'cli/run.ts', 'core/decode/values-file.ts', 'core/scoring/scores-csv.ts']));
  });
});
