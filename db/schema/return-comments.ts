// A reviewer's comments on single indicators when returning an evaluation, beside the return's
// one reason. Keyed by the revision the return produced, so each return keeps its own comments.
import { integer, primaryKey, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { user } from './auth';
import { indicators } from './method';
import { evaluations } from './evaluations';
import { now } from './columns';

export const evaluationReturnComments = sqliteTable(
  'evaluation_return_comments',
  {
    evaluationId: integer('evaluation_id')
      .notNull()
      .references(() => evaluations.id, { onDelete: 'cascade' }),
    /** The evaluation's revision after the return (its audit row's after.revision). */
    revision: integer('revision').notNull(),
    indicatorId: integer('indicator_id')
      .notNull()
      .references(() => indicators.id),
    comment: text('comment').notNull(),
    authorId: text('author_id').references(() => user.id),
    createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull().default(now),
  },
  (t) => [primaryKey({ columns: [t.evaluationId, t.revision, t.indicatorId] })],
);
