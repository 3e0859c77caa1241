// The databases and servers the web benchmark measures: a demo database and a generated province,
// each loaded through `npm run db:seed` (the same services as the app) and served by `scripts/next-server.mjs` (as `npm start` serves)
// from one production build, on its own port. Server memory is sampled from /proc throughout.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { serverEnv, serverNodeArgs } from '../../scripts/lib/server-process.mjs';
import { BenchError } from './http';

export const ROOT = path.resolve(import.meta.dirname, '..', '..');
export const OUT = path.join(ROOT, 'bench', 'out');
const BIN = path.join(ROOT, 'node_modules', '.bin');
/** The bench's own production build (next.config.mjs reads NEXT_DIST_DIR), so it never replaces the one `npm start` serves. */
export const BENCH_DIST_DIR = '.next-bench';

export interface Database {
  label: string;
  file: string;
  stakeholders: number | null;
  /** Seconds the seed took, or null when an earlier run's database was reused. */
  seedSeconds: number | null;
}

/**
 * The database for `stakeholders` (null: the demo), loaded by `npm run db:seed` unless a complete
 * one from an earlier run is there (its marker file is written only after the seed succeeded).
 */
export function prepareDatabase(stakeholders: number | null, { fresh = false } = {}): Database {
  const label = stakeholders === null ? 'demo' : `province-${stakeholders}`;
  const file = path.join(OUT, 'db', `${label}.db`);
  const done = `${file}.complete`;
  fs.mkdirSync(path.dirname(file), { recursive: true });
  if (!fresh && fs.existsSync(done) && fs.existsSync(file)) return { label, file, stakeholders, seedSeconds: null };
  for (const suffix of ['', '-wal', '-shm', '-journal', '.complete']) fs.rmSync(`${file}${suffix}`, { force: true });
  const args = ['--conditions=react-server', 'scripts/db.ts', 'seed', ...(stakeholders === null ? [] : ['--stakeholders', String(stakeholders)])];
  console.log(`seeding ${label}: DATABASE_PATH=${path.relative(ROOT, file)} tsx ${args.join(' ')}`);
  const started = performance.now();
  const child = spawnSync(path.join(BIN, 'tsx'), args, { cwd: ROOT, env: { ...process.env, DATABASE_PATH: file }, stdio: 'inherit' });
  if (child.status !== 0) {
    throw new BenchError(
      stakeholders === null
        ? `seeding the demo database failed (exit ${child.status})`
        : `seeding a ${stakeholders.toLocaleString('en')}-stakeholder province failed (exit ${child.status}): \`npm run db:seed -- --stakeholders N\` is needed for this step`,
    );
  }
  fs.writeFileSync(done, new Date().toISOString());
  return { label, file, stakeholders, seedSeconds: (performance.now() - started) / 1000 };
}

/** Resident memory of a process and its descendants (worker threads included), in MB. */
export function treeRssMb(pid: number): number {
  const children = new Map<number, number[]>();
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${entry}/stat`, 'utf8');
      const parent = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      children.set(parent, [...(children.get(parent) ?? []), Number(entry)]);
    } catch {
      // gone meanwhile
    }
  }
  let kb = 0;
  const visit = (id: number) => {
    try {
      const match = /VmRSS:\s+(\d+)/.exec(fs.readFileSync(`/proc/${id}/status`, 'utf8'));
      if (match) kb += Number(match[1]);
    } catch {
      return;
    }
    for (const child of children.get(id) ?? []) visit(child);
  };
  visit(pid);
  return kb / 1024;
}

export interface Server {
  database: Database;
  base: string;
  child: ChildProcess;
  /** Highest RSS seen so far (MB), sampled every 250 ms. */
  maxRssMb: () => number;
  stop: () => Promise<void>;
}

/** The production server (`scripts/next-server.mjs`, with `npm start`'s flags and environment) on `port` serving `database`; resolves once /api/health answers. */
export async function startServer(database: Database, port: number): Promise<Server> {
  const base = `http://127.0.0.1:${port}`;
  // Automatic robustness checks off: a generated province's runs have none, and the page timings
  // measure requests alone (docs/scale.md measures pages while a check runs).
  const env: NodeJS.ProcessEnv = serverEnv({ ROBUSTNESS_AUTO_DRAWS: '0', ...process.env, NODE_ENV: 'production', PORT: String(port), DATABASE_PATH: database.file, APP_URL: base, NEXT_TELEMETRY_DISABLED: '1', NEXT_DIST_DIR: BENCH_DIST_DIR });
  const child = spawn(process.execPath, [...serverNodeArgs(), path.join(ROOT, 'scripts', 'next-server.mjs'), '--port', String(port), '--hostname', '127.0.0.1'], { cwd: ROOT, env, stdio: ['ignore', 'ignore', 'inherit'] });
  let maxRss = 0;
  const sampler = setInterval(() => {
    if (child.pid) maxRss = Math.max(maxRss, treeRssMb(child.pid));
  }, 250);
  const stop = async () => {
    clearInterval(sampler);
    if (child.exitCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    await exited;
  };
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new BenchError(`The server for ${database.label} exited with ${child.exitCode}`);
    try {
      const response = await fetch(`${base}/api/health`);
      if (response.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      await stop();
      throw new BenchError(`The server for ${database.label} did not answer /api/health within 60 s`);
    }
    await new Promise((resolve) => setTimeout(resolve, 300));
  }
  return { database, base, child, maxRssMb: () => maxRss, stop };
}
