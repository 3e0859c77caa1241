// `npm run bench [-- options]`: the figures of the scale goals, on a quiet machine.
//   cli   the compiled CLI against the pandas script on 100,000 × 30 values (alternating runs)
//   web   a demo database and a generated province (`npm run db:seed -- --stakeholders N`), each
//         served by `next start` from one production build: every page and query of every role,
//         every page's first visit in Chromium over a 400 kbps / 400 ms link, the scorecard under 50 connections, then publish / eligibility / import on the province
//         while another user reads; server RSS sampled throughout
//   jobs  the long work on the province (part of web unless --only says otherwise)
//   robustness  1,000 seeded weightings over 10,000 generated stakeholders, in process (bench/robustness.ts)
// Options: --stakeholders N (default 100000; 1000000 for the larger province), --only cli|web|jobs|robustness,
// --repeats R (timed reads per page, default 40: p95 is then the third slowest, not the second), --micro (also the in-process benchmarks),
// --no-page-loads (leave out the first visits over the slow link: ten minutes a run).
// A step that cannot run (a part not built yet, a tool missing) fails loudly in the report and
// the exit code, never with made-up figures. Results: bench/out/results.json and results.md.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { commandExists, installAptPackages } from '../scripts/lib/apt.mjs';
import { eligibilityUnderLoad, importUnderLoad, publishUnderLoad, robustnessUnderLoad } from './jobs';
import { measurePageLoads } from './page-load';
import { BENCH_DIST_DIR, OUT, prepareDatabase, ROOT, startServer, type Database, type Server } from './lib/servers';
import { reportLines, writeResults, type Results } from './report';
import { runRobustnessBench } from './robustness';
import { runScoringBench } from './scoring';
import { loadScorecard, measureRequests, medianLoad, type LoadFigure } from './web';

/** Rounds of the scorecard under load, alternating the databases. */
const LOAD_ROUNDS = 3;

const USAGE = 'Usage: npm run bench -- [--stakeholders N] [--only cli|web|jobs|robustness] [--repeats R] [--micro] [--no-page-loads]';

function options(argv: string[]) {
  const read = (name: string) => {
    const i = argv.indexOf(`--${name}`);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  const stakeholders = Number(read('stakeholders') ?? 100_000);
  const repeats = Number(read('repeats') ?? 40);
  const only = read('only');
  if (!Number.isInteger(stakeholders) || stakeholders < 1 || !Number.isInteger(repeats) || repeats < 1 || (only && !['cli', 'web', 'jobs', 'robustness'].includes(only))) {
    console.error(USAGE);
    process.exit(2);
  }
  return { stakeholders, repeats, only, micro: argv.includes('--micro'), pageLoads: !argv.includes('--no-page-loads') };
}

/** Debian packages the CLI comparison needs: hyperfine to alternate the runs, pandas for the other side. */
function missingBenchTools(): string[] {
  const missing: string[] = [];
  if (!commandExists('hyperfine')) missing.push('hyperfine');
  if (spawnSync('python3', ['-c', 'import pandas'], { stdio: 'ignore' }).status !== 0) missing.push('python3-pandas');
  return missing;
}

/** What else uses the CPU now: the figures are only as good as the machine is quiet. */
function busiestProcesses(): string[] {
  const ps = spawnSync('ps', ['-eo', 'pcpu,comm', '--sort=-pcpu', '--no-headers'], { encoding: 'utf8' });
  if (ps.status !== 0) return [];
  return ps.stdout.trim().split('\n').slice(0, 5).map((line) => line.trim().replace(/\s+/, '% '));
}

function buildApp(): void {
  // next build adds a custom build folder to tsconfig.json's include list: keep the committed file.
  const tsconfig = fs.readFileSync(path.join(ROOT, 'tsconfig.json'), 'utf8');
  const build = spawnSync(process.execPath, ['--input-type=module', '-e', "const { buildIfStale } = await import('./scripts/lib/build.mjs'); await buildIfStale();"], { cwd: ROOT, stdio: 'inherit', env: { ...process.env, NEXT_DIST_DIR: BENCH_DIST_DIR, NEXT_TELEMETRY_DISABLED: '1' } });
  fs.writeFileSync(path.join(ROOT, 'tsconfig.json'), tsconfig);
  if (build.status !== 0) throw new Error(`the production build failed (exit ${build.status})`);
}

/** A copy of the seeded database to serve: the jobs write to it, the seeded one stays as loaded. */
function workingCopy(database: Database): Database {
  const file = path.join(OUT, 'db', `${database.label}.serving.db`);
  for (const suffix of ['', '-wal', '-shm']) fs.rmSync(`${file}${suffix}`, { force: true });
  fs.copyFileSync(database.file, file);
  return { ...database, file };
}

async function step(results: Results, name: string, run: () => Promise<void>): Promise<void> {
  try {
    await run();
  } catch (error) {
    const message = `${name}: ${error instanceof Error ? error.message : String(error)}`;
    console.error(`FAILED ${message}`);
    results.failures.push(message);
  }
}

const opts = options(process.argv.slice(2));
const results: Results = {
  startedAt: new Date().toISOString(),
  machine: { cpus: os.cpus().length, loadAverage: os.loadavg(), busiest: busiestProcesses() },
  stakeholders: opts.stakeholders,
  seedSeconds: {},
  requests: {},
  pageLoads: {},
  load: {},
  jobs: [],
  maxRssMb: {},
  scoring: null,
  robustness: null,
  failures: [],
};

if (opts.only === undefined || opts.only === 'cli') {
  await step(results, 'CLI vs pandas', async () => {
    await installAptPackages(missingBenchTools(), 'the CLI benchmark');
    results.scoring = await runScoringBench();
  });
}

if (opts.only === undefined || opts.only === 'robustness') {
  // In process and single-threaded, before any server starts: nothing else is on the CPU.
  await step(results, 'robustness', async () => {
    results.robustness = await runRobustnessBench();
  });
}

if (opts.only !== 'cli' && opts.only !== 'robustness') {
  const servers: Server[] = [];
  await step(results, 'web', async () => {
    buildApp();
    const databases = [...(opts.only === 'jobs' ? [] : [prepareDatabase(null)]), prepareDatabase(opts.stakeholders)];
    for (const database of databases) results.seedSeconds[database.label] = database.seedSeconds;
    let port = 3201;
    for (const database of databases) servers.push(await startServer(workingCopy(database), port++));
    const measured = opts.only === 'jobs' ? [] : servers;
    if (measured.length > 0) {
      await step(results, `requests on ${measured.map((s) => s.database.label).join(' and ')}, alternated`, async () => {
        for (const [label, figures] of await measureRequests(measured, opts.repeats)) results.requests[label] = figures;
      });
    }
    for (const server of measured) {
      const label = server.database.label;
      // A first visit over the slow link, at the size users have (what a page sends hardly
      // depends on the province's size; ten minutes a database).
      if (opts.pageLoads && server.database.stakeholders !== null) {
        await step(results, `page loads on ${label}`, async () => {
          results.pageLoads[label] = await measurePageLoads(server);
        });
      }
    }
    // One 20-second sample varies by a fifth on this machine: the sizes alternate over rounds and
    // each figure is the median.
    const rounds = new Map<string, LoadFigure[][]>(measured.map((server) => [server.database.label, []]));
    for (let round = 1; round <= LOAD_ROUNDS; round++) {
      for (const server of measured) {
        await step(results, `scorecard under load on ${server.database.label}, round ${round}`, async () => {
          rounds.get(server.database.label)!.push(await loadScorecard(server, 50, 20));
        });
      }
    }
    for (const [label, samples] of rounds) if (samples.length > 0) results.load[label] = medianLoad(samples);
    if (opts.only === 'web') return;
    const province = servers.at(-1)!;
    // The import needs the open period, which publishing closes: publish last.
    await step(results, 'import values', async () => void results.jobs.push(await importUnderLoad(province)));
    await step(results, 'eligibility run', async () => void results.jobs.push(await eligibilityUnderLoad(province)));
    await step(results, 'robustness check', async () => void results.jobs.push(...(await robustnessUnderLoad(province))));
    await step(results, 'publish a period', async () => void results.jobs.push(await publishUnderLoad(province)));
  });
  for (const server of servers) {
    results.maxRssMb[server.database.label] = server.maxRssMb();
    await server.stop();
  }
}

if (opts.micro) {
  const { runTuningBench } = await import('./tuning');
  const { runScorecardBench } = await import('./scorecard');
  const { runImportBench } = await import('./import');
  const { runEligibilityBench } = await import('./eligibility');
  for (const run of [runTuningBench, runScorecardBench, runImportBench, runEligibilityBench]) await step(results, run.name, run);
}

writeResults(results, OUT);
console.log(`\n${reportLines(results).join('\n')}`);
console.log(`Written: ${path.relative(ROOT, path.join(OUT, 'results.json'))}, ${path.relative(ROOT, path.join(OUT, 'results.md'))}`);
process.exitCode = results.failures.length > 0 ? 1 : 0;
