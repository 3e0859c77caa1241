// Scoring benchmark: 100,000 stakeholders × 30 indicators in 3 objectives.
// Reports the engine's throughput (values/s), the CLI end to end (values CSV → scores CSV, the real
// CLI spawned, startup included) beside an analyst's pandas script on the same file, and peak
// memory (max RSS of each child process, from /usr/bin/time). Files go to bench/out/scoring/.
import fs from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import {
  compileKpiSet,
  readValuesCsv,
  scoreMatrix,
  stakeholderScoreAt,
  validateKpiSet,
} from '@/server/scoring';
import type { KpiSetV1Input, KpiIndicator } from '@/server/scoring';

const ROWS = 100_000;
const INDICATORS_PER_OBJECTIVE = 10;
const OBJECTIVES = ['poverty', 'industry', 'income'];
const MISSING_SHARE = 0.005;
const ROOT = path.resolve(import.meta.dirname, '..');
const OUT = path.join(ROOT, 'bench', 'out', 'scoring');

/** mulberry32: a small seeded generator, so every run benchmarks the same file. */
function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function gaussian(random: () => number): number {
  return Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
}

type IndicatorSpec = Omit<KpiIndicator, 'name' | 'unit'> & { draw: (random: () => number) => number };

function indicatorSpecs(random: () => number): IndicatorSpec[][] {
  return OBJECTIVES.map((objective) =>
    Array.from({ length: INDICATORS_PER_OBJECTIVE }, (_, i): IndicatorSpec => {
      const code = `${objective}_${String(i + 1).padStart(2, '0')}`;
      const weight = 1 + Math.floor(random() * 5);
      switch (i) {
        case 0:
        case 1:
          return { code, weight, direction: 'higher', normalization: { method: 'goalposts', min: 0, max: 100, transform: 'none' }, draw: (r) => Math.round((60 + 30 * gaussian(r)) * 100) / 100 };
        case 2:
          return { code, weight, direction: 'lower', normalization: { method: 'goalposts', min: 0, max: 20, transform: 'none' }, draw: (r) => Math.floor(r() * 24) };
        case 3:
        case 4:
          return { code, weight, direction: 'higher', normalization: { method: 'goalposts', min: 1, max: 100_000, transform: 'ln' }, draw: (r) => Math.round(Math.exp(6 + 2 * gaussian(r)) * 10) / 10 + 1 };
        case 5:
          return { code, weight, direction: 'higher', normalization: { method: 'target', target: 10, baseline: 0 }, draw: (r) => Math.round(r() * 1500) / 100 };
        case 6:
          return { code, weight, direction: 'lower', normalization: { method: 'target', target: 1, baseline: 8 }, draw: (r) => Math.round(r() * 1000) / 100 };
        case 7:
          return { code, weight, direction: 'higher', normalization: { method: 'minmax' }, draw: (r) => Math.round(Math.abs(500 + 200 * gaussian(r))) };
        case 8:
          return { code, weight, direction: 'higher', normalization: { method: 'zscore' }, draw: (r) => Math.round((50 + 15 * gaussian(r)) * 10) / 10 };
        default:
          return { code, weight, direction: 'higher', normalization: { method: 'percentile' }, draw: (r) => Math.floor(r() * 1000) };
      }
    }),
  );
}

function generate(): { kpiSetFile: string; valuesFile: string; specs: IndicatorSpec[][] } {
  fs.mkdirSync(OUT, { recursive: true });
  const random = seededRandom(20250701);
  const specs = indicatorSpecs(random);
  const kpiSet: KpiSetV1Input = {
    format: 'kpi-set/v1',
    code: 'bench-market',
    name: { en: 'Benchmark market set', 'zh-CN': '基准测试市场主体指标集' },
    stakeholderType: 'market',
    scale: 100,
    aggregation: { indicators: 'arithmetic', objectives: 'geometric' },
    missing: { policy: 'reweight', minCompleteness: 0.8 },
    grades: [
      { code: 'A', min: 85, label: { en: 'Excellent', 'zh-CN': '优秀' } },
      { code: 'B', min: 70, label: { en: 'Good', 'zh-CN': '良好' } },
      { code: 'C', min: 60, label: { en: 'Pass', 'zh-CN': '合格' } },
      { code: 'D', min: 0, label: { en: 'Needs improvement', 'zh-CN': '待改进' } },
    ],
    objectives: OBJECTIVES.map((code, o) => ({
      code,
      name: { en: code, 'zh-CN': code },
      weight: [0.4, 0.3, 0.3][o]!,
      indicators: specs[o]!.map(({ draw: _draw, ...indicator }) => ({ ...indicator, name: { en: indicator.code, 'zh-CN': indicator.code }, unit: '' })),
    })),
  };
  const validation = validateKpiSet(kpiSet);
  if (!validation.ok) throw new Error(`bench KPI set invalid: ${JSON.stringify(validation.errors)}`);
  const kpiSetFile = path.join(OUT, 'kpi-set.json');
  fs.writeFileSync(kpiSetFile, `${JSON.stringify(kpiSet, null, 2)}\n`);

  const flat = specs.flat();
  const lines = [['stakeholder', ...flat.map((spec) => spec.code)].join(',')];
  for (let r = 0; r < ROWS; r++) {
    const cells = [`S${String(r + 1).padStart(6, '0')}`];
    for (const spec of flat) {
      const value = spec.draw(random);
      cells.push(random() < MISSING_SHARE ? '' : String(value));
    }
    lines.push(cells.join(','));
  }
  const valuesFile = path.join(OUT, 'values.csv');
  fs.writeFileSync(valuesFile, `${lines.join('\n')}\n`);
  return { kpiSetFile, valuesFile, specs };
}

function median(xs: number[]): number {
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

interface ProcessRun {
  seconds: number;
  peakMb: number | null;
}

const TIME_BINARY = '/usr/bin/time';

/** Runs a command `runs` times; median wall time and the highest max RSS (GNU time's %M, in KB). */
function runProcess(command: string, args: string[], runs: number): ProcessRun {
  const haveTime = fs.existsSync(TIME_BINARY);
  const rssFile = path.join(OUT, 'rss.txt');
  const times: number[] = [];
  let peakKb = 0;
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    const child = haveTime
      ? spawnSync(TIME_BINARY, ['-f', '%M', '-o', rssFile, command, ...args], { cwd: ROOT, encoding: 'utf8' })
      : spawnSync(command, args, { cwd: ROOT, encoding: 'utf8' });
    times.push((performance.now() - started) / 1000);
    if (child.status !== 0) throw new Error(`${command} ${args.join(' ')} failed (${child.status}):\n${child.stderr}`);
    if (haveTime) peakKb = Math.max(peakKb, Number(fs.readFileSync(rssFile, 'utf8').trim().split('\n').pop()));
  }
  return { seconds: median(times), peakMb: haveTime ? peakKb / 1024 : null };
}

function findPandasPython(): string | null {
  for (const python of ['python3', '/usr/bin/python3']) {
    const probe = spawnSync(python, ['-c', 'import pandas'], { encoding: 'utf8' });
    if (probe.status === 0) return python;
  }
  return null;
}

/** Largest |difference| between two scores CSVs' composites, and rows whose grade differs. */
function compareComposites(fileA: string, fileB: string): { maxDifference: number; gradeMismatches: number; rows: number } {
  const read = (file: string) =>
    fs
      .readFileSync(file, 'utf8')
      .trim()
      .split('\n')
      .slice(1)
      .map((line) => {
        const [stakeholder, composite, grade] = line.split(',');
        return { stakeholder: stakeholder!, composite: composite === '' ? NaN : Number(composite), grade: grade ?? '' };
      });
  const a = read(fileA);
  const b = new Map(read(fileB).map((row) => [row.stakeholder, row]));
  let maxDifference = 0;
  let gradeMismatches = 0;
  for (const row of a) {
    const other = b.get(row.stakeholder);
    if (!other) throw new Error(`${row.stakeholder} missing from ${fileB}`);
    if (Number.isNaN(row.composite) !== Number.isNaN(other.composite)) maxDifference = Infinity;
    else if (!Number.isNaN(row.composite)) maxDifference = Math.max(maxDifference, Math.abs(row.composite - other.composite));
    if (row.grade !== other.grade) gradeMismatches++;
  }
  return { maxDifference, gradeMismatches, rows: a.length };
}

function bundleCli(): string | null {
  // A pre-bundled CLI separates tsx's on-the-fly TypeScript compilation from the CLI's own work.
  const bundle = path.join(OUT, 'cli.mjs');
  const esbuild = path.join(ROOT, 'node_modules', '.bin', 'esbuild');
  if (!fs.existsSync(esbuild)) return null;
  const result = spawnSync(
    esbuild,
    ['server/cli/main.ts', '--bundle', '--platform=node', '--format=esm', '--target=node20', '--packages=external', `--outfile=${bundle}`, '--log-level=warning'],
    { cwd: ROOT, encoding: 'utf8' },
  );
  return result.status === 0 ? bundle : null;
}

function pad(text: string, width: number): string {
  return text.padEnd(width);
}

export async function runScoringBench(): Promise<void> {
  console.log(`\n== scoring: ${ROWS.toLocaleString('en')} stakeholders × ${OBJECTIVES.length * INDICATORS_PER_OBJECTIVE} indicators in ${OBJECTIVES.length} objectives ==`);
  let started = performance.now();
  const { kpiSetFile, valuesFile } = generate();
  console.log(`generated ${path.relative(ROOT, valuesFile)} (${(fs.statSync(valuesFile).size / 1e6).toFixed(1)} MB) in ${((performance.now() - started) / 1000).toFixed(2)} s`);

  // Engine, in process.
  const validation = validateKpiSet(JSON.parse(fs.readFileSync(kpiSetFile, 'utf8')));
  if (!validation.ok) throw new Error('bench KPI set invalid');
  const compiled = compileKpiSet(validation.value);
  const text = fs.readFileSync(valuesFile, 'utf8');
  const parseTimes: number[] = [];
  let read = readValuesCsv(text, compiled.indicatorCodes);
  for (let i = 0; i < 3; i++) {
    started = performance.now();
    read = readValuesCsv(text, compiled.indicatorCodes);
    parseTimes.push((performance.now() - started) / 1000);
  }
  if (!read.ok) throw new Error(`bench values invalid: ${JSON.stringify(read.errors.slice(0, 3))}`);
  const matrix = read.matrix;
  const valueCount = matrix.values.length;
  scoreMatrix(compiled, matrix); // warm-up
  const engineTimes: number[] = [];
  let scores = scoreMatrix(compiled, matrix);
  for (let i = 0; i < 5; i++) {
    started = performance.now();
    scores = scoreMatrix(compiled, matrix);
    engineTimes.push((performance.now() - started) / 1000);
  }
  const engineSeconds = median(engineTimes);
  started = performance.now();
  let detailChars = 0;
  for (let r = 0; r < scores.rowCount; r++) detailChars += stakeholderScoreAt(compiled, matrix, scores, r).stakeholder.length;
  const detailSeconds = (performance.now() - started) / 1000;
  void detailChars;

  // CLI end to end and pandas, side by side.
  const tsx = path.join(ROOT, 'node_modules', '.bin', 'tsx');
  const cliArgs = (out: string) => ['score', '--kpi-set', kpiSetFile, '--values', valuesFile, '--format', 'csv', '--out', out];
  const cliOut = path.join(OUT, 'scores-cli.csv');
  const cliRun = runProcess(tsx, ['server/cli/main.ts', ...cliArgs(cliOut)], 3);
  const bundle = bundleCli();
  const bundledOut = path.join(OUT, 'scores-bundled.csv');
  const bundledRun = bundle ? runProcess(process.execPath, [bundle, ...cliArgs(bundledOut)], 3) : null;
  const python = findPandasPython();
  const pandasOut = path.join(OUT, 'scores-pandas.csv');
  const pandasRun = python ? runProcess(python, ['bench/pandas_composite.py', kpiSetFile, valuesFile, pandasOut], 3) : null;

  const mb = (run: ProcessRun | null) => (run?.peakMb == null ? 'n/a' : `${run.peakMb.toFixed(0)} MB`);
  const rows: [string, string, string][] = [
    ['engine (scoreMatrix, in process)', `${engineSeconds.toFixed(3)} s`, `${(valueCount / engineSeconds / 1e6).toFixed(1)} M values/s`],
    ['values CSV → matrix (in process)', `${median(parseTimes).toFixed(3)} s`, `${(valueCount / median(parseTimes) / 1e6).toFixed(1)} M values/s`],
    ['scores/v1 objects for every row', `${detailSeconds.toFixed(3)} s`, `${(valueCount / detailSeconds / 1e6).toFixed(1)} M values/s`],
    ['CLI via tsx (values CSV → scores CSV)', `${cliRun.seconds.toFixed(3)} s`, `peak ${mb(cliRun)}`],
  ];
  if (bundledRun) rows.push(['CLI pre-bundled (node, no tsx)', `${bundledRun.seconds.toFixed(3)} s`, `peak ${mb(bundledRun)}`]);
  rows.push(pandasRun ? ['pandas script (same composite)', `${pandasRun.seconds.toFixed(3)} s`, `peak ${mb(pandasRun)}`] : ['pandas script', 'skipped', 'no python3 with pandas found']);
  console.log(`${pad('measure', 40)}${pad('time', 12)}result`);
  for (const [name, time, result] of rows) console.log(`${pad(name, 40)}${pad(time, 12)}${result}`);

  const goal = valueCount / engineSeconds >= 10e6;
  console.log(`engine goal ≥ 10 M values/s: ${goal ? 'met' : 'NOT met'}`);
  if (pandasRun) {
    console.log(`CLI via tsx / pandas time ratio: ${(cliRun.seconds / pandasRun.seconds).toFixed(2)} (below 1 = the CLI is faster)`);
    if (bundledRun) console.log(`CLI pre-bundled / pandas time ratio: ${(bundledRun.seconds / pandasRun.seconds).toFixed(2)}`);
    const agreement = compareComposites(cliOut, pandasOut);
    console.log(`CLI vs pandas on ${agreement.rows.toLocaleString('en')} rows: largest composite difference ${agreement.maxDifference.toExponential(2)}, grade mismatches ${agreement.gradeMismatches}`);
  }
  if (cliRun.peakMb !== null) console.log(`CLI peak memory within 512 MB: ${cliRun.peakMb <= 512 ? 'yes' : 'NO'}`);
}
