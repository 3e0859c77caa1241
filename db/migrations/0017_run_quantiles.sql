CREATE TABLE `score_run_quantiles` (
	`run_id` integer NOT NULL,
	`q` real NOT NULL,
	`value` real,
	PRIMARY KEY(`run_id`, `q`),
	FOREIGN KEY (`run_id`) REFERENCES `score_runs`(`id`) ON UPDATE no action ON DELETE cascade
);
