// Long work (publishing a period, eligibility runs, imports, PDF rendering) runs as a job off the
// request thread; this table is its record: who started it, how far it got, how it ended.
import { sql } from 'drizzle-orm';
import { check, index, integer, real, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { user } from './auth';
import { now } from './columns';
import { JOB_KINDS, JOB_STATUSES } from '../../core/domain/enums';
import type { JsonValue } from '../../core/schemas/json';

export const jobs = sqliteTable(
  'jobs',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    kind: text('kind', { enum: JOB_KINDS }).notNull(),
    status: text('status', { enum: JOB_STATUSES }).notNull().default('queued'),
    startedBy: text('started_by').references(() => user.id),
    // What the job was asked to do (validated by the job's own schema when it runs).
    input: text('input', { mode: 'json' }).$type<JsonValue>().notNull(),
    // 0…1, written by the worker as it goes; `progressNote` says which step (a catalog key).
    progress: real('progress').notNull().default(0),
    progressNote: text('progress_note'),
    result: text('result', { mode: 'json' }).$type<JsonValue>(),
    // A catalog code with parameters, so the reader sees the failure in their language.
    error: text('error', { mode: 'json' }).$type<JsonValue>(),
    createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull().default(now),
    startedAt: integer('started_at', { mode: 'timestamp_ms' }),
    finishedAt: integer('finished_at', { mode: 'timestamp_ms' }),
  },
  (t) => [
    check('jobs_progress_check', sql`${t.progress} >= 0 and ${t.progress} <= 1`),
    check('jobs_status_check', sql`${t.status} in ('queued','running','succeeded','failed')`),
    index('jobs_status_idx').on(t.status),
    index('jobs_started_by_idx').on(t.startedBy, t.createdAt),
  ],
);
