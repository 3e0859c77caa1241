// Robustness checks of eligibility runs: N seeded alternative weightings, and per determination
// the share of draws in which its decision held and what most often flipped it. Written whole by
// the job in one transaction; never changed (a new check is a new row).
import { index, integer, primaryKey, real, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { user } from './auth';
import { determinations, eligibilityRuns } from './incentives';
import { now } from './columns';
import { ROBUSTNESS_SCHEMES, type FlipCause } from '../../core/domain/robustness';

export const robustnessChecks = sqliteTable(
  'robustness_checks',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    runId: integer('run_id')
      .notNull()
      .references(() => eligibilityRuns.id),
    draws: integer('draws').notNull(),
    scheme: text('scheme', { enum: ROBUSTNESS_SCHEMES }).notNull(),
    spread: real('spread').notNull(),
    seed: integer('seed').notNull(),
    /** Determinations whose stability is below the fragile threshold. */
    fragile: integer('fragile').notNull(),
    createdBy: text('created_by').references(() => user.id),
    /** Started by itself after the run was written (then createdBy is the run's author), not by a person. */
    automatic: integer('automatic', { mode: 'boolean' }).notNull().default(false),
    createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull().default(now),
  },
  (t) => [index('robustness_checks_run_idx').on(t.runId, t.id)],
);

export const robustnessResults = sqliteTable(
  'robustness_results',
  {
    checkId: integer('check_id')
      .notNull()
      .references(() => robustnessChecks.id, { onDelete: 'cascade' }),
    determinationId: integer('determination_id')
      .notNull()
      .references(() => determinations.id),
    /** Share of draws in which the decision (eligible or not, and the tier) was the same. */
    stability: real('stability').notNull(),
    /** What most often flipped it; null when it never flipped. */
    flip: text('flip', { mode: 'json' }).$type<FlipCause>(),
  },
  (t) => [primaryKey({ columns: [t.checkId, t.determinationId] }), index('robustness_results_check_stability_idx').on(t.checkId, t.stability)],
);
