CREATE TABLE `score_run_county_figures` (
	`run_id` integer NOT NULL,
	`region_id` integer NOT NULL,
	`n` integer NOT NULL,
	`composite_n` integer NOT NULL,
	`composite_sum` real NOT NULL,
	`bins` text NOT NULL,
	`grades` text NOT NULL,
	`objectives` text NOT NULL,
	`coupling_n` integer NOT NULL,
	`coupling_sum` real NOT NULL,
	PRIMARY KEY(`run_id`, `region_id`),
	FOREIGN KEY (`run_id`) REFERENCES `score_runs`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`region_id`) REFERENCES `regions`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `red_flag_values` (
	`evaluation_id` integer NOT NULL,
	`indicator_id` integer NOT NULL,
	`value` real NOT NULL,
	PRIMARY KEY(`evaluation_id`, `indicator_id`),
	FOREIGN KEY (`evaluation_id`) REFERENCES `evaluations`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`indicator_id`) REFERENCES `indicators`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `red_flag_values_indicator_idx` ON `red_flag_values` (`indicator_id`);--> statement-breakpoint
DROP INDEX `evaluation_values_indicator_value_idx`;--> statement-breakpoint
DROP INDEX `determinations_run_composite_idx`;--> statement-breakpoint
DROP INDEX `determinations_run_facts_idx`;--> statement-breakpoint
ALTER TABLE `determinations` ADD `county` text;--> statement-breakpoint
ALTER TABLE `determinations` ADD `type` text;--> statement-breakpoint
ALTER TABLE `determinations` ADD `truth` text;--> statement-breakpoint
ALTER TABLE `determinations` ADD `reason` text;--> statement-breakpoint
ALTER TABLE `determinations` ADD `composite` real;--> statement-breakpoint
ALTER TABLE `determinations` ADD `demand` real;--> statement-breakpoint
CREATE INDEX `determinations_run_composite_idx` ON `determinations` (`run_id`,`composite`);--> statement-breakpoint
CREATE INDEX `determinations_run_facts_idx` ON `determinations` (`run_id`,`county`,`type`,`truth`,`demand`,`eligible`,`amount`);