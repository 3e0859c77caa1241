PRAGMA foreign_keys=OFF;--> statement-breakpoint
CREATE TABLE `__new_determination_overrides` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`determination_id` integer NOT NULL,
	`eligible` integer NOT NULL,
	`amount` real,
	`reason` text NOT NULL,
	`over_budget` integer DEFAULT false NOT NULL,
	`status` text DEFAULT 'pending' NOT NULL,
	`created_at` integer DEFAULT (cast(unixepoch('subsecond') * 1000 as integer)) NOT NULL,
	`created_by` text NOT NULL,
	`decided_at` integer,
	`decided_by` text,
	`decision_reason` text,
	FOREIGN KEY (`determination_id`) REFERENCES `determinations`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by`) REFERENCES `user`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`decided_by`) REFERENCES `user`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "determination_overrides_status_check" CHECK("__new_determination_overrides"."status" in ('pending','approved','rejected')),
	CONSTRAINT "determination_overrides_amount_check" CHECK("__new_determination_overrides"."amount" is null or "__new_determination_overrides"."amount" >= 0),
	CONSTRAINT "determination_overrides_decision_check" CHECK(("__new_determination_overrides"."status" = 'pending') = ("__new_determination_overrides"."decided_by" is null))
);
--> statement-breakpoint
-- Overrides recorded before four eyes wait for a second administrator like new ones.
INSERT INTO `__new_determination_overrides`("id", "determination_id", "eligible", "amount", "reason", "created_at", "created_by") SELECT "id", "determination_id", "eligible", "amount", "reason", "created_at", "created_by" FROM `determination_overrides`;--> statement-breakpoint
DROP TABLE `determination_overrides`;--> statement-breakpoint
ALTER TABLE `__new_determination_overrides` RENAME TO `determination_overrides`;--> statement-breakpoint
PRAGMA foreign_keys=ON;--> statement-breakpoint
CREATE INDEX `determination_overrides_determination_idx` ON `determination_overrides` (`determination_id`,`status`,`id`);