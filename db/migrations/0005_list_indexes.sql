CREATE INDEX `stakeholders_name_idx` ON `stakeholders` (`name`);--> statement-breakpoint
CREATE INDEX `stakeholders_updated_at_idx` ON `stakeholders` (`updated_at`);--> statement-breakpoint
CREATE INDEX `evaluations_period_status_idx` ON `evaluations` (`period_id`,`status`);--> statement-breakpoint
CREATE INDEX `determination_overrides_determination_idx` ON `determination_overrides` (`determination_id`,`id`);--> statement-breakpoint
CREATE INDEX `determinations_run_composite_idx` ON `determinations` (`run_id`,json_extract(`explanation`, '$.composite'));--> statement-breakpoint
CREATE INDEX `determinations_run_county_idx` ON `determinations` (`run_id`,json_extract(`explanation`, '$.county'));--> statement-breakpoint
CREATE INDEX `audit_log_action_idx` ON `audit_log` (`action`);--> statement-breakpoint
CREATE INDEX `audit_log_actor_idx` ON `audit_log` (`actor_id`);