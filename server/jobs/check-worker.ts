// The file-check thread's side: a read-only connection per database file (a dry run never writes,
// and this makes sure of it), the check run on it, and a refusal handed back as plain data, since
// an error's class does not survive the trip between threads.
import 'server-only';
import { threadId } from 'node:worker_threads';
import Database from 'better-sqlite3';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import * as schema from '@/db/schema';
import type { Db } from '@/db/client';
import type { SessionUser } from '@/server/auth/session';
import { DomainError, type ErrorCode } from '@/server/errors';
import { FILE_CHECKS, type FileCheckKind } from './file-check-kinds';

export type CheckTask = { kind: FileCheckKind; dbFile: string; me: SessionUser; input: unknown };
export type CheckAnswer = { report: unknown; threadId: number } | { refused: { code: ErrorCode; message: string; reason: string } };

const connections = new Map<string, Db>();

function readOnly(file: string): Db {
  const sqlite = new Database(file, { readonly: true, fileMustExist: true });
  sqlite.pragma('busy_timeout = 5000');
  // As the server's connections (db/client.ts): a small page cache of its own, nothing mapped.
  sqlite.pragma('cache_size = -8000');
  sqlite.pragma('mmap_size = 0');
  return drizzle(sqlite, { schema }) as Db;
}

export default async function runCheckInWorker(task: CheckTask): Promise<CheckAnswer> {
  let db = connections.get(task.dbFile);
  if (!db) connections.set(task.dbFile, (db = readOnly(task.dbFile)));
  const check = FILE_CHECKS[task.kind] as (db: Db, me: SessionUser, input: unknown) => Promise<unknown>;
  try {
    return { report: await check(db, task.me, task.input), threadId };
  } catch (e) {
    if (e instanceof DomainError) return { refused: { code: e.code, message: e.message, reason: e.reason } };
    throw e;
  }
}
