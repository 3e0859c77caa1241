// Scoring benchmark: 100,000 stakeholders × 30 indicators in 3 objectives.
// Reports the engine's throughput (values/s), the compiled CLI end to end (values CSV → scores CSV,
// spawned, startup included) beside an analyst's pandas script on the same file, alternating runs,
// and peak memory (max RSS of each child process, from /usr/bin/time). Files go to bench/out/scoring/.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import { compileKpiSet, scoreMatrix, stakeholderScoreAt, validateKpiSet } from '@/core/scoring';
import { readValuesCsv } from '@/core/decode';
import type { KpiSetV1Input, KpiIndicator } from '@/core/scoring';

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

export function generate(): { kpiSetFile: string; valuesFile: string; specs: IndicatorSpec[][] } {
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
  /** Median wall-clock time. */
  seconds: number;
  /** Median CPU time (user + system) of the child: less sensitive to other load on the machine. */
  cpuSeconds: number | null;
  peakMb: number | null;
}

const TIME_BINARY = '/usr/bin/time';

interface Command {
  command: string;
  args: string[];
}

/**
 * Runs the commands in turn, `runs` rounds (A B C A B C …, so they share whatever else the machine
 * is doing): per command the median wall time, the median CPU time and the highest max RSS, the
 * last two from GNU time (%U + %S seconds, %M kilobytes) when /usr/bin/time is there.
 */
function runInterleaved(commands: Command[], runs: number): ProcessRun[] {
  const haveTime = fs.existsSync(TIME_BINARY);
  const timeFile = path.join(OUT, 'time.txt');
  const times = commands.map(() => [] as number[]);
  const cpuTimes = commands.map(() => [] as number[]);
  const peakKb = commands.map(() => 0);
  for (let round = 0; round < runs; round++) {
    commands.forEach(({ command, args }, c) => {
      const started = performance.now();
      const child = haveTime
        ? spawnSync(TIME_BINARY, ['-f', '%M %U %S', '-o', timeFile, command, ...args], { cwd: ROOT, encoding: 'utf8' })
        : spawnSync(command, args, { cwd: ROOT, encoding: 'utf8' });
      times[c]!.push((performance.now() - started) / 1000);
      if (child.status !== 0) throw new Error(`${command} ${args.join(' ')} failed (${child.status}):\n${child.stderr}`);
      if (haveTime) {
        const [rssKb, user, system] = fs.readFileSync(timeFile, 'utf8').trim().split('\n').pop()!.split(' ').map(Number);
        peakKb[c] = Math.max(peakKb[c]!, rssKb!);
        cpuTimes[c]!.push(user! + system!);
      }
    });
  }
  return commands.map((_, c) => ({
    seconds: median(times[c]!),
    cpuSeconds: haveTime ? median(cpuTimes[c]!) : null,
    peakMb: haveTime ? peakKb[c]! / 1024 : null,
  }));
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

/** The command `npm run cli` runs (package.json's script, node and its flags), the compiled CLI built now when stale. */
function cliCommand(): Command {
  const script = (JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts.cli!;
  const [program, ...args] = script.split(/\s+/);
  if (program !== 'node') throw new Error(`package.json's cli script does not start with node: ${script}`);
  const build = spawnSync(process.execPath, [...args, 'help'], { cwd: ROOT, encoding: 'utf8' });
  if (build.status !== 0) throw new Error(`compiling the CLI failed:\n${build.stderr}`);
  return { command: process.execPath, args };
}

/** hyperfine (Debian's package) alternating the two commands: median seconds of each, or null without it. */
function hyperfine(commands: Command[], runs: number): number[] | null {
  const exportFile = path.join(OUT, 'hyperfine.json');
  const quote = (arg: string) => `'${arg.replaceAll("'", "'\\''")}'`;
  const lines = commands.map(({ command, args }) => [command, ...args].map(quote).join(' '));
  // One run per command per round, so both share whatever else the machine does.
  const medians = commands.map(() => [] as number[]);
  for (let round = 0; round < runs; round++) {
    const child = spawnSync('hyperfine', ['-N', '--runs', '1', '--export-json', exportFile, ...lines], { cwd: ROOT, encoding: 'utf8' });
    if (child.error || child.status !== 0) return null;
    const results = (JSON.parse(fs.readFileSync(exportFile, 'utf8')) as { results: { median: number }[] }).results;
    results.forEach((result, c) => medians[c]!.push(result.median));
  }
  return medians.map(median);
}

export interface ScoringFigures {
  rows: number;
  indicators: number;
  cli: ProcessRun;
  npmRunCli: ProcessRun;
  pandas: ProcessRun | null;
  hyperfineSeconds: { cli: number; pandas: number } | null;
  wallRatio: number | null;
  memoryRatio: number | null;
  loadAverage: number[];
}

export async function runScoringBench(): Promise<ScoringFigures> {
  console.log(`\n== scoring: ${ROWS.toLocaleString('en')} stakeholders × ${OBJECTIVES.length * INDICATORS_PER_OBJECTIVE} indicators in ${OBJECTIVES.length} objectives ==`);
  // Other work on the machine slows every wall-clock figure; the load average says how much.
  console.log(`${os.cpus().length} CPUs, load average ${os.loadavg().map((x) => x.toFixed(2)).join(' ')}`);
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
  const engineCpuTimes: number[] = [];
  let scores = scoreMatrix(compiled, matrix);
  for (let i = 0; i < 7; i++) {
    const cpuBefore = process.cpuUsage();
    started = performance.now();
    scores = scoreMatrix(compiled, matrix);
    engineTimes.push((performance.now() - started) / 1000);
    const cpuUsed = process.cpuUsage(cpuBefore);
    engineCpuTimes.push((cpuUsed.user + cpuUsed.system) / 1e6);
  }
  const engineSeconds = median(engineTimes);
  const engineCpuSeconds = median(engineCpuTimes);
  started = performance.now();
  let warnings = 0;
  for (let r = 0; r < scores.rowCount; r++) warnings += stakeholderScoreAt(compiled, matrix, scores, r).warnings.length;
  const detailSeconds = (performance.now() - started) / 1000;

  // The compiled CLI end to end (as `npm run cli` runs it, and through npm) and pandas, in turns.
  const cliArgs = (out: string) => ['score', '--kpi-set', kpiSetFile, '--values', valuesFile, '--format', 'csv', '--out', out];
  const cliOut = path.join(OUT, 'scores-cli.csv');
  const cli = cliCommand();
  const python = findPandasPython();
  const pandasOut = path.join(OUT, 'scores-pandas.csv');
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const commands: Command[] = [
    { command: cli.command, args: [...cli.args, ...cliArgs(cliOut)] },
    { command: npm, args: ['run', '--silent', 'cli', '--', ...cliArgs(path.join(OUT, 'scores-npm.csv'))] },
  ];
  if (python) commands.push({ command: python, args: ['bench/pandas_composite.py', kpiSetFile, valuesFile, pandasOut] });
  const measured = runInterleaved(commands, 7);
  const cliRun = measured[0]!;
  const npmRun = measured[1]!;
  const pandasRun = python ? measured[2]! : null;
  const hyper = python ? hyperfine([commands[0]!, commands[2]!], 7) : null;

  const mb = (run: ProcessRun) => (run.peakMb === null ? 'n/a' : `${run.peakMb.toFixed(0)} MB`);
  const cpu = (run: ProcessRun) => (run.cpuSeconds === null ? 'n/a' : `${run.cpuSeconds.toFixed(3)} s`);
  const rate = (seconds: number) => `${(valueCount / seconds / 1e6).toFixed(1)} M values/s`;
  const rows: string[][] = [
    ['engine (scoreMatrix, in process)', `${engineSeconds.toFixed(3)} s`, `${engineCpuSeconds.toFixed(3)} s`, '', rate(engineSeconds)],
    ['values CSV → matrix (in process)', `${median(parseTimes).toFixed(3)} s`, '', '', rate(median(parseTimes))],
    ['scores/v1 objects for every row', `${detailSeconds.toFixed(3)} s`, '', '', `${rate(detailSeconds)} (${warnings.toLocaleString('en')} warnings)`],
    [`CLI compiled (node ${cli.args.join(' ')})`, `${cliRun.seconds.toFixed(3)} s`, cpu(cliRun), mb(cliRun), ''],
    ['CLI through npm run cli', `${npmRun.seconds.toFixed(3)} s`, cpu(npmRun), mb(npmRun), ''],
  ];
  if (pandasRun) rows.push(['pandas script (same scores)', `${pandasRun.seconds.toFixed(3)} s`, cpu(pandasRun), mb(pandasRun), '']);
  else rows.push(['pandas script', 'skipped: no python3 with pandas found (apt-get install python3-pandas)', '', '', '']);
  const widths = [38, 11, 11, 9, 0];
  const print = (cells: string[]) => console.log(cells.map((cell, i) => cell.padEnd(widths[i]!)).join(' ').trimEnd());
  print(['measure', 'wall', 'cpu', 'peak RSS', 'throughput']);
  rows.forEach(print);

  console.log(`engine goal ≥ 10 M values/s: ${valueCount / engineSeconds >= 10e6 ? 'met' : 'NOT met'} (${rate(engineSeconds)} wall, ${rate(engineCpuSeconds)} on CPU time)`);
  let wallRatio: number | null = null;
  let memoryRatio: number | null = null;
  if (pandasRun) {
    wallRatio = cliRun.seconds / pandasRun.seconds;
    memoryRatio = cliRun.peakMb !== null && pandasRun.peakMb !== null ? cliRun.peakMb / pandasRun.peakMb : null;
    console.log(`CLI / pandas: ${wallRatio.toFixed(2)} wall (goal ≤ 0.7)` + (cliRun.cpuSeconds !== null && pandasRun.cpuSeconds !== null ? `, ${(cliRun.cpuSeconds / pandasRun.cpuSeconds).toFixed(2)} cpu` : '') + (memoryRatio !== null ? `, ${memoryRatio.toFixed(2)} peak memory (goal ≤ 1)` : ''));
    if (hyper) console.log(`hyperfine, alternating: CLI ${hyper[0]!.toFixed(3)} s, pandas ${hyper[1]!.toFixed(3)} s → ${(hyper[0]! / hyper[1]!).toFixed(2)}`);
    else console.log('hyperfine: not installed (apt-get install hyperfine); the alternation above stands in');
    const agreement = compareComposites(cliOut, pandasOut);
    console.log(`CLI vs pandas on ${agreement.rows.toLocaleString('en')} rows: largest composite difference ${agreement.maxDifference.toExponential(2)}, grade mismatches ${agreement.gradeMismatches}`);
  }
  return {
    rows: ROWS,
    indicators: OBJECTIVES.length * INDICATORS_PER_OBJECTIVE,
    cli: cliRun,
    npmRunCli: npmRun,
    pandas: pandasRun,
    hyperfineSeconds: hyper ? { cli: hyper[0]!, pandas: hyper[1]! } : null,
    wallRatio,
    memoryRatio,
    loadAverage: os.loadavg(),
  };
}
