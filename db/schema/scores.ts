// Score runs (a snapshot of a period under one KPI-set version and method hash) and scores.
import { sql } from 'drizzle-orm';
import { blob, check, index, integer, primaryKey, real, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { user } from './auth';
import { regions, stakeholders } from './org';
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
    // The period's revision (2, 3, …) this official run belongs to; null for its first publication.
    // Not a foreign key: period_revisions refers to this schema, and the revision row is written
    // in the same transaction as its runs.
    revisionId: integer('revision_id'),
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
    // Quantiles of a run's composites read in order without sorting.
    index('scores_run_composite_idx').on(t.runId, t.composite),
    // The county dashboard's poverty warnings read the poverty objective's score (its
    // POVERTY_OBJECTIVE) of a run's scores from here, not from their wide rows.
    index('scores_run_poverty_idx').on(t.runId, t.stakeholderId, sql`json_extract(objectives, '$.poverty')`),
  ],
);

/**
 * The columns of a run's figures for one region: a function, as each table needs builders of its
 * own. Counts, sums and histograms add up to any county, scope or the province.
 */
const figureColumns = () => ({
  runId: integer('run_id')
    .notNull()
    .references(() => scoreRuns.id, { onDelete: 'cascade' }),
  regionId: integer('region_id')
    .notNull()
    .references(() => regions.id),
  /** Scores in the region; those with a composite; its sum. */
  n: integer('n').notNull(),
  compositeN: integer('composite_n').notNull(),
  compositeSum: real('composite_sum').notNull(),
  /** Composites in ten bands of a tenth of the scale each (the top band includes the scale). */
  bins: text('bins', { mode: 'json' }).$type<number[]>().notNull(),
  /** Grade code → count. */
  grades: text('grades', { mode: 'json' }).$type<Record<string, number>>().notNull(),
  /** Objective code → sum and count of the present scores. */
  objectives: text('objectives', { mode: 'json' }).$type<Record<string, { sum: number; n: number }>>().notNull(),
  couplingN: integer('coupling_n').notNull(),
  couplingSum: real('coupling_sum').notNull(),
});

/**
 * Figures of a run per region its stakeholders sat in when it was computed (their township),
 * stored with the run, so no reader goes back to the scores.
 */
export const scoreRunFigures = sqliteTable('score_run_figures', figureColumns(), (t) => [primaryKey({ columns: [t.runId, t.regionId] })]);

/**
 * A run's figures added up per county (a region above county level keeps its own row): a whole
 * province's dashboard reads about a hundred rows a run instead of every township's. Worked out
 * from score_run_figures when a job stores a period's figures, or on first read.
 */
export const scoreRunCountyFigures = sqliteTable('score_run_county_figures', figureColumns(), (t) => [primaryKey({ columns: [t.runId, t.regionId] })]);

/**
 * Every present raw value of a peer-dependent indicator (minmax, z-score, percentile) in a run,
 * ascending, as little-endian float64: what the path to the next band needs of the peers.
 */
export const scoreRunPeerValues = sqliteTable(
  'score_run_peer_values',
  {
    runId: integer('run_id')
      .notNull()
      .references(() => scoreRuns.id, { onDelete: 'cascade' }),
    indicator: text('indicator').notNull(),
    values: blob('values', { mode: 'buffer' }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.runId, t.indicator] })],
);
