// The database: one embedded SQLite file, opened with the pragmas the design asks for.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { drizzle, type BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import * as schema from './schema';

export type Db = BetterSQLite3Database<typeof schema> & { $client: Database.Database };
/** The transaction handle drizzle passes to `db.transaction` callbacks (synchronous on SQLite). */
export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];
export type DbOrTx = Db | Tx;

export const MIGRATIONS_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), 'migrations');

export function openDb(file: string): Db {
  if (file !== ':memory:') fs.mkdirSync(path.dirname(file), { recursive: true });
  const sqlite = new Database(file);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('busy_timeout = 5000');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('synchronous = NORMAL');
  // Memory: the OS page cache holds the file once for every connection (server and job workers),
  // while each connection's own page cache and any memory map count in the server's RSS. So each
  // connection keeps a small cache (8 MB) and maps nothing.
  sqlite.pragma('cache_size = -8000');
  sqlite.pragma('mmap_size = 0');
  const db = drizzle(withStatementCache(sqlite), { schema }) as Db;
  // Raw statements (`db.$client.prepare`) stay uncached: a caller may iterate one while it runs others.
  db.$client = sqlite;
  return db;
}

/** Statements kept per connection; variable-length `IN (…)` lists make new texts, so the cache is bounded. */
const STATEMENT_CACHE_SIZE = 500;

type Statement = Database.Statement<unknown[]>;

/**
 * The connection as drizzle sees it, preparing each SQL text once. Compiling a statement costs
 * more than running most of them, and drizzle prepares afresh on every call. drizzle asks for raw
 * rows with `.raw()` and for objects by calling `.all()`/`.get()` directly, so the cached
 * statement is put back in the mode each call expects. Calls are synchronous: no two uses overlap.
 */
function withStatementCache(sqlite: Database.Database): Database.Database {
  const cache = new Map<string, Statement>();
  const prepare = (source: string): Statement => {
    let stmt = cache.get(source);
    if (stmt) {
      cache.delete(source); // re-inserted below: the Map's order is the recency order
    } else {
      stmt = sqlite.prepare(source);
      if (cache.size >= STATEMENT_CACHE_SIZE) cache.delete(cache.keys().next().value!);
    }
    cache.set(source, stmt);
    return modeResetting(stmt);
  };
  return new Proxy(sqlite, {
    get(target, prop) {
      if (prop === 'prepare') return prepare;
      const value: unknown = Reflect.get(target, prop, target);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}

function modeResetting(stmt: Statement): Statement {
  if (!stmt.reader) return stmt;
  return new Proxy(stmt, {
    get(target, prop) {
      if (prop === 'all' || prop === 'get' || prop === 'iterate') {
        target.raw(false);
        return (target[prop] as (...args: unknown[]) => unknown).bind(target);
      }
      const value: unknown = Reflect.get(target, prop, target);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}

export function migrateDb(db: Db, migrationsFolder: string = MIGRATIONS_DIR): void {
  migrate(db, { migrationsFolder });
}
