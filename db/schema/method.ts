// The method: objectives, indicators and versioned KPI sets (one per stakeholder type).
import { sql } from 'drizzle-orm';
import {
  check,
  index,
  integer,
  primaryKey,
  real,
  sqliteTable,
  text,
  uniqueIndex,
} from 'drizzle-orm/sqlite-core';
import { user } from './auth';
import { stakeholderTypes } from './org';
import { periods } from './periods';
import { now } from './columns';
import { units } from './units';
import type { GradeBand, Normalization } from '../../core/scoring/format';
import { AGGREGATIONS, DIRECTIONS, MISSING_POLICIES, STAKEHOLDER_TYPES, VALUE_TYPES, VERSION_STATUSES } from '../../core/domain/enums';

export const objectives = sqliteTable('objectives', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  code: text('code').notNull().unique(),
  nameZh: text('name_zh').notNull(),
  nameEn: text('name_en').notNull(),
  descriptionZh: text('description_zh'),
  descriptionEn: text('description_en'),
  position: integer('position').notNull().default(0),
});

export const indicators = sqliteTable(
  'indicators',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    code: text('code').notNull().unique(),
    nameZh: text('name_zh').notNull(),
    nameEn: text('name_en').notNull(),
    descriptionZh: text('description_zh'),
    descriptionEn: text('description_en'),
    // No unit (null) for a plain number such as an index.
    unitCode: text('unit_code').references(() => units.code),
    direction: text('direction', { enum: DIRECTIONS }).notNull(),
    valueType: text('value_type', { enum: VALUE_TYPES }).notNull().default('number'),
    minValue: real('min_value'),
    maxValue: real('max_value'),
    evidenceRequired: integer('evidence_required', { mode: 'boolean' }).notNull().default(false),
    // A value strictly above this raises a red flag (e.g. environmental violations > 0).
    redFlagAbove: real('red_flag_above'),
    retired: integer('retired', { mode: 'boolean' }).notNull().default(false),
    createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull().default(now),
    updatedAt: integer('updated_at', { mode: 'timestamp_ms' }).notNull().default(now),
  },
  (t) => [
    check('indicators_direction_check', sql`${t.direction} in ('higher','lower')`),
    check('indicators_value_type_check', sql`${t.valueType} in ('number','integer','percent')`),
    check(
      'indicators_range_check',
      sql`${t.minValue} is null or ${t.maxValue} is null or ${t.minValue} < ${t.maxValue}`,
    ),
  ],
);

export const kpiSets = sqliteTable(
  'kpi_sets',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    code: text('code').notNull().unique(),
    stakeholderType: text('stakeholder_type', { enum: STAKEHOLDER_TYPES })
      .notNull()
      .references(() => stakeholderTypes.code),
    nameZh: text('name_zh').notNull(),
    nameEn: text('name_en').notNull(),
    createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull().default(now),
  },
  (t) => [index('kpi_sets_type_idx').on(t.stakeholderType)],
);

/**
 * One version of a KPI set. Version-wide settings live here; objectives and indicators with
 * their weights and normalization live in the item tables. Published versions are immutable
 * (enforced by triggers in the migrations, not only by the services).
 */
export const kpiSetVersions = sqliteTable(
  'kpi_set_versions',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    kpiSetId: integer('kpi_set_id')
      .notNull()
      .references(() => kpiSets.id),
    version: integer('version').notNull(),
    status: text('status', { enum: VERSION_STATUSES }).notNull().default('draft'),
    scale: real('scale').notNull().default(100),
    aggregationIndicators: text('aggregation_indicators', { enum: AGGREGATIONS })
      .notNull()
      .default('arithmetic'),
    aggregationObjectives: text('aggregation_objectives', { enum: AGGREGATIONS })
      .notNull()
      .default('arithmetic'),
    missingPolicy: text('missing_policy', { enum: MISSING_POLICIES }).notNull().default('reweight'),
    minCompleteness: real('min_completeness').notNull().default(0.8),
    grades: text('grades', { mode: 'json' }).$type<GradeBand[]>().notNull(),
    methodHash: text('method_hash'),
    effectiveFromPeriodId: integer('effective_from_period_id').references(() => periods.id),
    changeNote: text('change_note'),
    createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull().default(now),
    createdBy: text('created_by').references(() => user.id),
    publishedAt: integer('published_at', { mode: 'timestamp_ms' }),
    publishedBy: text('published_by').references(() => user.id),
  },
  (t) => [
    uniqueIndex('kpi_set_versions_set_version_uq').on(t.kpiSetId, t.version),
    check('kpi_set_versions_status_check', sql`${t.status} in ('draft','published')`),
    check(
      'kpi_set_versions_agg_check',
      sql`${t.aggregationIndicators} in ('arithmetic','geometric') and ${t.aggregationObjectives} in ('arithmetic','geometric')`,
    ),
    check('kpi_set_versions_missing_check', sql`${t.missingPolicy} in ('reweight','zero','reject')`),
    check('kpi_set_versions_scale_check', sql`${t.scale} > 0`),
    check(
      'kpi_set_versions_published_check',
      sql`${t.status} = 'draft' or (${t.publishedAt} is not null and ${t.methodHash} is not null and ${t.changeNote} is not null)`,
    ),
  ],
);

export const kpiSetObjectives = sqliteTable(
  'kpi_set_objectives',
  {
    versionId: integer('version_id')
      .notNull()
      .references(() => kpiSetVersions.id, { onDelete: 'cascade' }),
    objectiveId: integer('objective_id')
      .notNull()
      .references(() => objectives.id),
    weight: real('weight').notNull(),
    position: integer('position').notNull().default(0),
  },
  (t) => [
    primaryKey({ columns: [t.versionId, t.objectiveId] }),
    check('kpi_set_objectives_weight_check', sql`${t.weight} > 0`),
  ],
);

export const kpiSetIndicators = sqliteTable(
  'kpi_set_indicators',
  {
    versionId: integer('version_id')
      .notNull()
      .references(() => kpiSetVersions.id, { onDelete: 'cascade' }),
    indicatorId: integer('indicator_id')
      .notNull()
      .references(() => indicators.id),
    objectiveId: integer('objective_id')
      .notNull()
      .references(() => objectives.id),
    weight: real('weight').notNull(),
    normalization: text('normalization', { mode: 'json' }).$type<Normalization>().notNull(),
    position: integer('position').notNull().default(0),
  },
  (t) => [
    primaryKey({ columns: [t.versionId, t.indicatorId] }),
    check('kpi_set_indicators_weight_check', sql`${t.weight} > 0`),
  ],
);
