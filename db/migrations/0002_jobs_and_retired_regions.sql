CREATE TABLE `jobs` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`kind` text NOT NULL,
	`status` text DEFAULT 'queued' NOT NULL,
	`started_by` text,
	`input` text NOT NULL,
	`progress` real DEFAULT 0 NOT NULL,
	`progress_note` text,
	`result` text,
	`error` text,
	`created_at` integer DEFAULT (cast(unixepoch('subsecond') * 1000 as integer)) NOT NULL,
	`started_at` integer,
	`finished_at` integer,
	FOREIGN KEY (`started_by`) REFERENCES `user`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "jobs_progress_check" CHECK("jobs"."progress" >= 0 and "jobs"."progress" <= 1),
	CONSTRAINT "jobs_status_check" CHECK("jobs"."status" in ('queued','running','succeeded','failed'))
);
--> statement-breakpoint
CREATE INDEX `jobs_status_idx` ON `jobs` (`status`);--> statement-breakpoint
CREATE INDEX `jobs_started_by_idx` ON `jobs` (`started_by`,`created_at`);--> statement-breakpoint
ALTER TABLE `regions` ADD `retired_at` integer;