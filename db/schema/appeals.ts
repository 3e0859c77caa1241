// Appeals of published values, their evidence and their steps, and the revisions of a period's
// official runs that put accepted corrections into effect (the earlier runs stay as they were).
import { sql } from 'drizzle-orm';
import { check, index, integer, real, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { user } from './auth';
import { stakeholders } from './org';
import { indicators } from './method';
import { periods } from './periods';
import { scoreRuns } from './scores';
import { now } from './columns';
import { APPEAL_DECISIONS, APPEAL_FILE_TYPES, APPEAL_STATUSES, APPEAL_STEPS } from '../../core/domain/appeals';

/**
 * A published revision of a period: revision 1 is the period's first publication (no row); each
 * row here is 2, 3, … and its official runs (score_runs.revision_id) replace the earlier ones for
 * every reader, while those stay frozen and readable.
 */
export const periodRevisions = sqliteTable(
  'period_revisions',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    periodId: integer('period_id')
      .notNull()
      .references(() => periods.id),
    number: integer('number').notNull(),
    /** What the administrator wrote when publishing it. */
    note: text('note').notNull(),
    /** Who changed grade, rank and percentile, eligibility and amounts: what was shown before confirming. */
    impact: text('impact', { mode: 'json' }).$type<unknown>().notNull(),
    publishedBy: text('published_by')
      .notNull()
      .references(() => user.id),
    publishedAt: integer('published_at', { mode: 'timestamp_ms' }).notNull().default(now),
  },
  (t) => [uniqueIndex('period_revisions_period_number_uq').on(t.periodId, t.number), check('period_revisions_number_check', sql`${t.number} >= 2`)],
);

export const appeals = sqliteTable(
  'appeals',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    stakeholderId: integer('stakeholder_id')
      .notNull()
      .references(() => stakeholders.id),
    periodId: integer('period_id')
      .notNull()
      .references(() => periods.id),
    /** The published run whose values are contested. */
    scoreRunId: integer('score_run_id')
      .notNull()
      .references(() => scoreRuns.id),
    status: text('status', { enum: APPEAL_STATUSES }).notNull().default('submitted'),
    /** ISO date by which a decision is due. */
    dueOn: text('due_on').notNull(),
    createdBy: text('created_by')
      .notNull()
      .references(() => user.id),
    createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull().default(now),
    /** The pending proposal (status proposed), or the one confirmed. */
    proposal: text('proposal', { enum: APPEAL_DECISIONS }),
    proposalReason: text('proposal_reason'),
    proposedBy: text('proposed_by').references(() => user.id),
    proposedAt: integer('proposed_at', { mode: 'timestamp_ms' }),
    decidedBy: text('decided_by').references(() => user.id),
    decidedAt: integer('decided_at', { mode: 'timestamp_ms' }),
    /** The revision that put its accepted corrections into effect. */
    revisionId: integer('revision_id').references(() => periodRevisions.id),
    updatedAt: integer('updated_at', { mode: 'timestamp_ms' }).notNull().default(now),
  },
  (t) => [
    index('appeals_period_status_idx').on(t.periodId, t.status),
    index('appeals_stakeholder_idx').on(t.stakeholderId, t.periodId),
    check('appeals_status_check', sql`${t.status} in ('submitted','proposed','accepted','rejected','withdrawn')`),
    check('appeals_proposal_check', sql`${t.proposal} is null or ${t.proposal} in ('accept','reject')`),
    check('appeals_four_eyes_check', sql`${t.decidedBy} is null or ${t.decidedBy} <> ${t.proposedBy}`),
    check('appeals_decided_check', sql`(${t.status} in ('accepted','rejected')) = (${t.decidedBy} is not null)`),
  ],
);

/** One contested value: what was published, what the stakeholder believes, why, and what was decided. */
export const appealItems = sqliteTable(
  'appeal_items',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    appealId: integer('appeal_id')
      .notNull()
      .references(() => appeals.id),
    indicatorId: integer('indicator_id')
      .notNull()
      .references(() => indicators.id),
    publishedValue: real('published_value'),
    claimedValue: real('claimed_value'),
    reason: text('reason').notNull(),
    evidenceUrl: text('evidence_url'),
    /** Set when the appeal is accepted with a correction of this value. */
    correctedValue: real('corrected_value'),
    corrected: integer('corrected', { mode: 'boolean' }).notNull().default(false),
  },
  (t) => [uniqueIndex('appeal_items_appeal_indicator_uq').on(t.appealId, t.indicatorId)],
);

/** An uploaded evidence file: stored under the data folder by its content hash, checked by content. */
export const appealFiles = sqliteTable(
  'appeal_files',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    appealItemId: integer('appeal_item_id')
      .notNull()
      .references(() => appealItems.id),
    fileName: text('file_name').notNull(),
    contentType: text('content_type', { enum: APPEAL_FILE_TYPES }).notNull(),
    size: integer('size').notNull(),
    sha256: text('sha256').notNull(),
    uploadedBy: text('uploaded_by')
      .notNull()
      .references(() => user.id),
    createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull().default(now),
  },
  (t) => [index('appeal_files_item_idx').on(t.appealItemId), check('appeal_files_type_check', sql`${t.contentType} in ('application/pdf','image/jpeg','image/png')`)],
);

/** Every step of an appeal, in order: what the stakeholder's timeline shows. */
export const appealSteps = sqliteTable(
  'appeal_steps',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    appealId: integer('appeal_id')
      .notNull()
      .references(() => appeals.id),
    step: text('step', { enum: APPEAL_STEPS }).notNull(),
    /** For proposed and confirmed: accept or reject. */
    decision: text('decision', { enum: APPEAL_DECISIONS }),
    reason: text('reason'),
    actorId: text('actor_id')
      .notNull()
      .references(() => user.id),
    at: integer('at', { mode: 'timestamp_ms' }).notNull().default(now),
  },
  (t) => [index('appeal_steps_appeal_idx').on(t.appealId, t.id), check('appeal_steps_step_check', sql`${t.step} in ('submitted','proposed','sent_back','confirmed','withdrawn','revised')`)],
);
