DROP INDEX `determinations_run_county_idx`;--> statement-breakpoint
CREATE INDEX `determinations_run_facts_idx` ON `determinations` (`run_id`,json_extract(`explanation`, '$.county'),json_extract(`explanation`, '$.type'),json_extract(`explanation`, '$.truth'),json_extract(`explanation`, '$.demand'),`eligible`,`amount`);
