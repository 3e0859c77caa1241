CREATE TABLE `impact_preview_rows` (
	`preview_id` integer NOT NULL,
	`position` integer NOT NULL,
	`unscored_at` integer,
	`grade_at` integer,
	`moved_at` integer,
	`row` text NOT NULL,
	PRIMARY KEY(`preview_id`, `position`),
	FOREIGN KEY (`preview_id`) REFERENCES `impact_previews`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `impact_preview_rows_unscored_idx` ON `impact_preview_rows` (`preview_id`,`unscored_at`) WHERE "impact_preview_rows"."unscored_at" is not null;--> statement-breakpoint
CREATE INDEX `impact_preview_rows_grade_idx` ON `impact_preview_rows` (`preview_id`,`grade_at`) WHERE "impact_preview_rows"."grade_at" is not null;--> statement-breakpoint
CREATE INDEX `impact_preview_rows_moved_idx` ON `impact_preview_rows` (`preview_id`,`moved_at`) WHERE "impact_preview_rows"."moved_at" is not null;--> statement-breakpoint
CREATE TABLE `impact_previews` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`version_id` integer NOT NULL,
	`period_id` integer NOT NULL,
	`data_mark` integer NOT NULL,
	`header` text NOT NULL,
	`created_at` integer DEFAULT (cast(unixepoch('subsecond') * 1000 as integer)) NOT NULL,
	FOREIGN KEY (`version_id`) REFERENCES `kpi_set_versions`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`period_id`) REFERENCES `periods`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `impact_previews_key` ON `impact_previews` (`version_id`,`period_id`,`data_mark`);