// Evaluations: one stakeholder × one period under one KPI-set version, and their values.
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
import { stakeholders } from './org';
import { indicators, kpiSetVersions } from './method';
import { now } from './columns';
import { periods } from './periods';
import { EVALUATION_STATUSES } from '../../core/domain/enums';

export const evaluations = sqliteTable(
  'evaluations',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    stakeholderId: integer('stakeholder_id')
      .notNull()
      .references(() => stakeholders.id),
    periodId: integer('period_id')
      .notNull()
      .references(() => periods.id),
    kpiSetVersionId: integer('kpi_set_version_id')
      .notNull()
      .references(() => kpiSetVersions.id),
    status: text('status', { enum: EVALUATION_STATUSES }).notNull().default('draft'),
    // Optimistic concurrency: every write bumps it; a write naming an older revision is refused.
    revision: integer('revision').notNull().default(1),
    returnReason: text('return_reason'),
    // Set when an admin publishes the period without this evaluation (with a reason).
    excludedReason: text('excluded_reason'),
    createdBy: text('created_by').references(() => user.id),
    submittedBy: text('submitted_by').references(() => user.id),
    submittedAt: integer('submitted_at', { mode: 'timestamp_ms' }),
    approvedBy: text('approved_by').references(() => user.id),
    approvedAt: integer('approved_at', { mode: 'timestamp_ms' }),
    createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull().default(now),
    updatedAt: integer('updated_at', { mode: 'timestamp_ms' }).notNull().default(now),
  },
  (t) => [
    uniqueIndex('evaluations_stakeholder_period_uq').on(t.stakeholderId, t.periodId),
    index('evaluations_period_idx').on(t.periodId),
    // The work list's status filter and counts within a period.
    index('evaluations_period_status_idx').on(t.periodId, t.status),
    // The work list's own views: what the caller submitted, or was returned to them, in a period.
    index('evaluations_submitter_period_status_idx').on(t.submittedBy, t.periodId, t.status),
    check(
      'evaluations_status_check',
      sql`${t.status} in ('draft','submitted','returned','approved')`,
    ),
    check(
      'evaluations_approver_check',
      sql`${t.approvedBy} is null or ${t.submittedBy} is null or ${t.approvedBy} <> ${t.submittedBy}`,
    ),
  ],
);

export const evaluationValues = sqliteTable(
  'evaluation_values',
  {
    evaluationId: integer('evaluation_id')
      .notNull()
      .references(() => evaluations.id, { onDelete: 'cascade' }),
    indicatorId: integer('indicator_id')
      .notNull()
      .references(() => indicators.id),
    value: real('value'),
    note: text('note'),
    evidenceUrl: text('evidence_url'),
  },
  // Red flags are kept apart, in red_flag_values (counts.ts).
  (t) => [primaryKey({ columns: [t.evaluationId, t.indicatorId] })],
);
