// Incentive programs, eligibility runs and their determinations.
import { sql } from 'drizzle-orm';
import { check, index, integer, real, sqliteTable, text, uniqueIndex, type AnySQLiteColumn } from 'drizzle-orm/sqlite-core';
import { user } from './auth';
import { stakeholders } from './org';
import { periods } from './periods';
import { scoreRuns } from './scores';
import { now } from './columns';
import { ALLOCATIONS, OVERRIDE_STATUSES, PROGRAM_KINDS, PROGRAM_STATUSES, type StakeholderType } from '../../core/domain/enums';
import type { Benefit, DeterminationExplanation, Gap, ProgramSnapshot, Rule } from '../../core/eligibility';

export const incentivePrograms = sqliteTable(
  'incentive_programs',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    code: text('code').notNull().unique(),
    kind: text('kind', { enum: PROGRAM_KINDS }).notNull(),
    nameZh: text('name_zh').notNull(),
    nameEn: text('name_en').notNull(),
    descriptionZh: text('description_zh'),
    descriptionEn: text('description_en'),
    eligibleTypes: text('eligible_types', { mode: 'json' }).$type<StakeholderType[]>().notNull(),
    rule: text('rule', { mode: 'json' }).$type<Rule>().notNull(),
    benefit: text('benefit', { mode: 'json' }).$type<Benefit>().notNull(),
    budget: real('budget'),
    allocation: text('allocation', { enum: ALLOCATIONS }),
    status: text('status', { enum: PROGRAM_STATUSES }).notNull().default('draft'),
    createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull().default(now),
    updatedAt: integer('updated_at', { mode: 'timestamp_ms' }).notNull().default(now),
  },
  (t) => [
    check('incentive_programs_kind_check', sql`${t.kind} in ('subsidy','tax_break','commendation')`),
    check('incentive_programs_status_check', sql`${t.status} in ('draft','active','archived')`),
    check(
      'incentive_programs_allocation_check',
      sql`${t.allocation} is null or ${t.allocation} in ('rank','pro_rata')`,
    ),
    check('incentive_programs_budget_check', sql`${t.budget} is null or ${t.budget} >= 0`),
  ],
);

export const eligibilityRuns = sqliteTable('eligibility_runs', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  programId: integer('program_id')
    .notNull()
    .references(() => incentivePrograms.id),
  periodId: integer('period_id')
    .notNull()
    .references(() => periods.id),
  scoreRunId: integer('score_run_id').references(() => scoreRuns.id),
  programSnapshot: text('program_snapshot', { mode: 'json' }).$type<ProgramSnapshot>().notNull(),
  inputHash: text('input_hash').notNull(),
  createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull().default(now),
  createdBy: text('created_by').references(() => user.id),
  // A run recomputed for a period's revision, and the run of the same program it replaces.
  revisionId: integer('revision_id'),
  replacesRunId: integer('replaces_run_id').references((): AnySQLiteColumn => eligibilityRuns.id),
});

export const determinations = sqliteTable(
  'determinations',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    runId: integer('run_id')
      .notNull()
      .references(() => eligibilityRuns.id, { onDelete: 'cascade' }),
    stakeholderId: integer('stakeholder_id')
      .notNull()
      .references(() => stakeholders.id),
    eligible: integer('eligible', { mode: 'boolean' }).notNull(),
    amount: real('amount'),
    rate: real('rate'),
    title: text('title'),
    explanation: text('explanation', { mode: 'json' }).$type<DeterminationExplanation>().notNull(),
    /** The smallest change that would qualify, for those who fail. */
    gap: text('gap', { mode: 'json' }).$type<Gap>(),
    // Facts of the explanation the run page filters, sorts and totals by, written beside it (an
    // index over the JSON cost a province's run the parsing of every explanation six times).
    county: text('county'),
    type: text('type'),
    /** The engine's truth, or 'unscored' for a stakeholder listed without a score (not-scored.ts). */
    truth: text('truth'),
    reason: text('reason'),
    composite: real('composite'),
    demand: real('demand'),
  },
  (t) => [
    uniqueIndex('determinations_run_stakeholder_uq').on(t.runId, t.stakeholderId),
    // The run page's sort by composite.
    index('determinations_run_composite_idx').on(t.runId, t.composite),
    // A run's totals per county and type read this index alone.
    index('determinations_run_facts_idx').on(t.runId, t.county, t.type, t.truth, t.demand, t.eligible, t.amount),
    // A scorecard's place in a run's budget: the money asked, in rank order, counted from here alone.
    index('determinations_run_rank_idx').on(t.runId, t.composite, t.demand, t.amount).where(sql`${t.demand} is not null`),
  ],
);

/**
 * Overrides sit beside determinations so the computed result itself stays immutable. One takes
 * effect only once a second administrator approves it (four eyes): pending → approved or
 * rejected, by someone other than its proposer; a trigger allows that change and no other.
 */
export const determinationOverrides = sqliteTable(
  'determination_overrides',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    determinationId: integer('determination_id')
      .notNull()
      .references(() => determinations.id),
    eligible: integer('eligible', { mode: 'boolean' }).notNull(),
    amount: real('amount'),
    reason: text('reason').notNull(),
    /** The proposer accepted that the override takes the run over its budget. */
    overBudget: integer('over_budget', { mode: 'boolean' }).notNull().default(false),
    status: text('status', { enum: OVERRIDE_STATUSES }).notNull().default('pending'),
    createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull().default(now),
    createdBy: text('created_by')
      .notNull()
      .references(() => user.id),
    decidedAt: integer('decided_at', { mode: 'timestamp_ms' }),
    decidedBy: text('decided_by').references(() => user.id),
    /** Why the second administrator rejected it. */
    decisionReason: text('decision_reason'),
  },
  (t) => [
    // The latest approved override of a determination is looked up for every row a run page shows.
    index('determination_overrides_determination_idx').on(t.determinationId, t.status, t.id),
    check('determination_overrides_status_check', sql`${t.status} in ('pending','approved','rejected')`),
    check('determination_overrides_amount_check', sql`${t.amount} is null or ${t.amount} >= 0`),
    check('determination_overrides_decision_check', sql`(${t.status} = 'pending') = (${t.decidedBy} is null)`),
  ],
);
