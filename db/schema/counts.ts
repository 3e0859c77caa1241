// Figures kept so lists, progress, home pages and dashboards read a few rows instead of one per
// stakeholder: counts kept by triggers (db/migrations/0012_count_triggers.sql and
// 0014_audit_count_trigger.sql) as evaluations, stakeholders and the audit log change, and figures
// of score runs worked out once on first read (a run's scores never change once computed).
import { index, integer, primaryKey, real, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { regions } from './org';
import { periods } from './periods';
import { scoreRuns } from './scores';
import { evaluations } from './evaluations';
import { indicators } from './method';

/** Evaluations per period × region × stakeholder type × stakeholder active × status × excluded. */
export const evaluationCounts = sqliteTable(
  'evaluation_counts',
  {
    periodId: integer('period_id')
      .notNull()
      .references(() => periods.id),
    regionId: integer('region_id')
      .notNull()
      .references(() => regions.id),
    stakeholderType: text('stakeholder_type').notNull(),
    active: integer('active', { mode: 'boolean' }).notNull(),
    status: text('status').notNull(),
    excluded: integer('excluded', { mode: 'boolean' }).notNull(),
    n: integer('n').notNull(),
  },
  (t) => [primaryKey({ columns: [t.periodId, t.regionId, t.stakeholderType, t.active, t.status, t.excluded] })],
);

/** Stakeholders per region × type × active. */
export const stakeholderCounts = sqliteTable(
  'stakeholder_counts',
  {
    regionId: integer('region_id')
      .notNull()
      .references(() => regions.id),
    stakeholderType: text('stakeholder_type').notNull(),
    active: integer('active', { mode: 'boolean' }).notNull(),
    n: integer('n').notNull(),
  },
  (t) => [primaryKey({ columns: [t.regionId, t.stakeholderType, t.active] })],
);

/** Audit rows per entity × action (the log is append-only, so they only grow). */
export const auditCounts = sqliteTable(
  'audit_counts',
  {
    entity: text('entity').notNull(),
    action: text('action').notNull(),
    n: integer('n').notNull(),
  },
  (t) => [primaryKey({ columns: [t.entity, t.action] })],
);

/**
 * The poverty warnings of one set of score runs against the previous period's runs (`key`: their
 * ids), worked out once on first read: runs never change once computed (a recompute makes a new
 * run), so the stored rows stay equal to working them out again.
 */
export const povertyWarningSets = sqliteTable('poverty_warning_sets', {
  key: text('key').primaryKey(),
  periodId: integer('period_id')
    .notNull()
    .references(() => periods.id),
  /** Warnings per kind. */
  totals: text('totals', { mode: 'json' }).$type<Record<string, number>>().notNull(),
});

export const povertyWarnings = sqliteTable(
  'poverty_warnings',
  {
    setKey: text('set_key')
      .notNull()
      .references(() => povertyWarningSets.key, { onDelete: 'cascade' }),
    kind: text('kind').notNull(),
    code: text('code').notNull(),
    stakeholderId: integer('stakeholder_id').notNull(),
    regionId: integer('region_id').notNull(),
    evaluationId: integer('evaluation_id'),
    now: real('now').notNull(),
    before: real('before'),
  },
  (t) => [primaryKey({ columns: [t.setKey, t.kind, t.code] }), index('poverty_warnings_region_idx').on(t.setKey, t.regionId)],
);

/** Quantiles of a whole run's composites, worked out on first read (a run's scores never change). */
export const scoreRunQuantiles = sqliteTable(
  'score_run_quantiles',
  {
    runId: integer('run_id')
      .notNull()
      .references(() => scoreRuns.id, { onDelete: 'cascade' }),
    q: real('q').notNull(),
    value: real('value'),
  },
  (t) => [primaryKey({ columns: [t.runId, t.q] })],
);

/**
 * Values above their indicator's red-flag threshold, kept by triggers (db/migrations, the
 * red_flag_values triggers) as values and thresholds change: the red-flag lists read these few
 * rows instead of an index over every value, which cost a province's import a fifth of its time.
 */
export const redFlagValues = sqliteTable(
  'red_flag_values',
  {
    evaluationId: integer('evaluation_id')
      .notNull()
      .references(() => evaluations.id, { onDelete: 'cascade' }),
    indicatorId: integer('indicator_id')
      .notNull()
      .references(() => indicators.id),
    value: real('value').notNull(),
  },
  (t) => [primaryKey({ columns: [t.evaluationId, t.indicatorId] }), index('red_flag_values_indicator_idx').on(t.indicatorId)],
);
