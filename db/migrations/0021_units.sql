-- Units become a catalogue with both names; indicators reference it by code. Known English and
-- Chinese spellings map onto the built-in codes (core/i18n/units.ts lists the same); any other text
-- becomes its own catalogue row, so no unit is lost.
CREATE TABLE `units` (
	`code` text PRIMARY KEY NOT NULL,
	`name_zh` text NOT NULL,
	`name_en` text NOT NULL,
	`attached` integer DEFAULT false NOT NULL,
	`created_at` integer DEFAULT (cast(unixepoch('subsecond') * 1000 as integer)) NOT NULL
);
--> statement-breakpoint
INSERT INTO `units` (`code`, `name_zh`, `name_en`, `attached`) VALUES
  ('person', '人', 'persons', 0),
  ('person_time', '人次', 'person-times', 0),
  ('household', '户', 'households', 0),
  ('yuan', '元', 'yuan', 0),
  ('yuan_10k', '万元', '10k yuan', 0),
  ('yuan_100m', '亿元', '100m yuan', 0),
  ('percent', '%', '%', 1),
  ('times', '次', 'times', 0),
  ('session', '场', 'sessions', 0),
  ('item', '个', 'count', 0),
  ('enterprise', '家', 'enterprises', 0),
  ('ratio', '倍', 'ratio', 0),
  ('mu', '亩', 'mu', 0),
  ('hectare', '公顷', 'ha', 0),
  ('tonne', '吨', 'tonnes', 0),
  ('kilogram', '千克', 'kg', 0),
  ('km', '公里', 'km', 0);
--> statement-breakpoint
CREATE TEMP TABLE `unit_spellings` (`spelling` text PRIMARY KEY NOT NULL, `code` text NOT NULL);
--> statement-breakpoint
INSERT INTO `unit_spellings` (`spelling`, `code`) VALUES
  ('person', 'person'),
  ('persons', 'person'),
  ('people', 'person'),
  ('人', 'person'),
  ('person_time', 'person_time'),
  ('person-times', 'person_time'),
  ('person times', 'person_time'),
  ('人次', 'person_time'),
  ('household', 'household'),
  ('households', 'household'),
  ('户', 'household'),
  ('yuan', 'yuan'),
  ('rmb', 'yuan'),
  ('cny', 'yuan'),
  ('元', 'yuan'),
  ('yuan_10k', 'yuan_10k'),
  ('10k yuan', 'yuan_10k'),
  ('10,000 yuan', 'yuan_10k'),
  ('10000 yuan', 'yuan_10k'),
  ('ten thousand yuan', 'yuan_10k'),
  ('万元', 'yuan_10k'),
  ('yuan_100m', 'yuan_100m'),
  ('100m yuan', 'yuan_100m'),
  ('100 million yuan', 'yuan_100m'),
  ('亿元', 'yuan_100m'),
  ('percent', 'percent'),
  ('%', 'percent'),
  ('pct', 'percent'),
  ('％', 'percent'),
  ('百分比', 'percent'),
  ('times', 'times'),
  ('time', 'times'),
  ('次', 'times'),
  ('session', 'session'),
  ('sessions', 'session'),
  ('场', 'session'),
  ('场次', 'session'),
  ('item', 'item'),
  ('count', 'item'),
  ('items', 'item'),
  ('个', 'item'),
  ('enterprise', 'enterprise'),
  ('enterprises', 'enterprise'),
  ('companies', 'enterprise'),
  ('家', 'enterprise'),
  ('ratio', 'ratio'),
  ('x', 'ratio'),
  ('×', 'ratio'),
  ('倍', 'ratio'),
  ('mu', 'mu'),
  ('亩', 'mu'),
  ('hectare', 'hectare'),
  ('ha', 'hectare'),
  ('hectares', 'hectare'),
  ('公顷', 'hectare'),
  ('tonne', 'tonne'),
  ('tonnes', 'tonne'),
  ('tons', 'tonne'),
  ('ton', 'tonne'),
  ('t', 'tonne'),
  ('吨', 'tonne'),
  ('kilogram', 'kilogram'),
  ('kg', 'kilogram'),
  ('kilograms', 'kilogram'),
  ('千克', 'kilogram'),
  ('公斤', 'kilogram'),
  ('km', 'km'),
  ('kilometre', 'km'),
  ('kilometres', 'km'),
  ('kilometer', 'km'),
  ('kilometers', 'km'),
  ('公里', 'km'),
  ('千米', 'km');
--> statement-breakpoint
INSERT INTO `units` (`code`, `name_zh`, `name_en`)
SELECT DISTINCT trim(`unit`), trim(`unit`), trim(`unit`) FROM `indicators`
WHERE trim(`unit`) <> '' AND lower(trim(`unit`)) NOT IN (SELECT `spelling` FROM `unit_spellings`);
--> statement-breakpoint
ALTER TABLE `indicators` ADD `unit_code` text REFERENCES `units`(`code`);
--> statement-breakpoint
UPDATE `indicators` SET `unit_code` = coalesce(
	(SELECT `code` FROM `unit_spellings` WHERE `spelling` = lower(trim(`indicators`.`unit`))),
	nullif(trim(`unit`), '')
);
--> statement-breakpoint
ALTER TABLE `indicators` DROP COLUMN `unit`;
--> statement-breakpoint
DROP TABLE `unit_spellings`;
