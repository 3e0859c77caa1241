// Periods: the quarters and years evaluations are made for, opened, closed and published.
import { sql } from 'drizzle-orm';
import { check, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { now } from './columns';
import { PERIOD_KINDS, PERIOD_STATUSES } from '../../core/domain/enums';

export const periods = sqliteTable(
  'periods',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    code: text('code').notNull().unique(),
    kind: text('kind', { enum: PERIOD_KINDS }).notNull(),
    startsOn: text('starts_on').notNull(), // ISO date
    endsOn: text('ends_on').notNull(),
    // ISO date by which entry should be finished; on or after startsOn (checked by the service).
    dueOn: text('due_on'),
    status: text('status', { enum: PERIOD_STATUSES }).notNull().default('open'),
    closedAt: integer('closed_at', { mode: 'timestamp_ms' }),
    publishedAt: integer('published_at', { mode: 'timestamp_ms' }),
    // Days after publication during which values may be contested, and within which a decision is
    // due (bounds checked by the input schema: a check here would make SQLite rebuild the table).
    appealWindowDays: integer('appeal_window_days').notNull().default(30),
    appealDecisionDays: integer('appeal_decision_days').notNull().default(15),
    createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull().default(now),
  },
  (t) => [
    check('periods_kind_check', sql`${t.kind} in ('quarter','year')`),
    check('periods_status_check', sql`${t.status} in ('open','closed','published')`),
    check('periods_dates_check', sql`${t.startsOn} <= ${t.endsOn}`),
  ],
);
