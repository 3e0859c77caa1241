// Score runs (a snapshot of a period under one KPI-set version and method hash) and scores.
import { sql } from 'drizzle-orm';
import { check, index, integer, real, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { user } from './auth';
import { stakeholders } from './org';
import { kpiSetVersions } from './method';
import { evaluations } from './evaluations';
import { periods } from './periods';
import { now } from './columns';
import type { IndicatorScore, ScoreWarning } from '../../core/scoring/score';
import { SCORE_RUN_KINDS, SCORE_RUN_STATUSES } from '../../core/domain/enums';

export const scoreRuns = sqliteTable(
  'score_runs',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    periodId: integer('period_id')
      .notNull()
      .references(() => periods.id),
    kpiSetVersionId: integer('kpi_set_version_id')
      .notNull()
      .references(() => kpiSetVersions.id),
    methodHash: text('method_hash').notNull(),
    // sha256 of the canonical inputs (method + values), so a published run can be re-derived.
    inputHash: text('input_hash').notNull(),
    kind: text('kind', { enum: SCORE_RUN_KINDS }).notNull().default('official'),
    status: text('status', { enum: SCORE_RUN_STATUSES }).notNull().default('draft'),
    createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull().default(now),
    createdBy: text('created_by').references(() => user.id),
    publishedAt: integer('published_at', { mode: 'timestamp_ms' }),
  },
  (t) => [
    index('score_runs_period_idx').on(t.periodId, t.kpiSetVersionId),
    check('score_runs_status_check', sql`${t.status} in ('draft','published')`),
    check('score_runs_kind_check', sql`${t.kind} in ('official','provisional','preview')`),
  ],
);

export const scores = sqliteTable(
  'scores',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    runId: integer('run_id')
      .notNull()
      .references(() => scoreRuns.id, { onDelete: 'cascade' }),
    evaluationId: integer('evaluation_id')
      .notNull()
      .references(() => evaluations.id),
    stakeholderId: integer('stakeholder_id')
      .notNull()
      .references(() => stakeholders.id),
    composite: real('composite'),
    grade: text('grade'),
    rank: integer('rank'),
    percentile: real('percentile'),
    countyRank: integer('county_rank'),
    countyPercentile: real('county_percentile'),
    completeness: real('completeness').notNull(),
    couplingC: real('coupling_c'),
    couplingT: real('coupling_t'),
    couplingD: real('coupling_d'),
    couplingClass: integer('coupling_class'),
    /** Objective code → score (null without enough values). */
    objectives: text('objectives', { mode: 'json' }).$type<Record<string, number | null>>().notNull(),
    indicators: text('indicators', { mode: 'json' }).$type<Record<string, IndicatorScore>>().notNull(),
    warnings: text('warnings', { mode: 'json' }).$type<ScoreWarning[]>().notNull(),
  },
  (t) => [
    uniqueIndex('scores_run_stakeholder_uq').on(t.runId, t.stakeholderId),
    index('scores_stakeholder_idx').on(t.stakeholderId),
  ],
);
