CREATE TABLE `score_run_figures` (
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
CREATE TABLE `score_run_peer_values` (
	`run_id` integer NOT NULL,
	`indicator` text NOT NULL,
	`values` blob NOT NULL,
	PRIMARY KEY(`run_id`, `indicator`),
	FOREIGN KEY (`run_id`) REFERENCES `score_runs`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `scores_run_composite_idx` ON `scores` (`run_id`,`composite`);