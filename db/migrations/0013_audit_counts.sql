CREATE TABLE `audit_counts` (
	`entity` text NOT NULL,
	`action` text NOT NULL,
	`n` integer NOT NULL,
	PRIMARY KEY(`entity`, `action`)
);
