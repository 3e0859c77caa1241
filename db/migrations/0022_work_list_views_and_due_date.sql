-- Periods get a due date for entry (on or after the start: the service checks it); the work list's
-- own views (what I submitted, what was returned to me) read evaluations by submitter and period.
ALTER TABLE `periods` ADD `due_on` text;
--> statement-breakpoint
CREATE INDEX `evaluations_submitter_period_status_idx` ON `evaluations` (`submitted_by`,`period_id`,`status`);
