CREATE TABLE `poverty_warning_sets` (
	`key` text PRIMARY KEY NOT NULL,
	`period_id` integer NOT NULL,
	`totals` text NOT NULL,
	FOREIGN KEY (`period_id`) REFERENCES `periods`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `poverty_warnings` (
	`set_key` text NOT NULL,
	`kind` text NOT NULL,
	`code` text NOT NULL,
	`stakeholder_id` integer NOT NULL,
	`region_id` integer NOT NULL,
	`evaluation_id` integer,
	`now` real NOT NULL,
	`before` real,
	PRIMARY KEY(`set_key`, `kind`, `code`),
	FOREIGN KEY (`set_key`) REFERENCES `poverty_warning_sets`(`key`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `poverty_warnings_region_idx` ON `poverty_warnings` (`set_key`,`region_id`);