// What a running server does beside answering requests: it marks the database as held (so
// `npm run db:restore` refuses to swap it underneath), when BACKUP_DIR is set takes scheduled
// online backups in a child process (a large copy never holds up requests), and queues the
// automatic robustness checks still owed.
import 'server-only';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { env } from '@/server/env';

const HOLDER_SUFFIX = '.server'; // read by scripts/lib/backup.mjs

/** Writes `<database>.server` with this process's id and removes it when the process exits. */
export function holdDatabase(): void {
  if (env.DATABASE_PATH === ':memory:') return;
  const file = `${env.DATABASE_PATH}${HOLDER_SUFFIX}`;
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, JSON.stringify({ pid: process.pid, since: new Date().toISOString() }));
  process.once('exit', () => {
    try {
      if (JSON.parse(fs.readFileSync(file, 'utf8')).pid === process.pid) fs.rmSync(file, { force: true });
    } catch {
      // already gone
    }
  });
}

/** One backup into BACKUP_DIR, pruned to BACKUP_KEEP; output goes to the server's log. */
function backupNow(): void {
  const script = path.join(process.cwd(), 'scripts', 'backup.mjs');
  const child = spawn(process.execPath, [script, 'scheduled'], {
    env: { NODE_ENV: env.NODE_ENV, DATABASE_PATH: env.DATABASE_PATH, BACKUP_DIR: env.BACKUP_DIR, BACKUP_KEEP: String(env.BACKUP_KEEP) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout.on('data', (chunk: Buffer) => process.stdout.write(`[backup] ${chunk.toString()}`));
  child.stderr.on('data', (chunk: Buffer) => process.stderr.write(`[backup] ${chunk.toString()}`));
  child.on('error', (error) => console.error(`[backup] could not start: ${error.message}`));
}

/** The first backup a minute after start, then one every BACKUP_INTERVAL_HOURS. */
export function scheduleBackups(): void {
  if (!env.BACKUP_DIR || env.DATABASE_PATH === ':memory:') return;
  setTimeout(backupNow, 60_000).unref();
  setInterval(backupNow, env.BACKUP_INTERVAL_HOURS * 3_600_000).unref();
}

/**
 * A few seconds after start, the automatic robustness checks still owed (runs the seed wrote,
 * checks a restart cut off) are queued on the background lane; never in the way of the start.
 */
export function resumeAutomaticChecks(): void {
  if (env.DATABASE_PATH === ':memory:' || env.ROBUSTNESS_AUTO_DRAWS === 0) return;
  setTimeout(() => {
    void (async () => {
      const [{ getDb }, { startAutomaticChecks }] = await Promise.all([import('@/server/db'), import('@/server/jobs/runner')]);
      const queued = startAutomaticChecks(getDb());
      if (queued > 0) console.log(`[robustness] ${queued} eligibility run(s) without a check: checking them in the background.`);
    })().catch((error: unknown) => console.error('[robustness] could not queue the automatic checks:', error));
  }, 5_000).unref();
}
