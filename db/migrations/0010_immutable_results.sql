-- What is published or decided stays as it was: published scores, eligibility runs, their
-- determinations and the overrides beside them can be neither changed nor deleted. The one change
-- allowed is an override's decision: pending → approved or rejected, by someone other than its
-- proposer, with the time (and, for a rejection, a reason), every other column as it was.
CREATE TRIGGER scores_published_no_delete BEFORE DELETE ON scores
WHEN (SELECT status FROM score_runs WHERE id = OLD.run_id) = 'published'
BEGIN SELECT RAISE(ABORT, 'a published score run is frozen'); END;
--> statement-breakpoint
CREATE TRIGGER scores_published_no_insert BEFORE INSERT ON scores
WHEN (SELECT status FROM score_runs WHERE id = NEW.run_id) = 'published'
BEGIN SELECT RAISE(ABORT, 'a published score run is frozen'); END;
--> statement-breakpoint
CREATE TRIGGER eligibility_runs_no_update BEFORE UPDATE ON eligibility_runs
BEGIN SELECT RAISE(ABORT, 'eligibility runs are immutable'); END;
--> statement-breakpoint
CREATE TRIGGER eligibility_runs_no_delete BEFORE DELETE ON eligibility_runs
BEGIN SELECT RAISE(ABORT, 'eligibility runs are immutable'); END;
--> statement-breakpoint
CREATE TRIGGER determinations_no_delete BEFORE DELETE ON determinations
BEGIN SELECT RAISE(ABORT, 'determinations are immutable: record an override instead'); END;
--> statement-breakpoint
CREATE TRIGGER determination_overrides_no_delete BEFORE DELETE ON determination_overrides
BEGIN SELECT RAISE(ABORT, 'overrides are kept: record a new override instead'); END;
--> statement-breakpoint
CREATE TRIGGER determination_overrides_insert_pending BEFORE INSERT ON determination_overrides
WHEN NEW.status <> 'pending' OR NEW.decided_by IS NOT NULL OR NEW.decided_at IS NOT NULL OR NEW.decision_reason IS NOT NULL
BEGIN SELECT RAISE(ABORT, 'an override starts pending: a second administrator decides it'); END;
--> statement-breakpoint
CREATE TRIGGER determination_overrides_decision_only BEFORE UPDATE ON determination_overrides
WHEN NOT (
  OLD.status = 'pending'
  AND NEW.status IN ('approved', 'rejected')
  AND NEW.decided_by IS NOT NULL
  AND NEW.decided_by <> OLD.created_by
  AND NEW.decided_at IS NOT NULL
  AND (NEW.status = 'rejected' OR NEW.decision_reason IS NULL)
  AND NEW.id = OLD.id
  AND NEW.determination_id = OLD.determination_id
  AND NEW.eligible = OLD.eligible
  AND NEW.amount IS OLD.amount
  AND NEW.reason = OLD.reason
  AND NEW.over_budget = OLD.over_budget
  AND NEW.created_at = OLD.created_at
  AND NEW.created_by = OLD.created_by
)
BEGIN SELECT RAISE(ABORT, 'an override is kept as proposed: only its pending decision may be recorded, by another administrator'); END;
