-- The audit log is append-only in the database itself.
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN SELECT RAISE(ABORT, 'audit_log is append-only: UPDATE is not allowed'); END;
--> statement-breakpoint
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN SELECT RAISE(ABORT, 'audit_log is append-only: DELETE is not allowed'); END;
--> statement-breakpoint
-- A published KPI-set version is immutable, and so are its items.
CREATE TRIGGER kpi_set_versions_published_immutable BEFORE UPDATE ON kpi_set_versions
WHEN OLD.status = 'published'
BEGIN SELECT RAISE(ABORT, 'a published KPI-set version is immutable'); END;
--> statement-breakpoint
CREATE TRIGGER kpi_set_versions_published_no_delete BEFORE DELETE ON kpi_set_versions
WHEN OLD.status = 'published'
BEGIN SELECT RAISE(ABORT, 'a published KPI-set version is immutable'); END;
--> statement-breakpoint
CREATE TRIGGER kpi_set_objectives_published_no_insert BEFORE INSERT ON kpi_set_objectives
WHEN (SELECT status FROM kpi_set_versions WHERE id = NEW.version_id) = 'published'
BEGIN SELECT RAISE(ABORT, 'a published KPI-set version is immutable'); END;
--> statement-breakpoint
CREATE TRIGGER kpi_set_objectives_published_no_update BEFORE UPDATE ON kpi_set_objectives
WHEN (SELECT status FROM kpi_set_versions WHERE id = OLD.version_id) = 'published'
BEGIN SELECT RAISE(ABORT, 'a published KPI-set version is immutable'); END;
--> statement-breakpoint
CREATE TRIGGER kpi_set_objectives_published_no_delete BEFORE DELETE ON kpi_set_objectives
WHEN (SELECT status FROM kpi_set_versions WHERE id = OLD.version_id) = 'published'
BEGIN SELECT RAISE(ABORT, 'a published KPI-set version is immutable'); END;
--> statement-breakpoint
CREATE TRIGGER kpi_set_indicators_published_no_insert BEFORE INSERT ON kpi_set_indicators
WHEN (SELECT status FROM kpi_set_versions WHERE id = NEW.version_id) = 'published'
BEGIN SELECT RAISE(ABORT, 'a published KPI-set version is immutable'); END;
--> statement-breakpoint
CREATE TRIGGER kpi_set_indicators_published_no_update BEFORE UPDATE ON kpi_set_indicators
WHEN (SELECT status FROM kpi_set_versions WHERE id = OLD.version_id) = 'published'
BEGIN SELECT RAISE(ABORT, 'a published KPI-set version is immutable'); END;
--> statement-breakpoint
CREATE TRIGGER kpi_set_indicators_published_no_delete BEFORE DELETE ON kpi_set_indicators
WHEN (SELECT status FROM kpi_set_versions WHERE id = OLD.version_id) = 'published'
BEGIN SELECT RAISE(ABORT, 'a published KPI-set version is immutable'); END;
--> statement-breakpoint
-- A published score run is frozen.
CREATE TRIGGER score_runs_published_immutable BEFORE UPDATE ON score_runs
WHEN OLD.status = 'published'
BEGIN SELECT RAISE(ABORT, 'a published score run is frozen'); END;
--> statement-breakpoint
CREATE TRIGGER score_runs_published_no_delete BEFORE DELETE ON score_runs
WHEN OLD.status = 'published'
BEGIN SELECT RAISE(ABORT, 'a published score run is frozen'); END;
--> statement-breakpoint
CREATE TRIGGER scores_published_no_update BEFORE UPDATE ON scores
WHEN (SELECT status FROM score_runs WHERE id = OLD.run_id) = 'published'
BEGIN SELECT RAISE(ABORT, 'a published score run is frozen'); END;
--> statement-breakpoint
-- Determinations are immutable; overrides live in determination_overrides.
CREATE TRIGGER determinations_no_update BEFORE UPDATE ON determinations
BEGIN SELECT RAISE(ABORT, 'determinations are immutable: record an override instead'); END;
