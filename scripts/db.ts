// Database commands: `tsx scripts/db.ts <migrate|seed|setup|reset>` on env.DATABASE_PATH.
import fs from 'node:fs';
import { env } from '@/server/env';
import { migrateDb, openDb, type Db } from '@/db/client';
import { describeSeedSummary, isEmpty, isSeeded, seedDemo, seedIfEmpty } from '@/seed';

const USAGE = `Usage: tsx scripts/db.ts <command>
  migrate   apply the committed migrations
  seed      migrate, then load the demo data (refuses when the database already has data)
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
        const summary = await seedDemo(db);
        console.log(`${describeSeedSummary(summary)} (${Date.now() - started} ms)`);
      } finally {
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

const command = process.argv[2];
run(command).catch((error: unknown) => {
  if (error instanceof UserError) console.error(error.message);
  else console.error(`db ${command ?? ''} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  process.exit(1);
});
