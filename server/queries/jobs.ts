// The jobs table: one row per piece of long work, written by the thread that starts it (insert),
// the worker that runs it (running, progress, the end) and the recovery at start (interrupted).
import 'server-only';
import { and, desc, eq, inArray, sql } from 'drizzle-orm';
import type { DbOrTx } from '@/db';
import { jobs } from '@/db/schema';
import type { JobKind } from '@/core/domain/enums';
import type { JsonValue } from '@/core/schemas/json';
import { NotFoundError } from '@/server/errors';

export type JobRow = typeof jobs.$inferSelect;
/** How a job failed: a catalog key under `jobs.errors` with its parameters. */
export type JobError = { code: string; params: Record<string, string | number> };

const UNFINISHED = ['queued', 'running'] as const;

export function insertJob(db: DbOrTx, job: { kind: JobKind; input: JsonValue; startedBy: string | null }): JobRow {
  return db.insert(jobs).values(job).returning().get();
}

export function getJobRow(db: DbOrTx, id: number): JobRow {
  const row = db.select().from(jobs).where(eq(jobs.id, id)).get();
  if (!row) throw new NotFoundError('Job', id);
  return row;
}

/** The newest jobs, of one user or (null) of everybody. */
export function listJobRows(db: DbOrTx, opts: { startedBy: string | null; kind?: JobKind | undefined; limit: number }): JobRow[] {
  const where = and(opts.startedBy ? eq(jobs.startedBy, opts.startedBy) : undefined, opts.kind ? eq(jobs.kind, opts.kind) : undefined);
  return db.select().from(jobs).where(where).orderBy(desc(jobs.id)).limit(opts.limit).all();
}

/** An unfinished job of this kind whose input has `key` = `value` (e.g. the same period). */
export function unfinishedJobWith(db: DbOrTx, kind: JobKind, key: string, value: number | string): JobRow | null {
  return (
    db
      .select()
      .from(jobs)
      .where(and(eq(jobs.kind, kind), inArray(jobs.status, [...UNFINISHED]), sql`json_extract(${jobs.input}, ${'$.' + key}) = ${value}`))
      .get() ?? null
  );
}

/** The newest job of this kind whose input has `key` = `value`, whatever its status; null when none. */
export function latestJobWith(db: DbOrTx, kind: JobKind, key: string, value: number | string): JobRow | null {
  return (
    db
      .select()
      .from(jobs)
      .where(and(eq(jobs.kind, kind), sql`json_extract(${jobs.input}, ${'$.' + key}) = ${value}`))
      .orderBy(desc(jobs.id))
      .get() ?? null
  );
}

/** The unfinished jobs of this kind whose input matches every `key` = `value` given, oldest first. */
export function unfinishedJobsMatching(db: DbOrTx, kind: JobKind, match: Record<string, number | string>): JobRow[] {
  const conditions = Object.entries(match).map(([key, value]) => sql`json_extract(${jobs.input}, ${'$.' + key}) = ${value}`);
  return db
    .select()
    .from(jobs)
    .where(and(eq(jobs.kind, kind), inArray(jobs.status, [...UNFINISHED]), ...conditions))
    .orderBy(jobs.id)
    .all();
}

export function markRunning(db: DbOrTx, id: number): void {
  db.update(jobs).set({ status: 'running', startedAt: new Date() }).where(eq(jobs.id, id)).run();
}

export function markProgress(db: DbOrTx, id: number, progress: number, note: string): void {
  db.update(jobs).set({ progress, progressNote: note }).where(eq(jobs.id, id)).run();
}

export function markSucceeded(db: DbOrTx, id: number, result: JsonValue): void {
  db.update(jobs).set({ status: 'succeeded', progress: 1, result, finishedAt: new Date() }).where(eq(jobs.id, id)).run();
}

/** Ends a job as failed unless it already ended (a late report never overwrites the outcome). */
export function markFailed(db: DbOrTx, id: number, error: JobError): void {
  db.update(jobs)
    .set({ status: 'failed', error, finishedAt: new Date() })
    .where(and(eq(jobs.id, id), inArray(jobs.status, [...UNFINISHED])))
    .run();
}

/** Every job still queued or running: at start, these were cut off by the previous process. */
export function failUnfinishedJobs(db: DbOrTx, error: JobError): number {
  return db
    .update(jobs)
    .set({ status: 'failed', error, finishedAt: new Date() })
    .where(inArray(jobs.status, [...UNFINISHED]))
    .run().changes;
}
