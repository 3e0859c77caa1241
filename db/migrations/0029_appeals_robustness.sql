CREATE TABLE `appeal_files` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`appeal_item_id` integer NOT NULL,
	`file_name` text NOT NULL,
	`content_type` text NOT NULL,
	`size` integer NOT NULL,
	`sha256` text NOT NULL,
	`uploaded_by` text NOT NULL,
	`created_at` integer DEFAULT (cast(unixepoch('subsecond') * 1000 as integer)) NOT NULL,
	FOREIGN KEY (`appeal_item_id`) REFERENCES `appeal_items`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`uploaded_by`) REFERENCES `user`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "appeal_files_type_check" CHECK("appeal_files"."content_type" in ('application/pdf','image/jpeg','image/png'))
);
--> statement-breakpoint
CREATE INDEX `appeal_files_item_idx` ON `appeal_files` (`appeal_item_id`);--> statement-breakpoint
CREATE TABLE `appeal_items` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`appeal_id` integer NOT NULL,
	`indicator_id` integer NOT NULL,
	`published_value` real,
	`claimed_value` real,
	`reason` text NOT NULL,
	`evidence_url` text,
	`corrected_value` real,
	`corrected` integer DEFAULT false NOT NULL,
	FOREIGN KEY (`appeal_id`) REFERENCES `appeals`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`indicator_id`) REFERENCES `indicators`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `appeal_items_appeal_indicator_uq` ON `appeal_items` (`appeal_id`,`indicator_id`);--> statement-breakpoint
CREATE TABLE `appeal_steps` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`appeal_id` integer NOT NULL,
	`step` text NOT NULL,
	`decision` text,
	`reason` text,
	`actor_id` text NOT NULL,
	`at` integer DEFAULT (cast(unixepoch('subsecond') * 1000 as integer)) NOT NULL,
	FOREIGN KEY (`appeal_id`) REFERENCES `appeals`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`actor_id`) REFERENCES `user`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "appeal_steps_step_check" CHECK("appeal_steps"."step" in ('submitted','proposed','sent_back','confirmed','withdrawn','revised'))
);
--> statement-breakpoint
CREATE INDEX `appeal_steps_appeal_idx` ON `appeal_steps` (`appeal_id`,`id`);--> statement-breakpoint
CREATE TABLE `appeals` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`stakeholder_id` integer NOT NULL,
	`period_id` integer NOT NULL,
	`score_run_id` integer NOT NULL,
	`status` text DEFAULT 'submitted' NOT NULL,
	`due_on` text NOT NULL,
	`created_by` text NOT NULL,
	`created_at` integer DEFAULT (cast(unixepoch('subsecond') * 1000 as integer)) NOT NULL,
	`proposal` text,
	`proposal_reason` text,
	`proposed_by` text,
	`proposed_at` integer,
	`decided_by` text,
	`decided_at` integer,
	`revision_id` integer,
	`updated_at` integer DEFAULT (cast(unixepoch('subsecond') * 1000 as integer)) NOT NULL,
	FOREIGN KEY (`stakeholder_id`) REFERENCES `stakeholders`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`period_id`) REFERENCES `periods`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`score_run_id`) REFERENCES `score_runs`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by`) REFERENCES `user`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`proposed_by`) REFERENCES `user`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`decided_by`) REFERENCES `user`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`revision_id`) REFERENCES `period_revisions`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "appeals_status_check" CHECK("appeals"."status" in ('submitted','proposed','accepted','rejected','withdrawn')),
	CONSTRAINT "appeals_proposal_check" CHECK("appeals"."proposal" is null or "appeals"."proposal" in ('accept','reject')),
	CONSTRAINT "appeals_four_eyes_check" CHECK("appeals"."decided_by" is null or "appeals"."decided_by" <> "appeals"."proposed_by"),
	CONSTRAINT "appeals_decided_check" CHECK(("appeals"."status" in ('accepted','rejected')) = ("appeals"."decided_by" is not null))
);
--> statement-breakpoint
CREATE INDEX `appeals_period_status_idx` ON `appeals` (`period_id`,`status`);--> statement-breakpoint
CREATE INDEX `appeals_stakeholder_idx` ON `appeals` (`stakeholder_id`,`period_id`);--> statement-breakpoint
CREATE TABLE `period_revisions` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`period_id` integer NOT NULL,
	`number` integer NOT NULL,
	`note` text NOT NULL,
	`impact` text NOT NULL,
	`published_by` text NOT NULL,
	`published_at` integer DEFAULT (cast(unixepoch('subsecond') * 1000 as integer)) NOT NULL,
	FOREIGN KEY (`period_id`) REFERENCES `periods`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`published_by`) REFERENCES `user`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "period_revisions_number_check" CHECK("period_revisions"."number" >= 2)
);
--> statement-breakpoint
CREATE UNIQUE INDEX `period_revisions_period_number_uq` ON `period_revisions` (`period_id`,`number`);--> statement-breakpoint
CREATE TABLE `robustness_checks` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`run_id` integer NOT NULL,
	`draws` integer NOT NULL,
	`scheme` text NOT NULL,
	`spread` real NOT NULL,
	`seed` integer NOT NULL,
	`fragile` integer NOT NULL,
	`created_by` text,
	`created_at` integer DEFAULT (cast(unixepoch('subsecond') * 1000 as integer)) NOT NULL,
	FOREIGN KEY (`run_id`) REFERENCES `eligibility_runs`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by`) REFERENCES `user`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `robustness_checks_run_idx` ON `robustness_checks` (`run_id`,`id`);--> statement-breakpoint
CREATE TABLE `robustness_results` (
	`check_id` integer NOT NULL,
	`determination_id` integer NOT NULL,
	`stability` real NOT NULL,
	`flip` text,
	PRIMARY KEY(`check_id`, `determination_id`),
	FOREIGN KEY (`check_id`) REFERENCES `robustness_checks`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`determination_id`) REFERENCES `determinations`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `robustness_results_check_stability_idx` ON `robustness_results` (`check_id`,`stability`);--> statement-breakpoint
PRAGMA foreign_keys=OFF;--> statement-breakpoint
CREATE TABLE `__new_notifications` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`user_id` text NOT NULL,
	`kind` text NOT NULL,
	`params` text NOT NULL,
	`link` text NOT NULL,
	`once_key` text,
	`created_at` integer DEFAULT (cast(unixepoch('subsecond') * 1000 as integer)) NOT NULL,
	`read_at` integer,
	FOREIGN KEY (`user_id`) REFERENCES `user`(`id`) ON UPDATE no action ON DELETE cascade,
	CONSTRAINT "notifications_kind_check" CHECK("__new_notifications"."kind" in ('evaluation_returned','evaluation_approved','period_opened','period_due_soon','appeal_submitted','appeal_proposed','appeal_decided','period_revised')),
	CONSTRAINT "notifications_link_check" CHECK("__new_notifications"."link" like '/%' and "__new_notifications"."link" not like '//%')
);
--> statement-breakpoint
INSERT INTO `__new_notifications`("id", "user_id", "kind", "params", "link", "once_key", "created_at", "read_at") SELECT "id", "user_id", "kind", "params", "link", "once_key", "created_at", "read_at" FROM `notifications`;--> statement-breakpoint
DROP TABLE `notifications`;--> statement-breakpoint
ALTER TABLE `__new_notifications` RENAME TO `notifications`;--> statement-breakpoint
PRAGMA foreign_keys=ON;--> statement-breakpoint
CREATE INDEX `notifications_user_read_idx` ON `notifications` (`user_id`,`read_at`);--> statement-breakpoint
CREATE INDEX `notifications_user_created_idx` ON `notifications` (`user_id`,`created_at`);--> statement-breakpoint
CREATE UNIQUE INDEX `notifications_once_idx` ON `notifications` (`user_id`,`once_key`);--> statement-breakpoint
ALTER TABLE `periods` ADD `appeal_window_days` integer DEFAULT 30 NOT NULL;--> statement-breakpoint
ALTER TABLE `periods` ADD `appeal_decision_days` integer DEFAULT 15 NOT NULL;--> statement-breakpoint
ALTER TABLE `score_runs` ADD `revision_id` integer;--> statement-breakpoint
ALTER TABLE `eligibility_runs` ADD `revision_id` integer;--> statement-breakpoint
ALTER TABLE `eligibility_runs` ADD `replaces_run_id` integer REFERENCES eligibility_runs(id);--> statement-breakpoint
-- A revision, an appeal's steps and a robustness check are records: written once, never changed.
CREATE TRIGGER period_revisions_no_update BEFORE UPDATE ON period_revisions
BEGIN SELECT RAISE(ABORT, 'a published revision is frozen'); END;
--> statement-breakpoint
CREATE TRIGGER period_revisions_no_delete BEFORE DELETE ON period_revisions
BEGIN SELECT RAISE(ABORT, 'a published revision is frozen'); END;
--> statement-breakpoint
CREATE TRIGGER appeal_steps_no_update BEFORE UPDATE ON appeal_steps
BEGIN SELECT RAISE(ABORT, 'an appeal''s steps are kept as they happened'); END;
--> statement-breakpoint
CREATE TRIGGER appeal_steps_no_delete BEFORE DELETE ON appeal_steps
BEGIN SELECT RAISE(ABORT, 'an appeal''s steps are kept as they happened'); END;
--> statement-breakpoint
CREATE TRIGGER robustness_results_no_update BEFORE UPDATE ON robustness_results
BEGIN SELECT RAISE(ABORT, 'a robustness check is kept as computed'); END;
--> statement-breakpoint
CREATE TRIGGER robustness_checks_no_update BEFORE UPDATE ON robustness_checks
BEGIN SELECT RAISE(ABORT, 'a robustness check is kept as computed'); END;
