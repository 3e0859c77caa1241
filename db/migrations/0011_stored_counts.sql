CREATE TABLE `evaluation_counts` (
	`period_id` integer NOT NULL,
	`region_id` integer NOT NULL,
	`stakeholder_type` text NOT NULL,
	`active` integer NOT NULL,
	`status` text NOT NULL,
	`excluded` integer NOT NULL,
	`n` integer NOT NULL,
	PRIMARY KEY(`period_id`, `region_id`, `stakeholder_type`, `active`, `status`, `excluded`),
	FOREIGN KEY (`period_id`) REFERENCES `periods`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`region_id`) REFERENCES `regions`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `stakeholder_counts` (
	`region_id` integer NOT NULL,
	`stakeholder_type` text NOT NULL,
	`active` integer NOT NULL,
	`n` integer NOT NULL,
	PRIMARY KEY(`region_id`, `stakeholder_type`, `active`),
	FOREIGN KEY (`region_id`) REFERENCES `regions`(`id`) ON UPDATE no action ON DELETE no action
);
