CREATE TABLE `account` (
	`id` text PRIMARY KEY NOT NULL,
	`account_id` text NOT NULL,
	`provider_id` text NOT NULL,
	`user_id` text NOT NULL,
	`access_token` text,
	`refresh_token` text,
	`id_token` text,
	`access_token_expires_at` integer,
	`refresh_token_expires_at` integer,
	`scope` text,
	`password` text,
	`created_at` integer DEFAULT (cast(unixepoch('subsecond') * 1000 as integer)) NOT NULL,
	`updated_at` integer DEFAULT (cast(unixepoch('subsecond') * 1000 as integer)) NOT NULL,
	FOREIGN KEY (`user_id`) REFERENCES `user`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `account_user_idx` ON `account` (`user_id`);--> statement-breakpoint
CREATE TABLE `session` (
	`id` text PRIMARY KEY NOT NULL,
	`expires_at` integer NOT NULL,
	`token` text NOT NULL,
	`created_at` integer DEFAULT (cast(unixepoch('subsecond') * 1000 as integer)) NOT NULL,
	`updated_at` integer DEFAULT (cast(unixepoch('subsecond') * 1000 as integer)) NOT NULL,
	`ip_address` text,
	`user_agent` text,
	`user_id` text NOT NULL,
	FOREIGN KEY (`user_id`) REFERENCES `user`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `session_token_unique` ON `session` (`token`);--> statement-breakpoint
CREATE INDEX `session_user_idx` ON `session` (`user_id`);--> statement-breakpoint
CREATE TABLE `sign_in_failures` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`username` text NOT NULL,
	`at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `sign_in_failures_username_at_idx` ON `sign_in_failures` (`username`,`at`);--> statement-breakpoint
CREATE TABLE `user` (
	`id` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`email` text NOT NULL,
	`email_verified` integer DEFAULT false NOT NULL,
	`image` text,
	`created_at` integer DEFAULT (cast(unixepoch('subsecond') * 1000 as integer)) NOT NULL,
	`updated_at` integer DEFAULT (cast(unixepoch('subsecond') * 1000 as integer)) NOT NULL,
	`username` text,
	`display_username` text,
	`role` text DEFAULT 'stakeholder' NOT NULL,
	`disabled` integer DEFAULT false NOT NULL,
	`locale` text,
	`stakeholder_id` integer,
	FOREIGN KEY (`stakeholder_id`) REFERENCES `stakeholders`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "user_role_check" CHECK("user"."role" in ('admin','assessor','stakeholder')),
	CONSTRAINT "user_locale_check" CHECK("user"."locale" is null or "user"."locale" in ('en','zh-CN')),
	CONSTRAINT "user_stakeholder_scope_check" CHECK(("user"."role" = 'stakeholder') = ("user"."stakeholder_id" is not null))
);
--> statement-breakpoint
CREATE UNIQUE INDEX `user_email_unique` ON `user` (`email`);--> statement-breakpoint
CREATE UNIQUE INDEX `user_username_unique` ON `user` (`username`);--> statement-breakpoint
CREATE TABLE `user_region_scopes` (
	`user_id` text NOT NULL,
	`region_id` integer NOT NULL,
	PRIMARY KEY(`user_id`, `region_id`),
	FOREIGN KEY (`user_id`) REFERENCES `user`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`region_id`) REFERENCES `regions`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `verification` (
	`id` text PRIMARY KEY NOT NULL,
	`identifier` text NOT NULL,
	`value` text NOT NULL,
	`expires_at` integer NOT NULL,
	`created_at` integer DEFAULT (cast(unixepoch('subsecond') * 1000 as integer)) NOT NULL,
	`updated_at` integer DEFAULT (cast(unixepoch('subsecond') * 1000 as integer)) NOT NULL
);
--> statement-breakpoint
CREATE TABLE `regions` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`code` text NOT NULL,
	`name_zh` text NOT NULL,
	`name_en` text NOT NULL,
	`level` text NOT NULL,
	`parent_id` integer,
	`path` text NOT NULL,
	FOREIGN KEY (`parent_id`) REFERENCES `regions`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "regions_level_check" CHECK("regions"."level" in ('province','prefecture','county','township','village'))
);
--> statement-breakpoint
CREATE UNIQUE INDEX `regions_code_unique` ON `regions` (`code`);--> statement-breakpoint
CREATE INDEX `regions_parent_idx` ON `regions` (`parent_id`);--> statement-breakpoint
CREATE INDEX `regions_path_idx` ON `regions` (`path`);--> statement-breakpoint
CREATE TABLE `stakeholder_types` (
	`code` text PRIMARY KEY NOT NULL,
	`name_zh` text NOT NULL,
	`name_en` text NOT NULL,
	CONSTRAINT "stakeholder_types_code_check" CHECK("stakeholder_types"."code" in ('county_town','rural','market'))
);
--> statement-breakpoint
CREATE TABLE `stakeholders` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`code` text NOT NULL,
	`name` text NOT NULL,
	`type` text NOT NULL,
	`region_id` integer NOT NULL,
	`credit_code` text,
	`contact_name` text,
	`contact_phone` text,
	`active` integer DEFAULT true NOT NULL,
	`created_at` integer DEFAULT (cast(unixepoch('subsecond') * 1000 as integer)) NOT NULL,
	`updated_at` integer DEFAULT (cast(unixepoch('subsecond') * 1000 as integer)) NOT NULL,
	FOREIGN KEY (`type`) REFERENCES `stakeholder_types`(`code`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`region_id`) REFERENCES `regions`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "stakeholders_credit_code_len" CHECK("stakeholders"."credit_code" is null or length("stakeholders"."credit_code") = 18)
);
--> statement-breakpoint
CREATE UNIQUE INDEX `stakeholders_code_unique` ON `stakeholders` (`code`);--> statement-breakpoint
CREATE UNIQUE INDEX `stakeholders_credit_code_unique` ON `stakeholders` (`credit_code`);--> statement-breakpoint
CREATE INDEX `stakeholders_region_idx` ON `stakeholders` (`region_id`);--> statement-breakpoint
CREATE INDEX `stakeholders_type_idx` ON `stakeholders` (`type`);--> statement-breakpoint
CREATE TABLE `indicators` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`code` text NOT NULL,
	`name_zh` text NOT NULL,
	`name_en` text NOT NULL,
	`description_zh` text,
	`description_en` text,
	`unit` text NOT NULL,
	`direction` text NOT NULL,
	`value_type` text DEFAULT 'number' NOT NULL,
	`min_value` real,
	`max_value` real,
	`evidence_required` integer DEFAULT false NOT NULL,
	`red_flag_above` real,
	`retired` integer DEFAULT false NOT NULL,
	`created_at` integer DEFAULT (cast(unixepoch('subsecond') * 1000 as integer)) NOT NULL,
	`updated_at` integer DEFAULT (cast(unixepoch('subsecond') * 1000 as integer)) NOT NULL,
	CONSTRAINT "indicators_direction_check" CHECK("indicators"."direction" in ('higher','lower')),
	CONSTRAINT "indicators_value_type_check" CHECK("indicators"."value_type" in ('number','integer','percent')),
	CONSTRAINT "indicators_range_check" CHECK("indicators"."min_value" is null or "indicators"."max_value" is null or "indicators"."min_value" < "indicators"."max_value")
);
--> statement-breakpoint
CREATE UNIQUE INDEX `indicators_code_unique` ON `indicators` (`code`);--> statement-breakpoint
CREATE TABLE `kpi_set_indicators` (
	`version_id` integer NOT NULL,
	`indicator_id` integer NOT NULL,
	`objective_id` integer NOT NULL,
	`weight` real NOT NULL,
	`normalization` text NOT NULL,
	`position` integer DEFAULT 0 NOT NULL,
	PRIMARY KEY(`version_id`, `indicator_id`),
	FOREIGN KEY (`version_id`) REFERENCES `kpi_set_versions`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`indicator_id`) REFERENCES `indicators`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`objective_id`) REFERENCES `objectives`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "kpi_set_indicators_weight_check" CHECK("kpi_set_indicators"."weight" > 0)
);
--> statement-breakpoint
CREATE TABLE `kpi_set_objectives` (
	`version_id` integer NOT NULL,
	`objective_id` integer NOT NULL,
	`weight` real NOT NULL,
	`position` integer DEFAULT 0 NOT NULL,
	PRIMARY KEY(`version_id`, `objective_id`),
	FOREIGN KEY (`version_id`) REFERENCES `kpi_set_versions`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`objective_id`) REFERENCES `objectives`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "kpi_set_objectives_weight_check" CHECK("kpi_set_objectives"."weight" > 0)
);
--> statement-breakpoint
CREATE TABLE `kpi_set_versions` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`kpi_set_id` integer NOT NULL,
	`version` integer NOT NULL,
	`status` text DEFAULT 'draft' NOT NULL,
	`scale` real DEFAULT 100 NOT NULL,
	`aggregation_indicators` text DEFAULT 'arithmetic' NOT NULL,
	`aggregation_objectives` text DEFAULT 'arithmetic' NOT NULL,
	`missing_policy` text DEFAULT 'reweight' NOT NULL,
	`min_completeness` real DEFAULT 0.8 NOT NULL,
	`grades` text NOT NULL,
	`method_hash` text,
	`effective_from_period_id` integer,
	`change_note` text,
	`created_at` integer DEFAULT (cast(unixepoch('subsecond') * 1000 as integer)) NOT NULL,
	`created_by` text,
	`published_at` integer,
	`published_by` text,
	FOREIGN KEY (`kpi_set_id`) REFERENCES `kpi_sets`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`effective_from_period_id`) REFERENCES `periods`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by`) REFERENCES `user`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`published_by`) REFERENCES `user`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "kpi_set_versions_status_check" CHECK("kpi_set_versions"."status" in ('draft','published')),
	CONSTRAINT "kpi_set_versions_agg_check" CHECK("kpi_set_versions"."aggregation_indicators" in ('arithmetic','geometric') and "kpi_set_versions"."aggregation_objectives" in ('arithmetic','geometric')),
	CONSTRAINT "kpi_set_versions_missing_check" CHECK("kpi_set_versions"."missing_policy" in ('reweight','zero','reject')),
	CONSTRAINT "kpi_set_versions_scale_check" CHECK("kpi_set_versions"."scale" > 0),
	CONSTRAINT "kpi_set_versions_published_check" CHECK("kpi_set_versions"."status" = 'draft' or ("kpi_set_versions"."published_at" is not null and "kpi_set_versions"."method_hash" is not null and "kpi_set_versions"."change_note" is not null))
);
--> statement-breakpoint
CREATE UNIQUE INDEX `kpi_set_versions_set_version_uq` ON `kpi_set_versions` (`kpi_set_id`,`version`);--> statement-breakpoint
CREATE TABLE `kpi_sets` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`code` text NOT NULL,
	`stakeholder_type` text NOT NULL,
	`name_zh` text NOT NULL,
	`name_en` text NOT NULL,
	`created_at` integer DEFAULT (cast(unixepoch('subsecond') * 1000 as integer)) NOT NULL,
	FOREIGN KEY (`stakeholder_type`) REFERENCES `stakeholder_types`(`code`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `kpi_sets_code_unique` ON `kpi_sets` (`code`);--> statement-breakpoint
CREATE INDEX `kpi_sets_type_idx` ON `kpi_sets` (`stakeholder_type`);--> statement-breakpoint
CREATE TABLE `objectives` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`code` text NOT NULL,
	`name_zh` text NOT NULL,
	`name_en` text NOT NULL,
	`description_zh` text,
	`description_en` text,
	`position` integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `objectives_code_unique` ON `objectives` (`code`);--> statement-breakpoint
CREATE TABLE `evaluation_values` (
	`evaluation_id` integer NOT NULL,
	`indicator_id` integer NOT NULL,
	`value` real,
	`note` text,
	`evidence_url` text,
	PRIMARY KEY(`evaluation_id`, `indicator_id`),
	FOREIGN KEY (`evaluation_id`) REFERENCES `evaluations`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`indicator_id`) REFERENCES `indicators`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `evaluations` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`stakeholder_id` integer NOT NULL,
	`period_id` integer NOT NULL,
	`kpi_set_version_id` integer NOT NULL,
	`status` text DEFAULT 'draft' NOT NULL,
	`revision` integer DEFAULT 1 NOT NULL,
	`return_reason` text,
	`excluded_reason` text,
	`created_by` text,
	`submitted_by` text,
	`submitted_at` integer,
	`approved_by` text,
	`approved_at` integer,
	`created_at` integer DEFAULT (cast(unixepoch('subsecond') * 1000 as integer)) NOT NULL,
	`updated_at` integer DEFAULT (cast(unixepoch('subsecond') * 1000 as integer)) NOT NULL,
	FOREIGN KEY (`stakeholder_id`) REFERENCES `stakeholders`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`period_id`) REFERENCES `periods`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`kpi_set_version_id`) REFERENCES `kpi_set_versions`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by`) REFERENCES `user`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`submitted_by`) REFERENCES `user`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`approved_by`) REFERENCES `user`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "evaluations_status_check" CHECK("evaluations"."status" in ('draft','submitted','returned','approved')),
	CONSTRAINT "evaluations_approver_check" CHECK("evaluations"."approved_by" is null or "evaluations"."submitted_by" is null or "evaluations"."approved_by" <> "evaluations"."submitted_by")
);
--> statement-breakpoint
CREATE UNIQUE INDEX `evaluations_stakeholder_period_uq` ON `evaluations` (`stakeholder_id`,`period_id`);--> statement-breakpoint
CREATE INDEX `evaluations_period_idx` ON `evaluations` (`period_id`);--> statement-breakpoint
CREATE TABLE `periods` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`code` text NOT NULL,
	`kind` text NOT NULL,
	`starts_on` text NOT NULL,
	`ends_on` text NOT NULL,
	`status` text DEFAULT 'open' NOT NULL,
	`closed_at` integer,
	`published_at` integer,
	`created_at` integer DEFAULT (cast(unixepoch('subsecond') * 1000 as integer)) NOT NULL,
	CONSTRAINT "periods_kind_check" CHECK("periods"."kind" in ('quarter','year')),
	CONSTRAINT "periods_status_check" CHECK("periods"."status" in ('open','closed','published')),
	CONSTRAINT "periods_dates_check" CHECK("periods"."starts_on" <= "periods"."ends_on")
);
--> statement-breakpoint
CREATE UNIQUE INDEX `periods_code_unique` ON `periods` (`code`);--> statement-breakpoint
CREATE TABLE `score_runs` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`period_id` integer NOT NULL,
	`kpi_set_version_id` integer NOT NULL,
	`method_hash` text NOT NULL,
	`input_hash` text NOT NULL,
	`kind` text DEFAULT 'official' NOT NULL,
	`status` text DEFAULT 'draft' NOT NULL,
	`created_at` integer DEFAULT (cast(unixepoch('subsecond') * 1000 as integer)) NOT NULL,
	`created_by` text,
	`published_at` integer,
	FOREIGN KEY (`period_id`) REFERENCES `periods`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`kpi_set_version_id`) REFERENCES `kpi_set_versions`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by`) REFERENCES `user`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "score_runs_status_check" CHECK("score_runs"."status" in ('draft','published')),
	CONSTRAINT "score_runs_kind_check" CHECK("score_runs"."kind" in ('official','provisional','preview'))
);
--> statement-breakpoint
CREATE INDEX `score_runs_period_idx` ON `score_runs` (`period_id`,`kpi_set_version_id`);--> statement-breakpoint
CREATE TABLE `scores` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`run_id` integer NOT NULL,
	`evaluation_id` integer NOT NULL,
	`stakeholder_id` integer NOT NULL,
	`composite` real,
	`grade` text,
	`rank` integer,
	`percentile` real,
	`county_rank` integer,
	`county_percentile` real,
	`completeness` real NOT NULL,
	`coupling_c` real,
	`coupling_t` real,
	`coupling_d` real,
	`coupling_class` integer,
	`objectives` text NOT NULL,
	`indicators` text NOT NULL,
	`warnings` text NOT NULL,
	FOREIGN KEY (`run_id`) REFERENCES `score_runs`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`evaluation_id`) REFERENCES `evaluations`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`stakeholder_id`) REFERENCES `stakeholders`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `scores_run_stakeholder_uq` ON `scores` (`run_id`,`stakeholder_id`);--> statement-breakpoint
CREATE INDEX `scores_stakeholder_idx` ON `scores` (`stakeholder_id`);--> statement-breakpoint
CREATE TABLE `determination_overrides` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`determination_id` integer NOT NULL,
	`eligible` integer NOT NULL,
	`amount` real,
	`reason` text NOT NULL,
	`created_at` integer DEFAULT (cast(unixepoch('subsecond') * 1000 as integer)) NOT NULL,
	`created_by` text NOT NULL,
	FOREIGN KEY (`determination_id`) REFERENCES `determinations`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by`) REFERENCES `user`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `determinations` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`run_id` integer NOT NULL,
	`stakeholder_id` integer NOT NULL,
	`eligible` integer NOT NULL,
	`amount` real,
	`rate` real,
	`title` text,
	`explanation` text NOT NULL,
	`gap` text,
	FOREIGN KEY (`run_id`) REFERENCES `eligibility_runs`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`stakeholder_id`) REFERENCES `stakeholders`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `determinations_run_stakeholder_uq` ON `determinations` (`run_id`,`stakeholder_id`);--> statement-breakpoint
CREATE TABLE `eligibility_runs` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`program_id` integer NOT NULL,
	`period_id` integer NOT NULL,
	`score_run_id` integer,
	`program_snapshot` text NOT NULL,
	`input_hash` text NOT NULL,
	`created_at` integer DEFAULT (cast(unixepoch('subsecond') * 1000 as integer)) NOT NULL,
	`created_by` text,
	FOREIGN KEY (`program_id`) REFERENCES `incentive_programs`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`period_id`) REFERENCES `periods`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`score_run_id`) REFERENCES `score_runs`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by`) REFERENCES `user`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `incentive_programs` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`code` text NOT NULL,
	`kind` text NOT NULL,
	`name_zh` text NOT NULL,
	`name_en` text NOT NULL,
	`description_zh` text,
	`description_en` text,
	`eligible_types` text NOT NULL,
	`rule` text NOT NULL,
	`benefit` text NOT NULL,
	`budget` real,
	`allocation` text,
	`status` text DEFAULT 'draft' NOT NULL,
	`created_at` integer DEFAULT (cast(unixepoch('subsecond') * 1000 as integer)) NOT NULL,
	`updated_at` integer DEFAULT (cast(unixepoch('subsecond') * 1000 as integer)) NOT NULL,
	CONSTRAINT "incentive_programs_kind_check" CHECK("incentive_programs"."kind" in ('subsidy','tax_break','commendation')),
	CONSTRAINT "incentive_programs_status_check" CHECK("incentive_programs"."status" in ('draft','active','archived')),
	CONSTRAINT "incentive_programs_allocation_check" CHECK("incentive_programs"."allocation" is null or "incentive_programs"."allocation" in ('rank','pro_rata')),
	CONSTRAINT "incentive_programs_budget_check" CHECK("incentive_programs"."budget" is null or "incentive_programs"."budget" >= 0)
);
--> statement-breakpoint
CREATE UNIQUE INDEX `incentive_programs_code_unique` ON `incentive_programs` (`code`);--> statement-breakpoint
CREATE TABLE `audit_log` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`at` integer DEFAULT (cast(unixepoch('subsecond') * 1000 as integer)) NOT NULL,
	`actor_id` text,
	`action` text NOT NULL,
	`entity` text NOT NULL,
	`entity_id` text,
	`before` text,
	`after` text,
	`reason` text
);
--> statement-breakpoint
CREATE INDEX `audit_log_entity_idx` ON `audit_log` (`entity`,`entity_id`);--> statement-breakpoint
CREATE INDEX `audit_log_at_idx` ON `audit_log` (`at`);