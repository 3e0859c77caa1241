// The impact preview's stored results: a province's preview takes seconds to compute, so a job
// computes it once per draft, period and state of the data, and every page, filter and reload
// reads it from here. One header per preview (all but the table) and one row per stakeholder
// with its place in the table's order overall and within each filter, so a page is an index range.
import { sql } from 'drizzle-orm';
import { index, integer, primaryKey, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { kpiSetVersions } from './method';
import { periods } from './periods';
import { now } from './columns';
import type { JsonValue } from '../../core/schemas/json';

export const impactPreviews = sqliteTable(
  'impact_previews',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    versionId: integer('version_id')
      .notNull()
      .references(() => kpiSetVersions.id, { onDelete: 'cascade' }),
    periodId: integer('period_id')
      .notNull()
      .references(() => periods.id, { onDelete: 'cascade' }),
    // The newest audit id of a change to data when it was computed: a later change makes it stale.
    dataMark: integer('data_mark').notNull(),
    // Summary, coverage, eligibility, the rows the summary names, and the size of each filter.
    header: text('header', { mode: 'json' }).$type<JsonValue>().notNull(),
    createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull().default(now),
  },
  (t) => [uniqueIndex('impact_previews_key').on(t.versionId, t.periodId, t.dataMark)],
);

export const impactPreviewRows = sqliteTable(
  'impact_preview_rows',
  {
    previewId: integer('preview_id')
      .notNull()
      .references(() => impactPreviews.id, { onDelete: 'cascade' }),
    // 0-based place in the table's order (largest moves first); null where the filter leaves it out.
    position: integer('position').notNull(),
    unscoredAt: integer('unscored_at'),
    gradeAt: integer('grade_at'),
    movedAt: integer('moved_at'),
    row: text('row', { mode: 'json' }).$type<JsonValue>().notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.previewId, t.position] }),
    index('impact_preview_rows_unscored_idx').on(t.previewId, t.unscoredAt).where(sql`${t.unscoredAt} is not null`),
    index('impact_preview_rows_grade_idx').on(t.previewId, t.gradeAt).where(sql`${t.gradeAt} is not null`),
    index('impact_preview_rows_moved_idx').on(t.previewId, t.movedAt).where(sql`${t.movedAt} is not null`),
  ],
);
