// Database commands: `tsx scripts/db.ts <migrate|seed|setup|reset>` on env.DATABASE_PATH.
import fs from 'node:fs';
import { env } from '@/server/env';
import { migrateDb, openDb, type Db } from '@/db/client';
import { closeJobPool } from '@/server/jobs/runner';
import { describeSeedSummary, isEmpty, isSeeded, seedIfEmpty } from '@/seed';
import { describeProvince, seedProvince } from '@/seed/province';

const USAGE = `Usage: tsx scripts/db.ts <command>
  migrate   apply the committed migrations
  seed      migrate, then load the demo data (refuses when the database already has data)
            --stakeholders <N>: instead, a generated province: the demo's method, users and
            programs plus N stakeholders over Yunnan's real counties and townships, four quarters
  setup     migrate, then load the demo data only if the database is empty
  reset     delete the database file, then setup
Database: DATABASE_PATH (now ${env.DATABASE_PATH}).`;

class UserError extends Error {}

function openMigrated(): Db {
  const db = openDb(env.DATABASE_PATH);
  migrateDb(db);
  return db;
}

async function run(command: string | undefined): Promise<void> {
  switch (command) {
    case 'migrate': {
      openMigrated().$client.close();
      console.log(`Database ready (migrations applied): ${env.DATABASE_PATH}`);
      return;
    }
    case 'seed': {
      const db = openMigrated();
      try {
        if (isSeeded(db)) throw new UserError(`The demo data is already loaded in ${env.DATABASE_PATH}. Use "reset" to start over.`);
        if (!isEmpty(db))
          throw new UserError(`${env.DATABASE_PATH} already holds data; the demo data loads only into an empty database. Use "reset" to start over.`);
        const started = Date.now();
        const generated = stakeholdersOption(process.argv.slice(3));
        if (generated !== null) {
          // CPU time beside wall time: on a shared machine the two differ a lot.
          const elapsed = () => {
            const cpu = process.cpuUsage();
            return `${((Date.now() - started) / 1000).toFixed(1)} s, cpu ${((cpu.user + cpu.system) / 1e6).toFixed(1)} s`;
          };
          const summary = await seedProvince(db, {
            stakeholders: generated,
            progress: (step, count) => console.log(`[${elapsed()}] ${step}${count === undefined ? '' : `: ${count.toLocaleString('en')}`}`),
          }).catch((error: unknown) => {
            if (!isEmpty(db)) console.error(`The province was loaded only in part into ${env.DATABASE_PATH}; delete the file and run again.`);
            throw error;
          });
          console.log(`${describeProvince(summary)} (${elapsed()})`);
          return;
        }
        // The same demo `npm start` loads: its evaluations, score runs and programs.
        const summary = await seedIfEmpty(db);
        if (summary) console.log(`${describeSeedSummary(summary)} (${Date.now() - started} ms)`);
      } finally {
        // The province's approvals ran provisional scores as jobs in worker threads: stop them.
        await closeJobPool();
        db.$client.close();
      }
      return;
    }
    case 'setup': {
      const db = openMigrated();
      try {
        const started = Date.now();
        const summary = await seedIfEmpty(db);
        if (summary) console.log(`${describeSeedSummary(summary)} (${Date.now() - started} ms)`);
        else if (isSeeded(db)) console.log('Demo data already present.');
        else console.log('Database already holds data; demo data not loaded.');
      } finally {
        db.$client.close();
      }
      return;
    }
    case 'reset': {
      if (env.DATABASE_PATH === ':memory:') throw new UserError('reset needs a database file, not :memory:.');
      for (const suffix of ['', '-wal', '-shm', '-journal']) fs.rmSync(`${env.DATABASE_PATH}${suffix}`, { force: true });
      console.log(`Deleted ${env.DATABASE_PATH}.`);
      return run('setup');
    }
    case undefined:
    case '--help':
    case '-h':
      console.log(USAGE);
      if (command === undefined) process.exitCode = 2;
      return;
    default:
      throw new UserError(`Unknown command "${command}".\n${USAGE}`);
  }
}

/** `--stakeholders <N>` (or `--stakeholders=<N>`): the size of a generated province; null without it. */
function stakeholdersOption(args: readonly string[]): number | null {
  const i = args.findIndex((a) => a === '--stakeholders' || a.startsWith('--stakeholders='));
  if (i < 0) {
    if (args.length > 0) throw new UserError(`Unknown option ${args[0]}.\n${USAGE}`);
    return null;
  }
  const raw = args[i]!.includes('=') ? args[i]!.slice(args[i]!.indexOf('=') + 1) : args[i + 1];
  const n = Number(raw);
  if (!raw || !Number.isInteger(n) || n < 0 || n > 10_000_000) throw new UserError(`--stakeholders needs a whole number from 0 to 10,000,000, not "${raw ?? ''}".`);
  return n;
}

const command = process.argv[2];
run(command).catch((error: unknown) => {
  if (error instanceof UserError) console.error(error.message);
  else console.error(`db ${command ?? ''} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  process.exit(1);
});
