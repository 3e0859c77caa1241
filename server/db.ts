// The application's database handle, opened lazily from the validated environment.
import 'server-only';
import { env } from '@/server/env';
import { openDb, type Db } from '@/db/client';

const globalForDb = globalThis as unknown as { __scorecardDb?: Db };

export function getDb(): Db {
  if (!globalForDb.__scorecardDb) globalForDb.__scorecardDb = openDb(env.DATABASE_PATH);
  return globalForDb.__scorecardDb;
}

/** Tests swap in a freshly migrated database. */
export function setDb(db: Db | undefined): void {
  globalForDb.__scorecardDb = db;
}
