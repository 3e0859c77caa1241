CREATE INDEX `audit_log_entity_only_idx` ON `audit_log` (`entity`);--> statement-breakpoint
CREATE INDEX `audit_log_entity_id_idx` ON `audit_log` (`entity_id`);